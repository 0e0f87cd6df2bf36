"""Admin and serving hooks that keep each unit inside its own sub-portal (P-Art. 6.1)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import Unit
from .permissions import scope_pages
from .services import current_unit
from .viewsets import UnitPermissionPolicy, UnitViewSet

register_permission_policy(Unit, UnitPermissionPolicy(Unit))
register_snippet(UnitViewSet)


@hooks.register("construct_page_chooser_queryset")
def _chooser_shows_own_units_only(pages: Any, request: HttpRequest) -> Any:
    """Wagtail's page chooser lists every site's pages by design (wagtail#1700); ours does not."""
    return scope_pages(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def _explorer_shows_own_units_only(parent_page: Page, pages: Any, request: HttpRequest) -> Any:
    return scope_pages(pages, request.user)


@hooks.register("before_serve_page")
def _inactive_unit_is_hidden(page: Page, request: HttpRequest, serve_args: Any, serve_kwargs: Any) -> None:
    """A deactivated unit's site answers 404; its content stays in the database untouched."""
    unit = current_unit(request)
    if unit is not None and not unit.is_active:
        raise Http404


@hooks.register("register_admin_urls")
def _subportal_admin_urls() -> list[Any]:
    from django.urls import path

    from .views import CreateSubportalView, ProposeSyndicationView, SyndicationListView, decide_syndication

    return [
        path("subportals/new/", CreateSubportalView.as_view(), name="subportals_create"),
        path("syndication/", SyndicationListView.as_view(), name="subportals_syndication"),
        path(
            "syndication/propose/<int:page_id>/",
            ProposeSyndicationView.as_view(),
            name="subportals_syndication_propose",
        ),
        path("syndication/<int:request_id>/decide/", decide_syndication, name="subportals_syndication_decide"),
    ]


@hooks.register("register_page_header_buttons")
def _propose_to_main_portal_button(page: Page, user: Any, view_name: str, next_url: str | None = None) -> Any:
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.ui.menus.pages import PageMenuItem

    from .syndication import can_propose

    if can_propose(user, page):
        yield PageMenuItem(
            _("Đề xuất lên cổng chính"),
            reverse("subportals_syndication_propose", args=[page.pk]),
            icon_name="upload",
            priority=80,
            page=page,
        )


@hooks.register("register_admin_menu_item")
def _create_subportal_menu_item() -> Any:
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import MenuItem

    from .views import can_create_subportal

    class CreateSubportalMenuItem(MenuItem):
        def is_shown(self, request: HttpRequest) -> bool:
            return can_create_subportal(request.user)

    return CreateSubportalMenuItem(_("Tạo cổng thành phần"), reverse("subportals_create"), icon_name="plus", order=320)


@hooks.register("register_admin_menu_item")
def _syndication_menu_item() -> Any:
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import MenuItem

    return MenuItem(_("Đề xuất lên cổng chính"), reverse("subportals_syndication"), icon_name="upload", order=330)


@hooks.register("construct_reports_menu")
def _hide_portal_wide_reports(request: HttpRequest, menu_items: list[Any]) -> None:
    """Reports over every unit's pages are the management unit's (see middleware.MANAGEMENT_ONLY_URLS)."""
    from .permissions import is_portal_manager

    if is_portal_manager(request.user):
        return
    hidden = ("/reports/page-types-usage/", "/localize/reports/translations/")
    menu_items[:] = [item for item in menu_items if not any(part in str(item.url) for part in hidden)]
