"""Admin screens of the portal app."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Category


class CategoryViewSet(SnippetViewSet):
    """The twelve categories: names and descriptions can be edited, codes and numbers cannot."""

    model = Category
    icon = "tag"
    menu_label = _("Chuyên mục")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["number", "name_vi", "name_en", "name_ru", "code"]
    ordering = ["number"]
    search_fields = ["name_vi", "name_en", "name_ru", "code"]
