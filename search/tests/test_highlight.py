from search.highlight import mark_html, snippet_html


def test_text_and_query_html_is_escaped():
    html = snippet_html("<script>alert(1)</script>医院发展", ["script", "医院"])
    assert "<script>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html
    assert "<mark>医院</mark>" in html


def test_a_phrase_is_marked_across_punctuation_it_spans():
    assert "<mark>查,研</mark>" in snippet_html("开展调查,研究工作", ["查研"])


def test_numbers_percentages_and_single_characters_are_marked():
    html = snippet_html("门诊患者满意度达90.72%，预约挂号比例33.2%。", ["90.72", "33.2%", "诊"])
    assert "<mark>90.72</mark>" in html
    assert "<mark>33.2%</mark>" in html
    assert "门<mark>诊</mark>" in html


def test_traditional_text_is_marked_for_a_simplified_query():
    assert mark_html("人民醫院", ["医院"]) == "人民<mark>醫院</mark>"


def test_the_snippet_is_cut_around_the_best_match():
    text = "无关的开头。" * 60 + "这里讲胸痛中心建设。" + "无关的结尾。" * 60
    html = snippet_html(text, ["胸痛中心"], width=60)
    assert "<mark>胸痛中心</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 120


def test_without_a_match_the_snippet_is_the_start_of_the_text():
    assert snippet_html("第一句。第二句。", ["不存在"]) == "第一句。第二句。"
