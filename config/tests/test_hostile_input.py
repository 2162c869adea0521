"""Whatever arrives in a URL, public pages answer 200/400/404 with escaped text, never 500.

The seeds are imported and indexed once for the module; every test only reads them.
"""

import json
import time
import urllib.parse
from pathlib import Path

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.importer import import_paths
from articles.models import Article
from hospitals.models import Hospital, Indicator
from search import index
from search.models import IndexBuild

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# Payloads that would run if echoed raw; the marker makes them impossible to confuse with the page's own markup.
PAYLOADS = [
    "<script>hf_xss(1)</script>",
    '"><svg onload=hf_xss(2)>',
    "<img src=x onerror=hf_xss(3)>",
    "'><iframe src=javascript:hf_xss(4)>",
    "</title><script>hf_xss(5)</script>",
    "<mark>hf_xss(6)</mark>",
]
RAW_MARKERS = [
    "<script>hf_xss",
    "<svg onload=hf_xss",
    "<img src=x onerror=hf_xss",
    "<iframe src=javascript:hf_xss",
    "<mark>hf_xss",
]

SYNTAX = [
    '"',
    "“",
    "”",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    " AND ",
    " OR ",
    " NOT ",
    "-",
    "*",
    "?",
    "~",
    "^",
    "title:",
    "kind:hospital",
    "\\",
    "/",
    ":",
    "%",
    "%00",
    "&",
    "=",
    "#",
    "+",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\u200b",
    "\u200f",
    "\u202e",
    "\ufeff",
    "\ud7ff",
    "😷🏥",
    "👨‍⚕️",
    "医院",
    "党委书记",
    "满意度",
    "90.72%",
    "\n",
    "\t",
    "' OR 1=1 --",
    "${jndi:x}",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
]

# Text without surrogates (they cannot be UTF-8 encoded into a URL).
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60)
pieces = st.one_of(any_text, st.sampled_from(SYNTAX), st.sampled_from(PAYLOADS))
queries = st.one_of(
    st.lists(pieces, max_size=8).map("".join),
    st.integers(min_value=200, max_value=10_000).map(lambda n: ("医院" * n)[:n]),
    st.builds(lambda p, n: p + "x" * n, st.sampled_from(PAYLOADS), st.integers(0, 10_000)),
)
junk_values = st.one_of(
    st.sampled_from(["-1", "0", str(10**9), str(10**30), "1e9", "NaN", "", " ", "unknown", "x" * 5000]),
    pieces,
)
PERCENT_JUNK = [
    "%",
    "%Z",
    "%ZZ",
    "%FF%FE",
    "%C0%AF",
    "%E4%B8",
    "%00",
    "%0D%0A",
    "%u4E2D",
    "%%%",
    "%25%",
    "+++",
]
percent_junk = st.lists(st.sampled_from(PERCENT_JUNK), min_size=1, max_size=4).map("".join)

TIMINGS = []


@pytest.fixture(scope="module")
def seeded_index(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seeds imported and indexed in a private folder, removed after the module."""
    folder = tmp_path_factory.mktemp("hostile-index")
    with override_settings(SEARCH_INDEX_DIR=folder), django_db_blocker.unblock():
        index.invalidate_dictionary()
        report = import_paths([FIXTURES])
        assert report.ok, report.summary()
        index.rebuild(progress=False, procs=1)
        yield {
            "hospital": Hospital.objects.values_list("slug", flat=True).first(),
            "article": Article.objects.values_list("slug", flat=True).first(),
        }
        index.close_searchers()
        Article.objects.all().delete()
        Hospital.objects.all().delete()
        IndexBuild.objects.all().delete()  # the postgres backend's index, committed like the rows
    index.invalidate_dictionary()


def assert_safe(response, allowed=(200, 400)):
    """The status is allowed, and no payload is raw in HTML (JSON is checked field by field)."""
    assert response.status_code in allowed, (response.status_code, response.content[:300])
    if response.status_code == 400:
        assert response.content.strip(), "a 400 must say what was wrong"
    body = response.content.decode("utf-8")
    assert "Traceback" not in body
    if response["Content-Type"].startswith("application/json"):
        # JSON is data, not markup: a browser never renders it as HTML (nosniff), so the query
        # may come back verbatim; the HTML snippets inside it must still be escaped.
        assert response["X-Content-Type-Options"] == "nosniff"
        data = json.loads(body)
        snippets = [hit.get("snippet", "") for hit in data.get("results", []) if isinstance(hit, dict)]
        body = "\n".join(s for s in snippets if isinstance(s, str))
    for marker in RAW_MARKERS:
        assert marker not in body, f"unescaped payload {marker!r} in the page"
    return body


def check_search(client, params):
    started = time.perf_counter()
    page = client.get("/search/", params)
    api = client.get("/api/search/", params)
    TIMINGS.append(time.perf_counter() - started)
    assert_safe(page)
    assert_safe(api)
    if api.status_code == 200:
        assert api["Content-Type"].startswith("application/json")
        assert isinstance(json.loads(api.content)["results"], list)


@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,  # the first query loads jieba; timings are collected in TIMINGS instead
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    q=queries,
    page=junk_values,
    kind=junk_values,
    province=junk_values,
    sort=junk_values,
)
def test_search_answers_any_query_and_parameters_without_a_500(
    client, seeded_index, q, page, kind, province, sort
):
    check_search(client, {"q": q, "page": page, "type": kind, "province": province, "sort": sort})


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.lists(percent_junk, min_size=6, max_size=6))
def test_search_survives_percent_encoded_junk_in_every_parameter(client, seeded_index, junk):
    names = ["q", "page", "type", "province", "hospital", "sort"]
    raw = "&".join(f"{name}={value}" for name, value in zip(names, junk, strict=True))
    for path in ("/search/", "/api/search/"):
        assert_safe(client.get(f"{path}?{raw}"))


@pytest.mark.django_db
def test_every_payload_is_escaped_in_the_results_page_and_the_api(client, seeded_index):
    for payload in PAYLOADS:
        for q in (payload, f"医院 {payload}", f'"{payload}"', f"医院 OR {payload}"):
            check_search(client, {"q": q})
    # A payload that also matches records: the query shows up in the page, escaped.
    body = assert_safe(client.get("/search/", {"q": "医院 <script>hf_xss(1)</script>"}))
    assert "&lt;script&gt;hf_xss(1)&lt;/script&gt;" in body or "hf_xss" not in body


@pytest.mark.django_db
def test_search_time_stays_bounded_for_the_longest_queries(client, seeded_index):
    """Measured, not asserted against a tight limit: the query is capped before it reaches the index."""
    for n in (200, 1_000, 10_000):
        for q in ("医院" * n, "a " * n, '"' * n, "医院 OR " * n, "-x " * n):
            started = time.perf_counter()
            assert_safe(client.get("/api/search/", {"q": q[:10_000]}))
            TIMINGS.append(time.perf_counter() - started)
    slowest = max(TIMINGS)
    # Generous: a 10,000-character query costs what a 200-character one does.
    assert slowest < 30, f"slowest search request took {slowest:.1f}s"


def junk_page_paths(slugs, value):
    quoted = urllib.parse.quote(value, safe="")
    return [
        f"/hospitals/?province={quoted}&category={quoted}&level={quoted}&sort={quoted}",
        f"/indicators/{Indicator.objects.order_by('pk').first().slug}/"
        f"?province={quoted}&level={quoted}&category={quoted}&year={quoted}&page={quoted}",
        f"/hospitals/{slugs['hospital']}/articles/?page={quoted}",
        f"/compare/?h={quoted}&h={slugs['hospital']}&h={quoted}",
        f"/articles/?page={quoted}",
        f"/articles/{slugs['article']}/?hl={quoted}",
        f"/api/hospitals/?province={quoted}",
        f"/api/articles/?page={quoted}",
        f"/?q={quoted}",
        f"/initiatives/?category={quoted}&hospital={quoted}&page={quoted}",
    ]


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(pieces, junk_values, st.sampled_from(PAYLOADS)))
def test_other_public_pages_ignore_junk_parameters(client, seeded_index, value):
    for path in junk_page_paths(seeded_index, value):
        assert_safe(client.get(path), allowed=(200, 400, 404))


@pytest.mark.django_db
def test_other_public_pages_ignore_nul_control_and_payload_parameters(client, seeded_index):
    for value in ["\x00", "医院\x00", "\x1b", "\u202e医院", "😷", "x" * 10_000, "-1", str(10**9), *PAYLOADS]:
        for path in junk_page_paths(seeded_index, value):
            assert_safe(client.get(path), allowed=(200, 400, 404))
    for junk in PERCENT_JUNK:
        for path in ("/hospitals/?province=", "/initiatives/?category=", "/compare/?h=", "/articles/?page="):
            assert_safe(client.get(path + junk), allowed=(200, 400, 404))
