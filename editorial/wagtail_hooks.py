"""Admin wiring of the editorial app."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page

from .compliance import wagtail_hooks as compliance_hooks  # noqa: F401
from .feedback import wagtail_hooks as feedback_hooks  # noqa: F401
from .obligations import wagtail_hooks as obligation_hooks  # noqa: F401
from .royalties import wagtail_hooks as royalty_hooks  # noqa: F401
from .views import DocxImportView, can_import_into
from .workflow.panels import OverdueReviewsPanel, TranslationsToDoPanel
from .workflow.views import TranslationStatusView, submit_for_review


@hooks.register("register_admin_urls")
def _editorial_admin_urls() -> list[Any]:
    return [
        path("editorial/import-docx/<int:section_id>/", DocxImportView.as_view(), name="editorial_import_docx"),
        path("editorial/translations/", TranslationStatusView.as_view(), name="editorial_translation_status"),
        path("editorial/submit/<int:page_id>/", submit_for_review, name="editorial_submit_for_review"),
    ]


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


@hooks.register("construct_homepage_panels")
def _workflow_panels(request: Any, panels: list[Any]) -> None:
    panels.append(OverdueReviewsPanel())
    panels.append(TranslationsToDoPanel())


@hooks.register("register_reports_menu_item")
def _translation_status_menu_item() -> MenuItem:
    return MenuItem(_("Bản dịch cần xử lý"), reverse("editorial_translation_status"), icon_name="globe", order=150)
