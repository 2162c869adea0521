"""Extraction of short texts written for the tests: whole texts read as the import reads them,
the subject's leaders, and the metrics of paragraphs about one hospital."""

from articles.cleaning import parse_article
from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract


def extract_text(text):
    """The extraction of the first item of `text`, cleaned as an imported file is."""
    return extract(parse_article(text)[0])


def extract_body(body, title="标题"):
    return extract_text(f"{title}\n\n{body}\n")


def subject_leaders(ex):
    """{name: titles} of the people found for the subject hospital."""
    return {p.name: p.titles for p in ex.people if p.hospital == ex.subject.name}


class Paragraphs:
    """Paragraphs about `hospital`, after an opening sentence that names it; what they yield."""

    def __init__(self, hospital, opening):
        self.hospital = hospital
        self.opening = hospital + opening

    def metrics_of(self, *paragraphs):
        parsed = ParsedArticle(title=self.hospital, sections=[Section("", [self.opening, *paragraphs])])
        return [
            (m.name, float(m.value), m.unit, None if m.from_value is None else float(m.from_value), m.planned)
            for m in extract(parsed).metrics
        ]

    def values(self, *paragraphs):
        return {(v, unit) for _n, v, unit, _f, _p in self.metrics_of(*paragraphs)}

    def named(self, *paragraphs):
        return {(n, v, unit) for n, v, unit, _f, _p in self.metrics_of(*paragraphs)}
