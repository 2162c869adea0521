"""Extraction reads any numeral a real text may hold without failing: approximate ranges
("六七十名"), vague amounts ("数百"), fractions, odd digits. A file that raised here would not
import at all."""

import itertools

import pytest

from hospitals.evaluation import extract_file

NUMERALS = [
    "六七十",
    "三五",
    "二三十",
    "七八",
    "十几",
    "几十",
    "数百",
    "一二百",
    "两三万",
    "百余",
    "十多",
    "三十来",
    "百分之九十",
    "三分之一",
    "一百零八",
    "两",
    "〇",
    "１２３",
    "1-2",
    "3～5",
    "1/3",
    "1.2.3",
    "9999999999999999",
]
UNITS = ["名", "个", "人次", "万人次", "张", "%", "万元", "倍", "天", ""]
SENTENCES = [
    "医院现有职工{}{}，开放床位{}{}。",
    "平均每天有{}{}患者在走廊加床，其中{}{}为老人。",
    "手术量由{}{}增至{}{}，预计明年达到{}{}以上。",
    "门诊量和出院量分别为{}{}和{}{}。",
]


def _texts():
    units = itertools.cycle(UNITS)
    for sentence, numeral in itertools.product(SENTENCES, NUMERALS):
        slots = sentence.count("{}") // 2
        values = [x for _ in range(slots) for x in (numeral, next(units))]
        yield "岳西县人民医院简介\n\n岳西县人民医院" + sentence.format(*values) + "\n"


@pytest.mark.parametrize("text", list(_texts()))
def test_no_numeral_makes_extraction_fail(text):
    results = extract_file(text)
    assert results and results[0][1].subject is not None
    assert all(m.value is not None for _p, ex in results for m in ex.metrics)


def test_an_approximate_range_is_no_value_but_the_sentence_still_yields_its_facts():
    text = "岳西县人民医院简介\n\n岳西县人民医院每天有六七十名患者在走廊加床。医院现有职工900人，开放床位500张。\n"
    metrics = [m for _p, ex in extract_file(text) for m in ex.metrics]
    assert {(m.unit, int(m.value)) for m in metrics} >= {("人", 900), ("张", 500)}
    assert not [m for m in metrics if m.unit == "名"]
