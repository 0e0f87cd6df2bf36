"""Saving an ad or a slot refreshes the cached ads, prepares the image and explains the change to the watch."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import services
from .models import AdSlot, Advertisement

logger = logging.getLogger(__name__)


def _changed() -> None:
    """Ads are few and change rarely: every site is marked (an ad's sites before and after may differ)."""
    from security.integrity.services import mark_context_changed

    services.invalidate()
    # Again after the commit: a request between the save and the commit may have cached the old ads.
    transaction.on_commit(services.invalidate, robust=True)
    transaction.on_commit(lambda: mark_context_changed(site_ids=None), robust=True)


def _prepare_rendition(ad: Advertisement) -> None:
    """Make the slot-sized rendition now, not during a visitor's page request."""
    if ad.image_id is None:
        return
    try:
        ad.image.get_rendition(ad.slot.rendition_spec)
    except Exception:  # A broken image file must not stop the ad being saved; the page shows the title.
        logger.warning("Could not prepare the rendition of ad %s", ad.pk, exc_info=True)


@receiver(post_save, sender=Advertisement, dispatch_uid="ads_ad_saved")
def _ad_saved(sender: Any, instance: Advertisement, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    _prepare_rendition(instance)
    _changed()


@receiver(m2m_changed, sender=Advertisement.units.through, dispatch_uid="ads_units_changed")
def _ad_units_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _changed()


@receiver(post_delete, sender=Advertisement, dispatch_uid="ads_ad_deleted")
def _ad_deleted(sender: Any, instance: Advertisement, **kwargs: Any) -> None:
    _changed()


@receiver(post_save, sender=AdSlot, dispatch_uid="ads_slot_saved")
@receiver(post_delete, sender=AdSlot, dispatch_uid="ads_slot_deleted")
def _slot_changed(sender: Any, instance: AdSlot, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        _changed()


def _before_defacement_check(sender: Any, when: Any = None, **kwargs: Any) -> None:
    services.mark_schedule_changes(now=when)


def connect_defacement_watch() -> None:
    from security.integrity.services import check_starting

    check_starting.connect(_before_defacement_check, dispatch_uid="ads_mark_schedule_before_check")


connect_defacement_watch()
