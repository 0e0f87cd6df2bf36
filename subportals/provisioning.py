"""Creating a unit's portal: site, home pages in every language, groups, collection, workflow.

Every step looks up what exists first, so provisioning twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
)

from editorial.workflow.services import assign_workflow, build_workflow, follows_board_rules, step_count
from portal.i18n import DEFAULT_LANGUAGE
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


# Model permissions of every role: the admin, and sending pages to translation (P-Art. 3.1: vi, en, ru).
ROLE_MODEL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
)

# The portal management unit (Trung tâm Cổng TTĐT) sees and manages every unit's content.
MANAGEMENT_GROUP_NAME = "Trung tâm Cổng TTĐT – Quản lý cổng"
MANAGEMENT_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
)
MANAGEMENT_COLLECTION_PERMISSIONS = ROLE_COLLECTION_PERMISSIONS[EditorialRole.BOARD_HEAD]
MANAGEMENT_MODEL_PERMISSIONS = (
    ("subportals", "add_unit"),
    ("subportals", "change_unit"),
    ("subportals", "view_unit"),
    ("portal", "change_category"),
    ("portal", "view_category"),
    ("portal", "change_portalsettings"),
    ("editorial", "add_calendarday"),
    ("editorial", "change_calendarday"),
    ("editorial", "delete_calendarday"),
    ("editorial", "view_calendarday"),
    ("editorial", "change_reportingsettings"),
    *ROLE_MODEL_PERMISSIONS,
)


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
    # 2: secretary review then board head; 1: board head only (a small unit). None keeps what exists.
    approval_steps: int | None = None


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
            min_updates=1 if spec.kind == UnitKind.MAIN else 2,
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
    homes = list(home.get_translations(inclusive=True))
    _ensure_groups(unit, homes, collection)
    _grant_management(homes, collection)
    _ensure_workflow(unit, homes, spec.approval_steps)
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


def _grant(group: Group, homes: list[Page], collection: Collection, page_codenames, collection_codenames) -> None:
    """Page permissions on the unit's home pages (every language) and its collection; never the roots."""
    for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=page_codenames):
        for page in homes:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    for permission in Permission.objects.filter(codename__in=collection_codenames):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


def _ensure_groups(unit: Unit, homes: list[Page], collection: Collection) -> None:
    """One group per editorial role, allowed on the unit's own trees and collection only."""
    model_permissions = _model_permissions(ROLE_MODEL_PERMISSIONS)
    for role in EditorialRole:
        link = UnitGroup.objects.filter(unit=unit, role=role).select_related("group").first()
        if link is None:
            group, _created = Group.objects.get_or_create(name=f"{unit.name_vi} – {role.label}")
            link = UnitGroup.objects.create(unit=unit, role=role, group=group)
        link.group.permissions.add(*model_permissions)
        _grant(link.group, homes, collection, ROLE_PAGE_PERMISSIONS[role], ROLE_COLLECTION_PERMISSIONS[role])


def ensure_management_group() -> Group:
    """The management unit's staff group, with its model permissions (created when missing)."""
    group, _created = Group.objects.get_or_create(name=MANAGEMENT_GROUP_NAME)
    group.permissions.add(*_model_permissions(MANAGEMENT_MODEL_PERMISSIONS))
    return group


def _model_permissions(pairs: tuple[tuple[str, str], ...]) -> list[Permission]:
    return [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in pairs]


def _grant_management(homes: list[Page], collection: Collection) -> None:
    _grant(ensure_management_group(), homes, collection, MANAGEMENT_PAGE_PERMISSIONS, MANAGEMENT_COLLECTION_PERMISSIONS)


def _ensure_workflow(unit: Unit, homes: list[Page], steps: int | None = None) -> Workflow:
    """The unit's workflow: review by the secretary, then approval by the board head (or the latter alone).

    Rebuilt when the requested number of steps differs, or when an older workflow lacks the board rules.
    """
    workflow = unit.workflow
    wanted = steps or (step_count(workflow) if workflow is not None else 2)
    if workflow is None or not follows_board_rules(workflow) or step_count(workflow) != wanted:
        groups = {link.role: link.group for link in unit.role_groups.select_related("group")}
        review = (f"Kiểm duyệt – {unit.name_vi}", groups[EditorialRole.REVIEWER])
        approval = (f"Trưởng ban duyệt – {unit.name_vi}", groups[EditorialRole.BOARD_HEAD])
        name = f"Quy trình duyệt tin – {unit.name_vi}" + (" (một bước)" if wanted == 1 else "")
        workflow = build_workflow(name, [approval] if wanted == 1 else [review, approval])
        unit.workflow = workflow
        unit.save(update_fields=["workflow"])
    assign_workflow(workflow, homes)
    return workflow
