"""Admin screens of the workflow: translations to do, and sending a page (a translation) for review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.models import Page

from .checks import check_page
from .translations import translation_rows


class TranslationStatusView(TemplateView):
    """The board's list of articles whose English or Russian version is missing or out of date."""

    template_name = "editorial/admin/translation_status.html"
    page_title = gettext_lazy("Bản dịch cần xử lý")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from portal.models import ArticlePage

        from .translations import sources_for

        show_all = self.request.GET.get("tat-ca") == "1"
        rows = [
            row for row in translation_rows(sources_for(self.request.user, ArticlePage)) if show_all or row.needs_work
        ]
        page = Paginator(rows, 50).get_page(self.request.GET.get("p"))
        return {
            **super().get_context_data(**kwargs),
            "page_title": self.page_title,
            "header_icon": "globe",
            "rows": page,
            "show_all": show_all,
        }


def submit_for_review(request: HttpRequest, page_id: int) -> HttpResponse:
    """Start the page's workflow on its latest draft, after the editorial checks.

    wagtail-localize's translation editor saves drafts but has no "submit" button; this is the
    door through which a translation reaches the same board as its source.
    """
    if request.method != "POST":
        return redirect("wagtailadmin_pages:edit", page_id)
    page = get_object_or_404(Page, pk=page_id).specific
    perms = page.permissions_for_user(request.user)
    workflow = page.get_workflow()
    if workflow is None or not perms.can_edit() or not perms.can_submit_for_moderation():
        raise PermissionDenied
    latest = page.get_latest_revision_as_object()
    failures = check_page(latest)
    if failures:
        messages.error(request, _("Chưa gửi duyệt được: tin bài cần sửa trước."))
        for failure in failures:
            messages.error(request, failure.message)
        return redirect("wagtailadmin_pages:edit", page.pk)
    if page.get_latest_revision() is None:
        page.save_revision(user=request.user, log_action=True)
    workflow.start(page, request.user)
    messages.success(request, _("Đã gửi «%(title)s» cho Ban biên tập duyệt.") % {"title": latest.title})
    return redirect("wagtailadmin_explore", page.get_parent().pk)
