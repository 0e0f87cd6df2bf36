"""Who sees which checklist: the management unit sees and edits everything; a unit's board sees its own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from subportals.models import Unit
from subportals.permissions import is_portal_manager, role_unit_ids


def can_manage(user: Any) -> bool:
    """Obligations are the management unit's rules (they follow the law, not a unit's preference)."""
    return is_portal_manager(user)


def checklist_units(user: Any) -> QuerySet[Unit]:
    """Units whose checklist the user may read: all for the management unit, else the user's own units."""
    if is_portal_manager(user):
        return Unit.objects.filter(is_active=True, site__isnull=False)
    return Unit.objects.filter(pk__in=role_unit_ids(user), is_active=True, site__isnull=False)


def can_view(user: Any, unit: Unit) -> bool:
    return is_portal_manager(user) or unit.pk in role_unit_ids(user)
