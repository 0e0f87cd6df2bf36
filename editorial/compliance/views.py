"""Admin screens of update monitoring: the management unit's dashboard, reports, issued reports."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from security import audit
from subportals.permissions import is_portal_manager

from . import issuing
from .charts import monthly_chart
from .enums import ReportFormat, ReportSource
from .models import IssuedReport
from .report import build_report, monthly_totals, status_lines
from .rules import PERIOD_FORMATS, PeriodError, month_period, parse_period, quarter_period, week_period


class ManagementOnlyMixin:
    """Every unit's figures are the management unit's business (P-Art. 11.3)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_portal_manager(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ComplianceDashboardView(ManagementOnlyMixin, TemplateView):
    template_name = "editorial/admin/compliance_dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        lines = status_lines()
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Tần suất cập nhật"),
            "header_icon": "time",
            "lines": lines,
            "chart": monthly_chart(monthly_totals(lines)),
            "totals": monthly_totals(lines),
            "today": timezone.localdate(),
        }


def quick_periods(today: datetime.date) -> list[tuple[str, str]]:
    last_week = week_period(today - datetime.timedelta(days=7))
    previous_month = month_period(*(today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1))
    quarter = (today.month - 1) // 3 + 1
    return [
        (week_period(today).key, _("Tuần này")),
        (last_week.key, _("Tuần trước")),
        (month_period(today.year, today.month).key, _("Tháng này")),
        (previous_month.key, _("Tháng trước")),
        (quarter_period(today.year, quarter).key, _("Quý này")),
        (str(today.year), _("Năm nay")),
    ]


class ReportForm(forms.Form):
    period = forms.CharField(
        label=gettext_lazy("Kỳ báo cáo"),
        max_length=40,
        help_text=gettext_lazy("Tuần, tháng, quý, năm hoặc khoảng ngày, ví dụ: %(formats)s")
        % {"formats": PERIOD_FORMATS},
        error_messages={"max_length": gettext_lazy("Kỳ báo cáo quá dài (tối đa %(limit_value)d ký tự).")},
    )
    format = forms.ChoiceField(label=gettext_lazy("Định dạng"), choices=ReportFormat.choices, required=False)

    def clean_period(self) -> Any:
        try:
            return parse_period(self.cleaned_data["period"])
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None


class ComplianceReportView(ManagementOnlyMixin, TemplateView):
    """Preview a period's report; issuing it stores the file for good and downloads it."""

    template_name = "editorial/admin/compliance_report.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        data = request.GET if "period" in request.GET else None
        form = ReportForm(data, initial={"period": quick_periods(timezone.localdate())[3][0]})
        return self._page(request, form)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ReportForm(request.POST)
        if not form.is_valid() or not form.cleaned_data.get("format"):
            if form.is_valid():
                form.add_error("format", _("Chọn định dạng của báo cáo."))
            return self._page(request, form, status=400)
        report = build_report(form.cleaned_data["period"])
        [issued] = issuing.issue(report, [form.cleaned_data["format"]], user=request.user, source=ReportSource.ADMIN)
        messages.success(
            request,
            _("Đã phát hành báo cáo số %(number)s (%(format)s); bản lưu xem lại được ở mục Báo cáo đã phát hành.")
            % {"number": issued.number, "format": issued.get_format_display()},
        )
        return file_response(issued)

    def _page(self, request: HttpRequest, form: ReportForm, status: int = 200) -> HttpResponse:
        period = form.cleaned_data.get("period") if form.is_bound and not form.errors.get("period") else None
        report = build_report(period) if period is not None and "period" not in form.errors else None
        context = {
            "page_title": _("Báo cáo tần suất cập nhật"),
            "header_icon": "doc-full",
            "form": form,
            "report": report,
            "quick_periods": quick_periods(timezone.localdate()),
            "formats": ReportFormat.choices,
        }
        return render(request, self.template_name, context, status=status)


def file_response(issued: IssuedReport) -> HttpResponse:
    from .exports import CONTENT_TYPES

    response = HttpResponse(bytes(issued.content), content_type=CONTENT_TYPES[issued.format])
    response["Content-Disposition"] = f'attachment; filename="{issued.filename}"'
    response["X-Content-SHA256"] = issued.sha256
    response["Cache-Control"] = "private, no-store"
    return response


class IssuedReportListView(ManagementOnlyMixin, TemplateView):
    template_name = "editorial/admin/compliance_issued.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        queryset = IssuedReport.objects.select_related("issued_by").defer("content")
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Báo cáo đã phát hành"),
            "header_icon": "doc-full-inverse",
            "reports": Paginator(queryset, 50).get_page(self.request.GET.get("p")),
        }


def issued_report_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored file, byte for byte; refused if it no longer matches its checksum."""
    if not is_portal_manager(request.user):
        raise PermissionDenied
    issued = get_object_or_404(IssuedReport, pk=pk)
    if not issued.intact:
        return HttpResponse(
            _("Tệp báo cáo này không còn khớp mã kiểm tra khi phát hành: dữ liệu đã bị thay đổi."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    audit.record("report.download", issued)
    return file_response(issued)
