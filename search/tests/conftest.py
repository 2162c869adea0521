import hashlib
from pathlib import Path

import pytest
from django.test import override_settings

from articles.models import Article
from search import index, signals

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture
def index_dir(tmp_path):
    """A private index folder for the test."""
    with override_settings(SEARCH_INDEX_DIR=tmp_path / "index"):
        index.invalidate_dictionary()
        signals.discard_pending()
        yield tmp_path / "index"
    index.close_searchers()
    index.invalidate_dictionary()


def make_article(title, body, slug=None, **extra):
    slug = slug or "a-" + hashlib.sha1((title + body).encode()).hexdigest()[:12]
    return Article.objects.create(
        slug=slug,
        title=title,
        body=body,
        source_file=f"{slug}.txt",
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
        **extra,
    )


@pytest.fixture
def seed_articles(db):
    """The five seed files, raw, one article each (title = first non-empty line)."""
    articles = []
    for i, path in enumerate(sorted(FIXTURES.glob("00?_*.txt"))):
        text = path.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.strip()).strip()
        articles.append(make_article(title[:300], text, slug=f"seed-{i}"))
    return articles


@pytest.fixture
def whoosh_backend(settings):
    """For tests of the Whoosh backend's own modules: its index, whatever SEARCH_BACKEND says."""
    settings.SEARCH_BACKEND = "whoosh"
