"""Answer anonymous visitors' page views from the page cache, and say what others may cache.

Placed right after ``SecurityMiddleware``: a hit skips sessions, authentication, CSRF and the
page tree entirely. A request is anonymous when it carries no session (nor messages) cookie; an
editor logged in always gets a fresh page. Only responses of Wagtail pages are stored (the
``before_serve_page`` hook tags them), only with status 200, no cookie set and no
``private``/``no-cache``/``no-store``: forms with a CSRF token set a cookie and so never are.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control

from . import store

logger = logging.getLogger(__name__)

# A request that renders the page for the defacement watch sets this (a WSGI environ key no HTTP
# header can produce): it must see what the database holds, not the cached copy.
BYPASS = "portal.pagecache.bypass"
STATUS_HEADER = "X-Page-Cache"
MAX_QUERY_STRING = 1024
PRIVATE_COOKIES = ("messages",)


def tag_request(request: HttpRequest, page_id: int, site_id: int | None) -> None:
    """Called before a page serves: tag the response and read the tags' tokens before rendering."""
    eligible = getattr(request, "_page_cache_eligible", None)
    if eligible is None:  # The cache is off.
        return
    if not eligible:  # Someone logged in (or with messages waiting): never for a shared cache.
        request._page_cache_private = True
        return
    tags = [store.page_tag(page_id), store.ALL]
    if site_id is not None:
        tags.append(store.site_tag(site_id))
    try:
        request._page_cache_tokens = store.tokens(tags, create=True)
    except Exception:  # A cache server down must not take the site down with it.
        logger.exception("Page cache: could not read tag versions")


def expires_at(request: HttpRequest, when: datetime.datetime) -> None:
    """The page being rendered stops being true at ``when`` (an ad starts or ends): cache it no longer."""
    stamp = when.timestamp()
    current = getattr(request, "_page_cache_expires", None)
    request._page_cache_expires = stamp if current is None else min(current, stamp)


def _lifetime(request: HttpRequest) -> int | None:
    stamp = getattr(request, "_page_cache_expires", None)
    return None if stamp is None else max(0, int(stamp - time.time()))


def _skipped_paths() -> tuple[str, ...]:
    return ("/admin/", "/documents/", "/healthz/", settings.STATIC_URL or "/static/", settings.MEDIA_URL or "/media/")


def _eligible(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or request.META.get(BYPASS):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or any(name in request.COOKIES for name in PRIVATE_COOKIES):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return False
    return not request.path.startswith(_skipped_paths())


def cache_url(request: HttpRequest) -> str:
    """Scheme, host, path and the query string with its parameters in a stable order."""
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    return f"{request.scheme}://{request.get_host()}{request.path}?{query}"


def _storable(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
    )


def _drop_vary_cookie(response: HttpResponse) -> None:
    """The same page goes to every anonymous visitor, whatever cookies (analytics, CSRF) they carry."""
    if not response.has_header("Vary"):
        return
    kept = [item for item in cc_delim_re.split(response["Vary"]) if item and item.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def _public_headers(response: HttpResponse, status: str, seconds_left: int | None = None) -> HttpResponse:
    """Public caching headers, never promising the copy for longer than it stays true."""
    shared = settings.PAGE_CACHE_SHARED_SECONDS
    browser = settings.PAGE_CACHE_BROWSER_SECONDS
    if seconds_left is not None:
        shared, browser = min(shared, seconds_left), min(browser, seconds_left)
    patch_cache_control(response, public=True, max_age=browser, s_maxage=shared)
    # nginx's proxy_cache reads this one first, and never passes it on to the visitor.
    response["X-Accel-Expires"] = str(shared)
    _drop_vary_cookie(response)
    response[STATUS_HEADER] = status
    return response


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        eligible = _eligible(request)
        url = None
        if eligible:
            try:
                url = cache_url(request)
            except DisallowedHost:  # CommonMiddleware answers it.
                eligible = False
        if eligible and url is not None:
            try:
                entry = store.load(url)
            except Exception:
                logger.exception("Page cache: read failed, rendering instead")
                entry = None
            if entry is not None:
                conditional = get_conditional_response(request, etag=entry.etag)
                response = conditional if conditional is not None else entry.response()
                response["ETag"] = entry.etag
                return _public_headers(response, "hit", entry.seconds_left(time.time()))
        request._page_cache_eligible = eligible
        response = self.get_response(request)
        return self._after_render(request, response, url)

    def _after_render(self, request: HttpRequest, response: HttpResponse, url: str | None) -> HttpResponse:
        versions = getattr(request, "_page_cache_tokens", None)
        if versions is None:  # Not a page, or not for everyone: nothing to store.
            if getattr(request, "_page_cache_private", False):
                patch_cache_control(response, private=True)
            return response
        if request.method != "GET":
            return response
        if url is None or not _storable(response):
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            response[STATUS_HEADER] = "skip"
            return response
        lifetime = _lifetime(request)
        if lifetime is not None and lifetime < 1:  # Already past its end: not worth keeping.
            return _public_headers(response, "skip", 0)
        try:
            entry = store.save(url, response, versions, lifetime)
            response["ETag"] = entry.etag
        except Exception:
            logger.exception("Page cache: write failed")
        return _public_headers(response, "miss", lifetime)
