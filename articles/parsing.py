"""Data shapes that cleaning produces and extraction consumes (no database)."""

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class ParsedArticle:
    title: str
    subtitle: str = ""
    publication: str = ""
    published_on: date | None = None
    authors: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    # A news item's dateline (本报上海讯, 新华社杭州3月1日电): where the story was filed.
    dateline: str = ""

    @property
    def body(self):
        """The clean text: each heading and paragraph on its own line, in order.

        Character offsets into this string are the evidence spans of extracted facts,
        and Article.body stores exactly this string.
        """
        lines = []
        for section in self.sections:
            if section.heading:
                lines.append(section.heading)
            lines.extend(section.paragraphs)
        return "\n".join(lines)
