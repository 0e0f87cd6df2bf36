"""Which cached pages a change makes stale: the rules, testable without HTTP.

A page published, unpublished, deleted or moved changes
- the page itself, in every language (each translation's language switcher links to it),
- its ancestors up to the site's home (their listings show it),
- the main portal's home in its language when the page is in a sub-portal (the home lists
  sub-portal news and serves the category listings of syndicated articles),
- its whole subtree when addresses change (a move, a new slug).
Data shown around the content (settings, menus, ads, units) changes whole sites.
Tags are computed when the change happens (a deleted page is gone after the commit) and replaced
once the transaction commits (a rolled-back publication changes nothing).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from wagtail.models import Page

from . import store

logger = logging.getLogger(__name__)


def page_ids_changed_by(page: Page) -> set[int]:
    """The pages whose rendering shows this page (it included)."""
    from subportals.services import main_home_ids

    ids = set(Page.objects.filter(translation_key=page.translation_key).values_list("pk", flat=True))
    ids.add(page.pk)
    ancestors = list(page.get_ancestors().filter(depth__gte=2).values_list("pk", "path"))
    ids.update(pk for pk, _path in ancestors)
    main_homes = dict(Page.objects.filter(pk__in=main_home_ids(page.locale_id)).values_list("pk", "path"))
    if not any(page.path.startswith(path) for path in main_homes.values()):
        ids.update(main_homes)
    return ids


def subtree_ids(page: Page) -> set[int]:
    """The page and its descendants: their addresses change together."""
    return set(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))


def invalidate_pages(page_ids: Iterable[int]) -> None:
    """After the commit, make the cached renderings of these pages (and their routes) stale."""
    ids = set(page_ids)
    if not ids:
        return
    urls = _front_cache_urls(ids)

    def apply() -> None:
        store.invalidate(store.page_tag(pk) for pk in ids)
        _purge_front_cache(urls)

    transaction.on_commit(_safely(apply), robust=True)


def invalidate_sites(site_ids: Iterable[int] | None) -> None:
    """After the commit, make every cached page of these sites (``None``: of every site) stale."""
    tags = [store.ALL] if site_ids is None else [store.site_tag(pk) for pk in set(site_ids)]
    if tags:
        transaction.on_commit(_safely(lambda: store.invalidate(tags)), robust=True)


def _safely(function):
    """A cache server down must not fail a publication; the pages' lifetime bounds the staleness."""

    def run() -> None:
        try:
            function()
        except Exception:
            logger.exception("Page cache: invalidation failed")

    return run


def _front_cache_urls(page_ids: set[int]) -> list[str]:
    """Full URLs to purge from nginx/Varnish, read now (deleted pages have none after the commit)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return []
    urls = []
    for page in Page.objects.filter(pk__in=page_ids).specific(defer=True):
        url = page.get_full_url()
        if url:
            urls.append(url)
    return urls


def _purge_front_cache(urls: list[str]) -> None:
    if urls:
        from wagtail.contrib.frontend_cache.utils import PurgeBatch

        PurgeBatch(urls).purge()
