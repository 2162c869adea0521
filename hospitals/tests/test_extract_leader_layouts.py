"""Leaders in the layouts of real hospital pages: lists after one post, label lines with spaces or
pipes, "post为name", bracketed second posts, transliterated names, and another hospital's leader
named first."""

from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract


def people_of(*paragraphs, title="桂平市人民医院"):
    parsed = ParsedArticle(
        title=title, sections=[Section("", ["桂平市人民医院召开年度工作会议。", *paragraphs])]
    )
    return {(p.name, p.hospital): p.titles for p in extract(parsed).people}


def names(*paragraphs):
    return {name: titles for (name, _h), titles in people_of(*paragraphs).items()}


def test_a_label_line_lists_several_names_after_one_post_padded_or_not():
    found = names("副院长 韦小明 潘 勇 覃丽娟")
    assert {n: found.get(n) for n in ("韦小明", "潘勇", "覃丽娟")} == {
        "韦小明": ["副院长"],
        "潘勇": ["副院长"],
        "覃丽娟": ["副院长"],
    }


def test_the_last_name_of_a_list_may_run_into_the_verb_after_it():
    found = names("副院长 黎志成 莫丽华出席会议。")
    assert found.get("莫丽华") == ["副院长"] and found.get("黎志成") == ["副院长"]


def test_posts_and_names_separated_by_pipes_one_after_another():
    found = names("工会主席|蒙建新|总会计师|甘 红")
    assert found.get("蒙建新") == ["工会主席"] and found.get("甘红") == ["总会计师"]


def test_a_post_with_a_colon_before_a_name_that_a_verb_follows():
    assert names("院长：覃志强出席开幕式并致辞。").get("覃志强") == ["院长"]


def test_post_wei_name_in_prose():
    assert names("该院党委书记为梁国栋，院长为黄海波。") == {"梁国栋": ["党委书记"], "黄海波": ["院长"]}
    # 为 followed by words that are no name is no leader.
    assert names("院长为大家讲解。") == {}


def test_a_second_post_in_brackets_is_joined_to_the_first():
    assert names("院长(党委副书记)陆明辉主持会议。").get("陆明辉") == ["院长", "党委副书记"]
    assert names("院长助理（工会主席） 邝志勇").get("邝志勇") == ["院长助理", "工会主席"]
    assert names("陆明辉(兼党委副书记)介绍了情况。").get("陆明辉") == ["党委副书记"]


def test_joined_posts_before_a_four_character_transliterated_name():
    # Five transliterated characters are one name too.
    assert names("医院党委副书记、院长热依拉古丽主持仪式。") == {"热依拉古丽": ["党委副书记", "院长"]}
    assert names("医院党委副书记、院长热依拉新主持仪式。") == {}  # 新 is no transliteration
    assert names("医院党委副书记、院长阿依古丽主持仪式。").get("阿依古丽") == ["党委副书记", "院长"]


def test_another_hospitals_leader_named_first_does_not_claim_ours():
    found = people_of("华山医院院长钱建国与院党委书记韦丽萍共同揭牌。华山医院专家来院坐诊。")
    assert found.get(("钱建国", "华山医院")) == ["院长"]
    assert found.get(("韦丽萍", "桂平市人民医院")) == ["党委书记"]
