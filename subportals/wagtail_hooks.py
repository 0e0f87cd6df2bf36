"""Admin and serving hooks that keep each unit inside its own sub-portal (P-Art. 6.1)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from wagtail import hooks
from wagtail.models import Page, Site
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import Unit
from .permissions import scope_pages
from .services import unit_for_site
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
    unit = unit_for_site(Site.find_for_request(request))
    if unit is not None and not unit.is_active:
        raise Http404


@hooks.register("register_admin_urls")
def _subportal_admin_urls() -> list[Any]:
    from django.urls import path

    from .views import CreateSubportalView

    return [path("subportals/new/", CreateSubportalView.as_view(), name="subportals_create")]


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
