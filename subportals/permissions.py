"""Who may see what: every "own unit" check goes through these functions, never ad-hoc path tests."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from wagtail.models import GroupPagePermission, Page

from .models import Unit
from .provisioning import MANAGEMENT_GROUP_NAME


def is_portal_manager(user: Any) -> bool:
    """Operators (superusers) and the management unit's staff see every unit."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache_name = "_portal_manager_cache"
    if not hasattr(user, cache_name):
        setattr(user, cache_name, user.groups.filter(name=MANAGEMENT_GROUP_NAME).exists())
    return getattr(user, cache_name)


def permitted_page_paths(user: Any) -> list[str]:
    """Tree paths of the pages on which the user's groups hold page permissions (cached per user object)."""
    cache_name = "_permitted_page_paths_cache"
    if not hasattr(user, cache_name):
        paths = GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True).distinct()
        setattr(user, cache_name, sorted(set(paths)))
    return getattr(user, cache_name)


def scope_pages(pages: QuerySet[Page], user: Any) -> QuerySet[Page]:
    """Only the pages inside the user's units (and the tree root, so that choosers can start there)."""
    if is_portal_manager(user):
        return pages
    paths = permitted_page_paths(user)
    if not paths:
        return pages.filter(depth=1)
    within = reduce(or_, (Q(path__startswith=path) for path in paths))
    return pages.filter(within | Q(depth=1))


def page_in_scope(page: Page, user: Any) -> bool:
    if is_portal_manager(user):
        return True
    return page.depth == 1 or any(page.path.startswith(path) for path in permitted_page_paths(user))


def unit_of_page(page: Page) -> Unit | None:
    """The unit whose site tree holds the page (in any language)."""
    home_path = page.path[: Page.steplen * 2]
    home = Page.objects.filter(path=home_path).only("translation_key").first()
    if home is None:
        return None
    homes = Page.objects.filter(translation_key=home.translation_key, depth=2)
    return Unit.objects.filter(site__root_page__in=homes).first()


def units_of(user: Any) -> QuerySet[Unit]:
    """The units a user belongs to through their editorial-board groups (all units for managers)."""
    if is_portal_manager(user):
        return Unit.objects.all()
    return Unit.objects.filter(role_groups__group__user=user).distinct()


def role_unit_ids(user: Any, role: str | None = None) -> set[int]:
    """Ids of the units where an active user sits in an editorial-role group (one role, or any); cached per user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cache_name = f"_role_unit_ids_{role or 'any'}"
    if not hasattr(user, cache_name):
        # One filter() call: the user's group and the role must be the same UnitGroup row.
        conditions: dict[str, Any] = {"role_groups__group__user": user}
        if role is not None:
            conditions["role_groups__role"] = role
        setattr(user, cache_name, set(Unit.objects.filter(**conditions).values_list("pk", flat=True)))
    return getattr(user, cache_name)
