"""Admin login throttling: keyed on the name as Django's login reads it and on the client address,
hard per (name, address), only slower per name, and its 429 carries the site's security headers."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache

from config import throttle

LOGIN = "/admin/login/?next=/admin/"
RIGHT = "right-password-1"
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Strict-Transport-Security",
]


class Clock:
    """Stands in for the throttle's clock, so waiting is instant and exact."""

    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    fake = Clock()
    with mock.patch.object(throttle, "_now", fake):
        yield fake


@pytest.fixture
def boss(db, django_user_model, clock):
    cache.clear()
    yield django_user_model.objects.create_user("boss", password=RIGHT, is_staff=True)
    cache.clear()


def login(client, username, password, address="10.0.0.1", **extra):
    response = client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)
    if response.status_code == 302:
        client.logout()
    return response


def test_the_name_is_read_as_djangos_login_reads_it():
    assert throttle.normalised_username("ｂｏｓｓ") == "boss"
    assert throttle.normalised_username("  boss ") == "boss"
    assert throttle.normalised_username("Boss") == "Boss"  # Django's login is case-sensitive too


def test_full_width_and_spaced_names_count_against_the_same_account(client, boss):
    for name in ["ｂｏｓｓ", " boss ", "boss", "ｂｏｓｓ ", "boss"]:
        assert login(client, name, "wrong").status_code == 200
    for name in ["boss", "ｂｏｓｓ", " boss "]:
        refused = login(client, name, RIGHT)
        assert refused.status_code == 429, name
        assert "登录尝试过多" in refused.content.decode()
        assert int(refused["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session


def test_the_full_width_name_logs_in_as_the_account_it_counts_against(client, boss):
    # The reason for the normalising above: Django accepts this spelling for `boss`.
    assert login(client, "ｂｏｓｓ", RIGHT).status_code == 302


def test_failures_from_other_addresses_only_slow_the_right_password_down(client, boss, clock):
    limit = throttle.DEFAULT_MAX_FAILURES
    for _ in range(limit):
        assert login(client, "boss", "wrong", address="10.0.1.1").status_code == 200
    # The attacking address is locked out for this name, even with the right password.
    assert login(client, "boss", RIGHT, address="10.0.1.1").status_code == 429
    # From elsewhere guesses go on only slowly: each waits longer after the last failure, up to a cap.
    waits = []
    for i in range(12):
        refused = login(client, "boss", "wrong", address=f"10.0.2.{i}")
        assert refused.status_code == 429
        wait = int(refused["Retry-After"])
        waits.append(wait)
        clock.now += wait
        assert login(client, "boss", "wrong", address=f"10.0.2.{i}").status_code == 200
    assert waits == sorted(waits) and waits[0] >= 1
    assert max(waits) == throttle.DEFAULT_MAX_DELAY_SECONDS
    # The owner, from a clean address, is never told to wait longer than the cap.
    refused = login(client, "boss", RIGHT, address="192.0.2.7")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) <= throttle.DEFAULT_MAX_DELAY_SECONDS
    clock.now += int(refused["Retry-After"])
    assert login(client, "boss", RIGHT, address="192.0.2.7").status_code == 302
    # ... while the attacker's address stays locked for the whole window.
    assert login(client, "boss", RIGHT, address="10.0.1.1").status_code == 429


def test_a_few_failures_elsewhere_do_not_delay_the_owner_at_all(client, boss):
    for i in range(throttle.DEFAULT_MAX_FAILURES - 1):
        login(client, "boss", "wrong", address=f"10.0.3.{i}")
    assert login(client, "boss", RIGHT, address="192.0.2.8").status_code == 302


def test_one_accounts_success_does_not_clear_another_accounts_failures(client, boss, django_user_model):
    django_user_model.objects.create_user("editor", password=RIGHT, is_staff=True)
    limit = throttle.DEFAULT_MAX_FAILURES
    for _ in range(limit - 1):
        assert login(client, "boss", "wrong").status_code == 200
    assert login(client, "editor", RIGHT).status_code == 302
    assert login(client, "boss", "wrong").status_code == 200
    assert login(client, "boss", RIGHT).status_code == 429


def test_one_accounts_success_does_not_clear_the_addresss_count_for_other_names(
    client, boss, django_user_model
):
    django_user_model.objects.create_user("editor", password=RIGHT, is_staff=True)
    per_address = throttle.DEFAULT_MAX_FAILURES_PER_ADDRESS
    for i in range(per_address - 1):
        assert login(client, f"guess{i}", "wrong", address="10.0.0.9").status_code == 200
    assert login(client, "editor", RIGHT, address="10.0.0.9").status_code == 302
    assert login(client, "guess-last", "wrong", address="10.0.0.9").status_code == 200
    # The address has used up its guesses over all names ...
    assert login(client, "boss", RIGHT, address="10.0.0.9").status_code == 429
    # ... which says nothing about other addresses.
    assert login(client, "boss", RIGHT, address="10.0.0.10").status_code == 302


def test_a_successful_login_clears_its_own_names_counts(client, boss):
    limit = throttle.DEFAULT_MAX_FAILURES
    for _ in range(limit - 1):
        login(client, "boss", "wrong")
    assert login(client, "boss", RIGHT).status_code == 302
    for _ in range(limit - 1):
        assert login(client, "boss", "wrong").status_code == 200
    login(client, "boss", "wrong")
    assert login(client, "boss", RIGHT).status_code == 429
    cache.clear()  # what the window's expiry does
    assert login(client, "boss", RIGHT).status_code == 302


def test_the_address_comes_from_the_trusted_proxy_header_when_configured(client, boss, settings, clock):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    proxy = "10.9.9.9"
    for _ in range(throttle.DEFAULT_MAX_FAILURES):
        # The client may send its own X-Forwarded-For; the proxy appends the real address last.
        login(client, "boss", "wrong", address=proxy, HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.1")
    clock.now += throttle.DEFAULT_MAX_DELAY_SECONDS  # past the per-name slow-down
    assert login(client, "boss", RIGHT, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # Another visitor behind the same proxy is not locked out with them.
    other = login(client, "boss", RIGHT, address=proxy, HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.2")
    assert other.status_code == 302


def test_without_a_trusted_proxy_header_forwarded_addresses_are_ignored(client, boss, settings):
    settings.TRUSTED_PROXY_HEADER = ""
    for i in range(throttle.DEFAULT_MAX_FAILURES):
        login(client, "boss", "wrong", address="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
    refused = login(client, "boss", RIGHT, address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert refused.status_code == 429


def test_a_malformed_proxy_header_falls_back_to_the_connection_address(client, boss, settings):
    settings.TRUSTED_PROXY_HEADER = "X-Real-IP"
    for _ in range(throttle.DEFAULT_MAX_FAILURES):
        login(client, "boss", "wrong", address="10.0.0.1", HTTP_X_REAL_IP="not an address")
    assert login(client, "boss", RIGHT, address="10.0.0.1", HTTP_X_REAL_IP="").status_code == 429


def test_the_login_page_itself_and_other_pages_are_not_throttled(client, boss):
    for _ in range(throttle.DEFAULT_MAX_FAILURES + 1):
        login(client, "boss", "wrong")
    assert client.get(LOGIN).status_code == 200
    assert client.get("/").status_code == 200


def test_the_429_page_carries_the_same_security_headers_as_other_pages(client, boss, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    for _ in range(throttle.DEFAULT_MAX_FAILURES):
        login(client, "boss", "wrong", secure=True)
    refused = login(client, "boss", RIGHT, secure=True)
    assert refused.status_code == 429
    page = client.get(LOGIN, secure=True)
    assert page.status_code == 200
    for header in SECURITY_HEADERS:
        assert header in page.headers, header
        assert refused.headers.get(header) == page.headers[header], header
    assert refused["Content-Type"].startswith("text/html")


def test_the_proxy_header_is_read_from_the_environment():
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", DJANGO_TRUSTED_PROXY_HEADER=" X-Real-IP ")
    code = "import django; django.setup(); from django.conf import settings; print(settings.TRUSTED_PROXY_HEADER)"
    result = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "X-Real-IP"
