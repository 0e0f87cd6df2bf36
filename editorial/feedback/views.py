"""Admin screens «Hỏi đáp, góp ý»: the list, one question with its history and actions, statistics.

A question outside the user's units answers 404 everywhere (list, detail, attachment, actions).
Actions are POST forms with CSRF; a refused form is shown again with what was typed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from editorial.calendar import load_calendar
from editorial.compliance.rules import PERIOD_FORMATS, PeriodError, parse_period
from security import audit
from subportals.models import Unit
from subportals.permissions import is_portal_manager

from . import permissions, services, stats
from .enums import CloseReason, Status
from .forms import AnswerForm, ApproveForm, AssignForm, CloseForm, ListFilterForm, PublicationForm, ReasonForm
from .models import Feedback, FeedbackAttachment
from .public import PERSONAL_FIELDS
from .rules import working_days_taken

PER_PAGE = 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACTIONS = ("assign", "draft", "submit", "approve", "return", "release", "close", "publication")


def _require_access(request: HttpRequest) -> None:
    if not permissions.has_access(request.user):
        raise PermissionDenied


def _item_for(request: HttpRequest, pk: int) -> Feedback:
    """The question if the user may see it; any other answers 404, as if it did not exist."""
    _require_access(request)
    return get_object_or_404(
        permissions.visible(request.user).select_related(
            "assigned_unit", "site_unit", "requested_unit", "answered_by", "approved_by"
        ),
        pk=pk,
    )


def feedback_list(request: HttpRequest) -> HttpResponse:
    _require_access(request)
    user = request.user
    manager = is_portal_manager(user)
    units = None if manager else Unit.objects.filter(pk__in=permissions.member_unit_ids(user))
    form = ListFilterForm(request.GET or None, units=units)
    queryset = permissions.visible(user).select_related("assigned_unit").defer(*PERSONAL_FIELDS, "question", "answer")
    today = timezone.localdate()
    code = (form.value("q") or "").strip().upper().replace("-", "").replace(" ", "")
    if code:
        queryset = queryset.filter(code__startswith=code[:10])
    if form.value("status"):
        queryset = queryset.filter(status=form.value("status"))
    if form.value("unit"):
        queryset = queryset.filter(assigned_unit=form.value("unit"))
    if form.value("overdue"):
        queryset = queryset.overdue(today)
    if form.value("date_from"):
        queryset = queryset.filter(received_at__date__gte=form.value("date_from"))
    if form.value("date_to"):
        queryset = queryset.filter(received_at__date__lte=form.value("date_to"))
    page = Paginator(queryset.order_by("-received_at", "-pk"), PER_PAGE).get_page(request.GET.get("p"))
    kept = {key: value for key, value in request.GET.items() if key != "p" and len(value) <= 40}
    return render(
        request,
        "editorial/admin/feedback_list.html",
        {
            "page_title": _("Hỏi đáp, góp ý"),
            "header_icon": "help",
            "form": form,
            "items": page,
            "today": today,
            "manager": manager,
            "can_see_statistics": permissions.can_see_statistics(user),
            "querystring": urlencode(kept),
            "unassigned": Feedback.objects.filter(status=Status.RECEIVED).count() if manager else None,
        },
    )


def _forms_for(item: Feedback, bound: dict[str, Any]) -> dict[str, Any]:
    """The action forms the template shows; ``bound`` holds a refused form to show again."""
    approve_initial = {
        "answer": item.answer,
        "publish": item.consent_publish,
        "published_title": item.published_title or item.title,
        "published_question": item.published_question or item.question,
    }
    return {
        "assign_form": bound.get("assign") or AssignForm(initial={"unit": item.requested_unit_id}),
        "answer_form": bound.get("draft") or bound.get("submit") or AnswerForm(initial={"answer": item.answer}),
        "approve_form": bound.get("approve") or ApproveForm(initial=approve_initial),
        "publication_form": bound.get("publication")
        or PublicationForm(
            initial={
                "publish": item.is_published,
                "published_title": item.published_title,
                "published_question": item.published_question,
            }
        ),
        "return_form": bound.get("return") or ReasonForm(),
        "release_form": bound.get("release") or ReasonForm(),
        "close_form": bound.get("close") or CloseForm(),
    }


def _detail(request: HttpRequest, item: Feedback, bound: dict[str, Any] | None = None, status: int = 200):
    user = request.user
    today = timezone.localdate()
    calendar = load_calendar()
    late_days = working_days_taken(item.deadline, today, calendar) if item.is_overdue(today) else 0
    context = {
        "page_title": _("Câu hỏi %(code)s") % {"code": item.code},
        "header_icon": "help",
        "item": item,
        "events": item.events.select_related("actor", "from_unit", "to_unit"),
        "attachments": item.attachments.defer("personal_content"),
        "overdue": item.is_overdue(today),
        "late_days": late_days,
        "can_assign": permissions.can_assign(user, item),
        "can_draft": permissions.can_draft(user, item),
        "can_approve": permissions.can_approve(user, item),
        "can_return": permissions.can_return(user, item),
        "can_release": permissions.can_release(user, item),
        "can_close": permissions.can_close(user, item),
        "can_edit_publication": permissions.can_edit_publication(user, item),
        "close_reasons": CloseReason.choices,
        **_forms_for(item, bound or {}),
    }
    return render(request, "editorial/admin/feedback_detail.html", context, status=status)


def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _item_for(request, pk))


def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """The citizen's file, always as a download, never rendered by the browser."""
    item = _item_for(request, pk)
    attachment = get_object_or_404(FeedbackAttachment, pk=attachment_pk, feedback=item)
    if not attachment.intact:
        return HttpResponse(
            _("Tệp đính kèm không còn khớp mã kiểm tra khi tiếp nhận: dữ liệu đã bị thay đổi."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    audit.record("personal_data.export", attachment, object_repr=attachment.audit_repr())
    response = HttpResponse(bytes(attachment.personal_content), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.filename)
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


FORMS = {
    "assign": AssignForm,
    "draft": AnswerForm,
    "submit": AnswerForm,
    "approve": ApproveForm,
    "return": ReasonForm,
    "release": ReasonForm,
    "close": CloseForm,
    "publication": PublicationForm,
}
DONE = {
    "assign": _("Đã chuyển câu hỏi đến đơn vị «%(unit)s»."),
    "draft": _("Đã lưu dự thảo câu trả lời."),
    "submit": _("Đã gửi câu trả lời để trưởng ban biên tập duyệt."),
    "approve": _("Đã duyệt câu trả lời."),
    "return": _("Đã trả lại dự thảo."),
    "release": _("Đã trả câu hỏi về Trung tâm Cổng để chuyển đơn vị khác."),
    "close": _("Đã đóng câu hỏi."),
    "publication": _("Đã cập nhật nội dung công khai."),
}


def _run(action: str, item: Feedback, user: Any, data: dict[str, Any]) -> Feedback:
    if action == "assign":
        return services.assign(item, data["unit"], user, note=data.get("note", ""))
    if action in ("draft", "submit"):
        return services.save_answer(item, user, data["answer"], submit=action == "submit")
    if action == "approve":
        return services.approve(
            item,
            user,
            answer=data["answer"],
            publish=data["publish"],
            published_title=data["published_title"],
            published_question=data["published_question"],
        )
    if action == "return":
        return services.return_draft(item, user, data["note"])
    if action == "release":
        return services.release(item, user, data["note"])
    if action == "close":
        return services.close(item, user, data["reason"], data.get("note", ""))
    return services.update_publication(
        item,
        user,
        publish=data["publish"],
        published_title=data["published_title"],
        published_question=data["published_question"],
    )


@require_POST
def feedback_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    item = _item_for(request, pk)
    form = FORMS[action](request.POST)
    if not form.is_valid():
        messages.error(request, _("Chưa thực hiện được: hãy xem các lỗi bên dưới."))
        return _detail(request, item, {action: form}, status=400)
    try:
        item = _run(action, item, request.user, form.cleaned_data)
    except services.FeedbackError as error:
        messages.error(request, str(error))
        return _detail(request, _item_for(request, pk), {action: form}, status=409)
    message = DONE[action]
    if action == "assign":
        message = message % {"unit": item.assigned_unit.name_vi}
    messages.success(request, message)
    if not permissions.can_view(request.user, item):
        # Handed back to the management unit: the unit no longer sees it.
        return redirect("editorial_feedback")
    return redirect("editorial_feedback_detail", pk=item.pk)


def _period_from(request: HttpRequest) -> tuple[str, Any, str]:
    text = (request.GET.get("period") or str(timezone.localdate().year))[:60]
    try:
        return text, parse_period(text), ""
    except PeriodError as error:
        year = timezone.localdate().year
        return text, parse_period(str(year)), str(error)


def statistics(request: HttpRequest) -> HttpResponse:
    """Per unit and period: received, answered, overdue, average answer time (management unit only)."""
    if not permissions.can_see_statistics(request.user):
        raise PermissionDenied
    text, period, error = _period_from(request)
    result = stats.build_statistics(period.start, period.end)
    fmt = request.GET.get("export", "")  # ?export= is logged by security.middleware (S-HD 14.2)
    if fmt in ("csv", "xlsx") and not error:
        content_type = "text/csv; charset=utf-8" if fmt == "csv" else XLSX_TYPE
        response = HttpResponse(stats.export(result, fmt), content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, stats.filename(result, fmt))
        response["Cache-Control"] = "private, no-store"
        return response
    today = timezone.localdate()
    quick = [
        (str(today.year), _("Năm nay")),
        (str(today.year - 1), _("Năm trước")),
        (f"{today.year}-Q{(today.month - 1) // 3 + 1}", _("Quý này")),
        (f"{today:%Y-%m}", _("Tháng này")),
    ]
    return render(
        request,
        "editorial/admin/feedback_stats.html",
        {
            "page_title": _("Thống kê hỏi đáp, góp ý"),
            "header_icon": "help",
            "period_text": text,
            "period": period,
            "error": error,
            "formats_help": PERIOD_FORMATS,
            "statistics": result,
            "rows": stats.table_rows(result),
            "columns": stats.columns(),
            "quick_periods": quick,
        },
        status=400 if error else 200,
    )
