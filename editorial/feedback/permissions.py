"""Who may see and do what with citizens' questions; every view, download and action asks these.

- The management unit (``is_portal_manager``) sees every question, assigns and reassigns them,
  closes them with a reason, and reads the statistics.
- A unit's editorial board sees only the questions assigned to its unit: its members draft the
  answer (or hand the question back to the management unit), its board head approves, returns,
  closes and decides what the Q&A shows.
- Nobody else sees anything: another unit's question answers 404, as if it did not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from subportals.enums import EditorialRole
from subportals.permissions import is_portal_manager, role_unit_ids

from .enums import OPEN_STATUSES, Status
from .models import Feedback


def member_unit_ids(user: Any) -> set[int]:
    """Units whose editorial board the user sits on (managers included only where they are members)."""
    return role_unit_ids(user)


def board_head_unit_ids(user: Any) -> set[int]:
    return role_unit_ids(user, EditorialRole.BOARD_HEAD)


def has_access(user: Any) -> bool:
    return is_portal_manager(user) or bool(member_unit_ids(user))


def visible(user: Any) -> QuerySet[Feedback]:
    """The questions the user may see at all."""
    if is_portal_manager(user):
        return Feedback.objects.all()
    return Feedback.objects.filter(assigned_unit_id__in=member_unit_ids(user))


def can_view(user: Any, item: Feedback) -> bool:
    return is_portal_manager(user) or (
        item.assigned_unit_id is not None and item.assigned_unit_id in member_unit_ids(user)
    )


def can_assign(user: Any, item: Feedback) -> bool:
    return is_portal_manager(user) and item.status in OPEN_STATUSES


def can_draft(user: Any, item: Feedback) -> bool:
    return item.status == Status.ASSIGNED and item.assigned_unit_id in member_unit_ids(user)


def can_release(user: Any, item: Feedback) -> bool:
    """Hand the question back to the management unit ("not ours"), with a reason."""
    return item.status in (Status.ASSIGNED, Status.PENDING_APPROVAL) and item.assigned_unit_id in member_unit_ids(user)


def can_approve(user: Any, item: Feedback) -> bool:
    return item.status in (Status.ASSIGNED, Status.PENDING_APPROVAL) and item.assigned_unit_id in board_head_unit_ids(
        user
    )


def can_return(user: Any, item: Feedback) -> bool:
    return item.status == Status.PENDING_APPROVAL and item.assigned_unit_id in board_head_unit_ids(user)


def can_close(user: Any, item: Feedback) -> bool:
    if item.status not in OPEN_STATUSES:
        return False
    return is_portal_manager(user) or (
        item.assigned_unit_id is not None and item.assigned_unit_id in board_head_unit_ids(user)
    )


def can_edit_publication(user: Any, item: Feedback) -> bool:
    if item.status != Status.ANSWERED:
        return False
    return is_portal_manager(user) or item.assigned_unit_id in board_head_unit_ids(user)


def can_see_statistics(user: Any) -> bool:
    return is_portal_manager(user)
