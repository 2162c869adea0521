"""Slow down password guessing on the admin login page.

Failed logins are counted per client address and per username in Django's cache (the default
LocMemCache is per process, so with N gunicorn workers an attacker gets up to N times the limit;
point CACHES at a shared backend to make the limit exact). Once either count reaches the limit,
further login attempts answer 429 until the window has passed, even with the right password.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)

DEFAULT_MAX_FAILURES = 5
DEFAULT_WINDOW_SECONDS = 15 * 60

# Plain and self-contained, like 500.html: nothing here may fail while refusing a request.
TOO_MANY_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>登录尝试过多 · 医院特稿库</title></head>
<body><main><h1>登录尝试过多</h1><p>登录失败次数过多，请 {minutes} 分钟后再试。</p></main></body></html>
"""


def _limits():
    max_failures = getattr(settings, "ADMIN_LOGIN_MAX_FAILURES", DEFAULT_MAX_FAILURES)
    window = getattr(settings, "ADMIN_LOGIN_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS)
    return max_failures, window


def _keys(request):
    # Hash the username: it is user input and cache keys must be short and printable.
    username = request.POST.get("username", "").strip().lower()[:150]
    user_digest = hashlib.sha256(username.encode("utf-8", "replace")).hexdigest()[:32]
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return [f"admin-login-fail:ip:{address}", f"admin-login-fail:user:{user_digest}"]


def failures(request):
    """The larger of the failure counts for this request's address and username."""
    return max((cache.get(key, 0) for key in _keys(request)), default=0)


def record_failure(request):
    _max, window = _limits()
    for key in _keys(request):
        # add() starts the window; incr() keeps its expiry, so the window is fixed, not sliding.
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, timeout=window)


def clear_failures(request):
    cache.delete_many(_keys(request))


def _login_path():
    try:
        return reverse("admin:login")
    except NoReverseMatch:  # pragma: no cover - the admin is always installed
        return None


def admin_login_throttle(get_response):
    """Middleware: answer 429 to admin login POSTs after too many recent failures."""
    login_path = _login_path()

    def middleware(request):
        if request.method != "POST" or request.path != login_path:
            return get_response(request)
        max_failures, window = _limits()
        if failures(request) >= max_failures:
            logger.warning("admin login throttled for %s", request.META.get("REMOTE_ADDR"))
            response = HttpResponse(TOO_MANY_PAGE.format(minutes=max(1, window // 60)), status=429)
            response["Retry-After"] = str(window)
            return response
        response = get_response(request)
        # The admin answers a failed login by showing the form again (200); success redirects.
        if response.status_code == 200:
            record_failure(request)
        elif response.status_code in (301, 302, 303):
            clear_failures(request)
        return response

    return middleware
