"""Leaders in layouts the first rules missed on texts they had never seen, on short texts written
for these tests: guests' and former posts, further leadership posts (党委委员, 总经济师, a bare 副书记
or 书记), names counted before their post, Tibetan and Mongolian names, names and posts a web page
lost characters of, name-first leaders, tables in columns, forms and biographies, appointments,
lines broken by print layout, branch hospitals and hospitals the resolver did not name, and
phrases with posts that name nobody."""

from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract
from hospitals.tests.extracted import extract_body, extract_text, subject_leaders


def people_of(*paragraphs, title="百色市人民医院"):
    parsed = ParsedArticle(
        title=title, sections=[Section("", ["百色市人民医院召开职工代表大会。", *paragraphs])]
    )
    return {(p.name, p.hospital): p.titles for p in extract(parsed).people}


def names(*paragraphs):
    return {name: titles for (name, _h), titles in people_of(*paragraphs).items()}


def test_posts_of_government_and_party_bodies_are_not_the_hospitals():
    found = names("会议由市卫生健康委副主任何建平主持，医院党委书记罗志刚作报告。")
    assert found == {"罗志刚": ["党委书记"]}
    assert names("区卫健委党委书记、主任吴敏宣读了任免决定。") == {}
    assert names("市委副书记蓝天明到院调研。") == {}
    # Without the body in front, the same posts are the hospital's.
    assert names("党委书记、主任吴敏宣读了任免决定。") == {"吴敏": ["党委书记", "主任"]}
    assert names("右江职业学院副院长邹娟发言。") == {}
    # A hospital named after the organ makes the post its own again.
    assert names("右江民族医学院附属医院党委书记钟鸣出席。") == {"钟鸣": ["党委书记"]}


def test_former_and_honorary_posts_are_not_held():
    assert names("原院长黎明代表历任院长发言。") == {}
    assert names("名誉院长闻达题写院训，院长陆军致辞。") == {"陆军": ["院长"]}


def test_further_leadership_posts_are_posts():
    found = names("党委委员、副院长兼总护理师覃秀梅，总经济师莫志华，工会副主席凌云出席。")
    assert found == {
        "覃秀梅": ["党委委员", "副院长", "总护理师"],
        "莫志华": ["总经济师"],
        "凌云": ["工会副主席"],
    }


def test_a_bare_deputy_secretary_is_the_party_committees():
    found = names("党委书记黄海、副书记韦东出席会议。")
    assert found == {"黄海": ["党委书记"], "韦东": ["党委副书记"]}


def test_names_counted_before_their_post():
    found = names("梁伟、陆芳两位副院长分别带队检查。")
    assert found == {"梁伟": ["副院长"], "陆芳": ["副院长"]}
    found = names("经研究，聘任蒙涛、甘丽、农杰三位同志为医院副院长。")
    assert found == {"蒙涛": ["副院长"], "甘丽": ["副院长"], "农杰": ["副院长"]}
    # Counted people without a post are no leaders.
    assert names("张强、李敏两位专家来院坐诊。") == {}


def test_tibetan_and_mongolian_names_without_a_surname():
    assert names("副院长 才让卓玛 分管护理部").get("才让卓玛") == ["副院长"]
    found = names("副院长巴图孟和、韦晓东出席仪式。")
    assert found == {"巴图孟和": ["副院长"], "韦晓东": ["副院长"]}


def test_a_name_the_page_lost_is_passed_over_in_a_list():
    # The cleaner marks lost characters 〓 (醫院??長 on a page in a wrong encoding).
    found = names("副院长黎明、覃〓〓、潘志军分别发言。")
    assert found == {"黎明": ["副院长"], "潘志军": ["副院长"]}


def test_a_name_first_leader_after_a_quotation_and_before_an_adverb():
    assert names("“病人满意是第一标准。”黄志强院长说。") == {"黄志强": ["院长"]}
    assert names("说起下沉医生的考核，廖春生副院长笑着说，都有指标。") == {"廖春生": ["副院长"]}


def test_words_after_a_name_that_end_it():
    assert names("在医院党委书记韦国平看来，人才是第一资源。") == {"韦国平": ["党委书记"]}
    assert names("工会主席莫丽则带队慰问困难职工。") == {"莫丽": ["工会主席"]}


def test_the_post_of_a_branch_named_after_another_hospital_is_the_branchs():
    found = people_of(
        "华山医院派出专家常驻百色。华山医院百色分院院长陆海说，两院同质化管理。",
        "华山医院百色医院执行院长黄斌介绍情况，华山医院副院长周亮出席。",
    )
    assert found == {
        ("陆海", "华山医院百色分院"): ["院长"],
        ("黄斌", "华山医院百色医院"): ["执行院长"],
        ("周亮", "华山医院"): ["副院长"],
    }


def test_a_name_before_a_verb_the_boundary_list_does_not_know_is_read_by_jieba():
    assert names("院长覃立颁奖。") == {"覃立": ["院长"]}
    assert names("医院院长刘洋汇报了全年工作。") == {"刘洋": ["院长"]}
    assert names("院长王明教授介绍了发展思路。") == {"王明": ["院长"]}
    # Words that only look like names are not taken, nor a name the page lost a character of.
    assert names("制定了院长廉政谈话制度。") == {}
    assert names("院长林清〓提醒市民。") == {}


def test_adverbs_units_and_common_words_are_no_names():
    assert names("副院长高兴地说，新设备到了。") == {}
    assert names("院长方面表示同意。") == {}
    assert names("党委委员与分院支部书记、院长谈话。") == {}


def test_a_short_biography_without_sex_and_ethnicity():
    found = names("韦建平，医学博士，主任医师，现任医院党委副书记、院长。")
    assert found == {"韦建平": ["党委副书记", "院长"]}


def test_appointed_as_a_post():
    assert names("会议宣布任命孙立平同志为医院院长。") == {"孙立平": ["院长"]}
    assert names("经研究，聘任周红为医院副院长。") == {"周红": ["副院长"]}


def test_a_note_in_brackets_between_the_post_and_the_name():
    assert names("副院长（主持行政工作）韩冬出席会议。") == {"韩冬": ["副院长"]}
    assert names("医院党委副书记(主持党委工作)罗斌讲话。") == {"罗斌": ["党委副书记"]}


def test_a_section_chiefs_post_and_an_expert_title_held_with_a_leaders():
    assert names("医院副院长兼医务科科长周涛介绍。") == {"周涛": ["副院长", "医务科科长"]}
    assert names("该院副院长、骨科专家贺敏说。") == {"贺敏": ["副院长"]}


def test_a_bare_secretary_after_a_name_is_the_party_secretary_but_not_a_guests():
    found = names("梁林书记和黄卫明院长表示坚决拥护。")
    assert found == {"梁林": ["党委书记"], "黄卫明": ["院长"]}
    assert names("县委书记蒙伟到院调研。蒙伟书记指出，要改善服务。") == {}
    assert names("右江职业学院院长冯涛致辞。冯涛院长表示，将加强校院合作。") == {}
    assert names("院长时期的老同事。") == {}


def test_a_leadership_table_in_columns():
    found = names("院长 党委书记 副院长\n韦志 黄海 覃丽")
    assert found == {"韦志": ["院长"], "黄海": ["党委书记"], "覃丽": ["副院长"]}
    # A line of posts over a line that is not all names pairs nothing.
    assert names("院长 党委书记\n全面负责 党建工作") == {}


def test_two_label_lines_run_together_by_a_page():
    found = names("院长：韦志党委书记：黄海")
    assert found == {"韦志": ["院长"], "黄海": ["党委书记"]}


def test_a_name_then_its_posts_alone_and_a_form():
    assert names("韦志，党委副书记、院长，主任医师，教授。") == {"韦志": ["党委副书记", "院长"]}
    assert names("姓名：黄海 职务：党委书记") == {"黄海": ["党委书记"]}


def test_a_biography_over_two_sentences():
    found = names("黄海，男，壮族，1970年生，主任医师。2019年起任医院党委书记。")
    assert found == {"黄海": ["党委书记"]}


def test_old_and_then_posts_are_held_no_more():
    assert names("老院长韦志回到医院看望职工。") == {}
    assert names("时任院长韦志带队抗洪。") == {}


def test_a_department_never_runs_over_a_conjunction():
    found = names("副院长刘建东及护理部主任王霞来到发热门诊。")
    assert found == {"刘建东": ["副院长"], "王霞": ["护理部主任"]}


def test_a_bare_secretary_after_another_post_or_a_list_break():
    assert names("院长、书记申志林陪同调研。") == {"申志林": ["院长", "党委书记"]}
    assert names("院长韦志、书记黄海出席。") == {"韦志": ["院长"], "黄海": ["党委书记"]}
    # A branch's secretary is not a bare 书记 after a list break.
    assert names("各支部书记黄海、覃丽参加。") == {}


def test_any_short_note_in_brackets_after_a_post():
    assert names("副院长（援疆）蒙涛出席。") == {"蒙涛": ["副院长"]}


def test_a_preposition_or_particle_next_to_a_name_is_no_part_of_it():
    assert names("院长由韦志担任。") == {"韦志": ["院长"]}
    assert names("在院长韦志的带领下，医院发展迅速。") == {"韦志": ["院长"]}


def test_padded_names_in_prose():
    found = names("党委书记张  伟、院长李  明出席会议。")
    assert found == {"张伟": ["党委书记"], "李明": ["院长"]}
    assert names("副院长李  明说，要改善服务。") == {"李明": ["副院长"]}


def test_a_post_set_off_from_its_names_by_spaces_in_prose():
    assert names("院长 韦志明介绍，医院将推进一站式服务。") == {"韦志明": ["院长"]}
    found = names("副院长 莫丽华、梁  斌、潘国平分别带队义诊。")
    assert found == {"莫丽华": ["副院长"], "梁斌": ["副院长"], "潘国平": ["副院长"]}


def test_a_form_over_two_lines():
    assert names("姓名：黄海\n职务：党委书记") == {"黄海": ["党委书记"]}


def test_a_bare_secretary_on_a_label():
    assert names("书  记：王海燕") == {"王海燕": ["党委书记"]}
    assert names("书记、院长：李建国") == {"李建国": ["院长", "党委书记"]}
    found = names("院长 李建国  书记 王海燕")
    assert found == {"李建国": ["院长"], "王海燕": ["党委书记"]}
    assert names("党支部书记：王海燕") == {"王海燕": ["党支部书记"]}


def test_a_note_in_brackets_after_a_name_in_a_list():
    assert names("副院长：张伟（挂职）、刘芳") == {"张伟": ["副院长"], "刘芳": ["副院长"]}


def test_appointment_verbs_a_copula_a_time_and_the_post_introduced_first():
    assert names("韦志强是医院副院长，也是一名心内科专家。") == {"韦志强": ["副院长"]}
    assert names("韦志强自2018年起担任医院院长。") == {"韦志强": ["院长"]}
    assert names("韦志强，现为医院副院长、主任医师。") == {"韦志强": ["副院长"]}
    assert names("作为医院副院长，韦志强每天都要查房。") == {"韦志强": ["副院长"]}
    assert names("身为院长的韦志强从不搞特殊。") == {"韦志强": ["院长"]}
    assert names("作为医院党委书记，要带头讲政治。") == {}
    assert names("张强是一名普通护士。") == {}


def test_a_hospital_the_resolver_did_not_name_still_owns_its_post():
    found = people_of("华山医院副院长刘强来院指导。")
    assert found == {("刘强", "华山医院"): ["副院长"]}
    # A relative name (市一医院) or the subject's own is no other hospital.
    assert people_of("市一医院院长刘强出席。") == {("刘强", "百色市人民医院"): ["院长"]}


def test_a_note_or_spaces_inside_a_chain_of_posts():
    assert names("党委副书记（正处级）、纪委书记韦红出席。") == {"韦红": ["党委副书记", "纪委书记"]}
    assert names("党委书记 兼 院长 黄海主持会议。") == {"黄海": ["党委书记", "院长"]}
    assert names("总药师蒙丽、总工程师农强出席。") == {"蒙丽": ["总药师"], "农强": ["总工程师"]}


def test_a_post_that_lost_a_character_on_the_page():
    # The cleaner marks each lost character 〓 ("副院??王明" on a page in a wrong encoding).
    found = names("副院〓〓王明、院〓〓李强出席会议。党委书〓〓黄海主持。党〓书记蒙涛讲话。")
    assert found == {"王明": ["副院长"], "李强": ["院长"], "黄海": ["党委书记"], "蒙涛": ["党委书记"]}
    assert names("院〓：李强") == {"李强": ["院长"]}
    # After 医院 the lost characters may be any word: nothing is guessed.
    assert names("医院〓〓王明出席。") == {}


def test_a_name_first_leader_after_a_preposition_or_a_courtesy_verb():
    assert names("在李明院长的陪同下，专家组参观了新院区。") == {"李明": ["院长"]}
    assert names("由李明院长主持会议。") == {"李明": ["院长"]}
    assert names("感谢李明院长对我们工作的支持。") == {"李明": ["院长"]}
    assert names("会上，李明院长作了工作报告。") == {"李明": ["院长"]}
    assert names("该院长期坚持公益性。") == {}


def test_a_subtitle_naming_the_subject_by_a_shorter_name_keeps_its_leader():
    parsed = ParsedArticle(
        title="守护边疆群众健康",
        subtitle="——访那坡县医院院长农志强",
        sections=[Section("", ["那坡县人民医院是全县唯一的二级甲等医院。", "农志强说，要建好三大中心。"])],
    )
    found = {(p.name, p.hospital): p.titles for p in extract(parsed).people}
    assert found == {("农志强", "那坡县人民医院"): ["院长"]}


def test_posts_and_names_broken_across_lines_by_print_layout():
    found = names("会议由医院党委副书\n记、院长马春燕主持，副院长张\n伟、李明出席。")
    assert found == {"马春燕": ["党委副书记", "院长"], "张伟": ["副院长"], "李明": ["副院长"]}
    assert names("医院党委书记\n王海燕讲话。") == {"王海燕": ["党委书记"]}
    # Rows of a table stay rows.
    found = names("顾天明 党委委员、副院长\n包丽君 党委委员、纪委书记")
    assert found == {"顾天明": ["党委委员", "副院长"], "包丽君": ["党委委员", "纪委书记"]}


def test_the_evidence_of_a_joined_line_is_the_sentence_of_the_text_as_written():
    parsed = ParsedArticle(
        title="百色市人民医院",
        sections=[Section("", ["百色市人民医院召开大会。", "医院党委书\n记王海燕讲话。"])],
    )
    (person,) = extract(parsed).people
    assert person.evidence.startswith("医院党委书\n记王海燕讲话")


def test_before_a_copula_only_a_personal_name_holds_the_post():
    assert names("关键是院长要带头。") == {}
    assert names("原因是院长出差了。") == {}
    assert names("黄海是院长。") == {"黄海": ["院长"]}


def test_posts_in_phrases_that_name_nobody():
    for text in (
        "医院实行党委领导下的院长负责制。",
        "院长办公会审议通过了该方案。",
        "院长信箱收到群众来信。",
        "由分管副院长牵头成立专班。",
        "党委书记和院长要带头讲党课。",
        "副院长带领工作组督导。",
    ):
        assert names(text) == {}, text


def test_a_transliterated_name_with_any_dot():
    # The name keeps the dot it was written with.
    assert names("副院长阿不都•热合曼主持会议。") == {"阿不都•热合曼": ["副院长"]}
    assert names("副院长阿不都・热合曼主持会议。") == {"阿不都・热合曼": ["副院长"]}


def test_names_after_a_post_joined_by_commas_in_a_list_closed_by_fenbie():
    assert names("副院长：王春华，李红梅分别分管医疗和护理工作。") == {
        "王春华": ["副院长"],
        "李红梅": ["副院长"],
    }
    # Without a word closing the list, what follows the comma is the sentence's.
    assert set(names("副院长王春华，刘东同志介绍了情况。")) == {"王春华"}


def test_a_leader_who_keeps_in_touch_with_a_branch():
    # jieba tags 联系 a noun; after a post and a name it is the leader's duty.
    assert names("党委委员、副院长任晓梅联系外科第一党支部。") == {"任晓梅": ["党委委员", "副院长"]}


def test_a_list_of_deputies_ends_before_a_word_that_is_no_name():
    ex = extract_body("宜章县人民医院新院区奠基。院长何志强，副院长邓丽华、黄文斌及施工、监理单位代表出席。")
    assert subject_leaders(ex) == {"何志强": ["院长"], "邓丽华": ["副院长"], "黄文斌": ["副院长"]}


def test_a_five_character_mongolian_name_after_a_post_is_whole():
    ex = extract_body(
        "阿荣旗人民医院召开职工大会。副院长乌云其木格说，医院将加快医共体建设。党委书记萨仁其其格、院长王建军出席。"
    )
    assert subject_leaders(ex) == {"乌云其木格": ["副院长"], "萨仁其其格": ["党委书记"], "王建军": ["院长"]}


def test_a_tibetan_deputy_in_a_label_line_and_a_township_centres_head_named_without_its_county():
    ex = extract_body("隆子县人民医院始建于1959年。\n\n副院长：央金卓嘎　刘建华")
    assert subject_leaders(ex) == {"央金卓嘎": ["副院长"], "刘建华": ["副院长"]}
    ex = extract_body(
        "藤县人民医院牵头建设医共体。7月2日，记者来到藤县太平镇中心卫生院。\n\n"
        "太平镇中心卫生院院长梁志强说，今年住院人数明显增加。藤县人民医院院长陈国华介绍了医共体建设情况。"
    )
    assert subject_leaders(ex) == {"陈国华": ["院长"]}


def test_a_rarer_surname_and_a_name_followed_by_gei():
    ex = extract_body(
        "如东县人民医院召开大会。医院党委书记陈建平、院长冒晓东表示，医院将坚持公益性。副院长许文给记者算了一笔账。"
    )
    assert subject_leaders(ex) == {"陈建平": ["党委书记"], "冒晓东": ["院长"], "许文": ["副院长"]}


def test_tibetan_names_in_prose_and_a_team_leader_appointed_to_the_hospitals_posts():
    ex = extract_body(
        "玛沁县人民医院召开大会。党委副书记多杰东智表示，医院将新增床位80张。副院长丹增群培说，医共体建设成效明显。"
    )
    assert subject_leaders(ex) == {"多杰东智": ["党委副书记"], "丹增群培": ["副院长"]}
    ex = extract_body(
        "昌都市人民医院召开援藏工作座谈会。第五批援藏医疗队共有队员18名，领队刘建明任医院党委副书记、院长。"
    )
    assert subject_leaders(ex) == {"刘建明": ["党委副书记", "院长"]}
    # A team role with no appointment is no post of the hospital.
    assert subject_leaders(extract_body("昌都市人民医院召开座谈会。领队刘建明介绍了队员情况。")) == {}


def test_a_leader_who_also_heads_a_working_group():
    ex = extract_body("临海市第一人民医院成立评估组，由党委书记郑立新、院长应建华任组长。")
    assert subject_leaders(ex) == {"郑立新": ["党委书记"], "应建华": ["院长"]}


def test_a_deputy_reporting_at_a_meeting():
    ex = extract_body("北流市人民医院召开质量分析会。副院长庞丽娟通报了上半年医疗质量检查情况。")
    assert subject_leaders(ex) == {"庞丽娟": ["副院长"]}


def test_a_name_listed_after_one_a_page_lost_and_a_common_surname():
    ex = extract_body(
        "宁德市闽东医院简介。\n\n领导班子：党委书记 郑秀兰；副院长 林海、洪建平。\n\n副院长陈〓〓华、赖志刚。"
    )
    assert subject_leaders(ex) == {
        "郑秀兰": ["党委书记"],
        "林海": ["副院长"],
        "洪建平": ["副院长"],
        "赖志刚": ["副院长"],
    }


def test_an_interview_speaker_label_names_nobody_and_its_title_line_adds_posts():
    ex = extract_text(
        "“把群众留在县里看病”\n——访桂东县人民医院党委副书记、院长邓志坚\n\n"
        "    桂东县人民医院在院长邓志坚带领下加快发展。\n\n"
        "    记者：邓院长，请介绍一下医院的情况。\n"
        "    邓院长：谢谢。医院开放床位420张。\n"
    )
    assert subject_leaders(ex) == {"邓志坚": ["院长", "党委副书记"]}


def test_what_a_leader_does_next_ends_the_name():
    ex = extract_body(
        "商水县人民医院召开大会。“时间就是生命。”汪志勇院长一边查看调度大屏一边说。"
        "院长宋建国拿出一份报表。大会由工会主席刘敏主持，副院长黄文、袁芳、彭志刚列席。"
    )
    assert subject_leaders(ex) == {
        "汪志勇": ["院长"],
        "宋建国": ["院长"],
        "刘敏": ["工会主席"],
        "黄文": ["副院长"],
        "袁芳": ["副院长"],
        "彭志刚": ["副院长"],
    }
