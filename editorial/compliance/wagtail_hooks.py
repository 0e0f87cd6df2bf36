"""Admin wiring of update monitoring (imported by the editorial app's wagtail_hooks)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from subportals.permissions import is_portal_manager, units_of

from .models import CalendarDay
from .panels import UpdateFrequencyPanel
from .views import ComplianceDashboardView, ComplianceReportView, IssuedReportListView, issued_report_download


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Lịch nghỉ, làm bù")
    add_to_settings_menu = True
    url_prefix = "editorial/calendar"
    form_fields = ["date", "is_working_day", "name", "legal_basis"]
    list_display = ["date", "is_working_day", "name", "legal_basis"]
    list_filter = ["is_working_day"]
    search_fields = ["name", "legal_basis"]


@hooks.register("register_admin_viewset")
def _calendar_viewset() -> CalendarDayViewSet:
    return CalendarDayViewSet("editorial_calendar")


@hooks.register("register_admin_urls")
def _compliance_urls() -> list[Any]:
    return [
        path("editorial/compliance/", ComplianceDashboardView.as_view(), name="editorial_compliance"),
        path("editorial/compliance/report/", ComplianceReportView.as_view(), name="editorial_compliance_report"),
        path("editorial/compliance/issued/", IssuedReportListView.as_view(), name="editorial_compliance_issued"),
        path(
            "editorial/compliance/issued/<int:pk>/",
            issued_report_download,
            name="editorial_compliance_issued_download",
        ),
    ]


class ManagementMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return is_portal_manager(request.user)


@hooks.register("register_reports_menu_item")
def _compliance_menu_item() -> MenuItem:
    return ManagementMenuItem(_("Tần suất cập nhật"), reverse("editorial_compliance"), icon_name="time", order=160)


@hooks.register("register_reports_menu_item")
def _compliance_report_menu_item() -> MenuItem:
    return ManagementMenuItem(
        _("Báo cáo gửi Sở TT&TT"), reverse("editorial_compliance_report"), icon_name="doc-full", order=161
    )


@hooks.register("construct_homepage_panels")
def _update_frequency_panel(request: HttpRequest, panels: list[Any]) -> None:
    if is_portal_manager(request.user) or units_of(request.user).exists():
        panels.append(UpdateFrequencyPanel())
