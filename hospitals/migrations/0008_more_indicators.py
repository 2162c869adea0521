"""More profile facts and synonyms seen in imported articles; staff words that don't mean all
staff (医护人员 are doctors and nurses) no longer count as 职工总数."""

import re

from django.db import migrations
from pypinyin import lazy_pinyin

# (name, domain, unit, direction, synonyms)
INDICATORS = [
    ("临床科室", "scale", "个", "", ["临床科室数", "临床科室数量"]),
    ("医技科室", "scale", "个", "", ["医技科室数", "医技科室数量"]),
    ("病区", "scale", "个", "", ["病区数", "护理单元", "护理单元数"]),
    ("医疗设备台数", "scale", "台", "", ["医疗设备", "设备", "医疗设备数", "医疗设备数量", "医疗仪器设备"]),
    ("市级重点专科", "sustainability", "个", "higher", ["市级临床重点专科", "市重点专科", "市级重点临床专科"]),
]
SYNONYMS = {
    "手术台次": ["住院手术", "住院手术台次", "住院手术量"],
    "住院人次": ["住院患者"],
    "分娩量": ["接产人次", "分娩人次"],
    "高级职称": ["高级专业技术职务人员", "高级专业技术职务"],
}
NOT_ALL_STAFF = ["医护人员", "医务人员", "医务人员人数"]


def _slug(text, taken):
    base = "-".join(p for p in lazy_pinyin(text) if re.fullmatch(r"[A-Za-z0-9]+", p)).lower()
    base = re.sub(r"[^a-z0-9-]+", "-", base).strip("-")[:70].strip("-") or "indicator"
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


def seed(apps, schema_editor):
    IndicatorSynonym = apps.get_model("hospitals", "IndicatorSynonym")
    IndicatorSynonym.objects.filter(name__in=NOT_ALL_STAFF, indicator__name="职工总数").delete()
    add_indicators(apps, INDICATORS, SYNONYMS, position=1000)


def add_indicators(apps, indicators, synonyms_of, position):
    """Create `indicators` [(name, domain, unit, direction, synonyms)] and the synonyms
    `synonyms_of` {indicator name: [synonym]}, skipping any name already taken."""
    Indicator = apps.get_model("hospitals", "Indicator")
    IndicatorSynonym = apps.get_model("hospitals", "IndicatorSynonym")
    by_indicator = dict(synonyms_of)
    taken = set(Indicator.objects.values_list("slug", flat=True))
    names = set(Indicator.objects.values_list("name", flat=True))
    names |= set(IndicatorSynonym.objects.values_list("name", flat=True))
    for name, domain, unit, direction, synonyms in indicators:
        if name in names:
            continue
        names.add(name)
        position += 1
        Indicator.objects.create(
            name=name, slug=_slug(name, taken), domain=domain, unit=unit, direction=direction, position=position
        )
        by_indicator[name] = synonyms
    for indicator_name, synonyms in by_indicator.items():
        indicator = Indicator.objects.filter(name=indicator_name).first()
        if indicator is None:
            continue
        for synonym in synonyms:
            if synonym not in names:
                names.add(synonym)
                IndicatorSynonym.objects.create(indicator=indicator, name=synonym)


class Migration(migrations.Migration):
    dependencies = [
        ("hospitals", "0007_seed_indicators"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
