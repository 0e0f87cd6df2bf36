"""Two admin doors that would otherwise let content past the board, closed before the view runs.

- Approving from the dashboard posts straight to Wagtail's workflow-action view, which never
  sees the page form: the editorial checks run here, and a failing page goes back to its editor
  screen with one message per problem instead of an approval.
- wagtail-localize's "update translations" screen can publish every translation at once
  ("Publish immediately"), skipping review: that choice is dropped for everyone but operators and
  the updated translations are saved as drafts for the board.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.models import TaskState

from .checks import check_page


class WorkflowGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: dict[str, Any]):
        match = request.resolver_match
        if request.method != "POST" or match is None or not request.user.is_authenticated:
            return None
        view = f"{match.namespace}:{match.url_name}"
        if view == "wagtailadmin_pages:workflow_action" and view_kwargs.get("action_name") == "approve":
            return self._check_before_approval(request, view_kwargs)
        publishes = request.POST.get("publish_translations") and not request.user.is_superuser
        if view == "wagtail_localize:update_translations" and publishes:
            data = request.POST.copy()
            data.pop("publish_translations")
            request.POST = data
            messages.warning(
                request,
                _("Bản dịch được cập nhật dưới dạng bản nháp: cần gửi Ban biên tập duyệt trước khi đăng."),
            )
        return None

    def _check_before_approval(self, request: HttpRequest, view_kwargs: dict[str, Any]) -> HttpResponse | None:
        task_state = TaskState.objects.filter(pk=view_kwargs.get("task_state_id")).first()
        obj = task_state.workflow_state.content_object if task_state is not None else None
        if obj is None:
            return None
        # The last approval publishes the latest revision, edits made during review included.
        failures = check_page(obj.get_latest_revision_as_object())
        if not failures:
            return None
        messages.error(request, _("Chưa duyệt được: tin bài cần sửa trước khi đăng."))
        for failure in failures:
            messages.error(request, failure.message)
        edit_url = reverse("wagtailadmin_pages:edit", args=[view_kwargs["page_id"]])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return render_modal_workflow(request, "", None, {}, json_data={"step": "success", "redirect": edit_url})
        return redirect(edit_url)
