"""Hospital names in an article: detection, grouping of aliases, and the subject/mentioned roles."""

import re
from collections import Counter
from dataclasses import dataclass, field

from .nlp import tag
from .places import find_places, full_division_name, is_division, starts_with_place

# What an institution name can end with (longest first).
SUFFIXES = ("社区卫生服务中心", "卫生服务中心", "保健院", "卫生院", "医院")
_SUFFIX_RE = re.compile("|".join(SUFFIXES))
# A hospital's own group forms: "X医院医共体" names the same hospital.
GROUP_SUFFIX = re.compile(r"(医共体|医疗集团|医疗共同体|医联体|集团)")
_OWN_PLACE = re.compile(r"[\u4e00-\u9fff]{2,6}[县市旗区]|[\u4e00-\u9fff]{2,4}自治县")
# The main hospital of a place: its people's, central or general hospital.
_MAIN_HOSPITAL = re.compile(r"^(第一)?(人民|中心|总)医院$")
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# Words that end a name on its left when no place or university anchors it.
_STOP_CHARS = set("以与及在由的是为到等从对向将把被于了和至让使经赴入往给同跟家个名所各其这该我本记")
# Generic or relative expressions that look like names but are not one hospital.
_GENERIC_START = (
    "上级",
    "下级",
    "大型",
    "三甲",
    "二甲",
    "三级",
    "二级",
    "一级",
    "基层",
    "外地",
    "各级",
    "其他",
    "兄弟",
    "定点",
    "公立",
    "民营",
    "私立",
    "综合",
    "专科",
    "社区",
    "乡镇",
    "村",
    "省内",
    "国内",
    "国外",
    "一流",
    "标杆",
    "顶尖",
    "知名",
    "地级",
    "县级",
    "市级",
    "省级",
    "全国",
    "全省",
    "全市",
    "所在",
    "相关",
    "合作",
    "对口",
    "帮扶",
    "托管",
    "周边",
    "当地",
    "本地",
    "多家",
    "各",
    "该",
    "我",
    "本",
    "贵",
    "此",
    "同级",
    "同类",
    "城市",
    "农村",
    "城乡",
    "区域",
    "现代化",
    "数字化",
    "互联网",
    "智慧",
    "示范",
    "品牌",
    "优质",
    "试点",
    "分",
    "总",
    "医",
    "院",
)
_GENERIC_NAMES = {
    "人民医院",
    "中医医院",
    "中医院",
    "中心医院",
    "妇幼保健院",
    "卫生院",
    "医院",
    "中西医结合医院",
    "肿瘤医院",
    "儿童医院",
    "妇产医院",
    "口腔医院",
    "眼科医院",
    "精神病医院",
    "传染病医院",
    "康复医院",
    "社区卫生服务中心",
    "卫生服务中心",
    "保健院",
    "第一人民医院",
    "第二人民医院",
    "第三人民医院",
}
_RELATIVE_PREFIX = ("市", "县", "区", "省", "州", "镇", "乡")
_UNIVERSITY = re.compile(r"(大学|学院)")


@dataclass
class NameHit:
    name: str
    start: int
    end: int
    anchored: bool


@dataclass
class Group:
    """One hospital as the article names it, with every form that refers to it."""

    forms: Counter = field(default_factory=Counter)
    hits: list = field(default_factory=list)
    preferred: str = ""  # set by an explicit statement ("作为A，B…": B)

    @property
    def name(self):
        return choose_canonical(self)


def _left_context(text, end_of_name_start, limit=30):
    """Start index of the run of name characters (with balanced brackets) ending at `end_of_name_start`."""
    i = end_of_name_start
    depth = 0
    while i > 0 and end_of_name_start - i < limit:
        ch = text[i - 1]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and not _NAME_CHAR.match(ch):
            break
        i -= 1
    while depth and i < end_of_name_start:  # unbalanced: drop the partial bracket
        if text[i] in ")）":
            depth -= 1
        i += 1
    return i


# "王某同志任某某医院院长": the tail of 同志 and an appointment verb run into the name after them.
_LEADING_APPOINTMENT = re.compile(r"(?:同?志)?(?:担任|出任|兼任|调任|现任|改任|升任|任)")


def _after_appointment(text, start, end):
    """`start` moved past an appointment verb that opens text[start:end] ("志任…医院")."""
    m = _LEADING_APPOINTMENT.match(text, start, end)
    return m.end() if m else start


def _university_start(text, lo, hi):
    """Start of a university name (…大学/…学院) inside text[lo:hi], or None."""
    for m in _UNIVERSITY.finditer(text, lo, hi):
        j = m.start()
        while j > lo and text[j - 1] not in _STOP_CHARS:
            j -= 1
        j = _after_appointment(text, j, m.start())
        if m.start() - j >= 2:
            return j
    return None


_UNIVERSITY_PREFIX = re.compile(
    r".{2,14}?(?:大学|学院)(?:[\u4e00-\u9fff]{0,6}?(?:医学院|医学部))?(?:附属|附设)?"
)


def own_name_after_university(name):
    """The hospital's own name after its university's (某某大学附属青山医院 -> 青山医院), or ""."""
    m = _UNIVERSITY_PREFIX.match(name)
    return name[m.end() :] if m and len(name) - m.end() >= 4 else ""


_NOUNISH = {"n", "nz", "ns", "nr", "nrt", "nt", "j", "b", "eng", "nrfg", "ng"}
_NOT_NAMES = ("中国", "全国", "国家", "中华", "全省", "全市", "全县")
_BAD_FLAGS = {"v", "vd", "d", "ad", "p", "c", "f", "uj", "ul", "uz", "ug", "ud", "u", "r", "t", "y", "zg"}


def _valid_unanchored(name):
    """A name without a place in front (协和医院, 湘雅医院): a short proper noun plus the suffix."""
    if len(name) < 4 or name in _GENERIC_NAMES:
        return False
    if name.startswith(_GENERIC_START) or name.startswith(_RELATIVE_PREFIX) or name.startswith(_NOT_NAMES):
        return False
    suffix = next((x for x in SUFFIXES if name.endswith(x)), "")
    core = name[: len(name) - len(suffix)]
    if len(core) >= 3 and re.search(r"(?:担任|出任|兼任|调任|现任|任)$", core):
        return False  # "李明任医院…": a person appointed to the hospital, not a hospital's name
    if not 2 <= len(core) <= 4 or re.search(r"\d", core):
        return False
    # A hospital known by its number alone (二一五医院, 四零一医院: a factory's or the army's).
    if re.fullmatch(r"[零一二三四五六七八九]{3,4}", core):
        return True
    # A proper noun numbers its hospitals (湘雅二医院, 华西二院's 华西二医院): the ordinal is no word.
    if len(core) >= 3:
        core = re.sub(r"[一二三四五六七八九]$", "", core)
    # Specialty words may follow the proper noun (协和肿瘤医院).
    core = re.sub(r"(肿瘤|儿童|妇产|妇幼|口腔|眼科|中医|中西医结合|心血管|骨科|精神|传染病|康复)$", "", core)
    # A rare character (g) is most often part of a small place's name (溱潼).
    return len(core) >= 2 and all(flag in _NOUNISH or flag == "g" for _w, flag in tag(core))


# How far into a page its opening runs (title, subtitle and first sentence or two).
_OPENING = 200


_DESCRIPTION = re.compile(r"唯一|一家|一所|一座|之一|规模|最大|最早|首家|首个|首批")


def _valid_anchored_segment(seg):
    """No verbs, adverbs or prepositions between the place and the suffix (rejects "…自开诊以来…医院")."""
    outside = re.sub(r"[（(][^()（）]*[)）]", "()", seg)
    if re.search(r"(医院|卫生院|保健院)(?!\()", outside):
        return False
    if _DESCRIPTION.search(outside):
        return False  # "辛集市唯一一家三级综合医院": what the hospital is, not its name
    # The places that open the segment are places, however the tagger reads them (遵义 as a verb,
    # 即墨 as 即 + 墨): only the words after them are checked.
    while (place := starts_with_place(seg)) and len(place) < len(seg):
        seg = seg[len(place) :]
        if seg.startswith("立") and place[-1] in "省市县区":
            seg = seg[1:]  # 福建省立医院: a province's (or city's) own, run by it
    return not any(
        flag in _BAD_FLAGS and w not in ("附属", "附设", "中", "结合", "市立", "县立", "省立", "区立")
        for w, flag in tag(seg)
    )


def _strip_place(name):
    """The name without its leading place names (佛山市中心医院 -> 中心医院)."""
    rest = name
    while True:
        place = starts_with_place(rest)
        if not place or len(place) == len(rest):
            return rest
        rest = rest[len(place) :]


# "X医院(Y医院)" names one hospital twice; "X医院（原Y医院）" gives its former or other name, which
# is found as a name of its own and joined as an alias.
# A hospital's name, or a branch of one ("B医院某某分院"), as the bracket after another name gives it.
_BRACKET_HOSPITAL = r"(?:医院|卫生院|保健院)(?:[\u4e00-\u9fff]{1,6}(?:分院|院区))?"
_BRACKETED_NAME = re.compile(
    rf"[（(](?!原|又称|又名|简称|曾用名|旧称|即)[^()（）]{{2,30}}?{_BRACKET_HOSPITAL}[)）]"
)
_OTHER_NAME_OPENING = re.compile(r"[（(](?:原|又称|又名|简称|曾用名|旧称|即)[:：]?")
_TITLE_AFTER_QUOTE = re.compile(r"[”\"」’]\s*(称号|牌子|名称)")


def find_names(text):
    """Every hospital-name occurrence in `text` (normalised), left to right, non-overlapping."""
    hits = []
    for m in _SUFFIX_RE.finditer(text):
        end = m.end()
        # "X医院(Y医院)" keeps the bracket as part of this occurrence.
        b = _BRACKETED_NAME.match(text, end)
        if b:
            end = b.end()
        lo = _left_context(text, m.start())
        if m.start() - lo > 25:
            lo = m.start() - 25
        anchors = [s for s, _e, _n, _r in find_places(text[lo : m.start()])]
        anchors = [lo + a for a in anchors]
        uni = _university_start(text, lo, m.start())
        if uni is not None:
            anchors.append(uni)
        start = None
        for a in sorted(anchors):
            seg = text[a : m.start()]
            if _valid_anchored_segment(seg):
                start = a
                break
        anchored = start is not None
        if start is None:
            start = lo
            for i in range(m.start() - 1, lo - 1, -1):
                # A stop character right before the suffix belongs to the name (X和医院, X家医院).
                if text[i] in _STOP_CHARS and m.start() - i - 1 >= 2:
                    start = i + 1
                    break
            start = _after_appointment(text, start, m.start())
        name = text[start:end]
        if anchored:
            core = _strip_place(name)
            # A county or city's own hospital may be named by its place alone (安溪县医院, 赤峰市医院);
            # a bare province or a one-character division (市医院) is not a name.
            own = core == "医院" and bool(_OWN_PLACE.fullmatch(name[: len(name) - 2]))
            ok = len(name) >= 4 and (own or core not in ("医院", "卫生院", "保健院")) and len(core) >= 2
            # A division name alone plus a generic word (e.g. "市大型医院") is not anchored.
            ok = ok and not _strip_place(name).startswith(_GENERIC_START[:20])
        else:
            ok = _valid_unanchored(name)
        if ok:
            hits.append(NameHit(name, start, end, anchored))
    hits = [_with_branch(text, h) for h in hits]
    # Drop hits nested inside a longer one ("A省人民医院" inside "A省人民医院(B大学人民医院)C医院").
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out = []
    for h in hits:
        if out and h.start < out[-1].end:
            if h.end - h.start > out[-1].end - out[-1].start:
                out[-1] = h
            continue
        out.append(h)
    return out


# A hospital's branch in another place is named by the parent and the place: 北京某某医院保定医院,
# 某大学附属某某医院海南医院. The place and 医院 right after a parent's name make one name.
_BRANCH_TAIL = re.compile(r"([\u4e00-\u9fff]{2,8}?)医院")


def _with_branch(text, hit):
    m = _BRANCH_TAIL.match(text, hit.end)
    if not m or not hit.name.endswith("医院") or starts_with_place(m.group(1)) != m.group(1):
        return hit
    end = m.end()
    b = _BRACKETED_NAME.match(text, end)
    if b:
        end = b.end()
    return NameHit(text[hit.start : end], hit.start, end, hit.anchored)


def _merge_key(name):
    key = name.replace("中医医院", "中医院").replace("（", "(").replace("）", ")")
    # 威宁县人民医院 is 威宁彝族回族苗族自治县人民医院 said short.
    place = starts_with_place(key)
    key = full_division_name(place) + key[len(place) :] if place else key
    # A higher-level place before a lower one adds nothing: 广东省佛山市中医院 = 佛山市中医院,
    # 深圳市宝安区中医院 = 宝安区中医院.
    while True:
        place = starts_with_place(key)
        rest = key[len(place) :]
        inner = starts_with_place(rest) if place else ""
        if not inner or len(inner) == len(rest) or len(rest) - len(inner) < 2:
            return key
        key = rest


def split_bracket(name):
    """ "A(B)" where B is a hospital name: (A, B); otherwise (name, "")."""
    # The bracket may name a branch of another hospital: "A医院（B医院某某分院）".
    m = re.fullmatch(
        rf"(.+?(?:医院|卫生院|保健院))[（(](.+?{_BRACKET_HOSPITAL})[)）]",
        name,
    )
    return (m.group(1), m.group(2)) if m else (name, "")


def choose_canonical(group):
    if group.preferred:
        return group.preferred
    forms = [f for f in group.forms if not split_bracket(f)[1]] or list(group.forms)

    key_counts = Counter()
    for f, c in group.forms.items():
        key_counts[_merge_key(f)] += c

    # "A医院（B医院某某分院）": the name in brackets is the second name, A the hospital's own.
    bracketed = {split_bracket(f)[1] for f in group.forms} - {""}

    def rank(form):
        place = starts_with_place(form)
        province_first = bool(
            place and place.endswith(("省", "自治区")) and starts_with_place(form[len(place) :])
        )
        return (not province_first, key_counts[_merge_key(form)], form not in bracketed, len(form))

    return max(forms, key=rank)


# "…医院蓬安分院": a branch named for the place it stands in.
# Only a plaque put up ("…分院揭牌", "“…分院”挂牌仪式") says the branch is the local hospital; a
# branch with a head of its own ("某某分院院长") is a place of its own.
_PLACE_BRANCH = re.compile(
    r"([\u4e00-\u9fff]{2,3}?)(?:分院|院区)(?=[”」’\"]?(?:正式)?(?:揭牌|挂牌|授牌|落户|成立))"
)


class Resolver:
    """Groups the name occurrences of one article into hospitals."""

    def __init__(self, text):
        self.text = text
        self.hits = find_names(text)
        self.groups = []
        self._by_form = {}
        self.hits = self._drop_rare_unanchored(self.hits)
        for h in self.hits:
            self.add(h.name, h)
        self._join_bracket_forms()
        self._join_same_key()
        self._join_unanchored_with_placed()
        self._join_place_only_forms()
        self._join_county_named_forms()
        self._join_stated_aliases()
        self._join_place_branches()
        self.group_suffix_aliases = self._group_suffix_forms()

    def _drop_rare_unanchored(self, hits):
        # A bare "X医院" said once is as likely a phrase (…推动医院转型…) as a hospital; said
        # twice, or also with a place in front, it is a name.
        counts = Counter(h.name for h in hits)
        placed_cores = {_strip_place(h.name) for h in hits if h.anchored}
        placed_cores |= {own_name_after_university(h.name) for h in hits if h.anchored}
        kept = [h for h in hits if h.anchored or counts[h.name] >= 2 or h.name in placed_cores]
        if not kept and hits and hits[0].start < _OPENING:
            # A page that names one hospital once, early, by a place too small for the division
            # tables ("溱潼人民医院在门诊楼召开职代会"): that name is what the page is about.
            kept = [hits[0]]
        return kept

    def add(self, form, hit=None):
        g = self._by_form.get(form)
        if g is None:
            g = Group()
            self.groups.append(g)
            self._by_form[form] = g
        if hit is not None:
            g.forms[form] += 1
            g.hits.append(hit)
        else:
            g.forms.setdefault(form, 0)
        return g

    def merge(self, a, b):
        if a is b:
            return a
        for form, n in b.forms.items():
            a.forms[form] += n
            self._by_form[form] = a
        a.hits.extend(b.hits)
        a.preferred = a.preferred or b.preferred
        self.groups.remove(b)
        return a

    def _join_bracket_forms(self):
        for form in list(self._by_form):
            outer, inner = split_bracket(form)
            if inner:
                g = self._by_form[form]
                g = self.merge(self.add(outer), g)
                if starts_with_place(inner) or _UNIVERSITY.search(inner):
                    self.merge(g, self.add(inner))

    def _join_same_key(self):
        for form in list(self._by_form):
            place = starts_with_place(form)
            # 广东省佛山市中医医院 also names 佛山市中医医院, said or not.
            if place and place.endswith(("省", "自治区")) and starts_with_place(form[len(place) :]):
                self._by_form[form].forms.setdefault(form[len(place) :], 0)
                self._by_form.setdefault(form[len(place) :], self._by_form[form])
        by_key = {}
        for form in list(self._by_form):
            key = _merge_key(form)
            if key in by_key:
                self.merge(self._by_form[by_key[key]], self._by_form[form])
            else:
                by_key[key] = form

    def _join_unanchored_with_placed(self):
        # 佛山市青山医院 and 青山医院 in one article: the place-prefixed form is an alias. So is
        # 某某大学附属青山医院: its hospital's own name is what the article keeps saying; the
        # university's form stays the name.
        for form in list(self._by_form):
            core = _strip_place(form)
            if core != form and core in self._by_form and _valid_unanchored(core):
                self.merge(self._by_form[core], self._by_form[form])
            own = own_name_after_university(form)
            # "附属新华医院" for 某某大学附属新华医院: the short form may keep 附属 (or 附设).
            for short in (own, *(w + own for w in ("附属", "附设") if own and w + own in form)):
                if short and short in self._by_form and _valid_unanchored(short):
                    g = self.merge(self._by_form[form], self._by_form[short])
                    g.preferred = g.preferred or form

    def _join_place_only_forms(self):
        # "安溪县医院" in a headline and "安溪县人民医院" in the body: when the place has exactly
        # one main hospital in the article, the place-only form is that hospital's short name.
        for form in list(self._by_form):
            if form not in self._by_form or _strip_place(form) != "医院":
                continue
            place = form[:-2]
            full = {
                id(g): g
                for f, g in self._by_form.items()
                if f != form
                and g is not self._by_form[form]
                and f[: len(f) - len(_strip_place(f))].endswith(place)
                and _MAIN_HOSPITAL.search(_strip_place(f))
            }
            if len(full) == 1:
                (g,) = full.values()
                g.preferred = g.preferred or max(g.forms, key=len)
                self.merge(g, self._by_form[form])

    def _join_county_named_forms(self):
        # A district's main hospital is known by the district's bare name: 顺德医院 for 佛山市顺德区
        # 第一人民医院. When the article has exactly one main hospital of that district, it is it.
        for form in list(self._by_form):
            bare = re.fullmatch(r"([\u4e00-\u9fff]{2,3})医院", form)
            if form not in self._by_form or not bare or starts_with_place(form):
                continue
            divisions = [bare.group(1) + s for s in "区县市旗" if is_division(bare.group(1) + s)]
            full = {
                id(g): g
                for f, g in self._by_form.items()
                if g is not self._by_form[form]
                and any(f[: len(f) - len(_strip_place(f))].endswith(d) for d in divisions)
                and _MAIN_HOSPITAL.search(_strip_place(f))
            }
            if len(full) == 1:
                (g,) = full.values()
                g.preferred = g.preferred or max(g.forms, key=len)
                self.merge(g, self._by_form[form])

    def _join_stated_aliases(self):
        text = self.text
        hits = self.hits
        for i, h in enumerate(hits[:-1]):
            nxt = hits[i + 1]
            between = text[h.end : nxt.start]
            # "A/B": one hospital under two names; "A（原B）": B is what A was called.
            if between in ("/", "／") or (
                _OTHER_NAME_OPENING.fullmatch(between) and text[nxt.end : nxt.end + 1] in ")）"
            ):
                self.merge(self._by_form[h.name], self._by_form[nxt.name])
                continue
            # "作为A、…，B…": B is the hospital, A another of its names.
            if text[max(0, h.start - 2) : h.start] == "作为" and re.fullmatch(
                r"[^。！？；\n]{0,20}[，,]", between
            ):
                g = self.merge(self._by_form[nxt.name], self._by_form[h.name])
                g.preferred = g.preferred or nxt.name
                continue
            # "授予B“A”称号"
            if text[max(0, h.start - 2) : h.start] == "授予" and re.fullmatch(r"[“\"「‘]", between):
                if _TITLE_AFTER_QUOTE.match(text, nxt.end):
                    g = self.merge(self._by_form[h.name], self._by_form[nxt.name])
                    g.preferred = g.preferred or h.name

    def _join_place_branches(self):
        # "川北医学院附属医院蓬安分院" in a story that names 蓬安县人民医院: the branch a partner's
        # name is put on is the local hospital, and the mention is that hospital's, not the partner's.
        for h in list(self.hits):
            m = _PLACE_BRANCH.match(self.text, h.end)
            parent = self._by_form.get(h.name)
            if not m or parent is None:
                continue
            local = {
                id(g): g
                for f, g in self._by_form.items()
                if g is not parent and f.startswith(m.group(1)) and _MAIN_HOSPITAL.search(_strip_place(f))
            }
            if len(local) != 1:
                continue
            (g,) = local.values()
            parent.hits.remove(h)
            parent.forms[h.name] -= 1
            g.hits.append(h)
            branch = self.text[h.start : m.end()]
            g.forms.setdefault(branch, 0)
            self._by_form.setdefault(branch, g)
            if not parent.hits:
                self.groups.remove(parent)
                for form in [f for f, x in self._by_form.items() if x is parent]:
                    del self._by_form[form]

    def _group_suffix_forms(self):
        found = {}
        for h in self.hits:
            m = GROUP_SUFFIX.match(self.text, h.end)
            if m and m.group() in ("医共体", "医疗集团", "医疗共同体"):
                found.setdefault(id(self._by_form[h.name]), set()).add(h.name + m.group())
        return found


_ABOUT_SUBTITLE = re.compile(r"[—\-－─\s]*(?:记|访|走进|探访|在)")


def score_groups(resolver, title_len, subtitle_len, owner=""):
    """{group id: score}: occurrences in the title and subtitle weigh most, then frequency in the
    body (short forms such as 市二医院 count for their full name) and an early first mention.

    `resolver.text` is title + "\n" + subtitle + "\n" + body. `owner`: the hospital whose own site
    carries the page (来源：某某医院, its footer): the story is its own, whichever partner it names first.
    """
    text = resolver.text
    body_start = title_len + subtitle_len + 2
    # "——记某某医院…", "——访…", "——在某某医院职代会上的报告": such a subtitle says whom the
    # piece is about, however often the body names a partner.
    about = 20 if _ABOUT_SUBTITLE.match(text, title_len + 1) else 6
    scores = {}
    n = max(len(text), 1)
    # Only the first paragraph that opens with a self-description counts: a profile introduces its
    # own hospital first; a later one ("某大学附属医院是医院的对口帮扶单位") is about a partner.
    introductions = [
        (h.start, id(g)) for g in resolver.groups for h in g.hits if _introduces_itself(text, h, body_start)
    ]
    introduced = min(introductions)[1] if introductions else None
    # A news item about two partners often introduces both ("A是…三级甲等医院…", later "B是当地唯一
    # 的…"): then being introduced first says nothing about whose story it is, unless the text
    # opens with it, as a profile does.
    if len({gid for _, gid in introductions}) > 1 and min(introductions)[0] != body_start:
        introduced = None
    hosts = _hosts(resolver, body_start)
    for g in resolver.groups:
        s = 0.0
        for h in g.hits:
            s += 10 if h.start < title_len else about if h.start < body_start else 1
        for form in g.forms:
            core = _strip_place(form)
            if core != form and core not in _GENERIC_NAMES and len(core) >= 3:
                s += 0.5 * max(0, text.count(core) - g.forms[form])
        s += _local_voice(g, text, title_len, body_start)
        s += _abbreviated_voice(g, text, title_len, body_start)
        if id(g) == introduced:
            s += 8
        s += 3 * hosts.get(id(g), 0)
        if owner and owner in g.forms:
            s += 12
        if g.hits:
            first = min(h.start for h in g.hits)
            s += 3 * (1 - first / n)
        scores[id(g)] = s
    return scores


# "仪式在B门诊广场举行": the hospital where the event takes place hosts it.
_VENUE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:举行|举办|召开|隆重开幕)")


def _hosts(resolver, body_start):
    text = resolver.text
    hosts = {}
    for g in resolver.groups:
        for h in g.hits:
            if (
                h.start >= body_start
                and text[h.start - 1 : h.start] == "在"
                and _VENUE_AFTER.match(text, h.end)
            ):
                hosts[id(g)] = 1
    return hosts


# A profile opens a paragraph with its hospital and what it is: "X医院始建于…", "X医院是一所…",
# "X医院位于…". A partner named in a list (成员单位包括Y医院、Z医院) never opens the paragraph.
_SELF_INTRODUCTION = re.compile(
    r"(?:[（(][^()（）]{1,30}[)）])?[，,]?\s*(?:始建于|始创于|创建于|创办于|建于|成立于|前身|是一[所家座]|是(?!医院|本院|该院|我院|我们)[^。，,]{0,20}?医院|"
    r"是(?:全[县市区旗州]|当地|本地|区域内?)[^。，,]{0,16}?(?:中心|单位|机构)|位于|地处|坐落|隶属于|系)"
)


def _introduces_itself(text, hit, body_start):
    opens = hit.start == body_start or (hit.start > body_start and text[hit.start - 1] == "\n")
    return opens and bool(_SELF_INTRODUCTION.match(text, hit.end))


# A university's numbered hospital is written short: 中山一院, 浙大二院, 温医大附二院, 哈医大一院.
_NUMBERED_TAIL = re.compile(r"(?:第([一二三四五六七八九])(?:附属)?|([一二三四五六七八九]))医院$")
_ABBREVIATION = re.compile(
    r"([\u4e00-\u9fff])[\u4e00-\u9fff]{0,2}?(?:大|医大|医)?附?([一二三四五六七八九])院"
)


def _abbreviated_voice(group, text, title_len, body_start):
    """Mentions of a university hospital by its abbreviation: six points in the headline, one in
    the body."""
    form = max(group.forms, key=len)
    numbered = _NUMBERED_TAIL.search(form)
    if not numbered or not _UNIVERSITY.search(form):
        return 0.0
    ordinal = numbered.group(1) or numbered.group(2)
    initials = {form[0], own_name_after_university(form)[:1]} - {""}
    score = 0.0
    for m in _ABBREVIATION.finditer(text):
        if m.group(1) in initials and m.group(2) == ordinal:
            score += 6 if m.start() < title_len else 1 if m.start() >= body_start else 0
    return score


_NUMBERED_CORE = re.compile(r"第([一二三四五六七八九十])(?:人民)?医院")


def _contractions(level, core):
    numbered = _NUMBERED_CORE.fullmatch(core)
    if numbered:
        return (f"{level}{numbered.group(1)}医院", f"{level}{numbered.group(1)}院")
    if core == "人民医院":
        return (f"{level}医院",)
    if core == "中医医院":
        return (f"{level}中医院",)
    return ()


def _bare_count(text, short):
    """Occurrences of 县医院 that are not the end of a named one (安远县医院, 某某县医院)."""
    n = 0
    for m in re.finditer(re.escape(short), text):
        before = text[max(0, m.start() - 6) : m.start()]
        if not any(is_division(before[k:] + short[0]) for k in range(len(before) - 1)):
            n += 1
    return n


def _local_voice(group, text, title_len, body_start):
    """How the article speaks of a local hospital without its full name: "县人民医院" for 铜鼓县人民
    医院 (one point each), and a headline naming its place ("铜鼓百姓家门口看名医", four points)."""
    form = group.name
    core = _strip_place(form)
    places = form[: len(form) - len(core)]
    last = places
    while places and (inner := starts_with_place(last)) and len(inner) < len(last):
        last = last[len(inner) :]  # 宝鸡市凤翔区 -> 凤翔区
    if not last or not last.endswith(_RELATIVE_PREFIX):
        return 0.0
    body = text[body_start:]
    relative = last[-1] + core
    # Occurrences inside a full name (铜鼓县人民医院 holds 县人民医院) are hits already, of this
    # hospital or of another county's.
    score = _bare_count(body, relative)
    # Numbered hospitals are said shorter still: 市第一人民医院 is 市一医院 or 市一院, and a
    # headline saying so is about it as much as one giving the full name.
    # Local hospitals are said shorter still: 县人民医院 is 县医院, 市第一人民医院 is 市一医院 or
    # 市一院, 县中医医院 is 县中医院. A headline saying so is about it as much as the full name.
    for contracted in _contractions(last[-1], core):
        score += 6 * _bare_count(text[:title_len], contracted) + _bare_count(body, contracted)
    short = last[:-1]
    if len(short) >= 2 and short in text[:title_len] and not any(f in text[:title_len] for f in group.forms):
        score += 4
    return max(float(score), 0.0)


def is_short_form(name):
    """Relative references (市二医院, 县人民医院, 该院) that only mean something inside one article."""
    if not name:
        return True
    if name.startswith(_RELATIVE_PREFIX) or name.startswith(("该", "我", "本")):
        return True
    if name in _GENERIC_NAMES:
        return True
    place = starts_with_place(name)
    if not place:
        return not _valid_unanchored(name) or len(name) < 4
    return len(name) - len(place) < 2
