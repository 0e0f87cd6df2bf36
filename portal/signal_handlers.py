"""Signals of the portal app (wired in ``PortalConfig.ready()``)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from wagtail.images import get_image_model

from . import renditions


def _image_saved(sender: Any, instance: Any, created: bool = False, raw: bool = False, **kwargs: Any) -> None:
    """A new image, or a new file for an existing one (Wagtail then drops the old renditions)."""
    if raw:
        return
    update_fields = kwargs.get("update_fields")
    if created or update_fields is None or "file" in update_fields:
        renditions.prepare_after_commit(instance)


def connect() -> None:
    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid="portal_prepare_renditions")
