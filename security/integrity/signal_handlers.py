"""Legitimate changes keep the defacement watch quiet: publications, moves, and data pages display.

Wired from ``SecurityConfig.ready()``. Every handler only schedules work for after the commit
(``transaction.on_commit``): a rolled-back publication explains nothing, and tests that never
commit pay nothing. A change made behind the application's back sends no signal: that is what the
check reports.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import services


@receiver(page_published, dispatch_uid="integrity_page_published")
def _page_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    services.page_changed(instance)


@receiver(page_unpublished, dispatch_uid="integrity_page_unpublished")
def _page_unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    services.page_changed(instance)


@receiver(post_page_move, dispatch_uid="integrity_page_moved")
def _page_moved(sender: Any, instance: Any, parent_page_before: Any = None, **kwargs: Any) -> None:
    # The moved subtree's addresses change, and so do the listings of the site it left.
    before = services.page_address(parent_page_before)[0] if parent_page_before is not None else None
    services.page_changed(instance, extra_site_ids=[before] if before else [])


@receiver(post_save, dispatch_uid="integrity_rendering_data_saved")
def _rendering_data_saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if services.watches_model(sender):
        services.rendering_data_changed(instance, created=created)


@receiver(post_delete, dispatch_uid="integrity_rendering_data_deleted")
def _rendering_data_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if services.watches_model(sender):
        services.rendering_data_changed(instance)
