"""Web-copied text in forms the first web rules did not meet: lost characters saved as ？？, □ or
U+FFFD, neutral-tone and v-spelt pinyin notes, picture placeholders and rows of page tools."""

import pytest

from articles.cleaning import parse_article
from articles.furniture import is_furniture
from articles.text import to_simplified
from articles.webtext import LOST_CHARACTER, mark_lost_characters, strip_markup, strip_pinyin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("開放牀位？？800張", f"開放牀位{LOST_CHARACTER * 2}800張"),
        ("醫院？？？長表示", f"醫院{LOST_CHARACTER * 3}長表示"),
        ("建設□□領先的醫院", f"建設{LOST_CHARACTER * 2}領先的醫院"),
        ("職工\ufffd\ufffd900人", f"職工{LOST_CHARACTER * 2}900人"),
        # A question, even an insistent one, stays a question.
        ("真的能做到嗎？？我們相信", "真的能做到嗎？？我們相信"),
        ("能做到吗？医院表示", "能做到吗？医院表示"),
        # A box standing alone as a list mark is no lost character.
        ("□ 已完成", "□ 已完成"),
    ],
)
def test_lost_characters_in_other_encodings_become_a_missing_glyph(text, expected):
    assert mark_lost_characters(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我們(men)的(de)醫院", "我們的醫院"),
        ("綠(lv4)色通道", "綠色通道"),
        # Toneless Latin in brackets after other characters is not a reading.
        ("方案(de)比較", "方案(de)比較"),
        ("例子(a)", "例子(a)"),
    ],
)
def test_neutral_tone_and_v_spelt_readings_are_removed(text, expected):
    assert strip_pinyin(text) == expected


def test_picture_and_video_placeholders_are_removed_inside_a_line():
    assert strip_markup("醫院新大樓[圖片]已投入使用【视频2】。") == "醫院新大樓已投入使用。"
    assert strip_markup("数组a[1]与[注]") == "数组a[1]与[注]"


@pytest.mark.parametrize(
    "line",
    [
        "────────────",
        "━━━━━━",
        "~~~~~~~~",
        "【字號：大 中 小】【打印本頁】【關閉窗口】",
        "返回頂部 分享到：",
        "收藏 | 打印 | 关闭",
        "[圖片]",
        "【默認】【大】【小】",
    ],
)
def test_rows_of_page_tools_are_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["大型医院专家下沉基层", "图片新闻：医院举行义诊", "中医院开展送医下乡活动"])
def test_lines_that_merely_start_with_a_tool_word_are_not_furniture(line):
    assert not is_furniture(line)


def test_a_traditional_profile_page_with_tools_and_lost_characters_reads_as_one_article():
    page = (
        "醫院簡介\n\n"
        "您現在的位置：首頁 > 走進醫院 > 醫院簡介\n"
        "發佈時間：2024-02-02　來源：院辦　點擊：301\n"
        "【字號：大 中 小】【打印本頁】【關閉窗口】\n\n"
        "[圖片]\n\n"
        "　　甲乙市人民醫(yī)院始建於1950年，現有開放牀位？？900張，職工1500人。\n"
        "　　醫院堅持公益性，努力建設□□一流的區域醫療中心。\n"
        "返回頂部　分享到：\n"
    )
    (item,) = parse_article(page)
    assert item.title == "醫院簡介" and item.subtitle == ""
    assert [s.heading for s in item.sections] == [""]
    assert item.body == (
        f"甲乙市人民醫院始建於1950年，現有開放牀位{LOST_CHARACTER * 2}900張，職工1500人。\n"
        f"醫院堅持公益性，努力建設{LOST_CHARACTER * 2}一流的區域醫療中心。"
    )


@pytest.mark.parametrize(
    "line",
    ["德清縣人民醫院 | 首頁 | 醫院概況 | 新聞中心", "首页｜医院概况｜科室导航｜专家介绍｜新闻中心"],
)
def test_a_site_menu_bar_is_furniture(line):
    assert is_furniture(line)


def test_a_line_of_prose_with_bars_is_not_a_menu():
    assert not is_furniture("门诊 | 急诊 | 住院三个区域今年全部改造完成，患者就医更方便。")


@pytest.mark.parametrize(
    ("footer", "owner"),
    [
        ("版权所有：平湖市第一人民医院　浙ICP备12345678号", "平湖市第一人民医院"),
        ("Copyright © 2024 海宁市中医院 All Rights Reserved", "海宁市中医院"),
        ("主辦單位：桐鄉市第一人民醫院　技術支持：某某科技", "桐鄉市第一人民醫院"),
    ],
)
def test_the_hospital_owning_the_site_is_read_from_its_footer(footer, owner):
    page = f"医院简介\n\n　　本院始建于1958年，是一所二级甲等综合医院。医院现有职工900人。\n\n{footer}\n"
    (item,) = parse_article(page)
    assert item.publication == owner
    assert "ICP" not in item.body and "Copyright" not in item.body


def test_readings_of_several_syllables_and_invisible_characters_are_removed():
    assert strip_pinyin("醫(yī yuàn)院和衛(wei4 sheng1)生院") == "醫院和衛生院"
    assert strip_markup("医\u200b院<!-- nav -->简\ufeff介") == "医院简介"


def test_the_related_stories_list_is_furniture_up_to_the_next_prose():
    page = (
        "东阳市人民医院开展义诊\n\n"
        "　　6月1日，东阳市人民医院组织专家开展义诊。医院现有职工2100人。\n\n"
        "相关新闻：\n"
        "·金华市中心医院举办护士节活动 2024-05-12\n"
        "·浙江大学医学院附属第一医院专家来院指导\n"
        "熱點推薦\n"
        "2024-05-01 金华市中心医院召开职代会\n"
        "图片来源：网络\n"
    )
    (item,) = parse_article(page)
    assert item.body == "6月1日，东阳市人民医院组织专家开展义诊。医院现有职工2100人。"


def test_prose_after_a_related_stories_header_is_kept():
    page = (
        "医院开展义诊\n\n　　6月1日，医院组织专家开展义诊。\n\n"
        "相关阅读\n·医院举办护士节活动\n　　另据了解，医院今年还将开展义诊20次。\n"
    )
    (item,) = parse_article(page)
    assert item.body.endswith("另据了解，医院今年还将开展义诊20次。")
    assert "护士节" not in item.body


def test_the_site_name_and_section_above_the_headline_are_furniture_and_name_the_site():
    page = "淳安縣第一人民醫院\n新聞動態\n\n醫院開展消防演練\n\n　　6月5日，我院開展消防安全演練，200餘名職工參加。\n"
    (item,) = parse_article(page)
    assert (item.title, item.subtitle, item.publication) == ("醫院開展消防演練", "", "淳安縣第一人民醫院")
    assert item.body == "6月5日，我院開展消防安全演練，200餘名職工參加。"


def test_a_headline_that_is_a_hospital_s_name_stays_the_headline():
    page = "仙居县人民医院\n——山区群众的健康守护者\n\n　　仙居县人民医院始建于1942年。\n"
    (item,) = parse_article(page)
    assert (item.title, item.subtitle, item.publication) == ("仙居县人民医院", "山区群众的健康守护者", "")


def test_a_markdown_link_is_the_bracket_right_before_its_address():
    # A stray "[" before a link is text of its own, not the start of the link's words.
    (item,) = parse_article("医院新闻\n\n　　详见[附件 [医院年报](http://a.cn/b) 第3页。\n")
    assert item.body == "详见[附件 医院年报 第3页。"


def test_hong_kong_variants_fold_to_simplified_and_simplified_text_stays():
    assert to_simplified("中心衞生院敍述") == "中心卫生院叙述"
    assert to_simplified("什么抬头") == "什么抬头"


@pytest.mark.parametrize("dash", ["──", "━━", "——"])
def test_a_subtitle_drawn_with_box_lines_is_a_dash_led_subtitle(dash):
    page = (
        f"凝心聚力谱新篇\n{dash}象山县第一人民医院2023年工作回顾\n\n　　过去一年，我院门急诊量120万人次。\n"
    )
    (item,) = parse_article(page)
    assert (item.title, item.subtitle) == ("凝心聚力谱新篇", "象山县第一人民医院2023年工作回顾")


@pytest.mark.parametrize(
    "line",
    [
        "【上一篇】医院开展义诊",
        "[下一篇] 没有了",
        "[2024-05-12]",
        "2024-05-12 10:30",
        "点击数：[1234]",
        "文章来源：本站原创",
        "TOP",
        "返回顶部↑",
        "查看详情>>",
        "阅读原文",
    ],
)
def test_more_link_and_meta_lines_are_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line", ["上一篇的经验值得推广，医院将继续努力。", "来源于群众的好评是最大的动力。", "2024年工作计划"]
)
def test_prose_that_starts_like_a_link_line_stays(line):
    assert not is_furniture(line)


def test_a_date_alone_under_the_headline_dates_the_page():
    (item,) = parse_article("医院开展义诊\n[2024-05-12]\n\n　　5月11日，医院组织专家开展义诊。\n")
    assert item.published_on.isoformat() == "2024-05-12"
    assert item.body == "5月11日，医院组织专家开展义诊。"
