"""Dashboard panel: overdue questions of the user's units; the management unit sees all, and what awaits assignment."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from editorial.calendar import load_calendar
from subportals.permissions import is_portal_manager

from . import permissions
from .enums import Status
from .public import PERSONAL_FIELDS
from .rules import working_days_taken

PANEL_ROWS = 10


class OverdueFeedbackPanel(Component):
    name = "editorial_feedback_overdue"
    template_name = "editorial/admin/panel_feedback_overdue.html"
    order = 205

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        user = parent_context["request"].user
        today = timezone.localdate()
        overdue = (
            permissions.visible(user)
            .overdue(today)
            .select_related("assigned_unit")
            .defer(*PERSONAL_FIELDS, "question", "answer")
            .order_by("deadline", "pk")
        )
        total = overdue.count()
        calendar = load_calendar()
        rows = [
            {"item": item, "late": working_days_taken(item.deadline, today, calendar)} for item in overdue[:PANEL_ROWS]
        ]
        manager = is_portal_manager(user)
        return {
            "heading": _("Câu hỏi của người dân quá hạn trả lời"),
            "rows": rows,
            "total": total,
            "manager": manager,
            "unassigned": permissions.visible(user).filter(status=Status.RECEIVED).count() if manager else 0,
        }
