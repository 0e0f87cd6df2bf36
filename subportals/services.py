"""Read-side services of the sub-portals app: the directory and who owns what."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page, Site

from portal.i18n import active_language

from .enums import UnitKind
from .models import Unit


def units_with_sites() -> list[Unit]:
    return list(Unit.objects.filter(is_active=True, site__isnull=False).select_related("site"))


def subportal_directory() -> list[dict[str, str]]:
    """Active sub-portals with their name in the active language and their address (one query)."""
    language = active_language()
    entries = []
    for unit in units_with_sites():
        if unit.is_main:
            continue
        entries.append(
            {
                "code": unit.code,
                "name": unit.name,
                "kind": unit.get_kind_display(),
                "url": f"{unit.site.root_url}/{language}/",
            }
        )
    return entries


def board_head_emails(unit: Unit) -> list[str]:
    """E-mail addresses of the unit's active board heads (reminders, reviews)."""
    from django.contrib.auth import get_user_model

    from .enums import EditorialRole

    emails = get_user_model().objects.filter(
        is_active=True, groups__unit_role__unit=unit, groups__unit_role__role=EditorialRole.BOARD_HEAD
    )
    return sorted({email for email in emails.values_list("email", flat=True) if email})


def unit_for_site(site: Site | None) -> Unit | None:
    if site is None:
        return None
    return Unit.objects.filter(site=site).first()


def current_unit(request: Any) -> Unit | None:
    """The unit whose site serves this request (cached on the request)."""
    if not hasattr(request, "_portal_unit"):
        request._portal_unit = unit_for_site(Site.find_for_request(request))
    return request._portal_unit


def active_subportal_homes(locale_id: int) -> dict[str, Unit]:
    """Tree path of each active sub-portal's home page in one language, with its unit (two queries)."""
    units = {
        unit.site.root_page.translation_key: unit
        for unit in Unit.objects.filter(is_active=True, site__isnull=False)
        .exclude(kind=UnitKind.MAIN)
        .select_related("site__root_page")
    }
    homes = Page.objects.filter(depth=2, locale_id=locale_id, translation_key__in=list(units))
    return {path: units[key] for path, key in homes.values_list("path", "translation_key")}


def main_home_ids(locale_id: int | None = None) -> list[int]:
    """The main portal's home pages (the ones listing sub-portal news), in one language or all."""
    keys = Unit.objects.filter(kind=UnitKind.MAIN, site__isnull=False).values("site__root_page__translation_key")
    homes = Page.objects.filter(translation_key__in=keys)
    if locale_id is not None:
        homes = homes.filter(locale_id=locale_id)
    return list(homes.values_list("pk", flat=True))


def main_site_ids() -> set[int]:
    return set(Unit.objects.filter(kind=UnitKind.MAIN, site__isnull=False).values_list("site_id", flat=True))
