"""A character some sites mask (党 as "*") is put back only where the words after it need it."""

import pytest

from articles.webtext import repair_line


@pytest.mark.parametrize(
    "line, repaired",
    [
        ("郑达同志任医院*委书记", "郑达同志任医院党委书记"),
        ("县卫健委＊组成员、副主任严明", "县卫健委党组成员、副主任严明"),
        ("内科*支部书记带头开展义诊", "内科党支部书记带头开展义诊"),
        ("坚持*建引领", "坚持党建引领"),
    ],
)
def test_the_masked_party_character_is_restored(line, repaired):
    assert repair_line(line) == repaired


@pytest.mark.parametrize(
    "line", ["注：*为必填项", "面积3*4米的会议室", "**重点专科**名单", "*委托书须本人签字"]
)
def test_other_asterisks_stay(line):
    assert repair_line(line) == line
