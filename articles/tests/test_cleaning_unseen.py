"""Cleaning of articles written outside the seed set (other provinces, Markdown, traditional)."""

from pathlib import Path

import pytest

from articles.bylines import names_in_credit, parse_byline
from articles.cleaning import _join_narrow_column as join_narrow_column
from articles.cleaning import parse_article

DATA = Path(__file__).parent / "data"


def parsed(name):
    return parse_article((DATA / name).read_text(encoding="utf-8"))


def headings(article):
    return [s.heading for s in article.sections if s.heading]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("（浙江日报记者 孙悦 通讯员 钱程）", ["孙悦", "钱程"]),
        ("新华社记者 张晨 通讯员 马丽", ["张晨", "马丽"]),
        ("(健康报记者张三 通讯员李四 王五)", ["张三", "李四", "王五"]),
        ("（宣传科通讯员 赵丽）", ["赵丽"]),
        ("本报记者 刘晓红 通讯员 陈杰", ["刘晓红", "陈杰"]),
    ],
)
def test_it_reads_bylines_with_a_paper_or_office_before_the_role(line, names):
    assert parse_byline(line) == names


def test_it_takes_names_from_a_credit_it_cannot_fully_parse():
    assert names_in_credit("（区融媒体中心记者 孙悦 通讯员 钱程 文稿）") == ["孙悦", "钱程"]


def test_a_closing_bracketed_byline_becomes_authors_not_a_heading():
    article = parsed("unseen_zhejiang_markdown.txt")[0]
    assert article.authors == ["孙悦", "钱程"]
    assert "浙江日报记者" not in article.body
    assert headings(article) == []


def test_a_byline_alone_at_the_end_is_never_a_heading():
    text = "医院发展纪实\n\n医院持续改进服务，群众满意度稳步提升。\n\n（本报记者 周明 实习生 吴琪）\n"
    article = parse_article(text)[0]
    assert article.authors == ["周明", "吴琪"]
    assert headings(article) == []


@pytest.mark.parametrize(
    "caption",
    ["图为医院外景。", "上图 医院新门诊大楼", "患者康复出院 王强 摄", "（摄影 王强）"],
)
def test_lines_that_say_they_are_captions_are_captions(caption):
    text = (
        f"医院发展纪实\n\n医院持续改进服务，群众满意度稳步提升。\n\n{caption}\n\n医院新建门诊大楼投入使用。\n"
    )
    article = parse_article(text)[0]
    assert caption not in article.body.split("\n")
    assert caption in article.captions


def test_the_markdown_feature_keeps_its_caption_out_of_the_body():
    article = parsed("unseen_zhejiang_markdown.txt")[0]
    assert article.captions == ["图为医院外景。"]
    assert "图为" not in article.body


def test_a_lead_paragraph_of_several_sentences_is_not_a_caption():
    article = parsed("unseen_henan_feature.txt")[0]
    assert article.captions == []
    assert article.body.startswith("2023年，洛阳市中心医院门急诊量达286万人次")


def test_a_news_dateline_byline_becomes_authors_and_leaves_the_text():
    article = parsed("unseen_shandong_brief.txt")[0]
    assert article.authors == ["王海燕", "高翔"]
    assert article.body.split("\n")[0].startswith("3月8日，记者从临沂市人民医院获悉")
    assert article.publication == "大众日报"


def test_traditional_bylines_are_read():
    article = parsed("unseen_shanghai_traditional.txt")[0]
    assert article.authors == ["陳曉東", "王潔"]


def test_an_interview_keeps_its_dashed_deck_as_subtitle_and_its_turns_as_paragraphs():
    article, *_ = parsed("unseen_yunnan_interview.txt")
    assert article.subtitle == "访曲靖市第一人民医院院长张建明"
    assert article.authors == ["杨丽"]
    assert article.sections[0].paragraphs[0].startswith("记者：")
    assert "整理" not in article.body


def test_a_closing_bracket_of_correspondents_becomes_authors_of_a_news_item():
    article, *_ = parsed("unseen_gansu_news.txt")
    assert article.authors == ["马小军", "李静"]
    assert "通讯员" not in article.body


def test_a_menu_bar_whose_home_link_is_the_sites_home_page_is_furniture():
    page = (
        "网站首页 | 医院概况 | 新闻中心 | 科室设置 | 就医指南 | 联系我们\n\n"
        "医院简介\n\n"
        "    某某县人民医院始建于1952年，是一所二级甲等综合医院，开放床位500张。\n"
    )
    parsed = parse_article(page)[0]
    assert "首页" not in parsed.title + parsed.body
    assert parsed.title == "医院简介"


def test_table_rows_stay_lines_of_cells_between_bars():
    page = (
        "某某县人民医院2025年工作总结\n\n"
        "    2025年，医院各项指标稳步增长。\n\n"
        "|指标|2024年|2025年|\n"
        "|:--|--:|--:|\n"
        "|**门急诊人次**|40.2万|43.5万|\n"
        "|出院人次|2.41万|2.56万|\n\n"
        "    全院职工团结奋进，圆满完成各项任务。\n"
    )
    body = parse_article(page)[0].body
    assert (
        "| 指标 | 2024年 | 2025年 |\n| 门急诊人次 | 40.2万 | 43.5万 |\n| 出院人次 | 2.41万 | 2.56万 |\n"
        in body
    )
    assert "--" not in body


def _column(paragraphs, width=36):
    """Paragraphs set in a narrow column as print does: each opened by an indent, every line cut at
    the same width (a Chinese character two columns, a digit one), mid-word."""
    lines = []
    for paragraph in paragraphs:
        line = "    "
        for ch in paragraph:
            if sum(2 if ord(c) >= 0x2E80 else 1 for c in line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


NARROW = "\n".join(
    [
        "临湘市人民医院卒中中心",
        "通过省级认证",
        *_column(
            [
                "本报讯（通讯员 周敏 刘晓军）近日，省卫生健康委公布卒中中心认证名单，临湘市人民医院"
                "卒中中心顺利通过省级认证，成为岳阳地区第3家通过认证的县级卒中中心。",
                "据介绍，该院卒中中心自2021年建设以来，累计救治脑卒中患者2180余例，DNT时间由最初的"
                "72分钟缩短至41分钟。医院院长陈立新表示，医院将继续优化流程。",
            ]
        ),
        "                        — 3 —",
        *_column(["目前，医院开放床位760张，2023年门急诊量为51.6万人次。"]),
    ]
)


def test_a_narrow_column_cut_mid_word_is_joined_into_its_paragraphs():
    parsed = parse_article(NARROW)[0]
    assert parsed.title.startswith("临湘市人民医院卒中中心")
    assert parsed.authors == ["周敏", "刘晓军"]
    paragraphs = [p for s in parsed.sections for p in s.paragraphs]
    assert paragraphs[1] == (
        "据介绍，该院卒中中心自2021年建设以来，累计救治脑卒中患者2180余例，DNT时间由最初的72分钟"
        "缩短至41分钟。医院院长陈立新表示，医院将继续优化流程。"
    )
    assert paragraphs[-1] == "目前，医院开放床位760张，2023年门急诊量为51.6万人次。"
    assert "— 3 —" not in parsed.body


@pytest.mark.parametrize(
    "header",
    ["第A4版　　健康·医院　　2024年3月26日", "2024年3月26日 星期二 第3版 要闻", "第12版"],
)
def test_a_running_page_header_is_furniture_not_the_title(header):
    page = (
        f"{header}\n\n"
        "城南县人民医院胸痛中心通过国家认证\n\n"
        "    本报讯 近日，城南县人民医院胸痛中心通过国家标准版认证，开放床位620张。\n"
    )
    parsed = parse_article(page)[0]
    assert parsed.title == "城南县人民医院胸痛中心通过国家认证"
    assert header.split()[0] not in parsed.body


def test_a_sentence_about_a_page_is_no_page_header():
    page = "城南县人民医院简介\n\n    城南县人民医院的事迹刊登在日报第3版要闻栏目，医院开放床位620张。\n"
    assert "第3版要闻栏目" in parse_article(page)[0].body


def test_the_last_bulleted_fact_line_is_not_glued_to_the_paragraph_after_it():
    text = (
        "某某简介\n\n"
        "    甘谷县人民医院始建于1950年。\n\n"
        "基本数据\n"
        "· 编制床位：600张\n"
        "· 2023年门急诊量：42.8万人次；出院患者：2.6万人次；手术：9100台次\n\n"
        "    医院拥有省级临床重点专科3个。\n"
    )
    paragraphs = [p for s in parse_article(text)[0].sections for p in s.paragraphs]
    assert "· 2023年门急诊量：42.8万人次；出院患者：2.6万人次；手术：9100台次" in paragraphs
    assert "医院拥有省级临床重点专科3个。" in paragraphs


def test_leaders_named_in_a_page_footer_beside_the_address_stay_in_the_text():
    text = (
        "隆德县人民医院2024年工作总结\n\n"
        "    2024年，医院各项工作稳步推进。\n\n"
        "    隆德县人民医院\n"
        "    院长：马永福　　党委书记：杨丽\n"
        "    地址：隆德县城关镇　　预约电话：0954-6012120\n"
    )
    body = parse_article(text)[0].body
    assert "院长：马永福" in body
    assert "0954-6012120" not in body


def test_leaders_signing_a_message_above_the_editor_credits_stay_in_the_text():
    text = (
        "灵丘县人民医院2024年数据回顾\n\n"
        "    全年门急诊量达到21.4万人次。\n\n"
        "    致辞：医院党委书记 韩文秀　院长 薛志强\n"
        "    编辑｜办公室　审核｜贾明\n"
    )
    body = parse_article(text)[0].body
    assert "党委书记 韩文秀 院长 薛志强" in body
    assert "审核" not in body


def test_a_fact_list_with_bracketed_labels_and_a_phone_line_is_kept_as_label_lines():
    text = (
        "故城县中医医院\n"
        "发布日期：2024-06-02　　浏览次数：906\n\n"
        "【医院等级】二级甲等\n"
        "【急诊电话】0318-5321120\n"
        "【院　　长】孙立国\n"
        "【编制床位】260张\n"
        "【开放床位】310张\n"
        "【职工总数】402人\n\n"
        "【打印】【关闭】\n"
    )
    body = parse_article(text)[0].body
    assert "院长：孙立国" in body
    assert "编制床位：260张" in body and "职工总数：402人" in body
    assert "0318-5321120" not in body and "打印" not in body


def test_a_speakers_post_and_name_under_a_speech_title():
    text = (
        "踔厉奋发谱新篇\n"
        "——在文昌市人民医院2024年职工代表大会上的工作报告\n"
        "院长　符文清\n\n"
        "各位代表：\n"
        "    2024年，医院门急诊量达到52.3万人次。\n"
    )
    item = parse_article(text)[0]
    assert item.authors == ["符文清"]
    assert "院长 符文清" in item.subtitle or "院长　符文清" in item.subtitle


def test_column_heads_laid_out_with_spaces_head_the_table_under_them():
    text = (
        "乐昌市人民医院简介\n\n"
        "    医院分两个院区运行，主要数据如下。\n\n"
        "院区　　　　开放床位（张）　　职工（人）\n"
        "河南院区　　　　420　　　　　　516\n"
        "河北院区　　　　180　　　　　　203\n"
        "合　计　　　　　600　　　　　　719\n"
    )
    body = parse_article(text)[0].body
    assert "| 院区 | 开放床位（张） | 职工（人） |" in body
    assert "| 合计 | 600 | 719 |" in body


def test_a_number_cut_before_its_unit_across_a_running_header_and_a_caption_on_two_lines():
    text = (
        "把急救网织密织牢\n\n"
        "　　本报记者 孙丽\n"
        "　　凌晨一点，村民张某突发胸痛，村医把心电图上传到医院胸痛中\n"
        "心，值班医生几分钟内就作出了诊断，救护车随即出发赶往村里接\n"
        "人。从进医院大门到堵塞的血管被打通，前后只用了不到一个小时\n"
        "的时间。“要是放在几年前，人可能就没了。”张某的家人这样说道\n"
        "。过去，县里的急危重症患者大多要转到省城救治，耽误在路上。\n"
        "▲医院胸痛中心团队为急性心\n"
        "梗患者实施急诊介入手术。　孙丽 摄\n"
        "　　数据是最直观的答卷：2024年，这家县级医院的门急诊量为72.9\n"
        "孝感日报　　2025年3月6日　星期四　　第5版·健康\n"
        "万人次，出院患者3.38\n"
        "万人次，住院手术1.42万台次，较上年均有明显增长，群众认可度也\n"
        "越来越高。医院还在全县各乡镇卫生院配齐了远程心电设备，让基层\n"
        "医生也能第一时间把患者的心电图传给县里的专家，及时作出判断。\n"
        "　　这几年，医院先后选派了一批骨干医生到省城进修学习，回来后\n"
        "在科里挑起了大梁；同时还请来省里的专家定期到医院坐诊、查房\n"
        "和带教，手把手地传授技术，年轻医生的业务能力提升得非常快。\n"
        "如今，县里的急危重症患者大多能在家门口得到及时有效的救治。\n"
        "┌──────────────┐\n"
    )
    item = parse_article(text)[0]
    assert "门急诊量为72.9万人次，出院患者3.38万人次" in item.body
    assert any(c.startswith("▲医院胸痛中心团队为急性心梗患者") for c in item.captions)
    assert "孝感日报" not in item.body and "┌" not in item.body


def test_a_column_set_by_hand_whose_lines_differ_by_a_character_or_two_is_rejoined():
    text = (
        "支部建在科室上\n\n"
        "　　医院党委书记王建平介绍，医院党委下设党支部\n"
        "十二个，共有党员二百一十名，临床科室党支部书记全部由科\n"
        "主任或业务骨干担任，实现了双带头人全覆盖。医院每年\n"
        "开展红旗岗评比，党员在急诊、重症等一线岗位的占\n"
        "比超过一半。\n"
        "　　党建强，发展就强。二〇二四年，医院门急诊量达到\n"
        "三十八点五万人次，同比增长百分之九点二；出院患\n"
        "者一万九千余人次；平均住院日由八点四天缩短至七点八天。\n"
        "近三年，医院开展新技术新项目三十一项，群众满意\n"
        "度达到百分之九十五点八。\n"
        "　　院长刘志强说，对口帮扶的上级医院先后派出八\n"
        "名专家长期驻院，医院自己的年轻医生也挑起了大梁，不少新\n"
        "技术在县里第一次开展，群众在家门口就能做上大手术了。\n"
    )
    body = parse_article(text)[0].body
    assert "医院门急诊量达到三十八点五万人次" in body
    assert "出院患者一万九千余人次" in body
    # The column is recognised as one (its lines rejoined before anything else reads them).
    assert "门急诊量达到三十八点五万人次，同比增长百分之九点二；出院患者一万九千余人次" in join_narrow_column(
        text
    )


def test_a_numbered_heading_over_dashed_items_is_a_section_not_a_new_story():
    text = (
        "在沭阳县中医院职工代表大会上的讲话\n\n"
        "一、2024年工作回顾\n"
        "    全年完成门急诊86.2万人次。\n\n"
        "二、2025年主要目标\n"
        "    ——门急诊量力争达到90万人次，出院病人达到4.1万人次；\n"
        "    ——新增床位200张。\n"
    )
    items = parse_article(text)
    assert len(items) == 1
    headings = [s.heading for s in items[0].sections]
    assert "2025年主要目标" in headings
    assert "——门急诊量力争达到90万人次，出院病人达到4.1万人次；" in items[0].body


def test_a_narrow_column_sets_apart_a_running_footer_and_a_caption_and_joins_a_number_cut_at_its_point():
    text = (
        "扎根乡土护健康\n\n"
        "　　本报记者 王明\n"
        "　　如今的医院占地一百二十六亩，业务用房面积4.2万平方米，编制\n"
        "床位六百张，实际开放床位七百五十张，设临床科室28个、医技科\n"
        "室9个。全院在职职工1,136人，其中卫生专业技术人员982人，占职\n"
        "郴州日报·健康周刊　　　　责任编辑：李湘云　美编：刘倩　　A4\n"
        "工总数的86.4%；拥有万元以上医疗设备六百余台套，设备总值一点\n"
        "▲医院门诊楼外景　　　　王明 摄\n"
        "二亿元。医院已连续三年在全省县级医院绩效考核中位列前十名。\n"
        "　　2023年，医院全年完成门急诊服务58.\n"
        "6万人次，出院病人3.12万人次，住院手术1.41万台次，四级手术占比\n"
        "由2021年的9.2%提高到12.8%，患者满意度达96.3%，较上年提高了\n"
        "一个百分点，各项指标稳中有升，群众的获得感不断增强和提升。\n"
    )
    item = parse_article(text)[0]
    assert "▲医院门诊楼外景　王明 摄".replace("　", " ") in [c.replace("　", " ") for c in item.captions]
    assert "占职工总数的86.4%" in item.body
    assert "设备总值一点二亿元" in item.body
    assert "门急诊服务58.6万人次" in item.body
    assert "责任编辑" not in item.body
