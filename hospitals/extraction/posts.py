"""Whose post a title names, read from the words right before it.

News about a hospital lists the guests of its meetings with their posts: "市政协教文卫主任张三",
"县人大原主任李四", "某某学院院长王五", "市卫健委党组成员、副主任赵六". Those posts belong to the
organ named before the title, not to the hospital, and a post held before ("原院长") is no
longer held. A hospital's own post is written after the hospital ("医院党委书记", "该院院长") or
alone, at the start of a clause.
"""

import re

# Organs whose officials visit and speak: people's congresses, CPPCC, governments and their
# health bureaus, party committees of places, colleges and universities, parties and societies.
ORGANS = (
    "人大常委会",
    "人大",
    "政协",
    "人民政府",
    "政府",
    "卫生健康委员会",
    "卫生健康委",
    "卫生健康局",
    "卫健委",
    "卫健局",
    "卫生计生委",
    "卫生计生局",
    "计生委",
    "卫计委",
    "卫计局",
    "卫生局",
    "卫生厅",
    "医保局",
    "医疗保障局",
    "疾控中心",
    "疾病预防控制中心",
    "监督所",
    "红十字会",
    "委员会",
    "党组",
    "委会",
    "管委会",
    # A city's or a bureau's own party committee for its offices ("市卫健委直属机关党委书记").
    "直属机关",
    "市直机关",
    "组织部",
    "宣传部",
    "统战部",
    "纪委监委",
    "省委",
    "市委",
    "州委",
    "县委",
    "区委",
    "旗委",
    "盟委",
    "校党委",
    "乡党委",
    "镇党委",
    "街道",
    "大学",
    "学院",
    "学校",
    "研究所",
    "研究院",
    "公司",
    "学会",
    "协会",
    "总工会",
    # A sector's own union or office ("县卫生系统工会主席"), not the hospital's.
    "系统",
    "妇联",
    "团委",
    "民进",
    "民盟",
    "民建",
    "民革",
    "农工党",
    "致公党",
    "九三学社",
    "台盟",
)
# What makes the hospital the owner again after an organ ("湖北某某学院附属医院院长"): a hospital
# or one of its own units named later, closer to the title.
_OURS = r"医院|卫生院|(?:该|我|本|全)院|院(?=$)|医疗集团|医共体|医联体|(?:科|部|室|中心|病区)$"
_OWNER = re.compile(rf"(?P<organ>{'|'.join(sorted(ORGANS, key=len, reverse=True))})|(?P<ours>{_OURS})")
# A clause boundary: what comes before it says nothing about this post.
_BOUNDARY = re.compile(r"[，,。；;：:！？!?\n“”（）()]")
# A post with no name after it ("党组成员、副主任…"): the next title is the same person's.
_POST_END = re.compile(r"(?:成员|委员|常委|书记|主任|主席|部长|局长|厅长|处长|科长|院长|校长|主委|委)$")
# Posts held before, or held in name only ("原院长", "原院党委书记", "老院长", "时任院长", "名誉院长").
_FORMER = re.compile(r"(?:原|前任|前|首任|历任|曾任|时任|老|退休|名誉|荣誉)院?$")
# An official's post that, bare after another official named with his organ, is of the same organ
# ("区卫健委主任张三、副主任李四": 李四 is the commission's deputy head too).
_OFFICIAL = re.compile(r"副?(?:主任|局长|部长|处长|科长|主席|调研员)")
_WINDOW = 40


def post_context(text, title_start):
    """The words that say whose post starts at `title_start`: back to the clause boundary, and
    within a list joined by 、 only the post's own item (or the post-only items before it, or for an
    official's bare post the organ of the official named before it)."""
    before = text[max(0, title_start - _WINDOW) : title_start]
    cut = max((m.end() for m in _BOUNDARY.finditer(before)), default=0)
    items = before[cut:].split("、")
    context = items[-1]
    # "校党委常委、副校长、医学部主任": post-only items before this one are one person's posts,
    # read back to the nearest one that names an owner.
    k = len(items) - 2
    while not context and k >= 0 and _POST_END.search(items[k]):
        if _OWNER.search(items[k]):
            context = items[k]
        k -= 1
    if not context and k >= 0 and _OFFICIAL.match(text, title_start) and _last_owner_is_organ(items[k]):
        context = items[k]
    return context


def _last_owner_is_organ(words):
    last = None
    for m in _OWNER.finditer(words):
        last = m
    return last is not None and last.group("organ") is not None


def names_organ(words):
    """True when `words` (a unit's name in front of a post: 卫生局办公室) name an organ's unit."""
    return any(m.group("organ") for m in _OWNER.finditer(words))


def is_foreign_post(text, title_start):
    """True when the title at `title_start` names an organ's post, not a hospital's: the last
    owner word before it is an organ."""
    return _last_owner_is_organ(post_context(text, title_start))


def is_former_post(text, title_start):
    """True for "原院长", "原院党委书记", "名誉院长": a post no longer (or never really) held."""
    return bool(_FORMER.search(text[max(0, title_start - 6) : title_start]))


def held_elsewhere(text, title_start):
    """True when the post at `title_start` is not a current post of a hospital."""
    return is_foreign_post(text, title_start) or is_former_post(text, title_start)
