"""Short forms of hospital names, as readers and local papers write them: 市二医院 or 青山二院 for
青山市第二人民医院, 县人医 for a county's 人民医院, 市中医院 for a city's 中医医院, 省人民医院.

A name is read as places (province, city, county: cpca's division table and the hospital's own
fields) followed by a body (第二人民医院). A short form is one of the places (with or without
its 市/县/省, or that level word alone) followed by a shortened body (二院, 人医, 中医院 …). A body
that says nothing but the kind of hospital (二院, 人医, 中医院) needs a place in front of it.

`forms(name, places)` is a plain function; `lookup(query)` answers from a table of every
hospital's forms, rebuilt when hospitals or their aliases change.
"""

import re
from dataclasses import dataclass, field

import cn2an

from hospitals.extraction.places import names_university, starts_with_place
from hospitals.models import Hospital, HospitalAlias

from . import syntax
from .analysis import compact, normalize
from .checked import CheckedTable
from .documents import _detail_url

# Places stripped from the front of a name at most (province, city, county).
MAX_PLACES = 3
# Hospitals offered as choices when a short form names several.
MAX_CHOICES = 5
# Longer queries are not short forms (and are not looked up).
MAX_FORM_CHARS = 30

_NUMBER = r"(?P<n>[一二三四五六七八九十]{1,3}|\d{1,2})"
# Division suffixes; the one ending the innermost place is the level word (市二医院, 县人医).
_LEVEL = re.compile(r"(?:特别行政区|自治区|自治州|自治县|地区|省|市|县|区|州|旗|盟)$")
_LEVEL_WORD = {"自治区": "区", "自治州": "州", "自治县": "县", "地区": "", "特别行政区": ""}

# (body pattern, shortened bodies). {x} is what precedes the matched kind, {n} the number.
_RULES = (
    (rf"^第{_NUMBER}人民医院$", ("第{n}医院", "{n}医院", "{n}院", "{n}人民医院")),
    (rf"^第{_NUMBER}医院$", ("{n}医院", "{n}院")),
    # A place's own 人民医院 is its 医院 too (县医院); 某大学人民医院 is not 某大学医院.
    (r"^人民医院$", ("人医", "医院")),
    (r"^(?P<x>.+)人民医院$", ("{x}人医",)),
    (r"^(?P<x>.*)中医医院$", ("{x}中医院",)),
    (r"^(?P<x>.*)中医院$", ("{x}中医医院",)),
    (r"^(?P<x>.*)中西医结合医院$", ("{x}中西医院",)),
    (r"^(?P<x>.*)妇幼保健(?:院|计划生育服务中心)$", ("{x}妇幼保健院", "{x}妇幼", "{x}妇保院")),
    (rf"^(?P<x>.+)大学第{_NUMBER}附属医院$", ("{x}大学{n}附院", "{x}大{n}附院", "{u}大{n}附院")),
    (rf"^(?P<x>.+)大学附属第{_NUMBER}医院$", ("{x}大学{n}附院", "{x}大{n}附院", "{u}大{n}附院")),
)
_RULES = tuple((re.compile(pattern), templates) for pattern, templates in _RULES)

# Words that only say what kind of hospital it is: a body made of nothing else needs a place.
_KIND_WORDS = re.compile(
    r"第?(?:[一二三四五六七八九十]{1,3}|\d{1,2})|人民|人医|中西医结合|中西医|中医|妇幼保健|妇幼|妇保|妇产|"
    r"妇女儿童|儿童|肿瘤|口腔|眼科|精神卫生|精神病|传染病|胸科|骨科|康复|老年|皮肤病|结核病|中心|附属|"
    r"附院|专科|综合|卫生|保健|医疗|医学|医院|院"
)


def _numbers(n):
    """The number as written and in the other script (二 and 2)."""
    try:
        value = int(n) if n.isdigit() else int(cn2an.cn2an(n, "normal"))
    except ValueError:
        return (n,)
    other = cn2an.an2cn(value) if n.isdigit() else str(value)
    return (n, other)


def _bodies(body):
    """The body and its shortened forms (第二人民医院 → 二院, 第二医院 …)."""
    found = {body}
    for pattern, templates in _RULES:
        m = pattern.match(body)
        if not m:
            continue
        groups = m.groupdict()
        x = groups.get("x") or ""
        for n in _numbers(groups["n"]) if groups.get("n") else ("",):
            for template in templates:
                if "{u}" in template and len(x) != 2:
                    continue  # 郑州大学 → 郑大: only for a two-character school name
                found.add(template.format(x=x, n=n, u=x[:1]))
    return found


def _generic(body):
    return not _KIND_WORDS.sub("", body)


def split_places(name, places=()):
    """(places at the front of `name`, outermost first; the rest). `places` are extra place names
    known for this hospital (its province, city, county fields)."""
    known = sorted({p for p in places if p and len(p) >= 2}, key=len, reverse=True)
    found, rest = [], name
    while len(found) < MAX_PLACES:
        place = next((p for p in known if rest.startswith(p)), "") or starts_with_place(rest)
        # 中山大学附属第一医院: a place opening a school's name is part of the school's name.
        if len(place) < 2 or len(place) >= len(rest) or names_university(rest, len(place)):
            break
        found.append(place)
        rest = rest[len(place) :]
    return found, rest


def _place_forms(place):
    """A place as a prefix: as written, without its suffix, and its level word alone."""
    suffix = _LEVEL.search(place)
    if not suffix:
        return {place}, ""
    # 广西壮族自治区 is 广西 for short.
    bare = re.sub(r"(?:壮族|回族|维吾尔)$", "", place[: suffix.start()])
    level = _LEVEL_WORD.get(suffix.group(), suffix.group())
    return ({place, bare} if len(bare) >= 2 else {place}), level


def forms(name, places=()):
    """The short forms of one hospital name (compact, normalised), the name itself included.

    `places` are the hospital's province, city and county, used when the name starts with a place
    cpca does not know, or with none (协和医院 in 北京市 gives 北京协和医院)."""
    name = compact(normalize(name or ""))
    if not name:
        return set()
    places = [compact(normalize(p)) for p in places if p]
    extra = set(places) | {p[: m.start()] for p in places if (m := _LEVEL.search(p)) and m.start() >= 2}
    found, rest = split_places(name, extra)
    if not found:
        # No place in the name: the hospital's own places may precede it.
        prefixes = set(extra)
        level = ""
    else:
        prefixes, level = _place_forms(found[-1])
        if len(found) > 1:
            prefixes.add("".join(found))
    out = {name}
    for body in _bodies(rest):
        for prefix in prefixes:
            out.add(prefix + body)
        if level:
            out.add(level + body)
        if not _generic(body):
            out.add(body)
    return {form for form in out if len(form) >= 2}


@dataclass(frozen=True)
class Named:
    name: str
    url: str


@dataclass
class Match:
    """What a query names: one hospital (`hospital`), or several it may mean (`choices`)."""

    hospital: Named | None = None
    choices: list[Named] = field(default_factory=list)


TABLE_TTL = 30.0  # seconds a process trusts its table before reading the names again


def _rows():
    hospitals = Hospital.objects.order_by("pk").values_list(
        "pk", "name", "slug", "province", "city", "county"
    )
    aliases = HospitalAlias.objects.order_by("pk").values_list("hospital_id", "name")
    return tuple(hospitals), tuple(aliases)


def _build(hospitals, aliases):
    """({form: {hospital pk}}, {exact name or alias: {pk}}, {pk: Named})."""
    url = _detail_url("hospitals:detail")
    aliases_of = {}
    for hospital_id, alias in aliases:
        aliases_of.setdefault(hospital_id, []).append(alias)
    by_form, exact, named = {}, {}, {}
    for pk, name, slug, province, city, county in hospitals:
        named[pk] = Named(name, url(slug))
        for written in (name, *aliases_of.get(pk, ())):
            exact.setdefault(compact(normalize(written)), set()).add(pk)
            for form in forms(written, (province, city, county)):
                by_form.setdefault(form, set()).add(pk)
    return by_form, exact, named


def _read():
    rows = _rows()
    return hash(rows), rows


# Rebuilt when a hospital's name, alias, places or slug changed (looked at most every TABLE_TTL
# seconds).
_forms = CheckedTable(_read, lambda rows: _build(*rows), lambda: TABLE_TTL)


def _table():
    """The table of forms (see _build)."""
    return _forms.get()


def clear_cache():
    _forms.clear()


def lookup(query):
    """The hospital a query names by name, alias or short form, else the hospitals it may mean.

    Only a plain query is read (no quotes, OR or exclusions); spaces inside it are ignored
    (青山 二院)."""
    parsed = syntax.parse(query)
    if not parsed.usable or parsed.excluded or any(len(g) > 1 or g[0].phrase for g in parsed.groups):
        return Match()
    key = "".join(group[0].compact for group in parsed.groups)
    if len(key) > MAX_FORM_CHARS:
        return Match()
    by_form, exact, named = _table()
    pks = exact.get(key) or by_form.get(key) or set()
    chosen = sorted((named[pk] for pk in pks), key=lambda n: n.name)
    if len(chosen) == 1:
        return Match(hospital=chosen[0])
    return Match(choices=chosen[:MAX_CHOICES])
