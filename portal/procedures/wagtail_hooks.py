"""Admin wiring: the import screens and their button on the list, the field vocabulary, copy protection."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import ProcedureField, ProcedureIndexPage, ProcedurePage


@hooks.register("register_admin_urls")
def _procedure_admin_urls() -> list[Any]:
    return [
        path("procedures/import/<int:index_id>/", views.ImportUploadView.as_view(), name="procedures_import"),
        path(
            "procedures/import/<int:index_id>/mau.csv",
            views.ImportTemplateView.as_view(),
            name="procedures_import_template",
        ),
        path("procedures/imports/<int:batch_id>/", views.ImportPreviewView.as_view(), name="procedures_import_preview"),
        path(
            "procedures/imports/<int:batch_id>/huy/", views.ImportCancelView.as_view(), name="procedures_import_cancel"
        ),
        path(
            "procedures/imports/<int:batch_id>/ket-qua/",
            views.ImportResultView.as_view(),
            name="procedures_import_result",
        ),
    ]


@hooks.register("register_page_header_buttons")
def _import_button(page: Page, user: Any, view_name: str, next_url: str | None = None) -> Iterator[Any]:
    if page.specific_class is ProcedureIndexPage and views.can_import_into(user, page.specific):
        yield PageMenuItem(
            _("Nhập thủ tục từ tệp CSV/XLSX"),
            reverse("procedures_import", args=[page.pk]),
            icon_name="upload",
            priority=70,
            page=page,
        )


@hooks.register("before_copy_page")
def _procedures_are_not_copied(request: HttpRequest, page: Page) -> HttpResponse | None:
    """A copy would carry the same national code on the same portal, which must stay unique."""
    if not ProcedurePage.objects.descendant_of(page, inclusive=True).exists():
        return None
    messages.error(
        request,
        _("Không sao chép thủ tục hành chính (mã thủ tục phải là duy nhất): hãy tạo trang mới hoặc nhập từ tệp."),
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


class ProcedureFieldPermissionPolicy(ModelPermissionPolicy):
    """The management unit keeps the list of fields (names in three languages); units only use it."""

    MANAGER_ACTIONS = frozenset({"add", "change", "delete", "view"})

    def user_has_permission(self, user: Any, action: str) -> bool:
        from subportals.permissions import is_portal_manager

        if action in self.MANAGER_ACTIONS and is_portal_manager(user):
            return True
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class ProcedureFieldViewSet(SnippetViewSet):
    model = ProcedureField
    icon = "tag"
    menu_label = gettext_lazy("Lĩnh vực thủ tục")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["name_vi", "name_en", "name_ru", "code"]
    search_fields = ["name_vi", "name_en", "name_ru", "code"]
    ordering = ["name_vi"]


register_permission_policy(ProcedureField, ProcedureFieldPermissionPolicy(ProcedureField))
register_snippet(ProcedureFieldViewSet)
