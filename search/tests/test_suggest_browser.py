"""The search box's completions in a real Chromium: typed, chosen with the keyboard, and a
page that still searches without them."""

import pytest

from hospitals.models import Hospital, HospitalAlias
from search import index, suggest


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    suggest.clear_cache()
    first = Hospital.objects.create(name="青岚市中心医院", slug="qinglan-center")
    HospitalAlias.objects.create(hospital=first, name="青岚中心医院")
    Hospital.objects.create(name="青岚县妇幼保健院", slug="qinglan-maternity")
    index.rebuild(progress=False)
    yield live_server.url
    suggest.clear_cache()
    index.close_searchers()


@pytest.mark.django_db(transaction=True)
def test_completions_are_chosen_with_the_keyboard(browser, site):
    page = browser.new_page(locale="zh-CN")
    page.goto(site + "/search/")
    box = page.locator("#search-q")
    box.focus()
    page.keyboard.type("qinglan")
    options = page.locator("#suggest-list-0 [role=option]")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert options.all_inner_texts()[0].endswith("青岚市中心医院")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    chosen = options.nth(1)
    assert chosen.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == chosen.get_attribute("id")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert page.locator("#suggest-list-0").is_hidden()
    # Arrow keys bring the list back; Enter opens the chosen entry.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/hospitals/qinglan-center/")


@pytest.mark.django_db(transaction=True)
def test_enter_without_a_chosen_completion_searches(browser, site):
    page = browser.new_page(locale="zh-CN")
    page.goto(site + "/search/")
    page.locator("#search-q").focus()
    page.keyboard.type("青岚")
    page.locator("#suggest-list-0 [role=option]").first.wait_for()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search/?q=" in page.url


@pytest.mark.django_db(transaction=True)
def test_the_search_page_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(site + "/search/")
    page.fill("#search-q", "青岚")
    page.locator(".big-search button").click()
    page.wait_for_load_state()
    assert "找到" in page.locator(".search-summary").inner_text()
    assert page.locator("#search-q").get_attribute("role") is None
    context.close()
