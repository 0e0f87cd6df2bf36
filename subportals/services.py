"""Creating a unit's portal and listing the sub-portals; the one place that knows their shape."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page, Site

from portal.i18n import DEFAULT_LANGUAGE, active_language
from portal.translation import ensure_locales, ensure_translation

from .enums import EditorialRole, UnitKind, UpdateRule
from .models import Unit, UnitGroup

# What each role may do on its own unit's pages; publishing is the board head's alone (P-Art. 7.5).
ROLE_PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    EditorialRole.EDITOR: ("add_page", "change_page"),
    EditorialRole.REVIEWER: ("add_page", "change_page", "lock_page"),
    EditorialRole.BOARD_HEAD: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
ROLE_COLLECTION_PERMISSIONS: dict[str, tuple[str, ...]] = {
    EditorialRole.EDITOR: ("add_image", "choose_image", "add_document", "choose_document"),
    EditorialRole.REVIEWER: (
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ),
    EditorialRole.BOARD_HEAD: (
        "add_image",
        "change_image",
        "choose_image",
        "delete_image",
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
    ),
}


@dataclass(frozen=True)
class UnitSpec:
    """What it takes to create a unit's portal."""

    code: str
    kind: str
    name_vi: str
    name_en: str
    name_ru: str
    hostname: str
    port: int = 80
    contact_emails: str = ""


@transaction.atomic
def provision_unit(spec: UnitSpec, *, home_page_class: type[Page] | None = None) -> Unit:
    """Create (or complete) a unit's site, home page in every language, groups and collection.

    Idempotent: running it again fills in what is missing and changes nothing else.
    """
    from portal.models import HomePage, PortalSettings

    home_page_class = home_page_class or HomePage
    locales = ensure_locales()
    unit = Unit.objects.filter(code=spec.code).select_related("site").first()
    if unit is None:
        unit = Unit.objects.create(
            code=spec.code,
            kind=spec.kind,
            name_vi=spec.name_vi,
            name_en=spec.name_en,
            name_ru=spec.name_ru,
            contact_emails=spec.contact_emails,
            update_rule=UpdateRule.WORKING_DAILY if spec.kind == UnitKind.MAIN else UpdateRule.PER_WEEK,
            updates_per_week=5 if spec.kind == UnitKind.MAIN else 2,
        )

    home = _ensure_home(unit, spec, home_page_class, locales[DEFAULT_LANGUAGE])
    for code, title in (("en", spec.name_en), ("ru", spec.name_ru)):
        ensure_translation(home, locales[code], title=title or spec.name_vi)

    site = unit.site
    if site is None:
        site = Site.objects.filter(hostname=spec.hostname, port=spec.port).first() or Site(
            hostname=spec.hostname, port=spec.port
        )
        site.root_page = home
        site.site_name = spec.name_vi
        site.is_default_site = spec.kind == UnitKind.MAIN or site.is_default_site
        if site.is_default_site:
            Site.objects.filter(is_default_site=True).exclude(pk=site.pk).update(is_default_site=False)
        site.save()
        unit.site = site
        unit.save(update_fields=["site"])

    settings = PortalSettings.for_site(site)
    if not settings.name_en and spec.kind != UnitKind.MAIN:
        settings.name_vi = f"Cổng thông tin điện tử {spec.name_vi}"
        settings.name_en = f"{spec.name_en} Portal"
        settings.name_ru = f"Портал: {spec.name_ru}"
        settings.agency_vi, settings.agency_en, settings.agency_ru = spec.name_vi, spec.name_en, spec.name_ru
        settings.save()

    collection = _ensure_collection(unit)
    _ensure_groups(unit, home, collection)
    return unit


def _ensure_home(unit: Unit, spec: UnitSpec, home_page_class: type[Page], locale: Locale) -> Page:
    if unit.site_id:
        return unit.site.root_page.specific
    root = Page.get_first_root_node()
    existing = root.get_children().filter(slug=spec.code, locale=locale).first()
    if existing is not None:
        return existing.specific
    home = home_page_class(title=spec.name_vi, slug=spec.code, locale=locale)
    root.add_child(instance=home)
    home.save_revision().publish()
    return home


def _ensure_collection(unit: Unit) -> Collection:
    """The unit's own collection of images and documents, never the shared root."""
    if unit.collection_id:
        return unit.collection
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=unit.name_vi).first() or root.add_child(name=unit.name_vi)
    unit.collection = collection
    unit.save(update_fields=["collection"])
    return collection


def _ensure_groups(unit: Unit, home: Page, collection: Collection) -> None:
    """One group per editorial role, allowed on the unit's page trees (every language) only."""
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    homes = list(home.get_translations(inclusive=True))
    for role in EditorialRole:
        link = UnitGroup.objects.filter(unit=unit, role=role).select_related("group").first()
        if link is None:
            group, _created = Group.objects.get_or_create(name=f"{unit.name_vi} – {role.label}")
            link = UnitGroup.objects.create(unit=unit, role=role, group=group)
        group = link.group
        group.permissions.add(access_admin)
        page_permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=ROLE_PAGE_PERMISSIONS[role]
        )
        for page in homes:
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
        for permission in Permission.objects.filter(codename__in=ROLE_COLLECTION_PERMISSIONS[role]):
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


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
