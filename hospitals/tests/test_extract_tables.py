"""Tables drawn with bars (Markdown, or web tables copied as text): a year-end report's figures by
year, a profile's label and value cells, a leadership table; and the report's plan under a heading
the cleaner kept without its numbering."""

from decimal import Decimal

from articles.cleaning import parse_article
from hospitals.extraction.tables import blank_bars, table_metrics

from .extracted import extract_text, subject_leaders

REPORT = """桐庐县第一人民医院2025年度工作总结

    2025年，桐庐县第一人民医院在县委、县政府领导下，各项工作稳步推进，主要指标如下。

一、主要指标完成情况

| 指标 | 2024年 | 2025年 | 同比增长 |
|:---|---:|---:|---:|
| 门急诊人次（万） | 52.6 | 56.1 | 6.7% |
| 出院人次 | 2.63万 | 2.81万 | 6.8% |
| 手术台次 | 12050台 | 13380台 | 11.0% |
| 平均住院日 | 7.9天 | 7.5天 | |
| CMI | 0.91 | 0.96 | |
| 建院时间 | 1951年 | 1951年 | |

二、2026年工作计划

    力争门急诊量达到60万人次；CMI提升至1.0。
"""


def metrics(text):
    return {
        (m.name, m.value, m.unit, m.from_value, m.year, m.planned): m.evidence
        for m in extract_text(text).metrics
    }


def test_a_figure_by_year_is_the_latest_value_from_the_first_years():
    found = metrics(REPORT)
    assert ("门急诊人次", Decimal("56.1"), "万", Decimal("52.6"), 2025, False) in found
    assert ("出院人次", Decimal("2.81"), "万", Decimal("2.63"), 2025, False) in found
    assert ("手术台次", Decimal(13380), "台", Decimal(12050), 2025, False) in found
    assert ("平均住院日", Decimal("7.5"), "天", Decimal("7.9"), 2025, False) in found
    assert ("CMI", Decimal("0.96"), "", Decimal("0.91"), 2025, False) in found
    # The growth column is the figure's year-on-year change; its row is the evidence.
    growth = found[("手术台次同比增长", Decimal("11.0"), "%", None, 2025, False)]
    assert growth == "| 手术台次 | 12050台 | 13380台 | 11.0% |"


def test_a_date_in_a_table_and_the_header_are_no_figures():
    names = {name for name, *_ in metrics(REPORT)}
    assert "建院时间" not in names
    assert not any("|" in n or n in ("指标", "2024年") for n in names)


def test_under_a_plan_heading_without_its_number_figures_are_targets():
    found = metrics(REPORT)
    assert ("CMI", Decimal("1.0"), "", None, None, True) in found
    assert ("门急诊量", Decimal(60), "万人次", None, None, True) in found


PROFILE = """医院概况

当前位置：首页 > 医院概况

    乌拉特前旗人民医院始建于1950年，是一所二级甲等综合医院。

| 编制床位 | 450张 | 开放床位 | 520张 |
| 职工总数 | 618人 | 卫生技术人员 | 536人 |
| 占地面积 | 86亩 | 医院电话 | 0478-3210000 |

领导班子

| 姓名 | 职务 | 分管工作 |
| --- | --- | --- |
| 乌云其木格 | 党委书记 | 主持党委全面工作 |
| 高振华 | 院长、党委副书记 | 主持行政全面工作 |
| 刘 芳 | 副院长 | 医务、护理 |
"""


def test_label_and_value_cells_are_figures_however_many_pairs_a_row_holds():
    found = {(n, v, u) for n, v, u, *_ in metrics(PROFILE)}
    assert {
        ("编制床位", Decimal(450), "张"),
        ("开放床位", Decimal(520), "张"),
        ("职工总数", Decimal(618), "人"),
        ("卫生技术人员", Decimal(536), "人"),
        ("占地面积", Decimal(86), "亩"),
    } <= found
    assert not any("电话" in n for n, *_ in found)


def test_a_leadership_table_with_bars_gives_the_leaders():
    assert subject_leaders(extract_text(PROFILE)) == {
        "乌云其木格": ["党委书记"],
        "高振华": ["院长", "党委副书记"],
        "刘芳": ["副院长"],
    }


def test_the_cleaner_keeps_rows_as_lines_and_drops_the_header_rule():
    body = parse_article(PROFILE)[0].body
    assert "| 编制床位 | 450张 | 开放床位 | 520张 |\n| 职工总数 | 618人 |" in body
    assert "---" not in body


def test_bars_become_spaces_in_place_and_plain_text_has_no_table():
    text = "前言。\n| 王某 | 院长 |\n后记。"
    assert blank_bars(text) == "前言。\n  王某   院长  \n后记。"
    assert table_metrics("院长：王某。编制床位 | 800张") == []


def test_a_label_cell_that_starts_with_a_year_gives_the_value_its_year():
    text = "| 开放床位 | 520张 |\n| 2024年门急诊人次 | 36.2万人次 |\n| 2024年度分娩量 | 3100例 |"
    found = {
        (name, float(value), unit, year) for name, value, unit, _q, _f, year, _row, *_ in table_metrics(text)
    }
    assert found == {
        ("开放床位", 520.0, "张", None),
        ("门急诊人次", 36.2, "万人次", 2024),
        ("分娩量", 3100.0, "例", 2024),
    }


def test_a_cell_with_its_share_and_paired_labels_give_each_figure():
    text = "| 卫生技术人员 | 1520人（占86.4%） |\n| 博士/硕士 | 18人/302人 |"
    found = {(name, float(value), unit) for name, value, unit, *_rest in table_metrics(text)}
    assert found == {
        ("卫生技术人员", 1520.0, "人"),
        ("卫生技术人员占比", 86.4, "%"),
        ("博士", 18.0, "人"),
        ("硕士", 302.0, "人"),
    }


def test_units_in_a_scale_and_abbreviations_in_label_brackets():
    text = "| 指标 | 2023年 | 2024年 |\n| 门急诊人次（万人次） | 61.2 | 66.0 |\n| 病例组合指数（CMI） | 0.88 | 0.93 |\n| 门诊人次（含急诊） | 58 | 63 |"
    found = {
        (name, float(value), unit, float(first) if first is not None else None, year)
        for name, value, unit, _q, first, year, _row, *_ in table_metrics(text)
    }
    assert ("门急诊人次", 66.0, "万人次", 61.2, 2024) in found
    assert ("病例组合指数（CMI）", 0.93, "", 0.88, 2024) in found
    # A note in brackets is no unit: a bare count without one is not read.
    assert not any(name.startswith("门诊人次") for name, *_rest in found)


def test_a_table_laid_out_with_spaces_is_read_like_a_barred_one():
    text = (
        "靖西市人民医院2023年工作报告\n\n"
        "    2023年，靖西市人民医院各项工作稳步推进。近三年主要业务指标如下：\n"
        "指标　　　　　2021年　　2022年　　2023年\n"
        "门急诊人次　　612,318　　655,902　　701,446\n"
        "住院手术台次　　12,460　　13,127　　14,906\n\n"
        "    近三年医疗收入情况如下：\n"
        "　　　　　　　　２０２１年　　２０２２年　　２０２３年\n"
        "医疗收入（亿元）　５．８６　　　６．９２　　　７．３５\n\n"
        "    全院在职职工１，３２６人。\n"
    )
    ex = extract_text(text)
    found = {
        (m.name, float(m.value), m.unit, float(m.from_value) if m.from_value is not None else None)
        for m in ex.metrics
    }
    assert ("门急诊人次", 701446.0, "人次", 612318.0) in found
    assert ("住院手术台次", 14906.0, "台次", 12460.0) in found
    assert ("医疗收入", 7.35, "亿元", 5.86) in found
    assert ("在职职工", 1326.0, "人", None) in found


def test_a_unit_column_and_growth_cells_that_say_which_way():
    text = (
        "| 指标名称 | 单位 | 2024年 | 2023年 | 增减情况 |\n"
        "| 门急诊人次 | 万人次 | 88.1 | 80.4 | 增长9.6% |\n"
        "| 住院手术 | 台次 | 12,406 | 11,030 | 增长12.5% |\n"
        "| 平均住院日 | 天 | 6.9 | 7.4 | 缩短0.5天 |\n"
        "| 药占比 | % | 26.1 | 27.9 | 下降1.8个百分点 |\n"
        "| 门诊次均费用 | 元 | 241 | 248 | -2.8% |"
    )
    found = {
        (name, float(value), unit, float(first) if first is not None else None, year)
        for name, value, unit, _q, first, year, _row, *_ in table_metrics(text)
    }
    assert ("门急诊人次", 88.1, "万人次", 80.4, 2024) in found
    assert ("住院手术", 12406.0, "台次", 11030.0, 2024) in found
    assert ("门急诊人次增长", 9.6, "%", None, 2024) in found
    assert ("平均住院日缩短", 0.5, "天", None, 2024) in found
    assert ("药占比下降", 1.8, "个百分点", None, 2024) in found
    assert ("门诊次均费用下降", 2.8, "%", None, 2024) in found
    kinds = {
        m.name: m.kind
        for m in extract_text(
            "大荔县医院2024年运行情况\n\n    大荔县医院全年运行平稳。\n\n" + text + "\n"
        ).metrics
    }
    assert kinds["平均住院日缩短"] == "change" and kinds["平均住院日"] == "level"


def test_a_table_with_a_row_per_year_gives_each_column_its_latest_value():
    text = (
        "| 年份 | 门急诊量（万人次） | 出院患者（人次） | 床位使用率（%） |\n"
        "| 2022年 | 6.41 | 3,902 | 70.2 |\n"
        "| 2024年 | 7.86 | 4,655 | 81.0 |\n"
        "| 2023年 | 7.02 | 4,120 | 76.5 |"
    )
    found = {
        (name, float(value), unit, float(first) if first is not None else None, year)
        for name, value, unit, _q, first, year, _row, *_ in table_metrics(text)
    }
    assert found == {
        ("门急诊量", 7.86, "万人次", 6.41, 2024),
        ("出院患者", 4655.0, "人次", 3902.0, 2024),
        ("床位使用率", 81.0, "%", 70.2, 2024),
    }


def test_a_target_column_gives_planned_figures_and_parts_down_a_matrix_are_named_by_their_row():
    text = (
        "| 指标 | 单位 | 2024年完成 | 2027年目标 |\n"
        "| 四级手术占比 | % | 18.2 | 21 |\n"
        "| CMI值 | — | 0.98 | 1.05 |"
    )
    found = {(f.name, float(f.value), f.unit, f.year, f.planned) for f in table_metrics(text)}
    assert found == {
        ("四级手术占比", 18.2, "%", 2024, False),
        ("四级手术占比", 21.0, "%", 2027, True),
        ("CMI值", 0.98, "", 2024, False),
        ("CMI值", 1.05, "", 2027, True),
    }
    text = (
        "| 院区 | 开放床位（张） | 门急诊量（万人次） |\n"
        "| 城北院区 | 860 | 61.5 |\n"
        "| 城南院区 | 420 | 23.8 |\n"
        "| 合计 | 1,280 | 85.3 |"
    )
    found = {(f.name, float(f.value), f.unit) for f in table_metrics(text)}
    assert ("城北院区开放床位", 860.0, "张") in found
    assert ("城南院区门急诊量", 23.8, "万人次") in found
    assert ("开放床位", 1280.0, "张") in found and ("门急诊量", 85.3, "万人次") in found
    # A leadership table has labels across too, and no figures.
    assert table_metrics("| 姓名 | 职务 | 分工 |\n| 王某 | 院长 | 主持全面工作 |") == []


def test_a_column_head_with_its_year_and_a_total_the_prose_already_gave():
    text = "| 院区 | 开放床位（张） | 2024年门急诊量（万人次） |\n| 城东院区 | 510 | 40.2 |\n| 合计 | 730 | 55.6 |"
    found = {(f.name, float(f.value), f.unit, f.year) for f in table_metrics(text)}
    assert ("城东院区门急诊量", 40.2, "万人次", 2024) in found and ("门急诊量", 55.6, "万人次", 2024) in found
    ex = extract_text("弥渡县人民医院简介\n\n    弥渡县人民医院开放床位合计730张。\n\n" + text + "\n")
    assert sum(1 for m in ex.metrics if (float(m.value), m.unit) == (730.0, "张")) == 1


def test_a_growth_row_under_a_row_per_year_and_heads_over_one_row_of_values():
    text = (
        "| 年度 | 门急诊量（万人次） | 出院患者（人次） |\n"
        "| 2023年 | 96.4 | 41,220 |\n"
        "| 2024年 | 103.1 | 44,806 |\n"
        "| 同比增长 | 6.9% | 8.7% |"
    )
    found = {
        (f.name, float(f.value), f.unit, f.from_value and float(f.from_value)) for f in table_metrics(text)
    }
    assert ("门急诊量", 103.1, "万人次", 96.4) in found
    assert ("门急诊量同比增长", 6.9, "%", None) in found
    text = "| 平均住院日（天） | 病床使用率（%） | CMI值 |\n| 7.1 | 90.4 | 0.96 |"
    found = {(f.name, float(f.value), f.unit) for f in table_metrics(text)}
    assert found == {("平均住院日", 7.1, "天"), ("病床使用率", 90.4, "%"), ("CMI值", 0.96, "")}
