"""Text copied from web pages: pinyin notes, lost characters, markup, navigation and OCR punctuation."""

import pytest

from articles.cleaning import parse_article
from articles.furniture import is_furniture
from articles.webtext import (
    LOST_CHARACTER,
    mark_lost_characters,
    restore_chinese_punctuation,
    strip_markup,
    strip_pinyin,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("醫(yī)院創(chuàng)建於", "醫院創建於"),
        ("衛（wèi）生院", "衛生院"),
        ("重(chong2)慶", "重慶"),
        # Readings need a tone; abbreviations and plain Latin in brackets stay.
        ("引进(CT)和(DSA)设备", "引进(CT)和(DSA)设备"),
        ("方案(a)与方案(b)", "方案(a)与方案(b)"),
    ],
)
def test_pinyin_notes_after_characters_are_removed(text, expected):
    assert strip_pinyin(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("醫院??長表示", f"醫院{LOST_CHARACTER * 2}長表示"),
        ("院?長", f"院{LOST_CHARACTER}長"),
        ("这样做对吗?我们认为", "这样做对吗?我们认为"),  # a question particle: a real question
        ("网址 http://a.cn/x?id=3", "网址 http://a.cn/x?id=3"),
    ],
)
def test_lost_characters_become_a_missing_glyph(text, expected):
    assert mark_lost_characters(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2023年,医院门诊量达1,200人次;满意度95%,位居前列",
            "2023年，医院门诊量达1,200人次；满意度95%，位居前列",
        ),
        ("促融合:聚力协同,激活动能", "促融合：聚力协同，激活动能"),
        ("时间:10:30 网址:http://a.cn", "时间：10:30 网址：http://a.cn"),
        ("引进CT,MRI等设备", "引进CT,MRI等设备"),
        ("医院(集团)成立于1958年", "医院（集团）成立于1958年"),
        ("检查(CT)费用", "检查(CT)费用"),
        ("我们能做到吗?", "我们能做到吗？"),
        ("职工2,180人.其中博士17人.", "职工2,180人。其中博士17人。"),
        ("引进1.5T磁共振,访问www.example.cn", "引进1.5T磁共振，访问www.example.cn"),
        # A sentence ending on a figure; a figure opening a list item is its number.
        ("占比17.3%,CMI值0.91.据了解,县里", "占比17.3%，CMI值0.91。据了解，县里"),
        ("满意度为94.2%.", "满意度为94.2%。"),
        ("增长12.5倍.", "增长12.5倍。"),
        ("1.加强管理.", "1.加强管理。"),
        ("工作。2.加强管理", "工作。2.加强管理"),
        ("日期2023.5.6.", "日期2023.5.6."),
    ],
)
def test_ascii_punctuation_between_chinese_becomes_full_width(text, expected):
    assert restore_chinese_punctuation(text) == expected


def test_stray_markup_and_entities_are_removed():
    assert strip_markup("<p>医院&nbsp;简介</p><br/>&amp;") == "医院 简介&"
    assert strip_markup("血压<140 且 >90") == "血压<140 且 >90"


@pytest.mark.parametrize(
    "line",
    [
        "·更多新闻>>",
        "上一篇：医院开展消防演练",
        "下一篇:没有了",
        "返回顶部",
        "【打印】【关闭】",
        "当前位置：首页 > 新闻中心 > 医院动态",
        "來源：本站  發布時間：2023-05-12  瀏覽次數：1024",
        "浏览次数：356",
        "Copyright © 2024 某某医院 版权所有",
        "分享到：",
    ],
)
def test_web_navigation_lines_are_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["时间就是生命，医院开通卒中绿色通道。", "院长表示：更多的患者将从中受益。"])
def test_prose_is_not_web_furniture(line):
    assert not is_furniture(line)


def test_a_traditional_web_page_reads_as_an_article():
    page = (
        "首頁 > 醫院概況 > 醫院簡介\n"
        "醫(yī)院簡介\n"
        "來源：本站  發布時間：2022-08-16  瀏覽次數：2031\n"
        "宜賓市第一人民醫(yī)院創建於1939年,是一所集醫療、教學、科研於一體的三級甲等綜合醫院,??川南地區醫療中心。\n"
        "醫院現有開放床位1800張,職工2600餘人。\n"
        "上一篇：醫院開展義診活動\n"
        "·更多新聞>>\n"
        "返回頂部\n"
    )
    (item,) = parse_article(page)
    assert item.title == "醫院簡介"
    assert item.published_on.isoformat() == "2022-08-16"
    assert "(yī)" not in item.body and "上一篇" not in item.body and "更多" not in item.body
    assert "創建於1939年，是一所" in item.body
    assert "醫院現有開放床位1800張，職工2600餘人。" in item.body
