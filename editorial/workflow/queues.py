"""What waits for whom, and for how long, counted in working days."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from wagtail.models import TaskState

from editorial.calendar import load_calendar


@dataclass(frozen=True)
class WaitingItem:
    task_state: TaskState
    working_days: int

    @property
    def page(self) -> Any:
        return self.task_state.workflow_state.content_object


def deadline_days() -> int:
    return int(getattr(settings, "EDITORIAL_REVIEW_DEADLINE_WORKING_DAYS", 2))


def waiting_items(user: Any = None, *, today: datetime.date | None = None) -> list[WaitingItem]:
    """Tasks in progress (those the user may act on, when given), oldest first, with their wait."""
    today = today or timezone.localdate()
    states = (
        TaskState.objects.reviewable_by(user)
        if user is not None
        else TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
    )
    states = states.select_related("task", "workflow_state", "workflow_state__requested_by").order_by("started_at")
    calendar = load_calendar()
    return [
        WaitingItem(state, calendar.working_days_between(timezone.localtime(state.started_at).date(), today))
        for state in states
    ]


def overdue_items(user: Any = None, *, today: datetime.date | None = None) -> list[WaitingItem]:
    limit = deadline_days()
    return [item for item in waiting_items(user, today=today) if item.working_days > limit]
