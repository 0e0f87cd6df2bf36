"""Admin wiring of the obligations checklist (imported by the editorial app's wagtail_hooks)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from . import views
from .panels import ObligationsPanel
from .permissions import can_manage, checklist_units
from .viewsets import ObligationViewSet


@hooks.register("register_admin_urls")
def _obligation_urls() -> list[Any]:
    return [
        path("editorial/obligations/", views.MatrixView.as_view(), name="editorial_obligations"),
        path("editorial/obligations/mine/", views.my_checklist, name="editorial_obligations_mine"),
        path("editorial/obligations/unit/<int:unit_id>/", views.unit_checklist, name="editorial_obligations_unit"),
        path("editorial/obligations/export/<str:fmt>/", views.matrix_export, name="editorial_obligations_export"),
    ]


register_snippet(ObligationViewSet)


class ObligationsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_manage(request.user) or checklist_units(request.user).exists()


@hooks.register("register_reports_menu_item")
def _obligations_menu_item() -> MenuItem:
    # Next to the compliance reports (orders 160, 161): the same menu group of the management unit.
    return ObligationsMenuItem(
        _("Nghĩa vụ nội dung"), reverse("editorial_obligations_mine"), icon_name="tasks", order=162
    )


@hooks.register("construct_homepage_panels")
def _obligations_panel(request: HttpRequest, panels: list[Any]) -> None:
    if can_manage(request.user) or checklist_units(request.user).exists():
        panels.append(ObligationsPanel(request.user))
