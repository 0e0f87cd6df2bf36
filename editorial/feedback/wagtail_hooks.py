"""Admin wiring of citizens' questions (imported by the editorial app's wagtail_hooks)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import permissions, views
from .panels import OverdueFeedbackPanel


@hooks.register("register_admin_urls")
def _feedback_urls() -> list[Any]:
    return [
        path("editorial/feedback/", views.feedback_list, name="editorial_feedback"),
        path("editorial/feedback/statistics/", views.statistics, name="editorial_feedback_statistics"),
        path("editorial/feedback/<int:pk>/", views.feedback_detail, name="editorial_feedback_detail"),
        path(
            "editorial/feedback/<int:pk>/attachments/<int:attachment_pk>/",
            views.attachment_download,
            name="editorial_feedback_attachment",
        ),
        path("editorial/feedback/<int:pk>/<str:action>/", views.feedback_action, name="editorial_feedback_action"),
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.has_access(request.user)


@hooks.register("register_admin_menu_item")
def _feedback_menu_item() -> MenuItem:
    return FeedbackMenuItem(_("Hỏi đáp, góp ý"), reverse("editorial_feedback"), icon_name="help", order=250)


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.can_see_statistics(request.user)


@hooks.register("register_reports_menu_item")
def _feedback_statistics_menu_item() -> MenuItem:
    return StatisticsMenuItem(
        _("Thống kê hỏi đáp, góp ý"), reverse("editorial_feedback_statistics"), icon_name="help", order=165
    )


@hooks.register("construct_homepage_panels")
def _feedback_panel(request: HttpRequest, panels: list[Any]) -> None:
    if permissions.has_access(request.user):
        panels.append(OverdueFeedbackPanel())
