"""Dashboard panel: a unit's staff see what their site still misses and what to do; the manager sees a count."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from . import services
from .permissions import can_manage, checklist_units

MAX_UNITS_SHOWN = 3


class ObligationsPanel(Component):
    name = "editorial_obligations"
    template_name = "editorial/admin/obligations/panel.html"
    order = 125

    def __init__(self, user: Any) -> None:
        self.user = user

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        context: dict[str, Any] = {"heading": _("Nghĩa vụ nội dung"), "manager": can_manage(self.user)}
        # The management unit gets a link, not every site's evaluation on each visit of the dashboard.
        if not context["manager"]:
            units = list(checklist_units(self.user).select_related("site")[:MAX_UNITS_SHOWN])
            context["checklists"] = [services.evaluate(unit) for unit in units]
        return context
