"""Read-side services of the sub-portals app: the directory and who owns what."""

from __future__ import annotations

from wagtail.models import Site

from portal.i18n import active_language

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


def unit_for_site(site: Site | None) -> Unit | None:
    if site is None:
        return None
    return Unit.objects.filter(site=site).first()
