"""Extraction of hospitals, people, initiatives and metrics from one cleaned article.

Pure functions over articles.parsing.ParsedArticle: no database. Spans are offsets into
`parsed.body` (== Article.body); evidence is the sentence of the body at that span.
"""

import re
from dataclasses import replace

from hospitals.models import Hospital

from .facts import Extraction, HospitalFact, InitiativeFact, MetricFact, PersonFact
from .initiatives import extract_initiatives
from .metrics import extract_metrics, table_facts
from .names import (
    _GENERIC_NAMES,
    Resolver,
    _strip_place,
    is_short_form,
    own_name_after_university,
    score_groups,
    split_bracket,
)
from .people import extract_people
from .places import (
    dominant_city,
    named_outside,
    place_of_name,
    provincial_short_form,
    starts_with_place,
    stated_city,
    university_home,
)
from .tables import blank_bars
from .text import split_sentences, to_simplified

__all__ = [
    "Extraction",
    "HospitalFact",
    "InitiativeFact",
    "MetricFact",
    "PersonFact",
    "explain",
    "extract",
    "is_short_form",
]

_LEVEL = re.compile(r"(三|二|一)级(甲|乙)等|([三二])甲")
_LEVELS = {
    ("三", "甲"): Hospital.Level.GRADE_3A,
    ("三", "乙"): Hospital.Level.GRADE_3B,
    ("二", "甲"): Hospital.Level.GRADE_2A,
    ("二", "乙"): Hospital.Level.GRADE_2B,
}
# A university's or college's hospital: its name's place words name the school.
_UNIVERSITY_NAME = re.compile(r"(大学|学院)")
_FOUNDED = re.compile(r"(?:始建于|创建于|建于|创办于|始创于|成立于|创立于)((?:1[89]|20)\d\d)年")


def category_of(name, description=""):
    text = name + description
    if "中西医结合" in text:
        return Hospital.Category.INTEGRATED
    if "中医" in name or "中医医院" in description:
        return Hospital.Category.TCM
    if "妇幼保健" in name:
        return Hospital.Category.MATERNAL_CHILD
    if name.endswith("卫生院"):
        return Hospital.Category.TOWNSHIP
    if "社区卫生服务中心" in name:
        return Hospital.Category.COMMUNITY
    if re.search(r"(肿瘤|儿童|妇产|口腔|眼科|精神|传染病|胸科|骨科|康复|心血管|皮肤病|专科)医院", name):
        return Hospital.Category.SPECIALIST
    if re.search(
        r"(人民医院|中心医院|医学院附属|大学附属|总医院|第.人民医院|市[一二三四五六七八九十]医院)$", name
    ):
        return Hospital.Category.GENERAL
    return ""


def _self_description(sentences, forms):
    """Sentences that describe the subject itself ("X始建于…，是一所…")."""
    out = []
    for s in sentences:
        if any(f in s.text for f in forms) or re.match(r"^(医院|该院|我院)", s.text) or "是一所" in s.text:
            out.append(s.text)
    return "。".join(out)


def _level(desc):
    for m in _LEVEL.finditer(desc):
        # "大型三级医院" speaks of other hospitals; the subject says 是一所…/国家…
        if "大型" in desc[max(0, m.start() - 3) : m.start()]:
            continue
        key = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), "甲")
        if key in _LEVELS:
            return _LEVELS[key]
    return ""


def _ascii_brackets(name):
    return name.replace("（", "(").replace("）", ")")


def _without_names(norm, other_spans, forms):
    """`norm` with other hospitals' names (spans) and the subject's own forms blanked out."""
    chars = list(norm)
    for a, b in other_spans:
        chars[a:b] = " " * (b - a)
    text = "".join(chars)
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, " " * len(form))
    return text


def _hospital_fact(group, role, norm, other_spans, resolver, desc="", dateline=""):
    name = group.name
    outer, inner = split_bracket(name)
    aliases = [f for f in group.forms if f != name]
    aliases += sorted(resolver.group_suffix_aliases.get(id(group), ()))
    province, city, county = ("", "", "")
    university = bool(_UNIVERSITY_NAME.search(name))
    # A university hospital's short name (岳阳医院 for a Shanghai hospital) is a name, not a place.
    placed = next((f for f in ([name] if university else [name, *aliases]) if starts_with_place(f)), "")
    if placed:
        province, city, county = place_of_name(placed)
    own = own_name_after_university(name) if university else ""
    own_place = place_of_name(own) if own and starts_with_place(own) else ("", "", "")
    own_supported = (
        role == "subject"
        and bool(own_place[1])
        and dominant_city(_without_names(norm, other_spans, [*group.forms, own]))[1] == own_place[1]
    )
    if role == "subject" and own_supported:
        # 某某大学附属烟台某某医院 in a text about 烟台: the place in the hospital's own name, which
        # the text names too, is where it is; the university's is the school's (and "位于青岛市的"
        # may be said of the school's other hospital).
        province, city, county = own_place
    stated = ("", "", "")
    if role == "subject" and university and not own_supported:
        # A university hospital's name may carry its school's city or a short name that looks like
        # a place (岳阳医院 in Shanghai): what the text states (位于上海市, 本报上海讯) wins.
        stated = stated_city(dateline) if dateline else ("", "", "")
        stated = stated if stated[1] else stated_city(norm)
        if stated[1]:
            province, city, county = stated
    # A place word after the university (某某大学附属中山医院) may be the hospital's own name, not
    # where it is: when the text never names that city otherwise, the city it talks about wins.
    unsupported = (
        role == "subject"
        and university
        and bool(city)
        and not stated[1]
        # Only a place word in the hospital's own name is in doubt (某某大学附属中山医院); a
        # university named for a municipality (北京大学人民医院) is where its hospital is.
        and bool(starts_with_place(own_name_after_university(name)))
        and not named_outside(norm, city, [*group.forms, *map(own_name_after_university, group.forms)])
    )
    if role == "subject" and (not province or university and not city or unsupported):
        # No place in the name (青山医院), or only a university's (中山大学附属第一医院): the city
        # the article says or talks about, ignoring places that are part of other hospitals' names.
        # Nor is a place word inside the subject's own name evidence (复旦大学附属中山医院 is not
        # in 中山): had the name placed it, it would not be looked for here.
        own = filter(None, map(own_name_after_university, group.forms))
        text = _without_names(norm, other_spans, [*group.forms, *own])
        # Where the story was filed (本报上海讯) is what the text states first; then the body.
        found = stated_city(dateline) if dateline else ("", "", "")
        if university and not found[1]:
            found = stated_city(text)
        if university and not found[1]:
            found = university_home(name, text)
        found = found if found[1] else dominant_city(text)
        if university and not found[1]:
            # The text names no city: a university named for its city (西安交通大学…) is there.
            found = university_home(name)
        if found[1] and (unsupported or found[0] == (province or found[0])):
            province, city, county = found
        if city and not starts_with_place(name) and not university:
            aliases.append(city + name)
    if role == "subject" and province and not city and not university:
        # A province's own hospital (某省人民医院) names no city: where the story was filed
        # (本报兰州讯) or where the text says the hospital is (位于…) tells it, within that province.
        found = stated_city(dateline) if dateline else ("", "", "")
        found = found if found[1] else stated_city(norm)
        if found[1] and found[0] == province:
            province, city, county = found
    # Brackets in names are stored half-width (as the store matches them), whatever the text used.
    name = _ascii_brackets(name)
    aliases = [_ascii_brackets(a) for a in aliases]
    fact = HospitalFact(
        name=name,
        aliases=[a for a in dict.fromkeys(aliases) if a and a != name and not is_short_form(a)],
        role=role,
        province=province,
        city=city,
        county=county,
        category=category_of(name, desc),
    )
    if role == "subject":
        fact.level = _level(desc)
        m = _FOUNDED.search(desc)
        fact.founded_year = int(m.group(1)) if m else None
    return fact


def _with_evidence(facts, body):
    for f in facts:
        if f.span:
            f.evidence = body[f.span[0] : f.span[1]]
    return facts


def _named_in_passing(resolver, head_len, body_len):
    """True when the text names each of its hospitals only once, none in the title or the
    opening, and only after the first third of the body."""
    hits = [h for g in resolver.groups for h in g.hits]
    late = head_len + max(body_len // 3, min(200, body_len // 2))
    # A long first sentence still opens the story ("…率有关部门负责人来某某医院调研。").
    opening_end = resolver.text.find("。", head_len)
    if opening_end != -1:
        late = max(late, opening_end + 1)
    return (
        bool(hits) and all(len(g.hits) == 1 for g in resolver.groups) and min(h.start for h in hits) >= late
    )


_SPEAKS_OF_A_HOSPITAL = re.compile(r"(医院|我院|本院|该院|全院|院长|院党委|卫生院)")


def extract(parsed, fallback_subject=None):
    """Facts of one ParsedArticle: hospitals (subject first), people, initiatives, metrics.

    `fallback_subject` (a HospitalFact, e.g. the subject of the page's lead item) is the subject
    of an item that names no hospital itself (short news items saying only 我院/县人民医院).
    """
    body = parsed.body
    norm = to_simplified(body)
    title = to_simplified(parsed.title or "")
    subtitle = to_simplified(parsed.subtitle or "")
    # Names are looked up over title, subtitle and body, but spans only ever point into the body.
    head = f"{title}\n{subtitle}\n"
    resolver = Resolver(head + norm)
    sentences = split_sentences(norm)
    ex = Extraction()
    other_forms = {}  # every form of a mentioned hospital -> its HospitalFact name
    subject_forms = []
    # A hospital's own site says only 我院 in its pages; the site it was copied from names it.
    owner = Resolver(to_simplified(getattr(parsed, "publication", "") or "")) if not resolver.groups else None
    if owner is not None and owner.groups and fallback_subject is None:
        desc = _self_description(sentences, {"医院", "本院", "我院"})
        ex.hospitals.append(_hospital_fact(owner.groups[0], "subject", norm, [], owner, desc))
        subject_name = ex.hospitals[0].name
    elif not resolver.groups:
        subject_name = ""
        # A short item after the lead one is the lead hospital's only if it speaks of a hospital
        # (我院, 该院, 县医院, 院长…); a blood bank's or a county's news beside it is not.
        if fallback_subject is not None and _SPEAKS_OF_A_HOSPITAL.search(head + norm):
            ex.hospitals.append(replace(fallback_subject, role="subject"))
            subject_name = fallback_subject.name
    elif _named_in_passing(resolver, len(head), len(norm)):
        # A round-up (national figures, a programme) that names one hospital once, late, is not
        # about it: its figures are not that hospital's. The hospital stays a mention.
        subject_name = ""
        for g in resolver.groups:
            ex.hospitals.append(_hospital_fact(g, "mentioned", norm, [], resolver))
            for f in g.forms:
                other_forms[f] = ex.hospitals[-1].name
        if fallback_subject is not None:
            ex.hospitals.insert(0, replace(fallback_subject, role="subject"))
            subject_name = fallback_subject.name
    else:
        publication = to_simplified(getattr(parsed, "publication", "") or "")
        scores = score_groups(resolver, len(title), len(subtitle), publication)
        ordered = sorted(resolver.groups, key=lambda g: -scores[id(g)])
        subject = ordered[0]
        subject_forms = set(subject.forms)
        offset = len(head)
        other_spans = [
            (max(0, h.start - offset), max(0, h.end - offset)) for g in ordered[1:] for h in g.hits
        ]
        desc = _self_description(sentences, subject_forms | {_strip_place(f) for f in subject_forms})
        dateline = to_simplified(getattr(parsed, "dateline", "") or "")
        ex.hospitals.append(_hospital_fact(subject, "subject", norm, other_spans, resolver, desc, dateline))
        subject_forms = [*subject.forms, *ex.hospitals[0].aliases]
        for g in ordered[1:]:
            fact = _hospital_fact(g, "mentioned", norm, [], resolver)
            ex.hospitals.append(fact)
            for f in g.forms:
                other_forms[f] = fact.name
                # "自治区人民医院每周派出专家…": a provincial partner named short after its full name.
                short = provincial_short_form(f)
                if short and not any(short in own for own in subject_forms):
                    other_forms.setdefault(short, fact.name)
                # "容县石寨镇中心卫生院" is "石寨镇中心卫生院" in the next paragraph.
                core = _strip_place(f)
                if core != f and len(core) >= 5 and core not in _GENERIC_NAMES:
                    if not any(core in own for own in subject_forms):
                        other_forms.setdefault(core, fact.name)
        subject_name = ex.hospitals[0].name
    # A leadership table's rows read as columns once their bars are spaces (offsets kept).
    unbarred = blank_bars(norm)
    people = extract_people(
        unbarred, split_sentences(unbarred), subject_name, list(other_forms), parsed.authors, subject_forms
    )
    # Captions often name the leaders ("院党委书记王某为新入职员工授牌…"), and an interview names the
    # one interviewed only in its title ("——访…医院院长张三"); their evidence is that line.
    known = {p.name for p in people}
    for caption in [*(x for x in (parsed.title, parsed.subtitle) if x), *(parsed.captions or [])]:
        cap = to_simplified(caption)
        for p in extract_people(cap, split_sentences(cap), subject_name, list(other_forms), parsed.authors):
            same = next((q for q in people if q.name == p.name and q.hospital == p.hospital), None)
            if same is not None:
                # "——访某某医院党委副书记、院长朱卫平": the title line may give more of the posts.
                same.titles.extend(t for t in p.titles if t not in same.titles)
            if p.name not in known:
                known.add(p.name)
                p.span = None
                p.evidence = caption
                people.append(p)
    for p in people:
        p.hospital = other_forms.get(p.hospital, p.hospital)
    ex.people = _with_evidence(people, body)
    metrics = extract_metrics(sentences, subject_name, list(other_forms))
    # A table's total often repeats what the prose said ("开放床位合计820张"): one fact, the sentence's.
    metrics += [
        t
        for t in table_facts(norm, subject_name)
        if not any(
            (m.value, m.unit, m.planned) == (t.value, t.unit, t.planned)
            and (m.name in t.name or t.name in m.name)
            for m in metrics
        )
    ]
    ex.metrics = _with_evidence(metrics, body)
    initiatives = _with_evidence(extract_initiatives(norm, sentences, subject_name), body)
    for i in initiatives:
        i.description = i.evidence
    ex.initiatives = initiatives
    if not subject_name:
        # Facts need a hospital to belong to; without a subject there is nobody to attach them to.
        ex.people, ex.metrics, ex.initiatives = [], [], []
    return ex


def _fmt(d):
    return format(d.normalize(), "f") if d is not None else ""


def explain(ex):
    """Human-readable lines, one per fact, each with its evidence."""
    lines = []
    for h in ex.hospitals:
        place = " ".join(x for x in (h.province, h.city, h.county) if x)
        extra = " ".join(x for x in (h.category, h.level, str(h.founded_year or "")) if x)
        alias = f" 别名: {'、'.join(h.aliases)}" if h.aliases else ""
        lines.append(f"[医院:{h.role}] {h.name} ({place}) {extra}{alias}".rstrip())
    for p in ex.people:
        lines.append(f"[人物] {p.name} {'、'.join(p.titles)} @{p.hospital} — {p.evidence}")
    for i in ex.initiatives:
        lines.append(f"[举措:{i.category}] {i.name} @{i.hospital} — {i.evidence}")
    for m in ex.metrics:
        value = f"{_fmt(m.from_value)}→{_fmt(m.value)}" if m.from_value is not None else _fmt(m.value)
        when = " ".join(x for x in (str(m.year or ""), m.period, "计划" if m.planned else "") if x)
        lines.append(
            f"[指标:{m.kind}] {m.name} = {m.qualifier}{value}{m.unit} {when} @{m.hospital} — {m.evidence}"
        )
    return lines
