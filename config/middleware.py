"""Site-wide response policies: security headers, a clear page when the database is down, and
which requests may read from the replica."""

import logging

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import OperationalError, connections
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse

from config import routers

logger = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def security_headers(get_response):
    """Only our own origin may supply anything; Django's SecurityMiddleware covers the rest."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    return middleware


def reject_nul_parameters(get_response):
    """A NUL in a query parameter is never meaningful, and PostgreSQL text cannot hold one."""

    def middleware(request):
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
            return HttpResponseBadRequest(
                "请求参数中含有无效字符（NUL）。", content_type="text/plain; charset=utf-8"
            )
        return get_response(request)

    return middleware


def database_unavailable(get_response):
    """Answer 503 with a Chinese page while the database cannot be reached, instead of a 500."""

    def middleware(request):
        return get_response(request)

    def process_exception(request, exception):
        if not isinstance(exception, OperationalError):
            return None
        logger.error("database unavailable: %s", exception)
        # Drop the broken connection so the next request reconnects once the server is back
        # (not inside an atomic block, which its owner must roll back first).
        for conn in connections.all(initialized_only=True):
            if not conn.in_atomic_block:
                conn.close_if_unusable_or_obsolete()
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response

    middleware.process_exception = process_exception
    return middleware


def public_reads(get_response):
    """Let a visitor's GET or HEAD of a public page read from the replica (config.routers).

    The admin, signed-in staff and unsafe methods stay on the primary: they write, or must see
    what was just written. Without a replica this middleware is not in the chain at all."""
    if routers.REPLICA not in settings.DATABASES:
        raise MiddlewareNotUsed

    def middleware(request):
        user = getattr(request, "user", None)
        public = (
            request.method in ("GET", "HEAD")
            and not request.path_info.startswith(reverse("admin:index"))
            # Resolving the user reads the session and the user from the primary, and only when
            # the request carries a session cookie.
            and not (user is not None and user.is_staff)
        )
        if not public:
            return get_response(request)
        with routers.public_reads():
            return get_response(request)

    return middleware
