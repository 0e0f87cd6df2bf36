"""Admin screens of the sub-portals app."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Unit


class UnitPermissionPolicy(ModelPermissionPolicy):
    """Units are deactivated, never deleted: their content must outlive them (P-Art. 10.1)."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "site"
    menu_label = _("Đơn vị")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name_vi", "code", "kind", "site", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_vi", "name_en", "name_ru", "code"]
