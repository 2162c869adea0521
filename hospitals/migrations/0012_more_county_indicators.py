"""Indicators and synonyms for names the larger held-out set left unlinked: referrals out of the
county, operating rooms, experts on the State Council allowance, counts of grade-3/4 operations,
appointment rates said as 挂号比例, equipment counted in 台件."""

from importlib import import_module

from django.db import migrations

# (name, domain, unit, direction, synonyms)
INDICATORS = [
    ("县外转诊率", "quality", "%", "lower", ["县外转诊比例", "县域外转诊率", "外转率"]),
    ("手术间", "scale", "间", "", ["手术室", "洁净手术间", "层流手术间", "洁净手术室"]),
    (
        "享受政府特殊津贴专家",
        "sustainability",
        "人",
        "higher",
        ["国务院政府特殊津贴专家", "享受国务院政府特殊津贴专家", "政府特殊津贴专家"],
    ),
    ("三四级手术", "quality", "台次", "higher", ["三、四级手术", "三四级手术量", "三、四级手术量"]),
]
SYNONYMS = {
    "门诊患者平均预约诊疗率": ["门诊预约挂号比例", "预约挂号比例", "门诊预约率", "门诊预约诊疗率", "预约诊疗率"],
    "医疗设备台数": ["设备", "医疗设备", "万元以上设备", "万元以上医疗设备"],
    "大型设备": ["百万元以上设备", "百万元以上大型设备", "大型医疗设备"],
    "党支部": ["党委下设党支部", "基层党支部"],
}


def seed(apps, schema_editor):
    import_module("hospitals.migrations.0008_more_indicators").add_indicators(
        apps, INDICATORS, SYNONYMS, position=3000
    )


class Migration(migrations.Migration):
    dependencies = [
        ("hospitals", "0011_county_indicators"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
