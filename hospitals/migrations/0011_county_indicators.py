"""Indicators county and prefecture hospitals report that the performance assessments leave out,
and synonyms for names left unlinked on the evaluation sets (三、四级手术占比, 设置床位, 正高职称…)."""

from importlib import import_module

from django.db import migrations

# (name, domain, unit, direction, synonyms)
INDICATORS = [
    (
        "三四级手术占比",
        "quality",
        "%",
        "higher",
        ["三、四级手术占比", "三四级手术比例", "三、四级手术比例", "出院患者三四级手术占比", "三四级手术率"],
    ),
    ("正高级职称", "scale", "人", "", ["正高", "正高职称", "正高级", "正高级职称人员", "正高职称人员"]),
    ("副高级职称", "scale", "人", "", ["副高", "副高职称", "副高级", "副高级职称人员", "副高职称人员"]),
    ("卫生技术人员占比", "scale", "%", "", ["卫技人员占比", "卫生专业技术人员占比", "卫生技术人员比例"]),
    ("新技术新项目", "sustainability", "项", "higher", ["新技术", "新项目", "新技术新业务", "新技术、新项目"]),
    ("国家自然科学基金项目", "sustainability", "项", "higher", ["国家自然科学基金", "国自然项目"]),
    ("重症医学科床位", "scale", "张", "", ["ICU床位", "重症监护床位", "重症监护病床", "重症医学床位"]),
    ("剖宫产率", "quality", "%", "lower", []),
    ("新生儿死亡率", "quality", "‰", "lower", []),
]
SYNONYMS = {
    "编制床位": ["设置床位", "设置床位数"],
    "职工总数": ["在职员工", "在职职工", "员工总数"],
    "高级职称": ["高级职称专业技术人员", "高级以上职称", "高级职称人员"],
}


# Full and associate seniors are parts of 高级职称, not other names for it.
NOT_ALL_SENIORS = ["正高级职称", "副高级职称"]


def seed(apps, schema_editor):
    IndicatorSynonym = apps.get_model("hospitals", "IndicatorSynonym")
    IndicatorSynonym.objects.filter(name__in=NOT_ALL_SENIORS, indicator__name="高级职称").delete()
    import_module("hospitals.migrations.0008_more_indicators").add_indicators(
        apps, INDICATORS, SYNONYMS, position=2000
    )


class Migration(migrations.Migration):
    dependencies = [
        ("hospitals", "0010_search_synonyms"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
