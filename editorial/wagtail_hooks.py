"""Admin wiring of the editorial app."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page

from .views import DocxImportView, can_import_into


@hooks.register("register_admin_urls")
def _editorial_admin_urls() -> list[Any]:
    return [path("editorial/import-docx/<int:section_id>/", DocxImportView.as_view(), name="editorial_import_docx")]


@hooks.register("register_page_header_buttons")
def _import_docx_button(page: Page, user: Any, view_name: str, next_url: str | None = None) -> Any:
    from portal.models import SectionPage

    if page.specific_class is SectionPage and can_import_into(user, page.specific):
        yield PageMenuItem(
            _("Nhập từ tệp .docx"),
            reverse("editorial_import_docx", args=[page.pk]),
            icon_name="doc-full",
            priority=75,
            page=page,
        )
