"""Author names from bylines: `记者张三 李四 通讯员王五`, `（宣传科 张 华）`, `李明 赵刚`."""

import re

# Common single-character surnames, simplified and traditional. A bare token only counts as a
# name when it starts with one of these, which keeps slogans like 砥砺前行 out of the authors.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝封储宣蔺晋揭厉郁谈洪赖阎"
    "陳劉張黃趙吳孫鄭馮楊許蔣韓謝鄧盧葉蘇譚陸賈顧龔萬羅魏鍾錢嚴覃戴莫聶顏龐湯喬閻薛蕭葛鄒賴廖"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "夏侯", "歐陽")

# Role words that precede names in a byline; the names follow them directly.
# A reporter may be credited with the paper or office first: 浙江日报记者, 新华社记者, 宣传科通讯员.
_ORGANISATION = (
    r"[\u4e00-\u9fff]{1,10}?(?:[日晚早晨][报報]|[报報]社?|通[讯訊]社|社|[电電][视視]台|台|[网網]|[杂雜]志|刊|"
    r"科|部|[办辦]|室|中心|站)"
)
_ROLE_PREFIX = re.compile(
    rf"^(?:(?:{_ORGANISATION})?(?:本报|本刊|特约|首席|见习|实习)?(?:[记記]者|通[讯訊][员員])|"
    r"(?:本报|本刊|特约|首席|见习|实习)?(?:[实實][习習]生|撰稿人?|作者|[文图圖攝摄][/／:：]?|摄影))"
)
# A department in a byline (宣传科 张华): dropped, only people are authors.
_DEPARTMENT = re.compile(r"(?:科|部|[办辦]|室|[处處]|中心|站|[组組]|委|局|院|所|[队隊]|社)$")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_SEPARATORS = re.compile(r"[\s、，,/／·;；]+")
_PARENTHESISED = re.compile(r"^[（(]\s*(.+?)\s*[）)]$")
# A byline in parentheses closing the last paragraph of a news item: `……按期完成培训。（办公室 李 明）`.
_TRAILING_PARENTHESISED = re.compile(r"[（(]\s*([^（()）]{2,30}?)\s*[）)]\s*$")


def is_name(token: str) -> bool:
    if not _NAME.match(token):
        return False
    if token.startswith(_COMPOUND_SURNAMES):
        return len(token) >= 3
    return token[0] in _SURNAMES


def _names_from_tokens(tokens):
    """Names from byline tokens, or None when a token is neither a name nor a department."""
    names, pending = [], ""
    tokens = [t for t in tokens if t]
    for position, token in enumerate(tokens):
        token = _ROLE_PREFIX.sub("", token)
        if not token:
            continue
        if len(token) == 1:
            # Two-character names are often set with a space for alignment: 张 华.
            pending += token
            if len(pending) == 2:
                names.append(pending)
                pending = ""
            continue
        if pending:
            return None
        # A leading department (宣传科, 党办) precedes the names; a lone token is a name.
        if _DEPARTMENT.search(token) and not names and position < len(tokens) - 1:
            continue
        if is_name(token):
            names.append(token)
        else:
            return None
    if pending or not names:
        return None
    return [n for n in names if is_name(n)] or None


def parse_byline(line: str, *, allow_bare: bool = False) -> list[str] | None:
    """The author names if the whole line is a byline, else None.

    Role-prefixed (`记者…`) and parenthesised lines are always bylines; a line of bare names
    (`李明 赵刚`) only when `allow_bare`, because under a title it is a byline but elsewhere
    it may be a short slogan.
    """
    line = line.strip()
    match = _PARENTHESISED.match(line)
    if match:
        return _names_from_tokens(_SEPARATORS.split(match.group(1)))
    tokens = [t for t in _SEPARATORS.split(line) if t]
    if not tokens or len(line) > 40:
        return None
    if _ROLE_PREFIX.match(tokens[0]) or allow_bare:
        return _names_from_tokens(tokens)
    return None


def split_trailing_byline(paragraph: str) -> tuple[str, list[str]]:
    """Split `text（宣传科 张 华）` into the text and the names; names are [] when there is none."""
    match = _TRAILING_PARENTHESISED.search(paragraph)
    if not match or match.start() == 0:
        return paragraph, []
    names = _names_from_tokens(_SEPARATORS.split(match.group(1)))
    if not names:
        return paragraph, []
    return paragraph[: match.start()].rstrip(), names


def names_after_label(text: str) -> list[str]:
    """Names listed after a credit label, e.g. the part after `本版撰稿:`."""
    return [t for t in _SEPARATORS.split(text) if is_name(t)]


def names_in_credit(text: str) -> list[str]:
    """Best-effort names from a credit line that `parse_byline` rejects: the tokens that read as
    names once role words are removed (`（XX融媒体中心记者 孙悦 通讯员 钱程）`)."""
    inner = text.strip().strip("（()）")
    tokens = (_ROLE_PREFIX.sub("", t) for t in _SEPARATORS.split(inner))
    return [t for t in tokens if is_name(t)]
