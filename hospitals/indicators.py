"""Linking free-text metric names to canonical indicators, folding units, dating values.

Plain functions over plain data: `Linker` works on a synonym table (name → indicator key and
unit) so it runs without a database; `load_linker()` builds one from Indicator and
IndicatorSynonym rows.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from .extraction.numbers import parse_number
from .extraction.text import to_simplified

# target unit → {unit a metric may carry: factor to the target}. Units not listed under a
# target never fold into it, which is also the unit-compatibility check of the linker: a %
# never becomes a count, 万元 never becomes 人次.
CONVERSIONS = {
    # A bare 万 after a count's name ("门急诊人次86.4万") is ten thousand of that count.
    "人次": {"人次": 1, "万人次": 10000, "人": 1, "万人": 10000, "例次": 1, "万": 10000},
    "人": {"人": 1, "名": 1, "位": 1, "万人": 10000, "万": 10000},
    "张": {"张": 1, "床": 1, "张床位": 1},
    "台次": {
        "台次": 1,
        "例": 1,
        "台": 1,
        "例次": 1,
        "万例": 10000,
        "万台次": 10000,
        "万台": 10000,
        "万": 10000,
    },
    "例": {"例": 1, "例次": 1, "人次": 1, "人": 1, "名": 1, "万例": 10000, "万": 10000},
    "台": {"台": 1, "套": 1, "件": 1, "台套": 1},
    "元": {"元": 1, "万元": 10000, "亿元": 100000000},
    "万元": {"元": Decimal("0.0001"), "万元": 1, "亿元": 10000},
    "平方米": {"平方米": 1, "㎡": 1, "m²": 1, "万平方米": 10000, "亩": Decimal("666.67")},
    "亩": {"亩": 1},
    "%": {"%": 1, "％": 1, "个百分点": 1},
    "天": {"天": 1, "日": 1},
    "分钟": {"分钟": 1, "小时": 60},
    "个": {"个": 1, "项": 1},
    "项": {"项": 1, "个": 1, "件": 1},
    "家": {"家": 1, "个": 1, "所": 1},
    "篇": {"篇": 1},
    "组": {"组": 1, "": 1},
    "级": {"级": 1},
    "": {"": 1},
}


def fold(value, unit, target_unit):
    """`value` in `unit` expressed in `target_unit` (Decimal), or None when the units don't fold."""
    if value is None:
        return None
    unit = (unit or "").strip()
    target_unit = (target_unit or "").strip()
    factors = CONVERSIONS.get(target_unit, {target_unit: 1})
    factor = factors.get(unit)
    if factor is None:
        return None
    return Decimal(str(value)) * Decimal(str(factor))


def compatible(unit, target_unit):
    return fold(1, unit, target_unit) is not None


# Words around a measure's name that don't change what it measures: 年门急诊量 = 门急诊量.
_PREFIX = re.compile(r"^(?:年度|全年|年|全院|医院|院|共|累计|总计)+")
_SUFFIX = re.compile(r"(?:总量|总数|数量|人次数|总计|数|量|总)$")
_BRACKETS = re.compile(r"\(([^()]*)\)")


@lru_cache(maxsize=50000)
def normalise(name):
    """The form names are compared in: NFKC, simplified, no spaces, ASCII brackets, 病人 = 患者."""
    name = unicodedata.normalize("NFKC", name or "")
    # Leading punctuation is the extractor's leftover (".医院占地面积").
    name = to_simplified(re.sub(r"\s+", "", name)).upper().lstrip(".,，、。:：;；·")
    name = name.replace("[", "(").replace("]", ")")
    return re.sub(r"病人|病患", "患者", name)


def variants(name):
    """Forms of `name` to look up, most literal first: itself, without a bracketed note
    ("病例组合指数(CMI)" → 病例组合指数, CMI), and each without its filler prefix."""
    name = normalise(name)
    forms = [name]
    if _BRACKETS.search(name):
        forms.append(_BRACKETS.sub("", name))
        forms.extend(m.group(1) for m in _BRACKETS.finditer(name))
    forms += [_PREFIX.sub("", f) for f in forms]
    seen = []
    for f in forms:
        if f and f not in seen:
            seen.append(f)
    return seen


def stem(name):
    """`name` without its counting suffix (门急诊量, 门急诊总量 → 门急诊); used only when no exact form matches."""
    form = _PREFIX.sub("", normalise(name))
    shorter = _SUFFIX.sub("", form)
    return shorter if len(shorter) >= 2 else form


# Bare names that mean different indicators depending on whose they are; the sentence decides
# when it names exactly one of the owners.
QUALIFIED = {
    "满意度": {
        "门诊": "门诊患者满意度",
        "住院": "住院患者满意度",
        "医务人员|职工|员工|医护人员": "医务人员满意度",
    },
}
QUALIFIED["满意率"] = QUALIFIED["满意度"]


@dataclass(frozen=True)
class Entry:
    """One row of the synonym table: a name (an indicator's own or a synonym) for indicator `key`."""

    name: str
    key: object
    unit: str
    indicator_name: str


class Linker:
    """Maps a metric (name, unit, evidence) to an indicator key, or None when unsure."""

    def __init__(self, entries):
        self.units = {}
        self.by_name = {}
        self.by_stem = {}
        self.key_of_indicator = {}
        for e in entries:
            self.units[e.key] = e.unit
            self.key_of_indicator[normalise(e.indicator_name)] = e.key
            self.by_name.setdefault(normalise(e.name), set()).add(e.key)
            self.by_stem.setdefault(stem(e.name), set()).add(e.key)

    def link(self, name, unit, evidence=""):
        unit = (unit or "").strip()
        for form in variants(name):
            keys = self._fitting(self.by_name.get(form, ()), unit)
            if keys:
                return keys.pop() if len(keys) == 1 else None
        keys = self._fitting(self.by_stem.get(stem(name), ()), unit)
        if len(keys) == 1:
            return keys.pop()
        if keys:
            return None
        return self._qualified(name, unit, evidence)

    def needs_evidence(self, name):
        """True for bare names (满意度) whose indicator only the sentence can tell."""
        return _PREFIX.sub("", normalise(name)) in QUALIFIED and not any(
            form in self.by_name for form in variants(name)
        )

    def _fitting(self, keys, unit):
        return {k for k in keys if compatible(unit, self.units[k])}

    def _qualified(self, name, unit, evidence):
        owners = QUALIFIED.get(_PREFIX.sub("", normalise(name)))
        if not owners:
            return None
        text = normalise(evidence)
        hits = [target for pattern, target in owners.items() if re.search(pattern, text)]
        if len(hits) != 1:
            return None
        key = self.key_of_indicator.get(normalise(hits[0]))
        return key if key is not None and compatible(unit, self.units[key]) else None


def load_linker():
    """A Linker over the indicators and synonyms in the database (two queries)."""
    from .models import Indicator, IndicatorSynonym

    entries = [Entry(i.name, i.pk, i.unit, i.name) for i in Indicator.objects.only("pk", "name", "unit")]
    units = {e.key: (e.unit, e.indicator_name) for e in entries}
    for syn in IndicatorSynonym.objects.values_list("name", "indicator_id"):
        unit, indicator_name = units[syn[1]]
        entries.append(Entry(syn[0], syn[1], unit, indicator_name))
    return Linker(entries)


# Dating values. A year stated in the sentence wins; otherwise a period relative to the
# article's date: 今年 is its year, 去年 the one before, 近三年 the three years up to it.
_RECENT = re.compile(r"近([一二两三四五六七八九十\d]+)年|([一二两三四五六七八九十\d]+)年(?:来|以来)")
_PLAN = re.compile(r"[“\"]?十([一二三四五])五[”\"]?")


def _count(text):
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) else None


def resolve_span(year, period, published_on):
    """(last year, number of years) a value covers, or (None, 1) when it can't be dated."""
    if year:
        return int(year), 1
    period = period or ""
    if not period or not isinstance(published_on, date):
        return None, 1
    now = published_on.year
    if "前年" in period:
        return now - 2, 1
    if "去年" in period:
        return now - 1, 1
    if re.search(r"今年|本年|上半年", period):
        return now, 1
    if re.search(r"全年|下半年|一年以来", period):
        # A year's review printed in its first months looks back on the year before.
        return (now - 1 if published_on.month <= 3 else now), 1
    m = _PLAN.search(period)
    if m:
        # The 11th plan (十一五) began in 2006; plans run five years each since.
        start = 2006 + 5 * (_count(m.group(1)) - 1)
        end = min(start + 4, now)
        return (end, end - start + 1) if end >= start else (None, 1)
    m = _RECENT.search(period)
    if m:
        n = _count(m.group(1) or m.group(2))
        if n and 1 <= n <= 30:
            return now, n
    return None, 1


def resolve_year(year, period, published_on):
    """The year a value belongs to (see resolve_span), or None."""
    return resolve_span(year, period, published_on)[0]
