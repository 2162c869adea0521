"""Lay an article's sections out for display, with an optional evidence span marked."""


def _split(text, start, end, offset):
    """Cut `text` (which starts at `offset` in the body) around the body span [start, end)."""
    lo = max(start - offset, 0)
    hi = min(end - offset, len(text))
    if start is None or hi <= 0 or lo >= len(text) or lo >= hi:
        return {"before": text, "marked": "", "after": ""}
    return {"before": text[:lo], "marked": text[lo:hi], "after": text[hi:]}


def layout(sections, highlight=None):
    """Return sections as [{heading, paragraphs: [{before, marked, after}]}].

    Offsets follow ParsedArticle.body: every heading and paragraph is one line, joined by "\\n".
    `highlight` is a (start, end) span in that body; the part of each line inside it is `marked`.
    """
    start, end = highlight if highlight else (None, None)
    offset = 0
    laid_out = []
    for section in sections:
        heading = section.get("heading", "")
        if heading:
            offset += len(heading) + 1
        paragraphs = []
        for text in section.get("paragraphs", []):
            paragraphs.append(_split(text, start, end, offset) if start is not None else {"before": text})
            offset += len(text) + 1
        laid_out.append({"heading": heading, "paragraphs": paragraphs})
    return laid_out


def parse_span(value, body_length):
    """Parse "12-40" from a query string into a span inside the body, or None."""
    try:
        start, end = (int(part) for part in value.split("-", 1))
    except (AttributeError, ValueError):
        return None
    if 0 <= start < end <= body_length:
        return start, end
    return None
