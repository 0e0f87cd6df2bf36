"""The "Liên kết website" block shown on every page of a site (``{% links_block %}`` in base.html)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("links/links_block.html", takes_context=True)
def links_block(context: dict[str, Any]) -> dict[str, Any]:
    """The current site's links: its unit's own plus the main portal's central ones (cached per site and language)."""
    from subportals.services import current_unit

    from ..services import grouped_links_for_unit

    request = context.get("request")
    if request is None:
        return {"link_groups": []}
    unit = current_unit(request)
    if unit is not None and not unit.is_active:
        return {"link_groups": []}
    return {"link_groups": grouped_links_for_unit(unit)}
