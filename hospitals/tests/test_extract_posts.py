"""Whose post a title names (hospitals/extraction/posts.py), on sentences written for these tests."""

import pytest

from hospitals.extraction.posts import held_elsewhere, is_foreign_post, is_former_post, post_context


def _at(text, title, nth=0):
    """Offset of the nth occurrence of `title` in `text`."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(title, pos + 1)
    return pos


@pytest.mark.parametrize(
    "text, title",
    [
        ("县政协文卫委主任孙立平、副县长钱芳出席仪式。", "主任"),
        ("县人大常委会副主任周海陪同调研。", "副主任"),
        ("省卫健委党组成员、副主任吴磊宣读任职决定。", "副主任"),
        ("市委组织部副部长郑洁、某某医学院院长冯涛先后致辞。", "院长"),
        ("区政协副主席刘晨、专委会主任韩冰等出席座谈会。", "主任"),
        ("市疾控中心主任杜宁作专题讲座。", "主任"),
        ("民盟市委副主任委员、某职业学院副院长邹娟发言。", "副院长"),
    ],
)
def test_posts_of_organs_are_not_a_hospitals(text, title):
    assert is_foreign_post(text, _at(text, title))
    assert held_elsewhere(text, _at(text, title))


@pytest.mark.parametrize(
    "text, title, nth",
    [
        ("医院党委书记、院长马骏主持会议。", "院长", 0),
        ("该院副院长方圆介绍了新院区的规划。", "副院长", 0),
        ("院长白桦、党委书记沈青、党委副书记项东参加座谈。", "党委书记", 0),
        ("某某医科大学附属第二医院院长陶然致欢迎词。", "院长", 0),
        ("某某学院附属医院党委书记钟鸣出席。", "党委书记", 0),
        ("市卫健委主任许多、医院院长邵华共同揭牌。", "院长", 0),
        ("医院党委委员、副院长卢静分管医疗工作。", "副院长", 0),
        ("护理部主任葛欣介绍了护理质量的情况。", "主任", 0),
        ("高原医院院长祁山接受采访。", "院长", 0),
    ],
)
def test_a_hospitals_own_posts_stay_its_own(text, title, nth):
    assert not held_elsewhere(text, _at(text, title, nth))


@pytest.mark.parametrize(
    "text, title",
    [
        ("原院长黎明代表历任院长发言。", "院长"),
        ("前任院长朱华回到医院看望职工。", "院长"),
        ("原院党委书记石磊为新党员授旗。", "党委书记"),
        ("名誉院长闻达题写院训。", "院长"),
        ("老院长韩松回忆起建院的日子。", "院长"),
        ("时任院长卢平带队驰援。", "院长"),
    ],
)
def test_former_and_honorary_posts_are_not_held(text, title):
    assert is_former_post(text, _at(text, title))


def test_the_context_stops_at_the_clause_and_at_the_list_item():
    text = "市卫健委主任许多到院调研，医院院长邵华陪同。"
    assert post_context(text, _at(text, "院长")) == "医院"
    listed = "市卫健委主任许多、医院院长邵华共同揭牌。"
    assert post_context(listed, _at(listed, "院长")) == "医院"
    chained = "省卫健委党组成员、副主任吴磊宣读决定。"
    assert post_context(chained, _at(chained, "副主任")) == "省卫健委党组成员"


# ---- in the whole extraction ------------------------------------------------------------------

from hospitals.tests.extracted import extract_body, subject_leaders  # noqa: E402


def _leaders(body):
    return subject_leaders(extract_body(body))


def test_guests_posts_and_former_posts_are_not_the_hospitals_leaders():
    leaders = _leaders(
        "8月2日，桐庐县第一人民医院新院区启用。县人大常委会副主任周海、县政协文卫委主任孙立平、"
        "某某医学院院长冯涛出席仪式。医院党委书记、院长马骏致辞，原院长黎明代表老同志发言。"
    )
    assert leaders == {"马骏": ["党委书记", "院长"]}


def test_a_verb_before_a_hospital_post_is_no_name():
    leaders = _leaders(
        "桐庐县第一人民医院召开全院职工大会，宣布医院党委书记和院长的任职决定。李明任医院党委书记。"
    )
    assert leaders == {"李明": ["党委书记"]}


def test_a_name_before_its_post_may_be_followed_by_representing():
    leaders = _leaders("座谈会在桐庐县第一人民医院召开。会上，方晓云副院长代表医院向来宾表示欢迎。")
    assert leaders == {"方晓云": ["副院长"]}


def test_a_post_whose_party_character_a_site_masked_is_read():
    leaders = _leaders(
        "桐庐县第一人民医院召开干部大会。县卫健委*组成员、副主任严明宣读决定：郑达同志任医院*委书记。"
    )
    assert leaders == {"郑达": ["党委书记"]}
