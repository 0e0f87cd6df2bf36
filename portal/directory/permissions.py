"""Who edits a unit's public contacts: the management unit all of them, a unit's board head its own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from subportals.enums import EditorialRole
from subportals.models import Unit
from subportals.permissions import is_portal_manager, units_of


def contact_units(user: Any) -> QuerySet[Unit]:
    """Units whose contacts the user may edit (P-Art. 6.1: each unit answers for its own information).

    The board head approves what the unit publishes (P-Art. 7.5), so the board head, not every
    editor, keeps the unit's public contacts; the management unit's staff keep every unit's.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Unit.objects.none()
    if is_portal_manager(user):
        return Unit.objects.all()
    return units_of(user).filter(role_groups__role=EditorialRole.BOARD_HEAD, role_groups__group__user=user).distinct()


def can_edit_contacts(user: Any, unit: Unit) -> bool:
    return contact_units(user).filter(pk=unit.pk).exists()
