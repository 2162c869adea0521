"""articles.pinyin: pypinyin's readings, without pypinyin's dictionaries in this process."""

import csv
import io
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from pypinyin import lazy_pinyin as pypinyin_reading

from articles import pinyin

ROOT = Path(__file__).resolve().parents[2]

# Our own sentences, heavy in characters with several readings (长, 重, 行, 乐, 朝, 调, 会 …).
SENTENCES = [
    "重庆市长寿区人民医院重新调整了行政科室。",
    "长沙市第一医院院长重视银行贷款的调度。",
    "朝阳区中医院的护士长常常在朝会上发言，大家都很快乐。",
    "乐清市人民医院举办音乐会，会计科与会员单位都参加了。",
    "厦门大学附属第一医院在蚌埠、六安和丽水设立分院。",
    "2023年门急诊量达到120万人次（同比增长8.5%），CT、MRI各2台。",
    "了解病人的需要，还要了却他们的心事；重症医学科的重担很重。",
    "abc医院ABC，第3病区！",
    "",
]


@pytest.fixture
def fresh_tables(monkeypatch):
    monkeypatch.setattr(pinyin, "_tables", None)


def test_readings_are_pypinyins_for_sentences_and_every_place_name():
    raw = resources.files("cpca.resources").joinpath("adcodes.csv").read_bytes().decode("utf8")
    places = [row["name"] for row in csv.DictReader(io.StringIO(raw))]
    assert len(places) > 3000
    for text in SENTENCES + places:
        assert pinyin.lazy_pinyin(text) == pypinyin_reading(text), text


def test_phrases_are_read_as_phrases_not_character_by_character():
    assert pinyin.lazy_pinyin("重庆长寿区") == ["chong", "qing", "chang", "shou", "qu"]
    assert pinyin.lazy_pinyin("银行") == ["yin", "hang"]
    assert pinyin.lazy_pinyin("行走") == ["xing", "zou"]
    # Text that is not Chinese comes back whole, one piece per run.
    assert pinyin.lazy_pinyin("CT室2台") == ["CT", "shi", "2", "tai"]


def test_the_process_reading_pinyin_never_imports_pypinyin():
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); from articles import pinyin; "
        "print(json.dumps([pinyin.lazy_pinyin('重庆长寿'), 'pypinyin' in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True, timeout=120
    )
    readings, imported = json.loads(done.stdout)
    assert readings == ["chong", "qing", "chang", "shou"]
    assert imported is False


def test_without_a_child_process_the_readings_are_made_here(fresh_tables, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no processes")

    monkeypatch.setattr(pinyin.subprocess, "run", refuse)
    for text in SENTENCES:
        assert pinyin.lazy_pinyin(text) == pypinyin_reading(text), text


def test_the_tables_are_small():
    found = pinyin.tables()
    # The characters are an array of 16-bit syllable numbers, not a dict of objects.
    assert found.ids.itemsize == 2
    assert len(found.syllables) < 2000
    assert found.phrases["重庆"] == ("chong", "qing")
