"""Which links a site shows, grouped for the page and the footer block, cached per unit and language.

A sub-portal shows its own unit's links and the main portal's links of the shared groups (the
central bodies); the main portal (or a site without a unit) shows the main portal's links. The
main portal's links are those without an owning unit, or owned by the main unit itself.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, QuerySet

from portal.i18n import active_language, localized_attr
from subportals.enums import UnitKind

from .enums import GROUP_ORDER, SHARED_GROUPS, LinkGroup
from .models import GovernmentLink
from .validation import url_problems

VERSION_KEY = "links:version"


def cache_seconds() -> int:
    return int(getattr(settings, "LINKS_CACHE_SECONDS", 3600))


def main_portal_q() -> Q:
    return Q(unit__isnull=True) | Q(unit__kind=UnitKind.MAIN)


def links_for_unit(unit: Any) -> QuerySet[GovernmentLink]:
    """Active links shown on the unit's site (``unit=None``: the main portal)."""
    if unit is None or unit.kind == UnitKind.MAIN:
        scope = main_portal_q()
    else:
        scope = Q(unit=unit) | (main_portal_q() & Q(group__in=SHARED_GROUPS))
    return GovernmentLink.objects.filter(is_active=True).filter(scope)


def group_links(links: list[GovernmentLink], language: str) -> list[dict[str, Any]]:
    """Links grouped in the fixed group order, each group sorted by its order number then title."""
    ordered = sorted(
        links,
        key=lambda link: (GROUP_ORDER.get(link.group, len(GROUP_ORDER)), link.sort_order, link.title_vi, link.pk),
    )
    groups: dict[str, dict[str, Any]] = {}
    for link in ordered:
        if url_problems(link.url):  # Written behind the form's back (import, shell): never rendered.
            continue
        group = groups.setdefault(
            link.group,
            {"code": link.group, "label": str(LinkGroup(link.group).label), "links": []},
        )
        group["links"].append({"title": localized_attr(link, "title", language), "url": link.url})
    return list(groups.values())


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
    return version


def invalidate() -> None:
    """A new version: every cached list becomes unreachable (a random token survives cache eviction)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def grouped_links_for_unit(unit: Any, *, only_group: str | None = None, language: str | None = None) -> list[dict]:
    """The site's links grouped (one query on a cache miss, none on a hit)."""
    language = language or active_language()
    key = f"links:{_version()}:{getattr(unit, 'pk', None) or 'main'}:{language}"
    groups = cache.get(key)
    if groups is None:
        groups = group_links(list(links_for_unit(unit)), language)
        cache.set(key, groups, cache_seconds())
    if only_group:
        return [group for group in groups if group["code"] == only_group]
    return groups


def group_filter(value: Any) -> str | None:
    """The group asked for in the querystring, or None (all groups) when it is not one of ours."""
    return value if isinstance(value, str) and value in LinkGroup.values else None
