"""Admin wiring of royalties (imported by the editorial app's wagtail_hooks)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .permissions import has_royalty_access
from .viewsets import RoyaltyViewSetGroup


@hooks.register("register_admin_viewset")
def _royalty_viewsets() -> RoyaltyViewSetGroup:
    return RoyaltyViewSetGroup()


@hooks.register("register_admin_urls")
def _royalty_urls() -> list[Any]:
    month = "editorial/royalties/<int:unit_id>/<int:year>/<int:month>/"
    return [
        path("editorial/royalties/", views.dashboard, name="editorial_royalties"),
        path(month, views.month, name="editorial_royalties_month"),
        path(f"{month}statement/", views.statement, name="editorial_royalties_statement"),
        path(f"{month}close/", views.close, name="editorial_royalties_close"),
        path("editorial/royalties/lines/<int:pk>/", views.line_detail, name="editorial_royalties_line"),
        path(
            "editorial/royalties/lines/<int:pk>/<str:action>/",
            views.line_action,
            name="editorial_royalties_line_action",
        ),
    ]


class RoyaltyMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return has_royalty_access(request.user)


@hooks.register("register_reports_menu_item")
def _royalty_menu_item() -> MenuItem:
    return RoyaltyMenuItem(_("Nhuận bút, thù lao"), reverse("editorial_royalties"), icon_name="pick", order=170)
