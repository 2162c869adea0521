"""Print-page furniture: page numbers, mastheads, dates, credits, phone lines, ads, slogans.

Works on single lines; `cleaning` decides about blocks of them. Patterns accept traditional
characters too, since some papers print in them.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from .bylines import names_after_label
from .text import parse_chinese_date

# A page number alone on a line (06, A06, 第6版, 6版).
_PAGE_NUMBER = re.compile(r"^(?:[A-Z]?\d{1,3}|第?\s*[A-Z]?\d{1,3}\s*[版頁页])$")
# A page's running header: its number with the section's name or the date, no sentence
# ("第A4版　　健康·医院　　2024年3月26日", "2024年3月26日 星期二 第3版 要闻").
_PAGE_HEADER = re.compile(
    r"^(?=.{0,40}$)[^，。！？；,]*?第\s*[A-Z]?\d{1,3}\s*[版頁页](?![\u4e00-\u9fff]{3})[^，。！？；,]*$"
)
# The date block of a masthead: 2023年6月29日 星期四 (also 农历 lines).
_DATE_LINE = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号號])?\s*(?:星期[一二三四五六日天]|周[一二三四五六日])?\s*$"
)
_LUNAR_LINE = re.compile(r"^农[历曆].{2,12}$")
# Newspaper names standing alone: 某某日报, 健康报, 南方都市报.
_MASTHEAD = re.compile(
    r"^[\u4e00-\u9fff]{1,8}(?:日[报報]|晚[报報]|早[报報]|晨[报報]|商[报報]|[时時][报報]|都市[报報]|[报報])$"
)
# Editor and layout credits: 责任编辑:李卉, 设计/王玺, 本版策划:…, 本版撰稿:…
_CREDIT = re.compile(
    r"^(?:[责責]任[编編][辑輯]|[责責][编編]|美[术術][编編][辑輯]|美[编編]|[编編][辑輯]|[校较][对對]|[设設][计計]|版式(?:[设設][计計])?|"
    r"本版策[划劃]|策[划劃]|本版撰稿|撰稿|[摄攝]影|制[图圖]|[统統][筹籌]|[监監]制|[审審][核校]|排版|[值][班]?[编編][辑輯]|视觉|[组組]版|"
    r"[终終][审審]|[一二三][审審]|[图圖]片[编編][辑輯])\s*[:：/／|｜]\s*(.*)$"
)
# Who wrote the page: these credited names are the article's authors.
_WRITER_CREDIT = re.compile(r"^(?:本版撰稿|撰稿)")
_PHOTO_CREDIT = re.compile(
    r"^(?:[图圖]片[来來]源\s*[:：].{1,30}|[图圖]片由.{1,40}提供|[图圖]\s*[/／:：].{1,20}|.{1,20}供[图圖])$"
)
# Phone numbers and hotlines: 010-64621775, 急救电话：120, 服务热线 12345.
_PHONE_ONLY = re.compile(r"^[\d\s\-—－()（）+]{5,}$")
_PHONE_LABEL = re.compile(
    r"(?:[电電][话話]|[热熱][线線]|咨[询詢]|投[诉訴]|[传傳]真|手机|微信)[^。]{0,12}\d{3,}"
)
_AD_MARKER = re.compile(r"^(?:公益)?[广廣]告$")
_MARKDOWN_RULE = re.compile(r"^[-*_=—─━~·.…\u2500-\u257f]{3,}$")
_HAN_OR_ALNUM = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# Web-page furniture copied along with an article: navigation, "more" links, previous/next
# links, page tools, view counters, the source/date line and the site footer. Traditional forms
# are in the classes because such pages are often copied from traditional-character sites.
_WEB_NAV = re.compile(
    r"^(?:[·•>》»\s]*(?:更多|查看更多|查看[详詳]情|[阅閱][读讀]原文|[阅閱][读讀]全文|(?:[点點]击)?查看原文|(?i:more))"
    r"[^。，]{0,12}(?:>>|》》|»|＞＞|>)?"
    # The link after 上一篇 follows a colon, a bracket or a space, never prose (上一篇的经验…).
    r"|[【\[]?(?:上一[篇条條]|下一[篇条條])(?:[】\]]\s*[:：]?|\s*[:：]|\s)\s*.{0,60}|(?:上一[篇条條]|下一[篇条條])"
    r"|(?:上[篇條][:：]|下[篇條][:：]).{0,60}"
    r"|(?:当前|當前|您现在的|您現在的|您的|所在)?位置\s*[:：].{0,80}"
    r"|(?:首[页頁]|主[页頁])\s*(?:[>＞»/|｜\-]\s*[^。]{1,12}){1,8}"
    r"|[【\[]?(?:返回[顶頂]部|返回首[页頁]|返回列表|返回|打印本[页頁]|打印|[关關]闭窗口|[关關]闭|收藏本[页頁]|收藏|"
    r"加入收藏|分享到|[字]号|[字][號]|[大中小]){1,6}[】\]]?(?:[\s/|｜:：]*[【\[]?(?:返回[顶頂]部|打印|[关關]闭|[大中小]|"
    r"收藏|分享到?)[】\]]?){0,6}"
    r"|(?:扫一扫|掃一掃|分享到|分享至).{0,40}"
    r"|(?:[点點]击|[浏瀏][览覽]|阅读|閱讀|访问|訪問)(?:次?数|次?數|量)?\s*[:：]?\s*[\[【(（]?\d{0,9}[\]】)）]?\s*次?"
    # A date (and time) alone: [2024-05-12], 2024-05-12 10:30.
    r"|[\[【(（]?\s*(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[\]】)）]?)$"
)
# The source/date/counter line of a web article: 来源：本站 发布时间：2023-05-12 浏览次数：1024.
# A row of page tools: 【字號：大 中 小】【打印本頁】【關閉窗口】, 返回頂部 分享到：. Tokens and
# separators share no character, so the match is linear in the line.
_TOOL = (
    r"返回[顶頂]部|返回首[页頁]|返回列表|返回|打印本[页頁]|打印此[页頁]|打印|列印|[关關]闭窗口|[关關]閉窗口|[关關]閉視窗|"
    r"[关關][闭閉]本[页頁]|[关關][闭閉]|收藏本[页頁]|加入收藏|收藏|分享到|分享至|分享|字[号號]|字[体體]|默[认認]|[预預]设|[预預]設|"
    r"[大中小]|[纠糾][错錯]|[评評][论論]|[图圖]片|[视視][频頻]|(?i:top)"
)
_TOOL_SEP = r"[\s【】\[\]()（）:：/|｜·•>»<«\-—↑▲^]"
_WEB_TOOLS = re.compile(rf"^{_TOOL_SEP}*(?:(?:{_TOOL}){_TOOL_SEP}*)+$")
_WEB_META = re.compile(
    r"(?:(?:文章|信息|新[闻聞]|稿件|[图圖]片)?(?:来源|來源)|发布时间|發布時間|发布日期|發佈時間|发表时间|發表時間|更新时间|更新時間|时间|時間|日期|作者|"
    r"编辑|編輯|[点點]击|[浏瀏][览覽]|阅读|閱讀)\s*[:：]"
)
_WEB_FOOTER = re.compile(
    r"(?:版权所有|版權所有|Copyright|©|ICP[备備]|公网安备|公網安備|技术支持|技術支持)", re.I
)
# A site's menu bar: its name, then short links, one of them the home page
# ("某某县人民医院 | 首页 | 医院概况 | 新闻中心").
_SITE_MENU = re.compile(r"^[^|｜]{2,30}?(?:\s*[|｜]\s*[^|｜]{1,12}){2,12}$")
_HOME_LINK = re.compile(r"(?:^|[|｜]\s*)(?:[网網]站)?首[页頁]\s*(?:[|｜]|$)")
# The hospital that owns the site, as its footer or menu bar names it.
_SITE_OWNER = re.compile(
    r"[\u4e00-\u9fff]{2,30}?(?:[医醫]院|[卫衛]生院|保健院|社[区區][卫衛]生服[务務]中心)(?:[（(][^()（）]{2,20}[)）])?"
)
_OWNER_LABEL = re.compile(
    r"版[权權]所有|主[办辦](?:[单單]位)?|承[办辦](?:[单單]位)?|[网網]站|官方|欢迎[访訪]问|歡迎訪問"
)
_ISO_DATE = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})")
# Each name stops before the next label of the line ("作者：宣传科  时间：2024-05-17").
_AUTHOR_NAME = r"[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff]|\s*[:：])"
_WEB_AUTHOR = re.compile(rf"(?:作者|撰稿|文)\s*[:：/]\s*({_AUTHOR_NAME}(?:[\s、，,]+{_AUTHOR_NAME}){{0,3}})")
# "来源：某某县人民医院": a hospital's own site names itself as the story's source.
_WEB_SOURCE = re.compile(r"(?:来源|來源)\s*[:：]\s*")


@dataclass
class PageMeta:
    publication: str = ""
    published_on: date | None = None
    authors: list[str] = field(default_factory=list)


# The header of a page's list of links to other stories: 相关新闻, 相關閱讀, 热点推荐, 猜你喜欢.
_LINK_LIST_HEADER = re.compile(
    r"^[【\[]?(?:(?:相[关關]|[热熱][点點]|[热熱]门|[热熱]門|推荐|推薦|延伸|精彩|最新|往期|其他|其它)"
    r"(?:新[闻聞]|[阅閱][读讀]|[链鏈]接|文章|[报報]道|推荐|推薦|回[顾顧]|[资資][讯訊])|猜你喜[欢歡])"
    r"[】\]]?\s*[:：]?\s*(?:[>》»]+|更多>*)?$"
)


def is_link_list_header(line: str) -> bool:
    return bool(_LINK_LIST_HEADER.match(line))


def is_ad_marker(line: str) -> bool:
    return bool(_AD_MARKER.match(line))


def is_furniture(line: str) -> bool:
    """True for a line that is page furniture wherever it stands."""
    if len(_HAN_OR_ALNUM.findall(line)) <= 2 and len(line) <= 3:
        # Stray quote marks, page numbers and one-word section flags (健康 / 周刊).
        return True
    return bool(
        _PAGE_NUMBER.match(line)
        or _PAGE_HEADER.match(line)
        or _DATE_LINE.match(line)
        or _LUNAR_LINE.match(line)
        or _MASTHEAD.match(line)
        or _CREDIT.match(line)
        or _PHOTO_CREDIT.match(line)
        or _PHONE_ONLY.match(line)
        or (len(line) <= 30 and _PHONE_LABEL.search(line))
        or _MARKDOWN_RULE.match(line)
        or is_web_furniture(line)
        or _is_running_footer(line)
    )


_SPREAD = re.compile(r"[ \t\u3000]+")


def _is_running_footer(line):
    """ "衡阳日报·健康周刊　　责任编辑:李湘云　美编:刘倩　　A4": a page's name, its credits and its
    number spread along one line; a credit among short pieces with no sentence in them."""
    pieces = [p for p in _SPREAD.split(line.strip()) if p]
    if len(pieces) < 2 or len(line) > 80:
        return False
    credited = any(_CREDIT.match(p) for p in pieces)
    return credited and all(
        _CREDIT.match(p) or (len(p) <= 12 and not re.search(r"[，,。；;]", p)) for p in pieces
    )


def is_web_furniture(line: str) -> bool:
    """Navigation, page tools, the source/date line and the footer of a copied web page."""
    if len(line) > 120:
        return False
    if _WEB_NAV.match(line) or _WEB_TOOLS.match(line) or _is_site_menu(line):
        return True
    if len(_WEB_META.findall(line)) >= 2 or (
        _WEB_META.match(line) and len(line) <= 40 and not line.rstrip().endswith("。")
    ):
        return True
    return bool(_WEB_FOOTER.search(line)) and len(line) <= 100


def _is_site_menu(line):
    return len(line) <= 120 and bool(_SITE_MENU.match(line) and _HOME_LINK.search(line))


def read_meta(line: str, meta: PageMeta) -> None:
    """Record what a furniture line says about the page (paper name or the hospital whose site it
    is, date, page writers)."""
    if not meta.publication and _MASTHEAD.match(line):
        meta.publication = line
    if not meta.publication and (_WEB_FOOTER.search(line) or _is_site_menu(line)):
        # A hospital's own site says 我院 in its pages; its name is in the footer or menu bar.
        owner = _SITE_OWNER.search(_OWNER_LABEL.sub(" ", line))
        if owner:
            meta.publication = owner.group()
    if meta.published_on is None and _DATE_LINE.match(line):
        meta.published_on = parse_chinese_date(line)
    if meta.published_on is None and _WEB_META.search(line):
        meta.published_on = parse_chinese_date(line) or _iso_date(line)
        source = _WEB_SOURCE.search(line)
        owner = source and _SITE_OWNER.match(line, source.end())
        if owner and not meta.publication:
            meta.publication = owner.group()
        author = _WEB_AUTHOR.search(line)
        if author:
            meta.authors.extend(re.split(r"[\s、，,]+", author.group(1)))
    if meta.published_on is None and len(line) <= 25 and _ISO_DATE.search(line) and _WEB_NAV.match(line):
        meta.published_on = _iso_date(line)  # a date alone under the headline: [2024-05-12]
    credit = _CREDIT.match(line)
    if credit and _WRITER_CREDIT.match(line):
        meta.authors.extend(names_after_label(credit.group(1)))


def _iso_date(line):
    for match in _ISO_DATE.finditer(line):
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            continue
    return None
