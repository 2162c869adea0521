"""The held-out set (evaluation/heldout) is well formed, kept apart from the evaluation set and the
seeds, and scored by `evaluate_extraction --set heldout`. It has no score floor on purpose: its
figures are read, not tuned against."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from hospitals.evaluation import evaluate, fold_name, plain_text, set_path
from hospitals.tests.test_evaluation_set import SPEC as OWN_SPEC
from hospitals.tests.test_evaluation_set import check_annotations_in, check_shape

SET_DIR = Path(settings.BASE_DIR) / "evaluation" / "heldout"
SPEC = json.loads((SET_DIR / "expectations.json").read_text(encoding="utf-8"))
ARTICLES = SPEC["articles"]
# How many articles of each kind the set was written with, at least.
KINDS = {"profile": 5, "news": 4, "report": 3, "web_traditional": 4, "feature": 0}


def _text(art):
    return (SET_DIR / art["file"]).read_text(encoding="utf-8")


def _ids(art):
    return art["file"][:3]


def _names(art):
    return {fold_name(n) for n in [art["hospital"]["name"], *art["hospital"]["aliases"]]}


def test_every_article_file_is_annotated_once_and_every_annotation_has_its_file():
    files = [a["file"] for a in ARTICLES]
    assert len(files) == len(set(files))
    assert sorted(files) == sorted(p.name for p in SET_DIR.glob("*.txt"))


def test_the_set_is_large_and_varied_enough():
    assert len(ARTICLES) >= 16
    assert len({a["hospital"]["province"] for a in ARTICLES}) >= 8
    kinds = [a["kind"] for a in ARTICLES]
    assert set(kinds) == set(KINDS)
    assert all(kinds.count(kind) >= n for kind, n in KINDS.items())
    assert sum(1 for a in ARTICLES for m in a["metrics"] if m.get("planned")) >= 5
    assert sum(len(a["not_metrics"]) for a in ARTICLES) >= 40
    assert sum(1 for a in ARTICLES for p in a["leaders"] if len(p["titles"]) > 1) >= 3


def test_no_hospital_of_the_evaluation_set_or_the_seeds_is_held_out():
    seeds = json.loads(set_path("seeds").read_text(encoding="utf-8"))
    seen = set()
    for art in [*OWN_SPEC["articles"], *seeds["articles"]]:
        seen |= _names(art)
    for art in ARTICLES:
        assert not _names(art) & seen, art["file"]


def test_articles_share_no_sentence_with_the_evaluation_set():
    own_dir = set_path("own").parent
    own = "".join(plain_text((own_dir / a["file"]).read_text(encoding="utf-8")) for a in OWN_SPEC["articles"])
    for art in ARTICLES:
        for sentence in re.split(r"[。；;！？\n]", _text(art)):
            sentence = plain_text(sentence)
            # Page furniture ("上一篇：", "下一篇：没有了") is alike on every site; prose must not be.
            assert len(sentence) < 20 or sentence not in own, (art["file"], sentence)


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_article_shape_and_length(art):
    check_shape(art, _text(art))


@pytest.mark.parametrize("art", ARTICLES, ids=_ids)
def test_every_annotation_is_in_the_text(art):
    check_annotations_in(art, _text(art))


def test_evaluate_extraction_scores_the_held_out_set_alone_and_in_all():
    out = StringIO()
    call_command("evaluate_extraction", "--set", "heldout", stdout=out)
    sets = json.loads(out.getvalue())["sets"]
    assert list(sets) == ["heldout"]
    assert sets["heldout"]["spec"] == str(Path("evaluation") / "heldout" / "expectations.json")
    overall = sets["heldout"]["overall"]
    assert overall["articles"] == len(ARTICLES)
    assert overall["metrics"]["expected"] == sum(len(a["metrics"]) for a in ARTICLES)
    assert overall["leaders"]["expected"] == sum(len(p["titles"]) for a in ARTICLES for p in a["leaders"])
    assert [r["file"] for r in sets["heldout"]["articles"]] == [a["file"] for a in ARTICLES]
    assert list(evaluate("all")["sets"]) == ["seeds", "own", "heldout"]
