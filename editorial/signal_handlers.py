"""Signal handlers of the editorial app (wired in EditorialConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_save
from django.dispatch import receiver

from .normalization import normalize_instance

# Apps whose models hold text typed by people: ours, and Wagtail's images and documents.
NORMALISED_APPS = frozenset(
    {
        "portal",
        "subportals",
        "editorial",
        "wagtailimages",
        "wagtaildocs",
        "opendata",
        "directory",
        "legal",
        "links",
        "ads",
        "procedures",
        "procurement",
    }
)


@receiver(pre_save, dispatch_uid="editorial_normalise_text")
def normalise_text_before_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """Whatever path the text took (form, import, shell), it is stored as TCVN 6909 Unicode."""
    if raw or sender._meta.app_label not in NORMALISED_APPS:
        return
    normalize_instance(instance)
