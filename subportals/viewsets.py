"""Admin screens of the sub-portals app."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Unit


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "site"
    menu_label = _("Đơn vị")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name_vi", "code", "kind", "site", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_vi", "name_en", "name_ru", "code"]
