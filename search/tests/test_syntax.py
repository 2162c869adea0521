import pytest

from search.syntax import parse


def compacts(parsed):
    return [[t.compact for t in group] for group in parsed.groups]


def test_spaces_mean_and_and_or_joins_its_neighbours():
    parsed = parse("胸痛 中心 OR 卒中 医院")
    assert compacts(parsed) == [["胸痛"], ["中心", "卒中"], ["医院"]]


def test_quoted_phrases_and_chinese_quotes_become_one_term():
    assert compacts(parse('"最多 跑一次"')) == [["最多跑一次"]]
    assert compacts(parse("“双带头人”")) == [["双带头人"]]


def test_minus_excludes_a_word_or_phrase():
    parsed = parse('医院 -太和 -"县医院"')
    assert compacts(parsed) == [["医院"]]
    assert [t.compact for t in parsed.excluded] == ["太和", "县医院"]


def test_terms_are_normalised_for_width_case_and_traditional_characters():
    assert compacts(parse("醫院 ＳＣＩ ９０．７２％")) == [["医院"], ["sci"], ["90.72%"]]


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced 医院',
        "OR",
        "-",
        "- -",
        "*",
        "field:",
        "医院:",
        "((",
        "😀",
        "\x00\x07\u202e",
        "AND OR NOT",
        "x" * 2000,
        "医" * 2000,
        '"""',
        "-医院",
        None,
        42,
    ],
)
def test_any_input_parses_without_raising(text):
    parsed = parse(text)
    assert parsed.usable or parsed.message


def test_a_query_with_nothing_searchable_says_so():
    assert not parse("*** ~ !!").usable
    assert "没有可搜索" in parse("*** ~ !!").message
    assert "排除" in parse("-医院").message


def test_long_queries_are_capped():
    parsed = parse(" ".join(["医院"] * 100))
    assert len(parsed.groups) <= 12
