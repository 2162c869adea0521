"""Leaders listed the ways profile pages and web copies list them: several names after one post
closed by a verb or a count, 有 before a list, ideographic spaces in a signature line, a trailing
label line, a post in brackets after a leader, a name a page lost inside a list. Texts written for
these tests."""

import pytest

from articles.cleaning import parse_article
from hospitals.tests.extracted import extract_text, subject_leaders


def _leaders(text):
    return {name: sorted(titles) for name, titles in subject_leaders(extract_text(text)).items()}


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "医院领导班子由党委书记钱进、院长孔明，副院长严冬、卫东组成。",
            {"钱进": ["党委书记"], "孔明": ["院长"], "严冬": ["副院长"], "卫东": ["副院长"]},
        ),
        (
            "医院现任院长为邹平；副院长有金鑫、石磊、柏杨三位同志。",
            {"邹平": ["院长"], "金鑫": ["副院长"], "石磊": ["副院长"], "柏杨": ["副院长"]},
        ),
        ("医院党委书记钱进(兼副院长)出席仪式。", {"钱进": ["党委书记", "副院长"]}),
        (
            "党委书记：钱进　院长：孔明　副院长：严〓〓、卫东",
            {"钱进": ["党委书记"], "孔明": ["院长"], "卫东": ["副院长"]},
        ),
    ],
)
def test_listed_leaders(line, expected):
    assert _leaders(f"医院简介\n\n镇原县人民医院是一所二级甲等综合医院。\n{line}\n") == expected


@pytest.mark.parametrize(
    "last_line",
    ["新春寄语：医院党委书记 钱进　院长 孔明", "医院领导：党委书记 钱进 | 院长 孔明"],
)
def test_a_label_line_that_closes_the_page_is_text_not_decoration(last_line):
    text = f"新春寄语\n\n镇原县人民医院全体职工在新的一年里再接再厉，开创新局面。\n{last_line}\n"
    parsed = parse_article(text)[0]
    assert parsed.body.endswith(last_line.replace("\u3000", " "))
    assert _leaders(text) == {"钱进": ["党委书记"], "孔明": ["院长"]}


def test_a_closing_heading_without_a_label_is_still_decoration():
    parsed = parse_article("标题\n\n镇原县人民医院召开会议，部署全年工作。\n\n奋进新时代\n")[0]
    assert "奋进新时代" not in parsed.body
