"""Template filters of the royalty screens."""

from __future__ import annotations

from decimal import Decimal

from django import template

from editorial.royalties.services import money as _money

register = template.Library()


@register.filter
def money(value: int | None) -> str:
    return _money(value)


@register.filter
def coefficient(value: Decimal | None) -> str:
    return "" if value is None else f"{Decimal(value).normalize():f}".replace(".", ",")
