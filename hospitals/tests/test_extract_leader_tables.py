"""Leaders on pages whose leadership table was flattened into lines (a post line, then its holders'
names; or name, post and portfolio in one row), and leaders named by appointment (由…担任,
…同志任…, …任…院长) or followed by their portfolio (分管…)."""

from articles.cleaning import parse_article
from articles.parsing import ParsedArticle, Section
from hospitals.extraction import extract

HOSPITAL = "淳安县第二人民医院"


def people_of_page(text):
    found = {}
    for parsed in parse_article(text):
        for p in extract(parsed).people:
            found[p.name] = (p.titles, p.hospital)
    return found


def names(*paragraphs):
    parsed = ParsedArticle(title=HOSPITAL, sections=[Section("", [f"{HOSPITAL}召开干部大会。", *paragraphs])])
    return {p.name: p.titles for p in extract(parsed).people if p.hospital == HOSPITAL}


PAGE = f"""{HOSPITAL}领导班子

{HOSPITAL}始建于1952年，是一所二级甲等综合医院。

党委书记
邵国平
院长
褚建新
副院长
方　丽
童晓军
"""


def test_a_post_alone_on_its_line_takes_the_names_on_the_lines_below():
    found = people_of_page(PAGE)
    assert {n: found[n][0] for n in ("邵国平", "褚建新", "方丽", "童晓军")} == {
        "邵国平": ["党委书记"],
        "褚建新": ["院长"],
        "方丽": ["副院长"],
        "童晓军": ["副院长"],
    }
    assert all(found[n][1] == HOSPITAL for n in found)


ROWS = f"""{HOSPITAL}院领导

{HOSPITAL}始建于1952年，是一所二级甲等综合医院。

姓名　职务　分管工作
应　敏　党委副书记、纪委书记　主持纪委全面工作
项立新　副院长　分管医务、护理、院感工作
毛晓燕　总会计师　分管财务、审计工作
鲍志强　工会主席
"""


def test_rows_of_name_post_and_portfolio_each_give_a_leader():
    found = people_of_page(ROWS)
    assert {n: found.get(n, ([], ""))[0] for n in ("应敏", "项立新", "毛晓燕", "鲍志强")} == {
        "应敏": ["党委副书记", "纪委书记"],
        "项立新": ["副院长"],
        "毛晓燕": ["总会计师"],
        "鲍志强": ["工会主席"],
    }


def test_a_heading_alone_on_its_line_takes_no_name():
    # A post line followed by prose is a heading, not a label: nothing is joined to it.
    page = f"{HOSPITAL}院长寄语\n\n院长\n\n{HOSPITAL}始建于1952年，是一所二级甲等综合医院，现有职工860人。\n"
    assert people_of_page(page) == {}


def test_a_post_followed_by_its_portfolio():
    assert names("副院长汪海东分管医疗质量工作。") == {"汪海东": ["副院长"]}


def test_appointments_by_you_danren_and_tongzhi_ren():
    found = names(f"会议宣布：由傅建国担任{HOSPITAL}党委书记，盛丽同志任医院副院长。", "管文斌出任该院院长。")
    assert found == {"傅建国": ["党委书记"], "盛丽": ["副院长"], "管文斌": ["院长"]}


def test_an_appointment_to_another_hospital_is_that_hospital_s_leader():
    parsed = ParsedArticle(
        title=HOSPITAL,
        sections=[Section("", [f"{HOSPITAL}召开干部大会。", "会上宣布，俞志华同志任建德市中医院院长。"])],
    )
    people = {p.name: p.hospital for p in extract(parsed).people}
    assert people.get("俞志华") == "建德市中医院"


def test_ren_before_a_professional_rank_is_no_appointment():
    assert names("蒋敏任主任医师已有十年。") == {}
