"""Dashboard panel: the management unit sees the worst units; a unit's staff see their own line."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from subportals.permissions import is_portal_manager, units_of

from .enums import Light
from .report import status_lines

MANAGER_ROWS = 6


class UpdateFrequencyPanel(Component):
    name = "editorial_update_frequency"
    template_name = "editorial/admin/panel_update_frequency.html"
    order = 120

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        user = parent_context["request"].user
        manager = is_portal_manager(user)
        lines = status_lines() if manager else status_lines(units_of(user))
        counts = {light: sum(1 for line in lines if line.week.light == light) for light in Light.values}
        return {
            "heading": _("Tần suất cập nhật"),
            "manager": manager,
            "lines": lines[:MANAGER_ROWS] if manager else lines,
            "total": len(lines),
            "counts": counts,
        }
