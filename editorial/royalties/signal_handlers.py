"""Royalty lines are proposed when a page goes live (wired in EditorialConfig.ready)."""

from __future__ import annotations

import logging
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from . import rules, services
from .people import RoyaltyOfficer

logger = logging.getLogger(__name__)


@receiver(page_published, dispatch_uid="royalties_propose_lines")
def _on_publish(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    """The revision's author made it (the editor, or the translator for en/ru); publishing never fails here."""
    try:
        services.propose_for_page(instance, getattr(revision, "user", None))
    except rules.RuleError as error:
        logger.warning("Royalty lines not proposed for page %s: %s", instance.pk, error)


ROYALTY_GROUP_NAME = "Phụ trách nhuận bút"


def royalty_group() -> Any:
    """The group that lets royalty officers into the admin (their units come from RoyaltyOfficer rows)."""
    from django.contrib.auth.models import Group, Permission

    group, created = Group.objects.get_or_create(name=ROYALTY_GROUP_NAME)
    if created:
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group


@receiver(post_save, sender=RoyaltyOfficer, dispatch_uid="royalties_officer_appointed")
def _on_appointment(sender: Any, instance: RoyaltyOfficer, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        instance.user.groups.add(royalty_group())


@receiver(post_delete, sender=RoyaltyOfficer, dispatch_uid="royalties_officer_released")
def _on_release(sender: Any, instance: RoyaltyOfficer, **kwargs: Any) -> None:
    user = instance.user
    if not RoyaltyOfficer.objects.filter(user=user).exists():
        user.groups.remove(*user.groups.filter(name=ROYALTY_GROUP_NAME))
