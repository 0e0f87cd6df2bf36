"""Publication signals → the cached pages they make stale (wired in ``PortalConfig.ready()``)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import invalidation


@receiver(page_published, dispatch_uid="pagecache_page_published")
@receiver(page_unpublished, dispatch_uid="pagecache_page_unpublished")
def _page_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    invalidation.invalidate_pages(invalidation.page_ids_changed_by(instance))


@receiver(page_slug_changed, dispatch_uid="pagecache_page_slug_changed")
def _slug_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    invalidation.invalidate_pages(invalidation.subtree_ids(instance))


@receiver(post_page_move, dispatch_uid="pagecache_page_moved")
def _page_moved(sender: Any, instance: Any, parent_page_before: Any = None, **kwargs: Any) -> None:
    ids = invalidation.subtree_ids(instance) | invalidation.page_ids_changed_by(instance)
    if parent_page_before is not None:  # The listings of the section it left.
        ids |= invalidation.page_ids_changed_by(parent_page_before)
    invalidation.invalidate_pages(ids)


def _context_changed(sender: Any, site_ids: set[int] | None = None, **kwargs: Any) -> None:
    """Settings, menus, ads, links, units: the defacement watch's rule of what they change, reused."""
    invalidation.invalidate_sites(site_ids)


def connect() -> None:
    from security.integrity.services import context_changed

    context_changed.connect(_context_changed, dispatch_uid="pagecache_context_changed")


connect()
