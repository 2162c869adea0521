"""Turn print-layout newspaper text into ParsedArticle items.

The input is text extracted from a newspaper page: one paragraph per line, but with column and
page breaks cutting sentences, photo captions and page furniture mixed in, and sometimes
several news items on one page. The pipeline:

1. read lines with the blank-line gaps around them, strip Markdown marks;
2. drop page furniture (keeping publication, date and credited writers as metadata);
3. take the title block (title, subtitle, byline);
4. classify each remaining line as caption, heading, byline, paragraph or title block;
5. join paragraphs broken by column breaks;
6. split the page into items and build sections.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from .bylines import names_in_credit, parse_byline, split_trailing_byline
from .furniture import PageMeta, is_ad_marker, is_furniture, is_link_list_header, is_web_furniture, read_meta
from .parsing import ParsedArticle, Section
from .text import count_chinese, normalize_newlines, normalize_width
from .webtext import repair_line


class EmptyArticleError(ValueError):
    """The text has no Chinese body text to make an article from."""


# --- Markdown -------------------------------------------------------------------------------
_MD_HEADING = re.compile(r"^(#{1,6})\s*")
_MD_BULLET = re.compile(r"^(?:[-*+]\s+|>\s*)")
# Neither part may hold its own opening mark, so a line of unclosed "[" or "(" costs linear time.
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\([^()]*\)")
_MD_BOLD_ONLY = re.compile(r"^\*\*([^*]+)\*\*$")
_MD_EMPHASIS = re.compile(r"\*\*|__")
# A row of a table drawn with bars (Markdown, or a web table copied as text): "| 床位 | 800张 |".
# It stays a line of its own, cells between " | ", so extraction can read it as a row.
_TABLE_ROW = re.compile(r"^[|｜](?:[^|｜]*[|｜]){2,}[^|｜]*$")
_TABLE_BAR = re.compile(r"\s*[|｜]\s*")
# The rule under a Markdown table's header: |---|:---:|.
_TABLE_RULE = re.compile(r"^[|｜]?(?:\s*:?[-－—]{2,}:?\s*[|｜]?)+$")
# Runs of spaces left by removed marks or print alignment collapse to one.
_SPACE_RUN = re.compile(r"\s+")

# --- Shapes of lines ------------------------------------------------------------------------
# Where a sentence may end; a line ending elsewhere was cut by a column or page break. A closing
# quote or bracket ends a sentence only after a stop: `…我先上。”` does, `打造“健康驿站”` does not.
_SENTENCE_END = "。！？!?…；;"
_CLOSERS = "”」』）)’"
_INTERNAL_STOP = re.compile(r"[。！？!?]")
# Headings may carry one comma (党建+“学科”，打造“健康驿站”), prose carries more.
_CLAUSE_MARKS = re.compile(r"[，,；;]")
_NOT_HEADING_END = "，,、；;：:（(“‘《"
_MAX_HEADING = 36
_MAX_DECK = 45
_MAX_CAPTION = 80
# Numbered section headings: `2 夯实学科基础 …`, `一、…`, `（三）…`.
_NUMBERED = re.compile(
    r"^(?:\d{1,2}\s+|\d{1,2}[、.．]\s*|[一二三四五六七八九十]{1,3}、\s*|[（(][一二三四五六七八九十\d]{1,3}[）)]\s*)(?=\S)"
)
# A subtitle is introduced by a dash: `——某医院以党建引领发展纪实`; a dash paragraph has full stops.
# Web pages also draw the dash with box-drawing lines (──, ━━).
_DASH_SUBTITLE = re.compile(r"^[—–\-－─━]{1,2}\s*([^。！？]{2,50})$")
_LEADING_DASHES = re.compile(r"^[—–\-－─━]+\s*")
# Column names of short-news blocks on a print page (简讯, 速递, …): each starts a new item.
_NEWS_COLUMN = re.compile(
    r"(?:速递|快[讯訊]|[简簡][讯訊]|短[讯訊]|[动動]态|[简簡][报報]|播[报報]|[传傳]真|集[锦錦]|速[览覽])$"
)
# Hospital in-house news speaks as 我院 ("our hospital"); newspaper features never do.
_IN_HOUSE_VOICE = re.compile(r"我院")
# News briefs open with a one-clause lead sentence set apart by a space: `强化培训，提升急救能力。 医院组织…`.
_BRIEF_LEAD = re.compile(r"^([^。！？\s]{4,30})[。！？]\s+\S")
_FIRST_SENTENCE = re.compile(r"^(.{4,40}?)[。！？!?]")
# Photo captions say so: `图为…`, `图：…`, `上图…`, `（摄影 …）`, or end with the photographer `张三 摄`.
_CAPTION_MARK = re.compile(
    r"^(?:[图圖]为|[图圖]\s*[:：]|[上下左右][图圖][:：为為\s]|[（(]\s*(?:摄影|[摄攝]|[图圖]片))|(?<!拍)[摄攝]\s*[）)]?$"
)
# A credit in brackets naming reporters (`（浙江日报记者 孙悦 通讯员 钱程）`) is a byline even when
# the names do not parse; it is never a heading.
_BRACKETED_CREDIT = re.compile(
    r"^[（(][^（()）]*(?:[记記]者|通[讯訊][员員]|撰稿|供稿|[摄攝]影?)[^（()）]*[）)]$"
)
# Inside a line, a full stop or semicolon means more than one sentence.
_PROSE_BREAK = re.compile(r"[。！？!?；;]")
# A news item opens with its dateline and byline: `本报讯（记者 王海燕 通讯员 高翔）3月8日，…`.
_NEWS_LEAD = re.compile(
    r"^(?:本[报報刊][讯訊]|[\u4e00-\u9fff]{2,8}[讯訊]|[\u4e00-\u9fff]{2,6}社[\u4e00-\u9fff]{2,6}\d{1,2}月\d{1,2}日[电電])"
    r"\s*[（(]([^（()）]{2,40})[）)]\s*"
)
# "院长：赵俊峰", "开放床位：1100张": a label and its value are information, never a slogan.
# Posts and names may be separated by spaces or pipes ("纪委书记|陈　丽"), in either script.
# The posts a leadership list names (总会计师, 工会主席 as well as 书记 and 院长).
_POST = (
    r"(?:书记|書記|院\s*[长長]|主任|总会计师|總會計師|工会主席|工會主席|总护士长|總護士長|总护理长|總護理長)"
)
_LABEL = re.compile(
    r"[\u4e00-\u9fff][：:]\s*\S"
    rf"|{_POST}(?:\s+|\s*[|｜]\s*)[\u4e00-\u9fff]{{1,3}}(?:\s|[|｜]|$)"
)
_LABEL_PAIR = r"(?:[·•●▪◆■][ \t]*)?[^：:，,。；;]{1,12}[：:][ \t]*(?=[^：:；;]{0,24}?\d)[^：:；;]{0,24}"
# A row of a leadership table, name first: "张 梅 党委副书记、纪委书记 主持纪委全面工作".
_NAME_POST_ROW = rf"(?:[\u4e00-\u9fff][ \t]{{1,2}}[\u4e00-\u9fff]|[\u4e00-\u9fff·]{{2,8}})[ \t]+[^：:，,。 \t]{{0,16}}?{_POST}"
_LABEL_VALUE = re.compile(
    rf"^(?:{_LABEL_PAIR}(?:[；;][ \t]*{_LABEL_PAIR})*[；;。]?"
    rf"|[^：:，,。]{{0,20}}?{_POST}(?:[ \t]*[：:|｜][ \t]*|[ \t]+)[\u4e00-\u9fff·]{{1,8}}[^，,。]{{0,50}}"
    rf"|{_NAME_POST_ROW}(?:[ \t][^。]{{0,50}})?)$"
)
# A leadership table flattened into lines: a post alone on its line, its holders' names on the
# lines after ("党委书记" / "王建明"). Joined, they are one label line.
_POST_ONLY = re.compile(
    rf"^(?:院|医院)?[\u4e00-\u9fff]{{0,6}}?{_POST}(?:[、和兼及][\u4e00-\u9fff]{{0,6}}?{_POST})*$"
)
_NAME_ONLY = re.compile(
    r"^(?:[\u4e00-\u9fff][ \t]{1,2}[\u4e00-\u9fff]|[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8})$"
)
_ASCII_END = re.compile(r"[A-Za-z0-9]$")
_ASCII_START = re.compile(r"^[A-Za-z0-9]")


@dataclass
class _Line:
    text: str
    blanks_before: int = 0
    blanks_after: int = 0
    md_level: int = 0
    bold_only: bool = False
    kind: str = ""  # furniture, caption, heading, deck, para, byline, title-block
    authors: list = field(default_factory=list)
    lead_authors: list = field(default_factory=list)  # from `本报讯（记者 …）` opening the line
    dateline: str = ""  # `本报上海讯` of that opening
    post_line: bool = False  # a leadership post alone on its line, waiting for its names
    table: bool = False  # a row of a table: never joined to its neighbours


# --- 1. Lines -------------------------------------------------------------------------------


def _read_lines(text):
    lines, blanks = [], 0
    for raw in normalize_newlines(text).split("\n"):
        stripped = repair_line(normalize_width(raw.replace("\xa0", " "))).strip()
        if not stripped:
            blanks += 1
            continue
        if lines:
            lines[-1].blanks_after = blanks
        stripped = _BRACKET_LABEL.sub(_label_colon, stripped)
        row = _spaced_row(stripped)
        if row and lines and not lines[-1].table and not blanks:
            # The column heads over the first row: "院区　开放床位（张）　职工（人）".
            head = _spaced_head(lines[-1].text, row.count(" | ") + 1)
            if head:
                lines[-1] = _strip_markdown(head, lines[-1].blanks_before)
        lines.append(_strip_markdown(row or stripped, blanks))
        blanks = 0
    if lines:
        lines[-1].blanks_after = max(blanks, 2)
    return lines


# A profile page's fact list with its labels in brackets: "【编制床位】300张", "【院　　长】刘某".
# It reads as the label list it is ("编制床位：300张"); a tag alone on its line or before another
# bracket (【打印】【关闭】) is no label.
_BRACKET_LABEL = re.compile(r"^【([\u4e00-\u9fff][\u4e00-\u9fff 　]{0,14}[\u4e00-\u9fff])】[ 　]*(?=[^【\s])")


def _label_colon(m):
    return re.sub(r"[ 　]", "", m.group(1)) + "："


# A table laid out with spaces, as OCR and plain-text pages give it: "门急诊人次　　1,052,316　　1,108,742"
# under "指标　　2021年　　2022年". Each such row becomes a barred row, read as one.
_SPACED_CELLS = re.compile(r"\s+")
_ROW_LABEL = re.compile(r"(?:(?:19|20)\d\d年)?[\u4e00-\u9fffA-Za-z（）()、/%]{2,20}")
_YEAR_CELL = re.compile(r"(?:19|20)\d\d年度?")
_ROW_VALUE = re.compile(r"(?:19|20)\d\d年度?|[\d,]+(?:\.\d+)?(?:万|亿)?(?:%|‰|[\u4e00-\u9fff]{0,3})")


def _spaced_head(text, width):
    """A line of column heads laid out with spaces, as wide as the row under it, as a barred row."""
    cells = _SPACED_CELLS.split(_PADDED_LABEL.sub(r"\1\2", text))
    if len(cells) != width or not all(_ROW_LABEL.fullmatch(c) for c in cells):
        return ""
    return "| " + " | ".join(cells) + " |"


# A two-character label padded to the width of the others: "合　计　　2,650".
_PADDED_LABEL = re.compile(r"^([\u4e00-\u9fff])[ 　]([\u4e00-\u9fff])(?=[ 　]{2,})")


def _spaced_row(text):
    cells = _SPACED_CELLS.split(_PADDED_LABEL.sub(r"\1\2", text))
    if len(cells) >= 2 and all(_YEAR_CELL.fullmatch(c) for c in cells):
        return "| " + " | ".join(cells) + " |"  # a header of years over the labels' column
    if len(cells) < 3 or not _ROW_LABEL.fullmatch(cells[0]):
        return ""
    if not all(_ROW_VALUE.fullmatch(c) for c in cells[1:]):
        return ""
    return "| " + " | ".join(cells) + " |"


def _join_post_lines(lines):
    """ "党委书记" / "王建明" / "副院长" / "赵文华" / "刘志强": each post joined with the names below it."""
    out = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and line.blanks_before <= 1
            and _NAME_ONLY.match(line.text)
            and not _POST_ONLY.match(line.text)
            and prev.post_line
        ):
            prev.text = f"{prev.text} {line.text}"
            prev.blanks_after = line.blanks_after
            continue
        line.post_line = bool(_POST_ONLY.match(line.text))
        out.append(line)
    return out


def _table_row(text, blanks_before):
    if _TABLE_RULE.match(text):
        return _Line(text, blanks_before, kind="furniture", table=True)
    cells = [_strip_markdown(c, 0).text for c in _TABLE_BAR.split(text.strip("|｜ \t"))]
    return _Line("| " + " | ".join(cells) + " |", blanks_before, table=True)


def _strip_markdown(text, blanks_before):
    if _TABLE_ROW.match(text) or _TABLE_RULE.match(text) and "|" in text:
        return _table_row(text, blanks_before)
    level = 0
    heading = _MD_HEADING.match(text)
    if heading:
        level = len(heading.group(1))
        text = text[heading.end() :]
    text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", _MD_BULLET.sub("", text)))
    bold_only = bool(_MD_BOLD_ONLY.match(text))
    text = _SPACE_RUN.sub(" ", _MD_EMPHASIS.sub("", text)).strip()
    return _Line(text, blanks_before, md_level=level, bold_only=bold_only)


# --- 2. Furniture ---------------------------------------------------------------------------


def _mark_furniture(lines, meta):
    web = set()
    for i, line in enumerate(lines):
        if is_furniture(line.text):
            line.kind = "furniture"
            if is_web_furniture(line.text):
                web.add(i)
    _mark_furniture_blocks(lines, web)
    _mark_site_header(lines, meta)
    _mark_ads(lines)
    _mark_link_lists(lines)
    _mark_repeated(lines)
    _mark_trailing_slogans(lines)
    for line in lines:
        if line.kind == "furniture":
            read_meta(line.text, meta)


# A page copied from a hospital's site may open with the site's name and the section the story
# is filed under ("某某县人民医院" / "新闻动态") before the headline.
_SITE_NAME = re.compile(
    r"^[\u4e00-\u9fff]{2,24}(?:[医醫]院|[卫衛]生院|保健院|[卫衛]生服[务務]中心)(?:官方)?(?:[网網]站)?$"
)
_SECTION_NAME = re.compile(
    r"^(?:[医醫]院|院[内內]|本院|院|今日|工作)?(?:新[闻聞]|[动動][态態]|要[闻聞]|公告|通知|[报報]道|[资資][讯訊]|快[讯訊]|[简簡][讯訊])"
    r"(?:[动動][态態]|中心|公告|[资資][讯訊]|[报報]道)?$"
)


def _mark_site_header(lines, meta):
    content = [line for line in lines if line.kind != "furniture"]
    if len(content) >= 3 and _SITE_NAME.match(content[0].text) and _SECTION_NAME.match(content[1].text):
        content[0].kind = content[1].kind = "furniture"
        meta.publication = meta.publication or content[0].text


def _blocks(lines):
    """Runs of lines printed with no blank line between them."""
    block = []
    for line in lines:
        if block and line.blanks_before:
            yield block
            block = []
        block.append(line)
    if block:
        yield block


# "院长：普建明", or a signature "医院党委书记 郭丽萍　院长 赵永红" (after 新年献辞：, say).
_LEADER_LABEL = re.compile(
    rf"(?:^|[ \t　：:])(?:医院|院|党委)?{_POST}(?:[ \t]*[：:][ \t]*|[ \t　]+)[\u4e00-\u9fff]{{2,4}}(?:[ \t　]|$)"
)


_FACT_LABEL = re.compile(
    r"[\u4e00-\u9fff]{2,12}[：:][ \t]*[^：:]{0,30}?\d[\d.,]*(?:万|亿)?[\u4e00-\u9fff%㎡]"
)


def _mark_furniture_blocks(lines, web=()):
    # A masthead or credit block (date / 星期四 / 责任编辑…, slogan / phone) goes as a whole. A web
    # page's source/date line sits right under the title, so it takes nothing with it.
    web_lines = {id(lines[i]) for i in web}
    for block in _blocks(lines):
        # A table's header rule is no masthead, and a table's rows are not furniture.
        # A page run together with no blank lines at all is no masthead: its prose says so.
        if (
            len(block) > 1
            and sum(1 for line in block if _is_prose(line.text)) < 2
            # A profile's fact list ("编制床位：300张" …) is no masthead, even with its phone line.
            and sum(1 for line in block if line.kind != "furniture" and _FACT_LABEL.match(line.text)) < 3
            and any(
                line.kind == "furniture" and not line.table and id(line) not in web_lines for line in block
            )
        ):
            for line in block:
                # "院长：普建明　党委书记：李文娟" in a page's footer names the leaders: it stays.
                if not line.table and not _is_prose(line.text) and not _LEADER_LABEL.search(line.text):
                    line.kind = "furniture"


def _mark_ads(lines):
    # An ad runs from its 公益广告 label until prose starts again.
    in_ad = False
    for line in lines:
        if is_ad_marker(line.text):
            in_ad = True
        elif in_ad and _is_prose(line.text) and len(line.text) > 30:
            in_ad = False
        if in_ad:
            line.kind = "furniture"


# A link to another story: a headline, perhaps with a bullet and a date, never a sentence.
_MAX_LINK = 60


def _mark_link_lists(lines):
    """相关新闻 and the headlines listed under it link to other stories (often about other
    hospitals); the list runs until prose starts again."""
    in_list = False
    for line in lines:
        if is_link_list_header(line.text):
            in_list = True
        elif in_list and (len(line.text) > _MAX_LINK or _is_prose(line.text)):
            in_list = False
        if in_list:
            line.kind = "furniture"


def _mark_repeated(lines):
    # A slogan printed along a column (five times the same line) is decoration, not text.
    counts = Counter(line.text for line in lines)
    for line in lines:
        if counts[line.text] >= 3:
            line.kind = "furniture"


def _mark_trailing_slogans(lines):
    """A stack of short unpunctuated lines closing the page is a slogan box, not text."""
    content = [line for line in lines if line.kind != "furniture"]
    tail = []
    for line in reversed(content):
        if (
            len(line.text) > 20
            or line.table
            or _INTERNAL_STOP.search(line.text)
            or line.md_level
            or _LABEL.search(line.text)
            or _LABEL_VALUE.match(line.text)
        ):
            break
        tail.append(line)
        if line.blanks_before >= 2:
            break
    if len(tail) >= 2:
        for line in tail:
            line.kind = "furniture"


def _ends_sentence(text):
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def _is_prose(text):
    return _ends_sentence(text) or bool(_INTERNAL_STOP.search(text))


# --- 3. Title block -------------------------------------------------------------------------


@dataclass
class _Head:
    title: str = ""
    subtitle: str = ""
    authors: list = field(default_factory=list)


def _take_title_block(content):
    """Title, subtitle and byline from the first lines; returns (head, remaining lines)."""
    head = _Head()
    h1 = next((i for i, line in enumerate(content[:4]) if line.md_level == 1), None)
    if h1 is not None:
        kicker = " ".join(line.text.rstrip("：:") for line in content[:h1])
        head.title, rest = content[h1].text, content[h1 + 1 :]
        head.subtitle = kicker
    elif content and not _is_prose(content[0].text):
        head.title, rest = content[0].text, content[1:]
    else:
        return head, content
    if rest and _DASH_SUBTITLE.match(rest[0].text):
        dashed = _LEADING_DASHES.sub("", rest[0].text)
        head.subtitle = f"{head.subtitle} {dashed}".strip()
        rest = rest[1:]
    elif rest and not head.subtitle and _looks_like_subtitle(rest):
        head.subtitle, rest = rest[0].text, rest[1:]
    if rest and (speaker := _SPEAKER.match(rest[0].text)):
        # A speech's speaker under its title ("党委书记 陈少雄"): the author, and a leader the
        # subtitle names with the post.
        head.authors = [speaker.group("name")]
        head.subtitle = f"{head.subtitle} {rest[0].text}".strip()
        rest = rest[1:]
    elif rest:
        names = parse_byline(rest[0].text, allow_bare=True)
        if names:
            head.authors, rest = names, rest[1:]
    return head, rest


_SPEAKER = re.compile(
    rf"^(?:医院|院)?(?:党委)?{_POST}(?:[、兼](?:党委)?{_POST})*[ \t　]+(?P<name>[\u4e00-\u9fff]{{2,4}})$"
)


def _looks_like_subtitle(rest):
    line = rest[0]
    return (
        line.blanks_before <= 1
        and _is_heading_like(line.text)
        and not _NUMBERED.match(line.text)
        and not line.md_level
        and not parse_byline(line.text, allow_bare=True)
    )


# --- 4. Classification ----------------------------------------------------------------------


def _is_heading_like(text):
    return (
        len(text) <= _MAX_HEADING
        and not _ends_sentence(text)
        and text[-1] not in _NOT_HEADING_END
        and not _INTERNAL_STOP.search(text)
        and len(_CLAUSE_MARKS.findall(text)) <= 1
    )


def _is_marked_heading(line):
    return bool(line.md_level) or (bool(_NUMBERED.match(line.text)) and _is_heading_like(line.text))


def _classify(content):
    # Where Markdown marks the headings, an unmarked short line is a cut paragraph, not a heading.
    marked_only = sum(1 for line in content if line.md_level) >= 2
    for i, line in enumerate(content):
        nxt = content[i + 1] if i + 1 < len(content) else None
        names = None if line.table else parse_byline(line.text)
        if line.table:
            line.kind = "para"
        elif names:
            line.kind, line.authors = "byline", names
        elif _BRACKETED_CREDIT.match(line.text) and not _CAPTION_MARK.search(line.text):
            line.kind, line.authors = "byline", names_in_credit(line.text)
        elif _LABEL_VALUE.match(line.text):
            line.kind = "para"  # "编制床位：800张", "院长：赵俊峰": facts in a list, not headings
        elif _CAPTION_MARK.search(line.text) and len(line.text) <= _MAX_CAPTION:
            line.kind = "caption"
        elif _starts_title_block(line, nxt):
            line.kind = "title-block"
        elif _is_caption(line, nxt):
            line.kind = "caption"
        elif _is_marked_heading(line) or line.bold_only:
            line.kind = "heading"
        elif _is_heading_like(line.text) and not marked_only:
            line.kind = "heading"
        else:
            line.kind = "para"
            # A closing byline ends a news item: `…按期完成培训。（办公室 李 明）`.
            line.text, line.authors = split_trailing_byline(line.text)
            lead = _NEWS_LEAD.match(line.text)
            lead_names = lead and (parse_byline(f"（{lead.group(1)}）") or names_in_credit(lead.group(1)))
            if lead_names and len(line.text) > lead.end():
                line.dateline = re.split(r"\s*[（(]", lead.group(0), maxsplit=1)[0]
                line.text = line.text[lead.end() :]
                line.lead_authors = lead_names
    _resolve_headings(content)


def _starts_title_block(line, nxt):
    return (
        nxt is not None
        and not line.md_level
        and _is_heading_like(line.text)
        # "二、2025年主要目标" over "——门急诊量力争突破…；": a numbered heading and its dashed items.
        and not _NUMBERED.match(line.text)
        and bool(_DASH_SUBTITLE.match(nxt.text))
        and not nxt.text.rstrip().endswith(("；", ";", "，", ","))
        and nxt.blanks_before <= 1
    )


def _is_caption(line, nxt):
    """A short line standing alone between wide gaps, not introducing body text."""
    if line.blanks_before < 2 or len(line.text) > _MAX_CAPTION or _is_marked_heading(line):
        return False
    if _PROSE_BREAK.search(line.text.rstrip(_SENTENCE_END + _CLOSERS)):
        return False  # a caption is one sentence; a lead paragraph has several
    if nxt is None or line.blanks_after >= 2:
        return True
    return _is_marked_heading(nxt) or _is_heading_like(nxt.text)


def _resolve_headings(content):
    """Fix heading runs: merge stacked Markdown headings, demote decks, move split bold leads."""
    i = 0
    while i < len(content):
        line = content[i]
        nxt = _next_kind(content, i)
        if line.kind == "heading" and nxt is not None and nxt.kind in ("heading", "para"):
            after = _next_kind(content, content.index(nxt))
            if nxt.kind == "para":
                if _is_deck(nxt, after):
                    nxt.kind = "deck"
                i += 1
                continue
            if line.md_level and nxt.md_level and nxt.md_level > line.md_level:
                line.text = f"{line.text} {nxt.text}"
                content.remove(nxt)
                continue
            if line.bold_only and after is not None and after.kind == "para":
                # A bold lead cut by a page break lands before the next page's heading.
                line.kind = "para"
                content.remove(line)
                content.insert(content.index(after), line)
                continue
            if _is_deck(nxt, after):
                nxt.kind = "deck"
        i += 1


def _next_kind(content, i):
    for line in content[i + 1 :]:
        if line.kind not in ("caption", "byline"):
            return line
    return None


def _is_deck(line, after):
    # The one-line summary printed under a section heading, before the first paragraph.
    return (
        not line.md_level
        and not _NUMBERED.match(line.text)
        and not line.bold_only
        and len(line.text) <= _MAX_DECK
        and not _ends_sentence(line.text)
        and after is not None
        and after.kind == "para"
    )


# --- 5. Column breaks -----------------------------------------------------------------------


def _join_broken_paragraphs(content):
    """Join a paragraph cut mid-sentence to its continuation, skipping captions in between."""
    i = 0
    while i < len(content):
        line = content[i]
        if (
            line.kind == "para"
            and not line.table
            and not line.authors
            and not _ends_sentence(line.text)
            and not _LABEL_VALUE.match(line.text)
        ):
            nxt = next((c for c in content[i + 1 :] if c.kind != "caption"), None)
            if nxt is not None and nxt.kind == "para" and not nxt.table and not _LABEL_VALUE.match(nxt.text):
                line.text = _glue(line.text, nxt.text)
                content.remove(nxt)
                continue
        i += 1


def _glue(head, tail):
    if re.search(r"\d[.．]$", head) and re.match(r"\d", tail):
        return head[:-1] + "." + tail  # "…由42．" / "5%提高到…": a number cut at its point
    space = " " if _ASCII_END.search(head) and _ASCII_START.search(tail) else ""
    return head + space + tail


# --- 6. Items and sections ------------------------------------------------------------------


@dataclass
class _Item:
    title: str
    subtitle: str = ""
    authors: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    captions: list = field(default_factory=list)
    closed: bool = False  # its closing byline has been printed
    dateline: str = ""

    def section(self):
        if not self.sections:
            self.sections.append(Section(""))
        return self.sections[-1]

    def add_paragraph(self, text):
        self.section().paragraphs.append(text)

    def has_text(self):
        return any(s.paragraphs for s in self.sections)


def _split_items(head, content):
    main = _Item(head.title, head.subtitle, list(head.authors))
    items, current = [main], main
    i = 0
    while i < len(content):
        line = content[i]
        if line.kind == "title-block":
            current = _open_title_block(items, line.text, content[i + 1].text)
            i += 2
            continue
        if line.kind == "caption":
            current.captions.append(line.text)
        elif line.kind == "byline":
            current.authors.extend(line.authors)
        elif line.kind == "heading" and current.has_text() and _opens_news_item(content, i + 1):
            # A headline over a 本报讯 lead is another story on the page, not a section of this one.
            current = _Item(line.text)
            items.append(current)
        elif line.kind == "heading":
            current = _open_heading(items, current, line.text)
        elif line.kind in ("para", "deck"):
            current = _add_paragraph(items, current, line.text, line.authors)
            current.authors.extend(line.lead_authors)
            current.dateline = current.dateline or line.dateline
        i += 1
    return items


_ITEM_LEAD = re.compile(r"^(?:本报|本刊|本台|本网)[^，,。：:]{0,8}讯|^[\u4e00-\u9fff]{2,8}日报讯")


def _opens_news_item(content, k):
    nxt = next((c for c in content[k:] if c.kind not in ("caption", "furniture")), None)
    return (
        nxt is not None
        and nxt.kind == "para"
        and bool(nxt.lead_authors or nxt.dateline or _ITEM_LEAD.match(nxt.text))
    )


def _open_title_block(items, title, subtitle_line):
    for item in items:
        if item.title == title:
            # The page repeats a title block where the feature continues after other items.
            item.sections.append(Section(""))
            return item
    item = _Item(title, _LEADING_DASHES.sub("", subtitle_line))
    items.append(item)
    return item


def _open_heading(items, current, text):
    heading = _NUMBERED.sub("", text) if _is_heading_like(text) else text
    starts_item = _NEWS_COLUMN.search(text) or current.closed or current is not items[0]
    if starts_item:
        item = _Item(heading)
        items.append(item)
        return item
    current.sections.append(Section(heading))
    return current


def _add_paragraph(items, current, text, names):
    if current.closed:
        current = _Item(_lead_title(text))
        items.append(current)
    if names and current is items[0] and _is_in_house(text):
        current = _carve_in_house_item(items, text)
    else:
        current.add_paragraph(text)
    if names:
        current.authors.extend(names)
        current.closed = current is not items[0]
    return current


def _is_in_house(text):
    return bool(_IN_HOUSE_VOICE.search(text) or _BRIEF_LEAD.match(text))


def _carve_in_house_item(items, text):
    """Move a hospital news item that the layout slid into the feature out into its own item."""
    paragraphs = items[0].section().paragraphs
    carried = [text]
    while paragraphs and _is_in_house(paragraphs[-1]):
        carried.insert(0, paragraphs.pop())
    item = _Item(_lead_title(carried[0]), sections=[Section("", carried)])
    items.append(item)
    return item


def _lead_title(text):
    lead = _BRIEF_LEAD.match(text) or _FIRST_SENTENCE.match(text)
    return lead.group(1) if lead else text[:30]


def _finish(item, meta, is_main):
    sections = []
    for section in item.sections:
        paragraphs = list(dict.fromkeys(section.paragraphs))  # a page may print a passage twice
        if section.heading or paragraphs:
            sections.append(Section(section.heading, paragraphs))
    # A heading with nothing under it before a page jump or the end is left-over decoration,
    # unless it is a label line ("医院领导：党委书记 陈某 | 院长 李某", "献辞：院长 王某"): that is
    # text, kept as the paragraph it is.
    kept = []
    for i, s in enumerate(sections):
        if s.paragraphs or (i + 1 < len(sections) and sections[i + 1].heading):
            kept.append(s)
        elif _LABEL.search(s.heading):
            if kept:
                kept[-1].paragraphs.append(s.heading)
            else:
                kept.append(Section("", [s.heading]))
    sections = kept
    authors = list(dict.fromkeys(item.authors or (meta.authors if is_main else [])))
    return ParsedArticle(
        title=item.title,
        subtitle=item.subtitle,
        publication=meta.publication,
        published_on=meta.published_on,
        authors=authors,
        sections=sections,
        captions=list(dict.fromkeys(item.captions)),
        dateline=item.dateline,
    )


# A narrow newspaper column copied line by line: every line cut at the same width, mid-word,
# paragraphs opened by an indent. Such lines are too short to tell from headings one by one.
_MAX_COLUMN = 34
_CAPTION_LINE = re.compile(r"^(?:[▲△■□●◆]|图为|（图为|\(图为)|[\u4e00-\u9fff][ \t\u3000]*摄$")
_CAPTION_START = re.compile(r"^(?:[▲△]|图为|（图为|\(图为)")
_CREDIT_END = re.compile(r"(?:摄|供图|/图|／图)$")
_CUT_NUMBER = re.compile(r"(?<![\d.])\d+(?:[.,]\d+)*$")
_LINE_END = re.compile(r"(?:[。！？!?；;：:”」』）)]|(?<!\d)\.)$")
_INDENT = re.compile(r"^(?:[ \t\u3000]{2,})")
_CENTRED = re.compile(r"^[ \t\u3000]{8,}")


def _display_width(line):
    # A Chinese character takes two columns, a digit or a Latin letter one: a cut line holding
    # figures has more characters than one without.
    return sum(2 if ord(c) >= 0x2E80 else 1 for c in line)


def _join_narrow_column(text):
    """The text with a narrow column's cut lines joined into paragraphs (an indented line opens
    one; a centred line, such as a page number, stays a line of its own); other text unchanged."""
    lines = normalize_newlines(text).split("\n")
    body = [line.rstrip() for line in lines if line.strip() and not _CENTRED.match(line)]
    if len(body) < 8 or sum(1 for line in body if _INDENT.match(line)) < 2:
        return text  # paragraphs must be told by their indent, or joining would run them together
    widths = sorted(map(_display_width, body))
    width = widths[len(widths) // 2]
    # Within two characters of the median: a column set by hand varies a little.
    cut = sum(1 for w in widths if abs(w - width) <= 4)
    if width > 2 * _MAX_COLUMN or cut < 0.5 * len(body):
        return text
    out, open_ = [], False
    caption_at = None  # where a photo caption cut at the column's edge waits for its second line
    for line in lines:
        stripped = line.strip()
        centred = bool(_CENTRED.match(line))
        if caption_at is not None and stripped and not _INDENT.match(line) and _CREDIT_END.search(stripped):
            # "▲某某医院团队为急性心" / "梗患者实施手术。　本报记者 周丽 摄": one caption on two lines.
            out[caption_at] += stripped
            caption_at = None
            continue
        caption_at = None
        if (
            open_
            and len(stripped) > 3
            and not centred
            and (is_furniture(stripped) or _CAPTION_LINE.match(stripped))
        ):
            # A page's running footer or a photo caption printed inside a paragraph: set apart
            # before it, and the paragraph goes on after it.
            out.insert(len(out) - 1, stripped)
            if _CAPTION_START.match(stripped) and not _LINE_END.search(stripped):
                caption_at = len(out) - 2
            continue
        if not open_ and stripped and _CAPTION_START.match(stripped) and not _LINE_END.search(stripped):
            out.append(line.rstrip())
            caption_at = len(out) - 1
            continue
        if not stripped or centred:
            out.append(line)
            open_ = False
        elif out and re.search(r"[\d０-９][.．]$", out[-1]) and re.match(r"[\d０-９]", line):
            out[-1] += stripped  # "…门急诊服务98." / "6万人次": a number cut at its point
        elif open_ and not _INDENT.match(line):
            out[-1] += stripped
        else:
            out.append(line.rstrip())
            open_ = bool(_INDENT.match(line))  # a title line above the paragraphs stays one
        # Only a line that ran to the column's edge was cut; a shorter one ended its paragraph,
        # unless it stops mid-sentence or mid-number ("…门急诊服务98." / "6万人次").
        w = _display_width(line.rstrip())
        # "…医院门急诊量86.4" / "万人次，…": a number at a line's end waits for its unit.
        open_ = open_ and (
            w >= width - 3
            or (w >= width - 8 and not _LINE_END.search(stripped))
            or _CUT_NUMBER.search(stripped)
        )
    return "\n".join(out)


def parse_article(text: str) -> list[ParsedArticle]:
    """Clean print-layout article text into ParsedArticle items.

    The first item is the page's main feature; further items are other news items printed on
    the same page. Raises EmptyArticleError when there is no Chinese body text.
    """
    meta = PageMeta()
    lines = _join_post_lines(_read_lines(_join_narrow_column(text)))
    _mark_furniture(lines, meta)
    content = [line for line in lines if line.kind != "furniture"]
    head, content = _take_title_block(content)
    _classify(content)
    _join_broken_paragraphs(content)
    items = [item for item in _split_items(head, content) if item.has_text()]
    articles = [_finish(item, meta, k == 0) for k, item in enumerate(items)]
    articles = [a for a in articles if count_chinese(a.body) >= 2]
    if not articles:
        raise EmptyArticleError("没有找到中文正文")
    for article in articles:
        if not article.title:
            first = next(p for section in article.sections for p in section.paragraphs)
            article.title = _lead_title(first)
    return articles
