"""Synthetic articles for the benchmark commands, recombined from real articles' paragraphs.

`bench_search` bulk-creates these as Article rows; `bench_import` writes them as files and
imports them. One generator keeps both benchmarks on the same kind of text. Everything random
is seeded, so two runs build the same corpus.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass
class SyntheticArticle:
    number: int  # 1-based
    source: object  # the article its byline and publication come from
    title: str
    published_on: date
    paragraphs: list[str]

    @property
    def body(self):
        return "\n".join(self.paragraphs)

    def file_text(self):
        """The article as a file a newsroom would send: masthead, date, title, byline, paragraphs."""
        lines = []
        if getattr(self.source, "publication", ""):
            lines.append(self.source.publication)
        lines.append(f"{self.published_on.year}年{self.published_on.month}月{self.published_on.day}日")
        lines.append(self.title)
        authors = getattr(self.source, "authors", None) or []
        if authors:
            lines.append("记者" + " ".join(authors))
        lines.extend(self.paragraphs)
        return "\n\n".join(lines) + "\n"


def paragraphs_of(texts):
    """Lines of at least 8 characters, Markdown heading marks removed."""
    paragraphs = []
    for text in texts:
        for line in text.splitlines():
            line = line.strip().lstrip("#").strip()
            if len(line) >= 8:
                paragraphs.append(line)
    return paragraphs


def synthetic_articles(n, sources, seed=7):
    """N SyntheticArticles drawn from `sources` (objects with `body`, `publication`, `authors`).

    Each takes 4-10 random paragraphs of any source, a short paragraph as its title, a date
    within four years from 2020 and the byline and publication of one source.
    """
    paragraphs = paragraphs_of(s.body for s in sources)
    if not paragraphs:
        raise ValueError("the source articles have no paragraphs")
    short = [p for p in paragraphs if len(p) <= 40] or paragraphs
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    articles = []
    for i in range(n):
        # The order of the draws is fixed: changing it changes every benchmark's corpus.
        source = rng.choice(sources)
        chosen = [rng.choice(paragraphs) for _ in range(rng.randint(4, 10))]
        title = rng.choice(short)[:60]
        published_on = start + timedelta(days=rng.randrange(1500))
        articles.append(SyntheticArticle(i + 1, source, title, published_on, chosen))
    return articles
