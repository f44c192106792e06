"""Anonymous page cache, shared by every app server when CACHE_URL is Redis.

A middleware rather than Wagtail's `before_serve_page` hook: it sits just inside
SecurityMiddleware and WhiteNoise, so a hit skips sessions, CSRF, auth, the
Wagtail site lookup, page routing (several queries), view restrictions and
rendering; the hook only runs after routing has already queried the database.

Only anonymous GET and HEAD requests for Wagtail's page view (`wagtail_serve`,
routable sub-pages and feeds included) are looked up, and only GET responses
stored. A request carrying any cookie but the CSRF one (a session, a message)
is never served from or stored in the cache, so a response that varies on the
Cookie header is the one every cookie-less visitor gets. Never stored: non-200
or streaming responses, responses that set cookies, vary on anything but
Cookie, or say `private`, `no-store`, `no-cache` or `max-age=0` (consultation
forms say `private, no-store`), previews, and query strings beyond
PAGE_CACHE_QUERY_PARAMS (pagination), whose values must be page numbers as the
site writes them, of pages that exist: otherwise `?page=x1`, `?page=2`,
`?page=3`... of any page would each store a copy, and anyone could fill the
shared cache (evicting the rate limits kept there).

Purging: every key includes the content generation token
(core.content_generation), which any content change replaces, and the epoch
(core.moments), which moves on when a consultation opens or closes, a
meeting starts, or the day ends; old entries then expire on their own.
"""

import hashlib
import logging
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re

from core import content_generation, moments
from core.content_generation import CACHE_ERRORS

logger = logging.getLogger(__name__)

KEY_PREFIX = "page-cache:page"
HEADER = "X-Cache"
NOT_STORED_HEADERS = {"x-cache", "set-cookie"}
REFUSED_CACHE_CONTROL = {"private", "no-store", "no-cache"}
# A page number as pagination links write it: no sign, space or leading zero.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


def timeout() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def page_url(request) -> str | None:
    """What identifies an anonymous page request, or None if it must bypass
    the cache. Touches neither the cache nor the database."""
    if timeout() <= 0 or request.method not in ("GET", "HEAD"):
        return None
    if set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}:
        return None
    allowed = getattr(settings, "PAGE_CACHE_QUERY_PARAMS", ("page",))
    query = []
    for name, values in request.GET.lists():
        if name not in allowed or len(values) != 1:
            return None
        if not PAGE_NUMBER.fullmatch(values[0]):
            return None
        query.append((name, values[0]))
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.url_name != "wagtail_serve":
        return None
    return f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(sorted(query))}"


def cache_key(url: str) -> str:
    digest = hashlib.sha256(url.encode()).hexdigest()
    generation = content_generation.current()
    return f"{KEY_PREFIX}:{generation}:{moments.epoch()}:{digest}"


def cacheable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200:
        return False
    asked = request.GET.get("page")
    if asked is not None and asked != str(getattr(request, "page_number_shown", "")):
        # A page that does not paginate, or a number past the last page,
        # answers 200 with what it would show anyway: not stored, or every
        # number would be a copy (core.pagination marks the page shown).
        return False
    if response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    directives = {
        part.split("=", 1)[0].strip().lower(): part.partition("=")[2].strip()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part.strip()
    }
    if REFUSED_CACHE_CONTROL & directives.keys() or directives.get("max-age") == "0":
        return False
    vary = {h.strip().lower() for h in cc_delim_re.split(response.get("Vary", ""))}
    if vary - {"", "cookie"}:
        return False
    # A nonce in the policy must be new on every response.
    policy = response.get("Content-Security-Policy", "")
    return "nonce-" not in policy


class PageCacheMiddleware:
    """Serves and stores anonymous Wagtail page responses; see the module."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        url = page_url(request)
        if url is None:
            return self.get_response(request)
        try:
            key = cache_key(url)
            stored = cache.get(key)
        except DatabaseError:
            # The epoch's moments could not be read: the view answers for
            # the database (a 503 while it is away).
            return self.get_response(request)
        except CACHE_ERRORS:
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status, headers=headers)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if cacheable(request, response):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in NOT_STORED_HEADERS
            ]
            try:
                cache.set(
                    key, (response.status_code, headers, response.content), timeout()
                )
            except CACHE_ERRORS:
                logger.warning("Page cache unavailable", exc_info=True)
        response[HEADER] = "miss"
        return response
