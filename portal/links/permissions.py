"""Who may see and change which links (P-Art. 6.1: each unit answers for its own sub-portal only).

- The management unit (``is_portal_manager``) manages every link, including the main portal's
  (no owning unit).
- A unit's board head manages that unit's links: a link goes public as soon as it is saved, and
  publishing is the board head's alone (P-Art. 7.5). The unit's editors and reviewers see the
  list of their unit's links, read-only.
- Nobody else sees any link in the admin.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from subportals.enums import EditorialRole
from subportals.permissions import is_portal_manager, units_of
from subportals.provisioning import MANAGEMENT_GROUP_NAME

from .models import GovernmentLink

MANAGING_ROLES: frozenset[str] = frozenset({EditorialRole.BOARD_HEAD})
ACTIONS = ("add", "change", "delete", "view")


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def member_unit_ids(user: Any) -> set[int]:
    """Units whose board the user sits on (cached on the user object)."""
    if not _active(user):
        return set()
    if not hasattr(user, "_links_member_units"):
        user._links_member_units = set(units_of(user).values_list("pk", flat=True))
    return user._links_member_units


def managed_unit_ids(user: Any) -> set[int]:
    """Units whose links the user may add, change and delete (managers: see ``is_portal_manager``)."""
    if not _active(user):
        return set()
    if not hasattr(user, "_links_managed_units"):
        ids = units_of(user).filter(role_groups__group__user=user, role_groups__role__in=MANAGING_ROLES)
        user._links_managed_units = set(ids.values_list("pk", flat=True))
    return user._links_managed_units


def visible_links(user: Any) -> QuerySet[GovernmentLink]:
    """The links a user sees in the admin: all for managers, their own units' for board members."""
    links = GovernmentLink.objects.all()
    if is_portal_manager(user):
        return links
    return links.filter(unit_id__in=member_unit_ids(user))


def can_manage(user: Any, link: GovernmentLink) -> bool:
    return is_portal_manager(user) or (link.unit_id is not None and link.unit_id in managed_unit_ids(user))


class GovernmentLinkPermissionPolicy(BasePermissionPolicy):
    """Permissions come from the unit boards (subportals), not from Django model permissions."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action not in ACTIONS or not _active(user):
            return False
        if is_portal_manager(user):
            return True
        return bool(member_unit_ids(user) if action == "view" else managed_unit_ids(user))

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        if not self.user_has_permission(user, action):
            return False
        if is_portal_manager(user):
            return True
        if action == "view":
            return instance.unit_id in member_unit_ids(user)
        return can_manage(user, instance)

    def instances_user_has_any_permission_for(self, user: Any, actions: Iterable[str]) -> QuerySet:
        actions = [action for action in actions if self.user_has_permission(user, action)]
        if not actions:
            return GovernmentLink.objects.none()
        if is_portal_manager(user):
            return GovernmentLink.objects.all()
        ids = member_unit_ids(user) if "view" in actions else managed_unit_ids(user)
        return GovernmentLink.objects.filter(unit_id__in=ids)

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet:
        actions = list(actions)
        if not any(action in ACTIONS for action in actions):
            return get_user_model().objects.none()
        roles = list(EditorialRole.values) if "view" in actions else list(MANAGING_ROLES)
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__name=MANAGEMENT_GROUP_NAME) | Q(groups__unit_role__role__in=roles))
            .distinct()
        )
