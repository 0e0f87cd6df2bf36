"""Royalty screens: the dashboard (budget spent and left), a month's lines to grade, statements, closing."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subportals.models import Unit

from . import permissions, rules, services, statements
from .enums import LineStatus
from .forms import ExcludeForm, GradeForm
from .ledger import RoyaltyLine, RoyaltyMonth
from .people import Contributor

FIRST_YEAR = 2000
LAST_YEAR = 2100


def _period(year: int, month: int) -> datetime.date:
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404
    return datetime.date(year, month, 1)


def _unit_for(request: HttpRequest, unit_id: int) -> Unit:
    """The unit, if the user may read its royalties; another unit's books answer 404, not 403."""
    unit = get_object_or_404(Unit, pk=unit_id)
    if not permissions.can_view(request.user, unit):
        raise Http404
    return unit


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if FIRST_YEAR <= year <= LAST_YEAR else timezone.localdate().year


def dashboard(request: HttpRequest) -> HttpResponse:
    if not permissions.has_royalty_access(request.user):
        raise PermissionDenied
    year = _year(request)
    units = list(permissions.statement_units(request.user).filter(is_active=True))
    totals = services.month_totals([unit.pk for unit in units], year)
    closed = set(RoyaltyMonth.objects.filter(unit__in=units, period__year=year).values_list("unit_id", "period"))
    rows = []
    for unit in units:
        months = []
        for month in range(1, 13):
            period = datetime.date(year, month, 1)
            figures = totals.get((unit.pk, period), {})
            months.append(
                {
                    "period": period,
                    "paid": figures.get(LineStatus.GRADED, 0),
                    "waiting": figures.get("waiting", 0),
                    "closed": (unit.pk, period) in closed,
                }
            )
        rows.append({"unit": unit, "budget": services.budget_status(unit, year), "months": months})
    return render(
        request,
        "editorial/admin/royalties_dashboard.html",
        {
            "page_title": _("Nhuận bút, thù lao"),
            "header_icon": "pick",
            "year": year,
            "years": [year - 1, year, year + 1],
            "rows": rows,
        },
    )


def month(request: HttpRequest, unit_id: int, year: int, month: int) -> HttpResponse:
    unit = _unit_for(request, unit_id)
    period = _period(year, month)
    lines = (
        RoyaltyLine.objects.filter(unit=unit, period=period)
        .select_related("contributor", "genre", "bonus", "adjusts")
        .order_by("status", "earned_on", "pk")
    )
    can_grade = permissions.can_grade(request.user, unit)
    closing = RoyaltyMonth.objects.filter(unit=unit, period=period).select_related("closed_by").first()
    return render(
        request,
        "editorial/admin/royalties_month.html",
        {
            "page_title": _("Nhuận bút tháng %(month)s – %(unit)s") % {"month": f"{period:%m/%Y}", "unit": unit},
            "header_icon": "pick",
            "unit": unit,
            "period": period,
            "lines": lines,
            "closing": closing,
            "can_grade": can_grade and closing is None,
            "can_adjust": can_grade and closing is not None,
            "can_close": permissions.can_close(request.user, unit) and closing is None,
            "grade_form": GradeForm(),
            "budget": services.budget_status(unit, period.year),
        },
    )


def _line_for(request: HttpRequest, pk: int) -> RoyaltyLine:
    line = get_object_or_404(RoyaltyLine.objects.select_related("unit", "contributor", "genre"), pk=pk)
    if not permissions.can_view(request.user, line.unit):
        raise Http404
    return line


def _month_url(line: RoyaltyLine) -> str:
    return reverse("editorial_royalties_month", args=[line.unit_id, line.period.year, line.period.month])


def line_detail(request: HttpRequest, pk: int) -> HttpResponse:
    line = _line_for(request, pk)
    return render(
        request,
        "editorial/admin/royalties_line.html",
        {
            "page_title": _("Dòng nhuận bút: %(title)s") % {"title": line.page_title},
            "header_icon": "pick",
            "line": line,
            "changes": line.changes.select_related("changed_by"),
            "adjustments": line.adjustments.all(),
            "closed": services.is_closed(line.unit, line.period),
            "can_grade": permissions.can_grade(request.user, line.unit),
            "grade_form": GradeForm(
                initial={
                    "genre": line.genre.code if line.genre else "",
                    "coefficient": line.coefficient or "",
                    "bonus": line.bonus.code if line.bonus else "",
                }
            ),
            "exclude_form": ExcludeForm(),
            "month_url": _month_url(line),
        },
    )


def _report(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@require_POST
def line_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """grade, exclude or adjust one line; only the unit's board head, with the month lock enforced."""
    if action not in {"grade", "exclude", "adjust"}:
        raise Http404
    line = _line_for(request, pk)
    if not permissions.can_grade(request.user, line.unit):
        raise PermissionDenied
    form = ExcludeForm(request.POST) if action == "exclude" else GradeForm(request.POST)
    if not form.is_valid():
        _report(request, form)
        return redirect(_back(request, line))
    data = form.cleaned_data
    try:
        if action == "exclude":
            services.exclude(line, by=request.user, reason=data["reason"])
            messages.success(request, _("Đã ghi «không chi trả» cho «%(title)s».") % {"title": line.page_title})
        else:
            operation = services.adjust if action == "adjust" else services.grade
            result = operation(
                line,
                genre_code=data["genre"],
                coefficient=data["coefficient"],
                bonus_code=data.get("bonus") or "",
                reason=data.get("reason") or "",
                by=request.user,
            )
            messages.success(
                request,
                _("Đã chấm «%(title)s»: %(amount)s đồng.")
                % {"title": line.page_title, "amount": services.money(result.line.amount)},
            )
            for warning in result.warnings:
                messages.warning(request, warning)
    except rules.RuleError as error:
        messages.error(request, str(error))
    return redirect(_back(request, line))


def _back(request: HttpRequest, line: RoyaltyLine) -> str:
    if request.POST.get("next") == "line":
        return reverse("editorial_royalties_line", args=[line.pk])
    return _month_url(line)


@require_POST
def close(request: HttpRequest, unit_id: int, year: int, month: int) -> HttpResponse:
    unit = _unit_for(request, unit_id)
    period = _period(year, month)
    if not permissions.can_close(request.user, unit):
        raise PermissionDenied
    try:
        closing = services.close_month(unit, period, request.user)
    except rules.RuleError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Đã khóa sổ tháng %(month)s: %(count)s dòng, %(total)s đồng.")
            % {"month": f"{period:%m/%Y}", "count": closing.line_count, "total": services.money(closing.total)},
        )
    return redirect("editorial_royalties_month", unit_id=unit.pk, year=year, month=month)


def statement(request: HttpRequest, unit_id: int, year: int, month: int) -> HttpResponse:
    unit = _unit_for(request, unit_id)
    period = _period(year, month)
    contributor = None
    if request.GET.get("contributor"):
        try:
            contributor = Contributor.objects.filter(unit=unit, pk=int(request.GET["contributor"])).first()
        except ValueError:
            contributor = None
        if contributor is None:
            raise Http404
    result = statements.build_statement(
        unit,
        period,
        contributor=contributor,
        with_personal_data=permissions.can_see_personal_data(request.user, unit),
    )
    fmt = request.GET.get("export", "")  # ?export= is logged by security.middleware (S-HD 14.2).
    if fmt in {"xlsx", "pdf"}:
        data = statements.render(result, fmt)
        response = HttpResponse(data, content_type="application/pdf" if fmt == "pdf" else statements.XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{statements.filename(result, fmt)}"'
        return response
    return render(
        request,
        "editorial/admin/royalties_statement.html",
        {
            "page_title": _("Bảng kê nhuận bút tháng %(month)s – %(unit)s")
            % {"month": f"{period:%m/%Y}", "unit": unit},
            "header_icon": "pick",
            "statement": result,
            "contributor": contributor,
            "contributors": Contributor.objects.filter(lines__unit=unit, lines__period=period).distinct(),
            "unit": unit,
            "period": period,
        },
    )
