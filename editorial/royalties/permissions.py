"""Who may do what with royalties; every view and export asks these functions.

- The unit's royalty officers (RoyaltyOfficer rows) keep its books: contributors with their
  personal data, statements, closing months.
- The unit's board head grades lines (sets genre and coefficient) and sees the statements.
- The management unit sets rules and budgets and sees every unit's statements (not personal data).
"""

from __future__ import annotations

from typing import Any

from subportals.enums import EditorialRole
from subportals.models import Unit
from subportals.permissions import is_portal_manager, role_unit_ids


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def officer_unit_ids(user: Any) -> set[int]:
    if not _active(user):
        return set()
    cache_name = "_royalty_officer_units"
    if not hasattr(user, cache_name):
        from .people import RoyaltyOfficer

        setattr(user, cache_name, set(RoyaltyOfficer.objects.filter(user=user).values_list("unit_id", flat=True)))
    return getattr(user, cache_name)


def board_head_unit_ids(user: Any) -> set[int]:
    return role_unit_ids(user, EditorialRole.BOARD_HEAD)


def statement_units(user: Any):
    """Units whose royalty lines and statements the user may read."""
    if is_portal_manager(user):
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=officer_unit_ids(user) | board_head_unit_ids(user))


def can_view(user: Any, unit: Unit) -> bool:
    return is_portal_manager(user) or unit.pk in officer_unit_ids(user) | board_head_unit_ids(user)


def can_see_personal_data(user: Any, unit: Unit) -> bool:
    return unit.pk in officer_unit_ids(user)


def can_grade(user: Any, unit: Unit) -> bool:
    return unit.pk in board_head_unit_ids(user)


def can_close(user: Any, unit: Unit) -> bool:
    return unit.pk in officer_unit_ids(user)


def can_manage_rules(user: Any) -> bool:
    return is_portal_manager(user)


def has_royalty_access(user: Any) -> bool:
    return is_portal_manager(user) or bool(officer_unit_ids(user) or board_head_unit_ids(user))
