"""Saving or deleting a link refreshes the cached lists and tells the defacement watch why pages changed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from . import services
from .models import GovernmentLink


def _site_ids(link: GovernmentLink) -> set[int] | None:
    """Sites whose pages show the link (None: every site, for the main portal's links)."""
    unit = link.unit if link.unit_id else None
    if unit is None or unit.is_main or not unit.site_id:
        return None
    return {unit.site_id}


def _changed(link: GovernmentLink) -> None:
    from security.integrity.services import mark_context_changed

    services.invalidate()
    site_ids = _site_ids(link)
    before = link.__dict__.pop("_links_sites_before", set())
    site_ids = None if site_ids is None or before is None else site_ids | before
    # Again after the commit: a request between the save and the commit may have cached the old list.
    transaction.on_commit(services.invalidate, robust=True)
    transaction.on_commit(lambda: mark_context_changed(site_ids=site_ids), robust=True)


@receiver(pre_save, sender=GovernmentLink, dispatch_uid="links_before_save")
def _link_before_save(sender: Any, instance: GovernmentLink, **kwargs: Any) -> None:
    """Moving a link to another unit changes the pages of the unit it leaves too."""
    if kwargs.get("raw") or not instance.pk:
        return
    old = GovernmentLink.objects.filter(pk=instance.pk).select_related("unit").first()
    if old is not None and old.unit_id != instance.unit_id:
        instance._links_sites_before = _site_ids(old)


@receiver(post_save, sender=GovernmentLink, dispatch_uid="links_saved")
def _link_saved(sender: Any, instance: GovernmentLink, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        _changed(instance)


@receiver(post_delete, sender=GovernmentLink, dispatch_uid="links_deleted")
def _link_deleted(sender: Any, instance: GovernmentLink, **kwargs: Any) -> None:
    _changed(instance)


@receiver(post_save, sender="subportals.Unit", dispatch_uid="links_unit_saved")
def _unit_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A unit's kind or activity decides which links its site shows."""
    if not kwargs.get("raw"):
        services.invalidate()
