"""The main reader journeys in a real Chromium (Debian's package) against a live server.

Screenshots of every page go to screenshots/ (see README) so a person can look at them.
"""

import json
from pathlib import Path

import pytest

from articles.importer import import_paths
from hospitals.models import Hospital, Indicator

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SHOTS = ROOT / "screenshots"
SPEC = json.loads((FIXTURES / "seed_expectations.json").read_text(encoding="utf-8"))


VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


@pytest.fixture
def site(live_server, settings, tmp_path):
    from search import index

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    # A transactional test before this one flushed the tables; post_migrate seeded them again.
    assert Indicator.objects.exists()
    report = import_paths([FIXTURES])
    assert report.ok, [r.message for r in report.results]
    index.rebuild(progress=False)
    return live_server.url


def _shot(page, viewport, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{viewport}-{name}.png"), full_page=True)


def _no_external_requests(page, base_url):
    outside = []
    page.on("request", lambda r: None if r.url.startswith((base_url, "data:")) else outside.append(r.url))
    return outside


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_reader_journeys(browser, site, viewport):
    page = browser.new_page(viewport=VIEWPORTS[viewport], locale="zh-CN")
    outside = _no_external_requests(page, site)
    subject = Hospital.objects.get(name=SPEC["articles"][0]["hospital"]["name"])

    # Search from the home page; the box has focus.
    page.goto(site + "/")
    _shot(page, viewport, "01-home")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type(subject.name)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    _shot(page, viewport, "02-search")

    # Results (or a direct hit) lead to the hospital profile.
    if subject.get_absolute_url() not in page.url:
        with page.expect_navigation():
            page.locator(f'a[href="{subject.get_absolute_url()}"]').first.click()
        page.wait_for_load_state()
    assert page.locator("h1").inner_text() == subject.name
    _shot(page, viewport, "03-profile")

    # The evidence link of a fact on the profile lands on the marked sentence in the article.
    link = page.locator('#indicators ~ div a[href*="#evidence"]').first
    href = link.get_attribute("href")
    start, end = (int(n) for n in href.split("?hl=")[1].split("#")[0].split("-"))
    sources = subject.metrics.filter(span_start=start, span_end=end, article__slug=href.split("/")[2])
    assert sources.exists(), href
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state()
    mark = page.locator("mark#evidence")
    assert mark.count() == 1
    assert mark.is_visible()
    evidence = sources.first().evidence
    assert mark.inner_text() in evidence or evidence in mark.inner_text()
    box = mark.bounding_box()
    assert 0 <= box["y"] < VIEWPORTS[viewport]["height"], "the marked sentence is scrolled into view"
    _shot(page, viewport, "04-evidence")

    # Filter hospitals by province.
    page.goto(site + "/hospitals/")
    province = SPEC["articles"][4]["hospital"]["province"]
    page.select_option("#filter-province", province)
    with page.expect_navigation():
        page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    listed = page.locator(".hospital-list li a").all_inner_texts()
    assert listed and all(Hospital.objects.get(name=name).province == province for name in listed)
    _shot(page, viewport, "05-hospitals-by-province")

    # An indicator's page ranks the hospitals that report it.
    page.goto(site + "/indicators/")
    reported = Indicator.objects.filter(observations__planned=False).distinct().order_by("pk").first()
    with page.expect_navigation():
        page.get_by_role("link", name=reported.name, exact=True).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith(reported.name)
    assert page.locator("table.ranking tbody tr").count() >= 1
    assert page.locator("svg.bar-chart").count() == 1
    _shot(page, viewport, "06-indicator")

    # Nothing overflows a phone screen sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"] + 1
    assert outside == [], f"requests left the machine: {outside}"
    page.close()
