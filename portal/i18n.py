"""Small helpers for models that keep one column per language (vi/en/ru)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_LANGUAGE: str = settings.LANGUAGE_CODE


def active_language() -> str:
    """The active language reduced to one of ours, Vietnamese when unknown."""
    code = (translation.get_language() or DEFAULT_LANGUAGE).split("-")[0]
    return code if code in LANGUAGE_CODES else DEFAULT_LANGUAGE


def localized_attr(obj: Any, base: str, language: str | None = None) -> str:
    """``obj.<base>_<lang>``, falling back to Vietnamese when that translation is empty."""
    language = language or active_language()
    value = getattr(obj, f"{base}_{language}", "") or ""
    return value or getattr(obj, f"{base}_{DEFAULT_LANGUAGE}", "") or ""
