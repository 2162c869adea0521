"""Named programmes: quoted names (“双带头人”), 党建+X, and X制度/X机制/X工程 after 建立/推行/实施…"""

import re
from bisect import bisect_right

from .facts import InitiativeFact

_QUOTE = re.compile(r"[“\"「『‘](?P<q>[^“”\"「」『』‘’，。！？；,!?;\n]{2,14})[”\"」』’]")
_STRONG_END = (
    "负责制",
    "制度",
    "机制",
    "工程",
    "行动",
    "计划",
    "项目",
    "模式",
    "品牌",
    "基地",
    "中心",
    "示范岗",
    "岗",
    "日",
    "讲堂",
    "改革",
    "建设",
    "活动",
    "培训",
    "体系",
    "联盟",
    "工作室",
    "制",
    "服务",
    "工作法",
    "课堂",
    "平台",
)
_FOLLOW = re.compile(
    r"^(?:党建品牌|品牌|制度|机制|培育机制|培育工程|工程|行动|活动|培训|服务|事项|举措|工作|要求|项目|模式|"
    r"制|考核|创建|建设|党支部|集体决策|试点|改进模式|改革|专项)"
)
_NUMBERED = re.compile(r"^[一二三四五六七八九十双两百千万][^的为]{1,11}$")
_HONOUR = re.compile(r"(奖|称号|标兵|楷模|先进|优秀|好人|荣誉|模范|玫瑰|红旗|之星|勋章|名医|英雄)")
_HONOUR_CONTEXT = re.compile(r"(获|荣获|评为|授予|获评|被评|当选)$")
_UNQUOTED = re.compile(
    r"(?P<n>[A-Za-z\u4e00-\u9fff+]{2,12}?(?:负责制|查房制|制度|机制|体系|工程|改革|医联体|项目|建设|十[一二三四五六七八九]?条|[二三四五六七八九]条))"
)
_UNQUOTED_LEFT = re.compile(
    r"(建立起?|建立健全|推行|实施|开展|落实|推进|创建|打造|健全|完善|启动|成立|组建|牵头建成|建成|牵头组建|"
    r"发布了?|出台了?|成为了?|作为|在|和|及|与|、|，|,|的)$"
)
_GENERIC_STEM = {
    "工作",
    "管理",
    "运行",
    "考核",
    "长效",
    "相关",
    "各项",
    "工作运行",
    "决策",
    "用人",
    "分配",
    "奖惩",
    "内部",
    "标准化管理",
    "医院",
    "制度",
    "各类管理",
    "管理运行",
    "党的",
    "党组织",
    "组织",
    "文化",
    "队伍",
    "人才队伍",
    "学科",
    "信息化",
    "能力作风",
    "作风",
    "党风廉政",
    "廉政文化",
    "医院文化",
    "基础设施",
    "基建",
    "重点",
    "现代医院标准化管理",
    "科研",
    "新",
    "工作任务",
    "用人管理",
    "人事",
    "绩效",
    "科室",
    "分级诊疗",
    "党",
}
# "以患者为中心", "以人民为中心": slogans of a philosophy, not something a hospital runs.
_SLOGAN = re.compile(r"^以.{1,8}为(中心|核心|本|根本|导向|主线|目标|抓手|引领|己任)$")
# Numbered shorthand that names a manner or a national duty, not a hospital's own programme.
_GENERIC_NUMBERED = {
    "一对一",
    "一站式",
    "一卡通",
    "一条龙",
    "一盘棋",
    "一张网",
    "一岗双责",
    "两个责任",
    "两手抓",
    "双轮驱动",
    "两个维护",
    "两个确立",
    "四个意识",
    "四个自信",
    "点对点",
    "面对面",
    "零距离",
}
# Adverbs and verbs that open a clause ("推进绩效管理制度"), so the name starts after them.
_LEAD_VERBS = re.compile(
    r"^(落实|具体|不断|不断完善|进一步|全面|现有|多项|各项|有关|相关|积极|持续|深入|切实|认真|大力)"
)
_DOC = re.compile(r"(制定|出台|修订|完善|修订完善|制定印发|建立)了?《(?P<d>[^《》]{4,30})》")

CATEGORY_RULES = (
    ("integrity", ("廉", "作风", "纪律", "行风", "投诉", "医德")),
    ("party", ("党建", "院长负责制", "党支部", "党委", "书记", "党员", "支部", "党", "全覆盖", "三重一大", "星级")),
    ("talent", ("人才", "英才", "引才", "引进", "培养", "培训", "带头人", "西学中", "练兵", "进修", "讲堂", "大比武")),
    ("quality", ("质量", "安全", "负责制", "质控", "查房", "核心制度")),
    ("digital", ("信息", "智慧", "互联网", "远程", "数字", "心电", "影像")),
    ("alliance", ("医联体", "医共体", "联盟", "托管", "帮扶")),
    ("service", ("跑一次", "便民", "服务", "预约", "挂号", "付费", "结算", "收费", "就医", "就诊", "一站式", "接待", "首问", "首接", "满意", "支付", "医保")),
    ("discipline", ("专科", "学科", "工作室")),
    ("research", ("科研", "教学", "研究", "调研")),
    ("public_health", ("疫情", "疫苗", "防控", "筛查", "公共卫生", "早诊早治", "癌症")),
)  # fmt: skip


def categorise(name, context=""):
    for category, words in CATEGORY_RULES:
        if any(w in name for w in words):
            return category
    for category, words in CATEGORY_RULES:
        if any(w in context for w in words):
            return category
    return "other"


def _candidates(text):
    """(name, start, end) of initiative names in the normalised body."""
    out = []
    for m in re.finditer(r"党建\s*[+＋]\s*[“\"]?(?P<x>[\u4e00-\u9fff]{2,8})[”\"]?", text):
        out.append(("党建+" + m.group("x"), m.start(), m.end()))
    for m in _QUOTE.finditer(text):
        q = m.group("q").strip()
        before, after = text[max(0, m.start() - 4) : m.start()], text[m.end() : m.end() + 6]
        if (
            _HONOUR.search(q)
            or _HONOUR_CONTEXT.search(before)
            or re.match(r"^(等)?(称号|荣誉|表彰|奖)", after)
        ):
            continue
        if re.search(r"[《》]|为了|我们|就是", q) or _SLOGAN.match(q) or q in _GENERIC_NUMBERED:
            continue
        if _is_idiom(q) and not _FOLLOW.match(after):
            continue  # "搅活人才“一潭静水”": a figure of speech
        strong = (
            q.startswith(("党建+", "党建＋"))
            or (q.endswith(_STRONG_END) and len(q) >= 4)
            or (_FOLLOW.match(after) and len(q) >= 2)
            or _NUMBERED.match(q)
        )
        if strong:
            out.append((q, m.start("q"), m.end("q")))
    for m in _UNQUOTED.finditer(text):
        name = m.group("n")
        # Trim the left side back to a boundary word (建立/推行/在/的 …).
        best = None
        for i in range(0, len(name) - 3):
            if _UNQUOTED_LEFT.search(text[max(0, m.start() + i - 4) : m.start() + i]) and _nounish(name[i:]):
                best = i
                break
        if best is None:
            continue
        name = name[best:]
        stem = re.sub(r"(负责制|查房制|制度|机制|体系|工程|改革|项目|建设)$", "", name)
        if len(name) < 4 or stem in _GENERIC_STEM or len(stem) < 2 or re.search(r"[\d]", stem):
            continue
        if name.endswith("建设") and not re.search(r"(清廉|廉洁|平安|智慧|医院|品牌|中心)", stem):
            continue
        if name.endswith("项目") and len(stem) < 4:
            continue
        out.append((name, m.start() + best, m.end()))
    for m in _DOC.finditer(text):
        doc = re.sub(r"^.*?(医院|卫生院)", "", m.group("d"))
        if len(doc) >= 4:
            out.append((doc, m.start("d"), m.end("d")))
    for m in re.finditer(r"\d+余?个(?P<x>[\u4e00-\u9fff]{2,8}?(?:工作室|专科联盟|医疗联盟|联盟))", text):
        out.append((m.group("x"), m.start("x"), m.end("x")))
    return out


def _is_idiom(q):
    """A four-character set phrase (jieba tags it i or l as one word): "一池春水", "一票否决"."""
    from .nlp import tag

    tokens = tag(q)
    return len(q) == 4 and len(tokens) == 1 and tokens[0][1] in ("i", "l")


_BAD_FLAGS = {"v", "d", "ad", "p", "c", "r", "uj", "ul", "u", "f", "t", "q", "vd", "y"}


def _nounish(name):
    """No verbs, adverbs or particles in the stem: "夜间巡查机制" yes, "更借助轮值督导机制" no."""
    from .nlp import tag

    if _LEAD_VERBS.match(name):
        return False
    stem = re.sub(r"(负责制|查房制|制度|机制|体系|工程|改革|医联体|项目|建设)$", "", name)
    allowed = {"查房", "考核", "培养", "负责", "联系", "诊疗", "早诊早治", "评价", "支付", "治疗", "防治"}
    return all(flag not in _BAD_FLAGS or w in allowed for w, flag in tag(stem))


def _same(a, b):
    return a == b or (len(a) >= 3 and len(b) >= 3 and (a in b or b in a))


def extract_initiatives(text, sentences, hospital):
    facts = []
    starts = [s.start for s in sentences]
    for name, start, _end in sorted(_candidates(text), key=lambda c: c[1]):
        name = name.strip('“”"「」 ')
        if name.endswith(("+", "＋")):
            continue
        i = bisect_right(starts, start) - 1
        sent = sentences[i] if i >= 0 and start < sentences[i].end else None
        if sent is None:
            continue
        existing = next((f for f in facts if _same(f.name, name)), None)
        if existing:
            # Keep the shorter, quoted core name; the description grows with each mention.
            if len(name) < len(existing.name) and name in existing.name:
                existing.name = name
            continue
        facts.append(
            InitiativeFact(
                name=name[:100],
                category=categorise(name, sent.text),
                description="",
                evidence="",
                span=(sent.start, sent.end),
                hospital=hospital,
            )
        )
    return facts
