"""Account lifecycle rules: suspend unused accounts, offboard leavers, review who holds which rights.

S-LC 8.1: accounts unused for 6 months are suspended. S-QB 5.1.d, S-HD 12.3: the accounts of staff
who leave are locked, and their work handed over. S-HD 13.1.e: all accounts and rights are
reviewed at least every 3 months.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from . import audit


def inactive_days() -> int:
    return int(getattr(settings, "ACCOUNT_INACTIVE_DAYS", 180))


def inactive_users(now: datetime.datetime | None = None) -> QuerySet:
    """Active accounts not used (or, never used, not created) within the limit."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=inactive_days())
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
    )


def suspend(user: Any, reason: str) -> None:
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit.record("account.suspend", user, changes={"reason": reason})


@dataclass(frozen=True)
class Handover:
    pages: int
    unlocked: int
    groups: int


def offboard(user: Any, successor: Any, *, reason: str = "") -> Handover:
    """Disable the leaver's account, give their pages to a successor, lift their locks, drop their groups."""
    from wagtail.models import Page

    if successor is None or successor.pk == user.pk or not successor.is_active:
        raise ValueError("Người nhận bàn giao phải là một tài khoản khác đang hoạt động.")
    with transaction.atomic():
        pages = Page.objects.filter(owner=user).update(owner=successor)
        unlocked = Page.objects.filter(locked_by=user).update(locked=False, locked_by=None, locked_at=None)
        groups = list(user.groups.all())
        user.groups.clear()
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit.record(
            "account.offboard",
            user,
            changes={
                "successor": successor.get_username(),
                "pages": pages,
                "unlocked": unlocked,
                "groups": [group.name for group in groups],
                "reason": reason[:500],
            },
        )
    return Handover(pages, unlocked, len(groups))


@dataclass(frozen=True)
class ReviewRow:
    username: str
    full_name: str
    email: str
    active: bool
    units: str
    groups: str
    last_login: datetime.datetime | None
    rights: str


def review_rows(units: QuerySet | None = None) -> list[ReviewRow]:
    """Who holds which rights in the given units (all accounts when None), for the quarterly review."""
    from subportals.models import UnitGroup

    users = get_user_model().objects.prefetch_related("groups__unit_role__unit", "groups__permissions")
    if units is not None:
        users = users.filter(groups__unit_role__unit__in=units).distinct()
    rows = []
    for user in users.order_by("username"):
        roles = [group.unit_role for group in user.groups.all() if hasattr(group, "unit_role")]
        unit_names = sorted({role.unit.name_vi for role in roles if isinstance(role, UnitGroup)})
        permissions = sorted({p.codename for group in user.groups.all() for p in group.permissions.all()})
        rights = ["superuser"] if user.is_superuser else permissions
        rows.append(
            ReviewRow(
                username=user.get_username(),
                full_name=user.get_full_name(),
                email=user.email,
                active=user.is_active,
                units=", ".join(unit_names),
                groups=", ".join(sorted(group.name for group in user.groups.all())),
                last_login=user.last_login,
                rights=", ".join(rights),
            )
        )
    return rows
