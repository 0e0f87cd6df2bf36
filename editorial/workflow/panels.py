"""Dashboard panels: what has waited too long, and which translations need work."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from .queues import deadline_days, overdue_items
from .translations import sources_for, translation_rows

PANEL_ROWS = 8


class OverdueReviewsPanel(Component):
    name = "editorial_overdue"
    template_name = "editorial/admin/panel_overdue.html"
    order = 210  # Above Wagtail's "Awaiting your review".

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        request = parent_context["request"]
        return {
            "items": overdue_items(request.user),
            "heading": _("Chờ duyệt quá %(days)s ngày làm việc") % {"days": deadline_days()},
        }


class TranslationsToDoPanel(Component):
    name = "editorial_translations"
    template_name = "editorial/admin/panel_translations.html"
    order = 260

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        from portal.models import ArticlePage

        request = parent_context["request"]
        rows = [row for row in translation_rows(sources_for(request.user, ArticlePage)[:200]) if row.needs_work]
        return {"rows": rows[:PANEL_ROWS], "total": len(rows), "heading": _("Bản dịch cần xử lý")}
