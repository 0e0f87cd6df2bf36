"""Where text enters the CMS it becomes TCVN 6909 Unicode (P-Art. 7.6): forms, saves and imports.

The character rules live in ``editorial.tcvn6909`` (no Django); this module applies them to model
fields, rich text and StreamField values.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from wagtail.fields import RichTextField, StreamField

from editorial.tcvn6909 import normalize
from security.sanitize import clean_rich_text, looks_like_html

TAG_RE = re.compile(r"(<[^>]*>)")
# Identifiers and addresses are never Vietnamese prose: leave them exactly as typed.
UNTOUCHED_RE = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://\S*|mailto:\S*|[^\s@]+@[^\s@]+\.[^\s@]+|#[0-9a-fA-F]{3,8}|[\d\s.,:/+-]*)$"
)
SKIPPED_KEYS = frozenset({"id", "type", "url", "href", "link", "email", "image", "document", "page", "format"})
SKIPPED_FIELDS = frozenset({"slug", "url_path", "path", "draft_title_slug", "primary_color", "accent_color", "file"})


def house_style() -> str | None:
    return getattr(settings, "TCVN_TONE_STYLE", None) or None


def normalize_text(value: str) -> str:
    """Plain text: legacy parts converted, NFC, invisible characters removed, house tone style."""
    if not value or UNTOUCHED_RE.match(value):
        return value
    return normalize(value, style=house_style())


def normalize_html(html: str) -> str:
    """Rich text: only the text between tags changes; tags and attributes stay as they are."""
    if not html:
        return html
    parts = TAG_RE.split(html)
    return "".join(part if index % 2 else normalize_text(part) for index, part in enumerate(parts))


def normalize_data(data: Any, key: str | None = None) -> Any:
    """Every string leaf of JSON-like data (StreamField, table cells), HTML-aware, skipping ids and links."""
    if isinstance(data, str):
        if key in SKIPPED_KEYS:
            return data
        return clean_rich_text(normalize_html(data)) if looks_like_html(data) else normalize_html(data)
    if isinstance(data, list):
        return [normalize_data(item, key) for item in data]
    if isinstance(data, dict):
        return {k: normalize_data(v, k) for k, v in data.items()}
    return data


def normalize_field_value(field: models.Field, value: Any) -> Any:
    """The normalised form of one field value, or the value itself when the field holds no prose."""
    if value is None or field.name in SKIPPED_FIELDS or getattr(field, "choices", None):
        return value
    if isinstance(field, StreamField):
        raw = field.stream_block.get_prep_value(value) if not isinstance(value, list) else value
        cleaned = normalize_data(raw)
        return value if cleaned == raw else field.to_python(cleaned)
    if isinstance(field, RichTextField):
        return clean_rich_text(normalize_html(value))
    if isinstance(field, models.URLField | models.EmailField | models.SlugField):
        return value
    if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
        return normalize_text(value)
    return value


def normalize_instance(instance: models.Model) -> list[str]:
    """Normalise the text fields of a model instance in place; returns the names of changed fields."""
    changed = []
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField | StreamField | RichTextField):
            continue
        before = getattr(instance, field.attname, None)
        after = normalize_field_value(field, before)
        if after is not before and _differs(field, before, after):
            setattr(instance, field.attname, after)
            changed.append(field.name)
    return changed


def normalize_cleaned_data(model: type[models.Model], cleaned_data: dict[str, Any]) -> None:
    """Form input: normalise every text value before it reaches a revision or the database."""
    for name, value in list(cleaned_data.items()):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # form-only fields (e.g. comments) are left alone
            continue
        if isinstance(field, models.Field):
            cleaned_data[name] = normalize_field_value(field, value)


def _differs(field: models.Field, before: Any, after: Any) -> bool:
    if isinstance(field, StreamField):
        return field.get_prep_value(before) != field.get_prep_value(after)
    return before != after
