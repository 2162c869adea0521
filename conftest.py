"""Fixtures shared by the apps' test suites."""

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, one per test module. A missing browser fails the
    run where every component is required (scripts/test.sh), and skips elsewhere."""
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not chromium:
        if os.environ.get("REQUIRE_ALL_COMPONENTS"):
            pytest.fail("Chromium is not installed (apt-get install chromium)")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls of browser tests are
    # ordinary sync code. Undone with the module so no other test's subprocess inherits it.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            yield launched
            launched.close()


# Fixtures and markers by which a test reaches the database (or a server in front of it).
_DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server", "client", "admin_client"}


def _uses_database(item):
    if item.get_closest_marker("django_db") or _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    return bool(cls and issubclass(cls, TransactionTestCase))


def pytest_collection_modifyitems(config, items):
    """With DATABASE_TESTS_ONLY=1 (the PostgreSQL pass of scripts/test.sh) only the tests that reach
    the database run: the pure ones (cleaning, extraction, scoring) gave their answer on SQLite, and
    no database can change it."""
    if os.environ.get("DATABASE_TESTS_ONLY") != "1":
        return
    kept = [item for item in items if _uses_database(item)]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept
