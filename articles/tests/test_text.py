import codecs

import pytest

from articles.text import (
    UndecodableError,
    decode_bytes,
    has_chinese,
    html_to_text,
    normalize_width,
    parse_chinese_date,
)

SAMPLE = "党建引领 勇毅前行\r\n医院始建于1956年。\r\n"


def test_it_decodes_utf8_without_bom_and_normalises_newlines():
    assert decode_bytes(SAMPLE.encode("utf-8")) == "党建引领 勇毅前行\n医院始建于1956年。\n"


def test_it_decodes_utf8_with_bom_and_drops_the_bom():
    assert decode_bytes(codecs.BOM_UTF8 + SAMPLE.encode("utf-8")).startswith("党建引领")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_it_decodes_utf16_with_a_bom(encoding):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    assert decode_bytes(bom + SAMPLE.encode(encoding)).startswith("党建引领")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_it_decodes_gbk_and_gb18030(encoding):
    assert decode_bytes(SAMPLE.encode(encoding)) == "党建引领 勇毅前行\n医院始建于1956年。\n"


def test_it_rejects_binary_data_with_nul_bytes():
    with pytest.raises(UndecodableError, match="二进制"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_it_rejects_data_full_of_control_characters():
    with pytest.raises(UndecodableError, match="控制字符"):
        decode_bytes(bytes(range(1, 9)) * 20 + "中文".encode())


def test_undecodable_error_is_a_value_error():
    assert issubclass(UndecodableError, ValueError)


def test_it_turns_html_blocks_into_lines_and_drops_scripts():
    html = (
        "<html><head><title>页面标题</title><style>p{color:red}</style></head><body>"
        "<h1>党建引领 勇毅前行</h1>\n<div><p>第一段&amp;内容<br>换行</p>\n<p>第二段</p></div>"
        "<script>var x = '不要';</script></body></html>"
    )
    text = html_to_text(html)
    assert text == "党建引领 勇毅前行\n\n第一段&内容\n换行\n\n第二段\n"


def test_it_sets_html_figure_captions_apart_like_print_captions():
    text = html_to_text(
        "<p>正文。</p><figure><img src=a.jpg><figcaption>医院外景</figcaption></figure><p>又一段。</p>"
    )
    assert "\n\n\n\n医院外景\n\n\n\n" in text


def test_it_makes_full_width_letters_digits_and_percent_half_width():
    assert normalize_width("ＭＤＴ团队１８个，占比９０．７２％") == "MDT团队18个，占比90.72%"


def test_it_keeps_chinese_punctuation_when_normalising_width():
    text = "（宣传科）：“医”靠，完成。"
    assert normalize_width(text) == text


def test_it_turns_the_ideographic_space_into_a_space():
    assert normalize_width("孙\u3000雪") == "孙 雪"


def test_it_tells_chinese_text_from_other_text():
    assert has_chinese("醫院")
    assert has_chinese("abc 医院")
    assert not has_chinese("hospital 2023")


def test_it_parses_a_chinese_date():
    assert str(parse_chinese_date("２０２３年６月２９日 星期四")) == "2023-06-29"
    assert parse_chinese_date("2023年2月30日") is None


def test_traditional_characters_fold_one_for_one():
    from articles.text import to_simplified

    text = "醫院黨委書記陳剛：門急診量120萬人次（2023年）"
    folded = to_simplified(text)
    assert folded == "医院党委书记陈刚：门急诊量120万人次（2023年）"
    assert len(folded) == len(text)
