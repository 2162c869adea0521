import pytest

from articles.models import Article
from articles.slugs import slug_base, unique_slug


def test_the_base_is_pinyin_with_ascii_words_kept():
    assert slug_base("青山医院") == "qing-shan-yi-yuan"
    assert slug_base("2023年ABC医院：“党建+”") == "2023-nian-abc-yi-yuan-dang-jian"
    assert slug_base("！？") == ""


def test_the_base_is_cut_at_a_word_boundary_dash():
    assert slug_base("青山医院", max_length=9) == "qing-shan"


@pytest.mark.django_db
def test_a_taken_slug_gets_the_next_free_number():
    assert unique_slug(Article, "青山医院", suffix="-ab12cd") == "qing-shan-yi-yuan-ab12cd"
    for slug in ("qing-shan-yi-yuan-ab12cd", "qing-shan-yi-yuan-ab12cd-2"):
        Article.objects.create(slug=slug, title="t", source_file=slug, content_hash="x")
    assert unique_slug(Article, "青山医院", suffix="-ab12cd") == "qing-shan-yi-yuan-ab12cd-3"


@pytest.mark.django_db
def test_text_without_letters_falls_back_to_the_default():
    assert unique_slug(Article, "！", default="article") == "article"
