import json
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from articles.bylines import parse_byline, split_trailing_byline
from articles.cleaning import EmptyArticleError, parse_article

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
EXPECTATIONS = FIXTURES / "seed_expectations.json"


def seed(prefix):
    path = next(FIXTURES.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds():
    return {prefix: parse_article(seed(prefix)) for prefix in ("000", "001", "002", "003", "004")}


def paragraphs(article):
    return [p for s in article.sections for p in s.paragraphs]


def headings(article):
    return [s.heading for s in article.sections if s.heading]


# --- Seed passages --------------------------------------------------------------------------


def test_it_joins_lines_broken_mid_sentence_across_a_blank_line(seeds):
    body = seeds["000"][0].body
    assert "党委书记常态化开展廉政谈话、带头讲党课，推动责任落实。" in body
    assert "用“身边案”警醒“身边人”" in body


def test_it_joins_a_column_break_inside_a_clause(seeds):
    assert "考核采用实地考察和部门评价赋分形式，减轻了科室迎检负担。" in seeds["001"][0].body


def test_it_never_joins_a_heading_to_its_paragraph(seeds):
    article = seeds["001"][0]
    assert "以“融”聚力 推动能力作风双提升" in headings(article)
    assert all(not p.startswith("以“融”聚力") for p in paragraphs(article))


def test_it_turns_standalone_short_lines_into_captions(seeds):
    assert "太和医院全景" in seeds["001"][0].captions
    assert "开展岗位大练兵活动" in seeds["001"][0].captions
    assert "医院外景" in seeds["004"][0].captions
    captions = seeds["003"][0].captions
    assert "院长李文灿参与临床科室晨交班，实地调查研究。" in captions
    assert "市二医院肿瘤诊疗中心针对患者病情开展MDT多学科会诊。" in captions


def test_captions_never_leak_into_the_body(seeds):
    for items in seeds.values():
        for article in items:
            for caption in article.captions:
                assert caption not in article.body.split("\n")


def test_it_reads_publication_and_date_from_the_masthead_and_drops_it(seeds):
    article = seeds["003"][0]
    assert article.publication == "株洲日报"
    assert article.published_on == date(2023, 6, 29)
    for furniture in ("06", "周刊", "星期四", "责任编辑", "美术编辑", "校对", "公益广告", "设计/"):
        assert furniture not in article.body.split("\n")
        assert not any(p.startswith(furniture) for p in article.body.split("\n"))


def test_it_drops_editor_credits_phones_and_photo_credits(seeds):
    for prefix in ("000", "004"):
        body = seeds[prefix][0].body
        for furniture in ("本版策划", "本版撰稿", "010-64621775", "图片由", "聚焦公立医院高质量发展"):
            assert furniture not in body
    assert all("急救电话" not in a.body for a in seeds["002"])


def test_it_drops_a_stray_quote_mark_line(seeds):
    assert "“" not in seeds["003"][0].body.split("\n")


def test_it_drops_the_slogan_box_at_the_page_end(seeds):
    body = seeds["001"][0].body
    assert "创一流" not in body
    assert "争第一 干唯一" not in body
    assert seeds["001"][0].body.endswith("为十堰医疗卫生事业谱写华章。")


def test_it_drops_a_public_service_ad_and_its_lines(seeds):
    body = seeds["003"][0].body
    assert "党建引领公立医院" not in body
    assert "株洲市卫健委" not in body
    assert body.endswith("高质量发展的创新之路！")


def test_a_line_repeated_many_times_is_kept_at_most_once(seeds):
    text = "".join(a.body for a in seeds["002"])
    assert text.count("全力打造鄂陕边区现代化医疗中心") <= 1


def test_it_reads_bylines_into_authors(seeds):
    assert seeds["001"][0].authors == ["毛以国", "李琳婕", "王慧"]
    assert seeds["003"][0].authors == ["王磊", "陈恺祺"]
    assert seeds["004"][0].authors == ["陈春伟", "朱少荣"]
    assert seeds["000"][0].authors == ["王莉敏", "沈隽宁"]
    assert "(陈春伟 朱少荣)" not in seeds["004"][0].body


def test_it_reads_a_department_byline_with_a_spaced_name(seeds):
    item = next(a for a in seeds["002"] if a.title.startswith("我院开展"))
    assert item.authors == ["孙雪"]
    assert "宣传科" not in item.body


def test_it_removes_markdown_marks(seeds):
    body = seeds["004"][0].body
    assert "#" not in body and "**" not in body


def test_it_makes_markdown_and_numbered_lines_section_headings(seeds):
    assert "党建赋能 确保服务质量与安全" in headings(seeds["004"][0])
    assert "涵养人才队伍 改革创新激发内生动力" in headings(seeds["003"][0])
    assert "认真开展调查研究 党建引领筑牢发展根基" in headings(seeds["003"][0])
    assert "促融合：聚力医教研协同，激活创新发展动能" in headings(seeds["000"][0])


def test_it_makes_short_headline_lines_section_headings(seeds):
    assert "以“新”促兴 探索党建工作新模式" in headings(seeds["001"][0])
    assert "党建+“医疗业务”，构建“服务共同体”" in headings(seeds["002"][0])


def test_it_keeps_the_summary_line_under_a_numbered_heading_as_a_paragraph(seeds):
    section = next(s for s in seeds["000"][0].sections if s.heading.startswith("抓作风"))
    assert section.paragraphs[0] == "国家三级公立医院满意度调查中，门诊患者、住院患者满意度均超过满分值90%"
    assert section.paragraphs[1].startswith("“门诊患者满意度90.72%")


def test_it_keeps_bold_lead_ins_as_paragraph_starts(seeds):
    assert any(p.startswith("立规矩、明导向 医院先后制定") for p in paragraphs(seeds["004"][0]))


def test_it_rejoins_a_bold_lead_in_split_by_a_page_heading(seeds):
    section = next(s for s in seeds["004"][0].sections if s.heading.startswith("党建凝心"))
    assert section.paragraphs[0].startswith("着力解决群众看病就医过程中遇到的“难点、痛点、堵点”问题")


def test_it_reads_title_and_subtitle_generically(seeds):
    assert seeds["000"][0].subtitle == "红色基因凝聚澎湃动能 融合发展提升群众“医”靠"
    assert seeds["001"][0].subtitle == "太和医院以高质量党建推动能力作风建设见行见效"
    assert seeds["003"][0].subtitle == "市二医院，奋力蹚出高质量发展新路子"
    assert seeds["004"][0].title == "党建引领 勇毅前行"
    assert "江西省高安市中医医院" in seeds["004"][0].subtitle


def test_every_seed_title_contains_the_expected_words(seeds):
    expectations = json.loads(EXPECTATIONS.read_text(encoding="utf-8"))["articles"]
    for expected in expectations:
        assert expected["title_contains"] in seeds[expected["file"][:3]][0].title


def test_it_splits_a_multi_item_page_into_the_feature_and_news_items(seeds):
    items = seeds["002"]
    titles = [a.title for a in items]
    assert titles[0] == "党建引领推动高质量发展"
    assert "阻击疫情速递" in titles
    assert "织密织牢防控网 抗疫使命再担当" in titles
    assert "我院开展「中国医师节」慰问活动" in titles
    assert titles.count("党建引领推动高质量发展") == 1


def test_a_repeated_title_block_continues_the_feature(seeds):
    feature = seeds["002"][0]
    assert "“党建大讲堂”第二期培训班正式开班" in feature.body


def test_news_items_do_not_sit_in_the_feature(seeds):
    feature = seeds["002"][0].body
    for item_text in ("应急处置演练", "中国医师节", "储备物资", "我院预防接种点", "外地来鄂"):
        assert item_text not in feature


def test_it_prints_a_duplicated_paragraph_once(seeds):
    item = next(a for a in seeds["002"] if a.title.startswith("织密织牢"))
    assert paragraphs(item).count("统一思想，压实责任，严格落实各项防控措施，确保疫情防控工作不出纰漏。") == 1


def test_body_is_headings_and_paragraphs_one_per_line(seeds):
    article = seeds["003"][0]
    lines = article.body.split("\n")
    assert lines[0].startswith("健康连着千家万户的幸福")
    assert "认真开展调查研究 党建引领筑牢发展根基" in lines


# --- Articles of the same genre written for these tests ----------------------------------

GUIZHOU = """

遵义市第一人民医院：党建领航 守护黔北健康

——医院以“党建+专科”推动高质量发展

（党办 刘 芳）

12

遵义日报

2024年3月5日
星期二
责任编辑：张三
校对：李四

医院以党建为引领，围绕群众就医需求，全面推进“党建+专科”建设，党员示范岗覆盖全部临床科室。今年以来，医院新增国家级重点专科２个，门诊满意度达９６．５％，住院满意度达ＡＢ级标准，累计开展远程会诊１２００余例，基层

医疗机构服务能力得到明显提升。



医院门诊大楼外景



1 建强支部 筑牢战斗堡垒

医院党委推行支部书记“双带头人”培育工程，全院12个党支部书记均由科室主任担任。

服务热线：0851-12345678
"""

TAIWAN = """

仁愛醫院深耕社區 守護長者健康

記者陳志明 通訊員林美玲

醫院推動「社區醫療」計畫，結合在地診所與長照據點，提供長者居家訪視與慢性病追蹤服務，今年已完成訪視三千餘人次。

醫院院長表示，未來將持續擴大服務範圍，讓長者在家門口就能獲得專業醫療照護。

責任編輯：王小明
"""

MARKDOWN = """
# 山东某县人民医院：医共体建设见实效

县医院牵头组建紧密型医共体，下沉专家32名。

## 一、强基层

**派专家、建团队** 县医院向乡镇卫生院派驻专家，带动基层诊疗能力提升。
"""


def test_it_handles_an_article_from_another_province():
    [article] = parse_article(GUIZHOU)
    assert article.title == "遵义市第一人民医院：党建领航 守护黔北健康"
    assert article.subtitle == "医院以“党建+专科”推动高质量发展"
    assert article.authors == ["刘芳"]
    assert article.publication == "遵义日报"
    assert article.published_on == date(2024, 3, 5)
    assert article.captions == ["医院门诊大楼外景"]
    assert headings(article) == ["建强支部 筑牢战斗堡垒"]
    first = paragraphs(article)[0]
    assert "基层医疗机构服务能力得到明显提升。" in first
    assert "国家级重点专科2个，门诊满意度达96.5%，住院满意度达AB级标准" in first
    assert "12" not in article.body.split("\n")
    for furniture in ("责任编辑", "校对", "服务热线", "星期二"):
        assert furniture not in article.body


def test_it_handles_a_traditional_chinese_article():
    [article] = parse_article(TAIWAN)
    assert article.title == "仁愛醫院深耕社區 守護長者健康"
    assert article.authors == ["陳志明", "林美玲"]
    assert "責任編輯" not in article.body
    assert len(paragraphs(article)) == 2


def test_it_handles_a_markdown_article_with_a_bold_lead_in():
    [article] = parse_article(MARKDOWN)
    assert article.subtitle == ""
    assert article.title == "山东某县人民医院：医共体建设见实效"
    assert headings(article) == ["强基层"]
    assert paragraphs(article)[-1].startswith("派专家、建团队 县医院向乡镇卫生院派驻专家")


def test_it_titles_an_article_without_a_title_line_from_its_first_sentence():
    [article] = parse_article("医院今年完成门诊量50万人次。全年新增专科3个。")
    assert article.title == "医院今年完成门诊量50万人次"


def test_it_raises_for_text_without_chinese_body():
    with pytest.raises(EmptyArticleError):
        parse_article("Page 06\n\n010-64621775\n")
    with pytest.raises(EmptyArticleError):
        parse_article("")
    assert issubclass(EmptyArticleError, ValueError)


# --- Bylines --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("记者毛以国 李琳婕 通讯员王慧", ["毛以国", "李琳婕", "王慧"]),
        ("(陈春伟 朱少荣)", ["陈春伟", "朱少荣"]),
        ("（宣传科 孙 雪）", ["孙雪"]),
        ("本报记者 欧阳明", ["欧阳明"]),
        ("（本文有删节）", None),
        ("党建引领 勇毅前行", None),
    ],
)
def test_it_parses_bylines(line, names):
    assert parse_byline(line) == names


def test_it_reads_bare_names_only_when_allowed():
    assert parse_byline("王磊 陈恺祺") is None
    assert parse_byline("王磊 陈恺祺", allow_bare=True) == ["王磊", "陈恺祺"]
    assert parse_byline("争第一 干唯一", allow_bare=True) is None


def test_it_splits_a_closing_byline_off_a_paragraph():
    text, names = split_trailing_byline("会一直赢下去！”（宣传科 孙 雪）")
    assert (text, names) == ("会一直赢下去！”", ["孙雪"])
    assert split_trailing_byline("医院设有内科(含心内科)") == ("医院设有内科(含心内科)", [])
