"""Admin wiring: the issuing bodies (managed by the portal management unit) and copy protection."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import IssuingBody, LegalDocumentPage


class IssuingBodyPermissionPolicy(ModelPermissionPolicy):
    """The management unit (Trung tâm Cổng TTĐT) keeps the list of issuing bodies; units only use it."""

    MANAGER_ACTIONS = frozenset({"add", "change", "delete", "view"})

    def user_has_permission(self, user: Any, action: str) -> bool:
        from subportals.permissions import is_portal_manager

        if action in self.MANAGER_ACTIONS and is_portal_manager(user):
            return True
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class IssuingBodyViewSet(SnippetViewSet):
    model = IssuingBody
    icon = "doc-full"
    menu_label = gettext_lazy("Cơ quan ban hành")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name_vi", "abbreviation", "kind", "code", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_vi", "name_en", "name_ru", "abbreviation", "code"]
    ordering = ["sort_order", "name_vi"]


register_permission_policy(IssuingBody, IssuingBodyPermissionPolicy(IssuingBody))
register_snippet(IssuingBodyViewSet)


@hooks.register("before_copy_page")
def _legal_documents_are_not_copied(request: HttpRequest, page: Page) -> HttpResponse | None:
    """A copy would carry the same number of the same body, which must stay unique: make a new document."""
    if not LegalDocumentPage.objects.descendant_of(page, inclusive=True).exists():
        return None
    messages.error(
        request,
        _(
            "Không sao chép được văn bản pháp luật: mỗi văn bản của một cơ quan ban hành có số, ký hiệu riêng. "
            "Hãy tạo văn bản mới."
        ),
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
