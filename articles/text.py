"""Plain-text helpers for incoming article files: decoding, HTML to text, width and dates."""

import codecs
import os
import re
from datetime import date
from functools import lru_cache
from html.parser import HTMLParser

# CJK Unified Ideographs plus extension A and compatibility ideographs: enough to tell
# Chinese text (simplified or traditional) from everything else.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Bytes below 0x20 that plain text never contains (tab, LF, FF, CR and ESC are allowed).
_TEXT_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D, 0x1B}
_MAX_CONTROL_RATIO = 0.02

# Full-width digits/letters are print typesetting, not meaning; ％ reads as % in metrics.
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_WIDTH_TABLE.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})
_WIDTH_TABLE.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})
_WIDTH_TABLE.update({0xFF05: ord("%"), 0x3000: ord(" ")})
# A full-width full stop between digits is a decimal point (９０．７２％), elsewhere it is kept.
_DECIMAL_POINT = re.compile(r"(?<=\d)．(?=\d)")

# 2023年6月29日 (also with full-width digits already normalised by the caller).
_CHINESE_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept; the message says why."""


def decode_bytes(data: bytes) -> str:
    """Decode an article file and normalise its newlines to "\\n".

    Tries BOMs first, then strict UTF-8, then strict GB18030 (a superset of GBK/GB2312), and
    only then asks charset-normalizer. Raises UndecodableError for binary data or bytes that
    none of these can decode.
    """
    text = _decode_with_bom(data)
    if text is None:
        _reject_binary(data)
        text = _decode_strict(data)
    return normalize_newlines(text)


def _decode_with_bom(data):
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    return None


def _strict(data, encoding):
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UndecodableError(f"文件声明为 {encoding} 编码，但内容无法按该编码解码（{exc.reason}）") from exc


def _reject_binary(data):
    if b"\x00" in data:
        raise UndecodableError("文件含有空字节（NUL），看起来是二进制文件而不是文本")
    if not data:
        return
    controls = sum(1 for b in data if b < 0x20 and b not in _TEXT_CONTROLS)
    if controls / len(data) > _MAX_CONTROL_RATIO:
        raise UndecodableError("文件含有大量控制字符，看起来是二进制文件而不是文本")


def _decode_strict(data):
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UndecodableError("无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK")
    return str(best)


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


def has_chinese(s: str) -> bool:
    return bool(_HAN.search(s or ""))


def count_chinese(s: str) -> int:
    return len(_HAN.findall(s or ""))


_THOUSANDS_COMMA = re.compile(r"(?<=(?<![\d.])\d)，(?=\d{3}(?![\d.]))|(?<=\d{2})，(?=\d{3}(?![\d.]))")


def normalize_width(s: str) -> str:
    """Full-width ASCII letters, digits, ％ and the ideographic space become half-width.

    Chinese punctuation (，。：（）“” …) is left alone: it is part of the displayed text.
    """
    # "１，３２６人": a full-width comma inside a number groups its thousands.
    return _THOUSANDS_COMMA.sub(",", _DECIMAL_POINT.sub(".", s).translate(_WIDTH_TABLE))


def parse_chinese_date(s: str) -> date | None:
    """The first valid `YYYY年M月D日` date in `s`, or None."""
    for match in _CHINESE_DATE.finditer(normalize_width(s)):
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            continue
    return None


# Elements whose text is never article text.
_SKIPPED_TAGS = {"script", "style", "head", "noscript", "template", "svg", "iframe"}
# Elements that start a new line (paragraph-level layout).
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tr", "ul", "title", "body", "html",
}  # fmt: skip
_CELL_TAGS = {"td", "th"}
# A caption is set apart by a wider gap, the layout that cleaning reads as "photo caption".
_CAPTION_TAGS = {"figcaption", "caption"}
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
# Break markers, resolved after parsing so that nested blocks give one break, not several.
_BR, _BLOCK_BREAK, _CAPTION_BREAK = "\x01", "\x02", "\x03"
_BREAK_RUN = re.compile(r"[ \x01\x02\x03]*[\x01\x02\x03][ \x01\x02\x03]*")


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self.skip_depth += 1
        elif tag == "br":
            self.parts.append(_BR)
        elif tag in _CAPTION_TAGS:
            self.parts.append(_CAPTION_BREAK)
        elif tag in _BLOCK_TAGS:
            self.parts.append(_BLOCK_BREAK)
        elif tag in _CELL_TAGS:
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.parts.append(_BR)
        elif tag == "hr":
            self.parts.append(_BLOCK_BREAK)

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _CAPTION_TAGS:
            self.parts.append(_CAPTION_BREAK)
        elif tag in _BLOCK_TAGS:
            self.parts.append(_BLOCK_BREAK)

    def handle_data(self, data):
        if not self.skip_depth:
            # HTML collapses source whitespace; line structure comes from tags only.
            self.parts.append(_SPACES.sub(" ", data))


def html_to_text(html: str) -> str:
    """Plain text of an HTML document: block elements become line breaks (a blank line between
    paragraphs), script/style/head are dropped and entities are unescaped."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = _BREAK_RUN.sub(_resolve_breaks, "".join(parser.parts))
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def _resolve_breaks(match):
    run = match.group()
    if _CAPTION_BREAK in run:
        return "\n\n\n\n"
    if _BLOCK_BREAK in run:
        return "\n\n"
    return "\n" * run.count(_BR)


@lru_cache(maxsize=1)
def t2s_table():
    """{code point: simplified character} for traditional characters, one for one, from OpenCC's
    character table. Converting by character keeps every offset: extraction's spans and search's
    highlights point into the text as stored. (OpenCC's phrase tables can change the length.)"""
    import opencc

    table = {}
    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", "TSCharacters.txt")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                continue
            source, targets = parts
            target = targets.split(" ")[0]
            if len(source) == 1 and len(target) == 1 and source != target:
                table[ord(source)] = target
    # Hong Kong and Taiwan sites write some characters in their own variants (衞生院, 啓用); they
    # are folded through OpenCC's standard form (衞 -> 衛 -> 卫).
    for variants in ("HKVariantsRev.txt", "TWVariantsRev.txt"):
        with open(
            os.path.join(os.path.dirname(opencc.__file__), "dictionary", variants), encoding="utf-8"
        ) as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 2 or len(parts[0]) != 1 or ord(parts[0]) in table:
                    continue
                standard = parts[1].split(" ")[0]
                # Only variants of a traditional character: 么 and 抬 are simplified text already.
                target = table.get(ord(standard), "") if len(standard) == 1 else ""
                if target and target != parts[0]:
                    table[ord(parts[0])] = target
    return table


def to_simplified(text: str) -> str:
    """Simplified copy of `text`, character for character (same length, so offsets line up)."""
    return text.translate(t2s_table()) if text else text
