"""Rendered pages and the version tokens that make them stale.

An entry is stored under its URL with the tokens its tags had when it was rendered: the page that
served it (``p<id>``), its site (``s<id>``) and everything (``all``). Invalidating a tag replaces
its token, so every entry carrying the old one is a miss from then on, on every app server that
shares the cache, without looking entries up. Two cache round trips per hit: the entry, then the
current tokens of its tags.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.http import HttpResponse

logger = logging.getLogger(__name__)

ALL = "all"
ENTRY_KEY = "e:{}"
TAG_KEY = "t:{}"
# Headers that describe the content; everything per-request (cookies, dates) is left out.
KEPT_HEADERS = frozenset(
    {
        "content-type",
        "content-language",
        "vary",
        "content-security-policy",
        "content-security-policy-report-only",
        "x-frame-options",
        "x-content-type-options",
        "referrer-policy",
        "cross-origin-opener-policy",
        "permissions-policy",
        "link",
        "content-disposition",  # the PDF of a page is a download, from the cache too
        "x-robots-tag",
    }
)


def page_tag(page_id: int) -> str:
    return f"p{page_id}"


def site_tag(site_id: int) -> str:
    return f"s{site_id}"


def backend() -> BaseCache:
    return caches[settings.PAGE_CACHE_ALIAS]


@dataclass(frozen=True)
class Entry:
    status: int
    content: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str
    tokens: dict[str, str]
    # When the content stops being true without any save (an ad starting or ending); None: never.
    expires_at: float | None = None

    def seconds_left(self, now: float) -> int:
        """What shared caches and browsers may keep this copy: never past ``expires_at``."""
        if self.expires_at is None:
            return settings.PAGE_CACHE_SECONDS
        return max(0, int(self.expires_at - now))

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        response["ETag"] = self.etag
        return response


def entry_key(url: str) -> str:
    return ENTRY_KEY.format(hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest())


def tokens(tags: Iterable[str], *, create: bool = False) -> dict[str, str]:
    """The current token of each tag; with ``create``, tags never seen get one now."""
    tags = list(tags)
    cache = backend()
    found = cache.get_many([TAG_KEY.format(tag) for tag in tags])
    current = {tag: found[TAG_KEY.format(tag)] for tag in tags if TAG_KEY.format(tag) in found}
    if create and len(current) < len(tags):
        for tag in tags:
            if tag not in current:
                # ``add`` keeps a token another server set meanwhile; read back whichever won.
                cache.add(TAG_KEY.format(tag), uuid.uuid4().hex, timeout=None)
        found = cache.get_many([TAG_KEY.format(tag) for tag in tags])
        current = {tag: found[TAG_KEY.format(tag)] for tag in tags if TAG_KEY.format(tag) in found}
    return current


def invalidate(tags: Iterable[str]) -> int:
    """Give each tag a new token: every page rendered under the old one is stale."""
    fresh = {TAG_KEY.format(tag): uuid.uuid4().hex for tag in set(tags)}
    if fresh:
        backend().set_many(fresh, timeout=None)
    return len(fresh)


def load(url: str) -> Entry | None:
    """The stored page for this URL if none of its tags changed since it was rendered."""
    entry = backend().get(entry_key(url))
    if not isinstance(entry, Entry):
        return None
    if tokens(entry.tokens) != entry.tokens:
        return None
    return entry


def save(url: str, response: HttpResponse, versions: dict[str, str], lifetime: int | None = None) -> Entry:
    """Store a rendered page with the tokens its tags had before it was rendered (``tokens``).

    Tokens read before rendering: a publication committed during the rendering makes the entry
    stale at once instead of keeping the old content under the new token. ``lifetime`` shortens
    the entry's life below ``PAGE_CACHE_SECONDS`` when the page knows when it stops being true.
    """
    timeout = settings.PAGE_CACHE_SECONDS if lifetime is None else max(1, min(lifetime, settings.PAGE_CACHE_SECONDS))
    headers = tuple((name, value) for name, value in response.items() if name.lower() in KEPT_HEADERS)
    content = response.content
    entry = Entry(
        status=response.status_code,
        content=content,
        headers=headers,
        etag=f'"{hashlib.sha256(content).hexdigest()[:32]}"',
        tokens=versions,
        expires_at=None if lifetime is None else time.time() + timeout,
    )
    backend().set(entry_key(url), entry, timeout=timeout)
    return entry
