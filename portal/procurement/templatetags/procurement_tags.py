"""Template filters of the procurement pages."""

from __future__ import annotations

from django import template

from portal.i18n import active_language

from .. import rules

register = template.Library()


@register.filter
def vnd(value: int | None) -> str:
    """An amount in đồng as the active language writes it ("1.234.567.890 đ" in Vietnamese)."""
    return rules.format_vnd(value, active_language())
