"""Slow down password guessing on the admin login page.

Failed logins are counted in Django's cache under the user name as Django's login reads it
(stripped, NFKC: `ｂｏｓｓ` and ` boss ` are `boss`) and the client address (REMOTE_ADDR, or the
header a trusted proxy sets, see TRUSTED_PROXY_HEADER):

- per (name, address) pair, hard: after ADMIN_LOGIN_MAX_FAILURES failures within the window that
  pair answers 429, even with the right password, until the window ends;
- per address, hard, over all names: ADMIN_LOGIN_MAX_FAILURES_PER_ADDRESS (one address guessing
  many accounts);
- per name, over all addresses, only slower: past ADMIN_LOGIN_MAX_FAILURES failures each further
  attempt must wait a delay that doubles up to ADMIN_LOGIN_MAX_DELAY_SECONDS after the last
  failure. Guesses from many addresses are slowed to a trickle, but nobody can lock the account
  owner out: from a clean address the right password works within that delay.

A successful login clears only its own name's counts, never another name's or the address's.
The default LocMemCache is per process, so with N gunicorn workers an attacker gets up to N times
the limits; point CACHES at a shared backend to make them exact.
"""

import hashlib
import ipaddress
import logging
import math
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UsernameField
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)

DEFAULT_MAX_FAILURES = 5
DEFAULT_MAX_FAILURES_PER_ADDRESS = 20
DEFAULT_WINDOW_SECONDS = 15 * 60
DEFAULT_MAX_DELAY_SECONDS = 30

# Plain and self-contained, like 500.html: nothing here may fail while refusing a request.
TOO_MANY_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>登录尝试过多 · 医院特稿库</title></head>
<body><main><h1>登录尝试过多</h1><p>登录失败次数过多，请 {wait} 后再试。</p></main></body></html>
"""


def _setting(name, default):
    return getattr(settings, name, default)


def _now():
    return time.time()


def normalised_username(raw):
    """The user name as Django's login form cleans it (strip, then NFKC unless over-long), so that
    every spelling that logs in as one account counts against that account."""
    model = get_user_model()
    max_length = model._meta.get_field(model.USERNAME_FIELD).max_length
    return UsernameField(max_length=max_length).to_python(raw)


def client_address(request):
    """The client's address: the trusted proxy's header when one is configured and holds an
    address, else REMOTE_ADDR. Of a list (X-Forwarded-For) the last entry is the one our proxy
    added; earlier ones are whatever the client sent."""
    header = _setting("TRUSTED_PROXY_HEADER", "")
    if header:
        key = header.upper().replace("-", "_")
        if not key.startswith("HTTP_"):
            key = f"HTTP_{key}"
        candidate = request.META.get(key, "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _digest(*parts):
    # Hashed: the name is user input and cache keys must be short and printable.
    joined = "\x00".join(parts)
    return hashlib.sha256(joined.encode("utf-8", "replace")).hexdigest()[:32]


def _keys(request):
    name = normalised_username(request.POST.get("username", ""))
    address = client_address(request)
    return {
        "pair": f"admin-login-fail:pair:{_digest(name, address)}",
        "address": f"admin-login-fail:address:{_digest(address)}",
        "name": f"admin-login-fail:name:{_digest(name)}",
        "name_last": f"admin-login-fail:name-last:{_digest(name)}",
    }


def _count(key, window):
    # add() starts the window; incr() keeps its expiry, so the window is fixed, not sliding.
    if not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=window)


def name_delay(failures):
    """Seconds the next attempt for a name must wait after its last failure."""
    over = failures - _setting("ADMIN_LOGIN_MAX_FAILURES", DEFAULT_MAX_FAILURES)
    if over < 0:
        return 0
    return min(2**over, _setting("ADMIN_LOGIN_MAX_DELAY_SECONDS", DEFAULT_MAX_DELAY_SECONDS))


def wait_seconds(request):
    """How long this login attempt must wait before it is heard; 0 when it may go ahead."""
    keys = _keys(request)
    window = _setting("ADMIN_LOGIN_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS)
    counts = cache.get_many([keys["pair"], keys["address"], keys["name"], keys["name_last"]])
    if counts.get(keys["pair"], 0) >= _setting("ADMIN_LOGIN_MAX_FAILURES", DEFAULT_MAX_FAILURES):
        return window
    per_address = _setting("ADMIN_LOGIN_MAX_FAILURES_PER_ADDRESS", DEFAULT_MAX_FAILURES_PER_ADDRESS)
    if counts.get(keys["address"], 0) >= per_address:
        return window
    delay = name_delay(counts.get(keys["name"], 0))
    last = counts.get(keys["name_last"])
    if delay and last is not None:
        return max(0, math.ceil(last + delay - _now()))
    return 0


def record_failure(request):
    keys = _keys(request)
    window = _setting("ADMIN_LOGIN_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS)
    for kind in ("pair", "address", "name"):
        _count(keys[kind], window)
    cache.set(keys["name_last"], _now(), timeout=window)


def record_success(request):
    """The account's own counts go; other names' and the address's stay."""
    keys = _keys(request)
    cache.delete_many([keys["pair"], keys["name"], keys["name_last"]])


def _login_path():
    try:
        return reverse("admin:login")
    except NoReverseMatch:  # pragma: no cover - the admin is always installed
        return None


def too_many_attempts(wait):
    shown = f"{math.ceil(wait / 60)} 分钟" if wait >= 60 else f"{wait} 秒"
    response = HttpResponse(TOO_MANY_PAGE.format(wait=shown), status=429)
    response["Retry-After"] = str(wait)
    return response


def admin_login_throttle(get_response):
    """Middleware: answer 429 to admin login POSTs that come too soon after failures. Listed
    after the middleware that sets security headers, so the 429 carries them too."""
    login_path = _login_path()

    def middleware(request):
        if request.method != "POST" or request.path != login_path:
            return get_response(request)
        wait = wait_seconds(request)
        if wait > 0:
            logger.warning("admin login throttled for %s", client_address(request))
            return too_many_attempts(wait)
        response = get_response(request)
        # The admin answers a failed login by showing the form again (200); success redirects.
        if response.status_code == 200:
            record_failure(request)
        elif response.status_code in (301, 302, 303):
            record_success(request)
        return response

    return middleware
