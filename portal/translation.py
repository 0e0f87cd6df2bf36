"""Creating and updating the translation of a page from code (seeding, provisioning)."""

from __future__ import annotations

from typing import Any

from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page

from portal.i18n import LANGUAGE_CODES


def ensure_locales() -> dict[str, Locale]:
    """The content locales of ``settings.LANGUAGES``, created when missing."""
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGE_CODES}


def ensure_translation(page: Page, locale: Locale, *, publish: bool = True, **fields: Any) -> Page:
    """The page's translation in ``locale`` with ``fields`` set; created (with its parents) if missing.

    Running it again with the same fields changes nothing, so seeding stays idempotent.
    """
    page = page.specific
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True, alias=False)
    translation = translation.specific
    changed = False
    for name, value in fields.items():
        before = _comparable(getattr(translation, name))
        setattr(translation, name, value)
        changed = changed or before != _comparable(getattr(translation, name))
    if changed or (publish and not translation.live):
        revision = translation.save_revision()
        if publish:
            revision.publish()
        translation.refresh_from_db()
    return translation


def _comparable(value: Any) -> Any:
    """A StreamField value without its random block ids, so equal content compares equal."""
    if isinstance(value, StreamValue):
        return [(child.block_type, child.block.get_prep_value(child.value)) for child in value]
    return value
