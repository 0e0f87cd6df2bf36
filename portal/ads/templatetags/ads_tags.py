"""``{% ad_slot "sidebar" %}``: the running ads of one slot, for layout templates (base.html) only.

Never used in article templates or blocks: the article body (``ArticleBodyBlock``) has no ad
block, so an ad can never sit inside what an editor wrote (tests/ads/test_rendering.py).
"""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("ads/ad_slot.html", takes_context=True)
def ad_slot(context: dict[str, Any], code: Any) -> dict[str, Any]:
    """Nothing when there is no request, no such slot, or no running ad: the page never breaks for an ad."""
    from portal.pagecache.middleware import expires_at
    from subportals.services import current_unit

    from ..labels import ad_label
    from ..services import site_schedule

    request = context.get("request")
    if request is None or not isinstance(code, str):
        return {"slot": None}
    if not hasattr(request, "_ads_slots"):
        unit = current_unit(request)
        slots, change = ({}, None) if unit is not None and not unit.is_active else site_schedule(unit)
        request._ads_slots = slots
        if change is not None:  # The cached page must not outlive the ads it shows (or misses).
            expires_at(request, change)
    slot = request._ads_slots.get(code)
    return {"slot": slot, "label": ad_label() if slot else ""}
