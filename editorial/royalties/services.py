"""The royalty ledger's rules as plain functions: propose, grade, exclude, adjust, close, budget.

Called by the publish signal, the approval step, the admin views and the demo; each checks the
month lock itself, so no caller can edit a closed month by accident.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from subportals.models import Unit

from . import rules
from .enums import DEFAULT_GENRE, ContributorKind, CreditRole, LineStatus
from .ledger import PageGrade, RoyaltyBudget, RoyaltyLine, RoyaltyLineChange, RoyaltyMonth
from .people import Contributor

BUDGET_WARNING_PERCENT = 90


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(period: datetime.date) -> datetime.date:
    return (period.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def is_closed(unit: Unit, period: datetime.date) -> bool:
    return RoyaltyMonth.objects.filter(unit=unit, period=month_start(period)).exists()


def open_period(unit: Unit, day: datetime.date) -> datetime.date:
    """The month a line earned on ``day`` belongs to: its own, or the first open one after it."""
    period = month_start(day)
    closed = set(RoyaltyMonth.objects.filter(unit=unit, period__gte=period).values_list("period", flat=True))
    while period in closed:
        period = next_month(period)
    return period


def parse_coefficient(value: Any) -> Decimal:
    try:
        coefficient = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise rules.RuleError(_("Hệ số phải là một số, ví dụ 2,5.")) from None
    if not coefficient.is_finite():
        raise rules.RuleError(_("Hệ số phải là một số, ví dụ 2,5."))
    if not Decimal(0) < coefficient < Decimal(1000):
        raise rules.RuleError(_("Hệ số phải lớn hơn 0 và nhỏ hơn 1.000."))
    if coefficient != coefficient.quantize(Decimal("0.01")):
        raise rules.RuleError(_("Hệ số chỉ lấy đến hai chữ số thập phân."))
    return coefficient


# --- Proposing lines on publication -------------------------------------------------------------


def contributor_for_user(unit: Unit, user: Any) -> Contributor:
    """The user's contributor record in the unit, created as staff with no personal data when missing."""
    contributor = Contributor.objects.filter(unit=unit, user=user).first()
    if contributor is None:
        contributor = Contributor.objects.create(
            unit=unit,
            user=user,
            kind=ContributorKind.STAFF,
            full_name=(user.get_full_name() or user.get_username())[:120],
            email=user.email or "",
        )
    return contributor


def _go_live_day(page: Any) -> datetime.date:
    return timezone.localdate(page.first_published_at or timezone.now())


def _lock_unit(unit_id: int) -> None:
    """The lock close_month takes: lines of one unit are added, graded and closed one at a time."""
    Unit.objects.select_for_update().filter(pk=unit_id).first()


def _new_line(
    page: Any, unit: Unit, contributor: Contributor, role: str, share: Decimal, *, automatic: bool = False
) -> RoyaltyLine | None:
    day = _go_live_day(page)
    line, created = RoyaltyLine.objects.get_or_create(
        page=page,
        contributor=contributor,
        role=role,
        adjusts=None,
        defaults={
            "unit": unit,
            "period": open_period(unit, day),
            "page_title": page.title[:255],
            "language": page.locale.language_code,
            "earned_on": day,
            "share_percent": share,
            "automatic": automatic,
        },
    )
    if created:
        try:
            line.genre = rules.genre_on(DEFAULT_GENRE[role], day)
            line.save(update_fields=["genre"])
        except rules.RuleError:
            pass  # The board head picks a genre when grading.
    elif line.automatic and not automatic:
        # The publisher is now credited by name: the line is theirs by credit, with the credited share.
        line.automatic = False
        if line.status == LineStatus.PROPOSED:
            line.share_percent = share
        line.save(update_fields=["automatic", "share_percent"])
    return line if created else None


@transaction.atomic
def propose_for_page(page: Any, user: Any = None) -> list[RoyaltyLine]:
    """Lines for a page's contributors at its first publication in a language; never twice.

    The original (default language) pays its credited authors, photographers and video makers —
    or, without credits, the person who published it, until credits are added; a translation pays
    one translator, the user whose revision first went live, whoever republishes it later.
    """
    from portal.models import ArticlePage
    from subportals.permissions import unit_of_page

    if not isinstance(page, ArticlePage) or page.alias_of_id:
        return []
    unit = unit_of_page(page)
    if unit is None:
        return []
    _lock_unit(unit.pk)
    created: list[RoyaltyLine] = []
    if page.locale.language_code != settings.LANGUAGE_CODE:
        translated = RoyaltyLine.objects.filter(page=page, role=CreditRole.TRANSLATOR, adjusts=None).exists()
        if user is not None and not translated:
            line = _new_line(page, unit, contributor_for_user(unit, user), CreditRole.TRANSLATOR, Decimal(100))
            created += [line] if line else []
        return created
    credits = list(page.credits.select_related("contributor"))
    if credits:
        for credit in credits:
            line = _new_line(page, unit, credit.contributor, credit.role, credit.share_percent)
            created += [line] if line else []
        _retire_automatic_lines(page, by=user)
    elif user is not None and not RoyaltyLine.objects.filter(page=page).exists():
        line = _new_line(page, unit, contributor_for_user(unit, user), CreditRole.AUTHOR, Decimal(100), automatic=True)
        created += [line] if line else []
    apply_pending_grade(page)
    return created


def _retire_automatic_lines(page: Any, *, by: Any) -> None:
    """The publisher's automatic line gives way to the credits: removed while ungraded, else reversed.

    A graded line of an open month is marked not paid; one of a closed month is reversed by an
    adjustment line in the first open month, so nobody is paid twice for the same work.
    """
    reason = _("Thay bằng người hưởng ghi trong tin bài")
    for line in RoyaltyLine.objects.filter(page=page, adjusts=None, automatic=True).select_related("unit"):
        if line.status == LineStatus.PROPOSED:
            line.delete()  # Never graded: no history, no adjustment refers to it.
        elif is_closed(line.unit, line.period):
            paid = _paid_for(line)
            if paid:
                correction = _correction(line, by=by, reason=reason)
                correction.amount = -paid
                correction.save()
                _record_change(correction, _UNGRADED, by, reason)
        elif line.status == LineStatus.GRADED:
            exclude(line, by=by, reason=reason)


# --- Grading -------------------------------------------------------------------------------------


@dataclass
class GradeResult:
    line: RoyaltyLine
    warnings: list[str] = field(default_factory=list)


def _ensure_open(line: RoyaltyLine) -> None:
    if is_closed(line.unit, line.period):
        raise rules.RuleError(
            _("Tháng %(month)s đã khóa sổ: không sửa được, hãy lập dòng điều chỉnh ở tháng sau.")
            % {"month": f"{line.period:%m/%Y}"}
        )


def _record_change(line: RoyaltyLine, before: dict[str, Any], by: Any, reason: str) -> None:
    RoyaltyLineChange.objects.create(
        line=line,
        changed_by=by,
        status_before=before["status"],
        status_after=line.status,
        genre_before=before["genre"],
        genre_after=line.genre.name if line.genre else "",
        coefficient_before=before["coefficient"],
        coefficient_after=line.coefficient,
        amount_before=before["amount"],
        amount_after=line.amount,
        reason=reason[:500],
    )


def _snapshot(line: RoyaltyLine) -> dict[str, Any]:
    return {
        "status": line.status,
        "genre": line.genre.name if line.genre_id else "",
        "coefficient": line.coefficient,
        "amount": line.amount,
    }


def priced(line: RoyaltyLine, genre: Any, coefficient: Decimal, bonus: Any = None) -> int:
    """Set genre, coefficient, bonus and the rates of the publication day on the line; return the amount."""
    coefficient = rules.check_coefficient(genre, parse_coefficient(coefficient))
    rates = rules.rates_on(line.earned_on)
    line.genre, line.coefficient, line.bonus = genre, coefficient, bonus
    line.base_salary, line.unit_percent = rates.base_salary, rates.unit_percent
    line.amount = rules.amount(coefficient, rates, line.share_percent, bonus.percent if bonus else Decimal(0))
    return line.amount


def _genre_for(line: RoyaltyLine, genre_code: str) -> Any:
    return rules.genre_on(genre_code, line.earned_on)


@transaction.atomic
def grade(
    line: RoyaltyLine, *, genre_code: str, coefficient: Any, by: Any, bonus_code: str = "", reason: str = ""
) -> GradeResult:
    """The board head's grading; a change of an already graded line needs a reason and is kept."""
    _lock_unit(line.unit_id)
    line = RoyaltyLine.objects.select_for_update(of=("self",)).select_related("unit", "genre").get(pk=line.pk)
    _ensure_open(line)
    if line.is_adjustment:
        raise rules.RuleError(_("Dòng điều chỉnh không chấm lại; hãy lập dòng điều chỉnh mới."))
    reason = (reason or "").strip()
    if line.status != LineStatus.PROPOSED and not reason:
        raise rules.RuleError(_("Sửa một dòng đã chấm cần ghi lý do."))
    before = _snapshot(line)
    bonus = rules.bonus_on(bonus_code, line.earned_on) if bonus_code else None
    previous = line.amount if line.status == LineStatus.GRADED else 0
    priced(line, _genre_for(line, genre_code), coefficient, bonus)
    line.status = LineStatus.GRADED
    line.graded_by, line.graded_at = by, timezone.now()
    line.save()
    _record_change(line, before, by, reason)
    return GradeResult(line, budget_warnings(line.unit, line.period.year, line.amount - previous))


@transaction.atomic
def exclude(line: RoyaltyLine, *, by: Any, reason: str) -> RoyaltyLine:
    """Not paid (a reprint, an item paid elsewhere); the reason is required and kept."""
    _lock_unit(line.unit_id)
    line = RoyaltyLine.objects.select_for_update(of=("self",)).select_related("unit", "genre").get(pk=line.pk)
    _ensure_open(line)
    reason = (reason or "").strip()
    if not reason:
        raise rules.RuleError(_("Cần ghi lý do không chi trả."))
    before = _snapshot(line)
    line.status, line.amount, line.note = LineStatus.EXCLUDED, 0, reason[:500]
    line.graded_by, line.graded_at = by, timezone.now()
    line.save()
    _record_change(line, before, by, reason)
    return line


_UNGRADED: dict[str, Any] = {"status": LineStatus.PROPOSED, "genre": "", "coefficient": None, "amount": 0}


def _paid_for(line: RoyaltyLine) -> int:
    """What the item has cost in total: the line and every adjustment made to it since."""
    return line.amount + (line.adjustments.aggregate(total=Sum("amount"))["total"] or 0)


def _correction(line: RoyaltyLine, *, by: Any, reason: str) -> RoyaltyLine:
    """An unsaved adjustment line for ``line`` in the first open month, priced like the line."""
    return RoyaltyLine(
        unit=line.unit,
        period=open_period(line.unit, timezone.localdate()),
        page_id=line.page_id,
        page_title=line.page_title,
        language=line.language,
        earned_on=line.earned_on,
        contributor=line.contributor,
        role=line.role,
        share_percent=line.share_percent,
        genre=line.genre,
        coefficient=line.coefficient,
        bonus=line.bonus,
        base_salary=line.base_salary,
        unit_percent=line.unit_percent,
        adjusts=line,
        note=reason[:500],
        status=LineStatus.GRADED,
        graded_by=by,
        graded_at=timezone.now(),
    )


@transaction.atomic
def adjust(
    line: RoyaltyLine, *, genre_code: str, coefficient: Any, by: Any, reason: str, bonus_code: str = ""
) -> GradeResult:
    """Correct a line of a closed month: a new line in the first open month carrying the difference.

    The difference is measured against everything paid for the item (the line and all its
    adjustments), so corrections are made on the original line, never on an adjustment.
    """
    _lock_unit(line.unit_id)
    line = RoyaltyLine.objects.select_for_update(of=("self",)).select_related("unit", "contributor").get(pk=line.pk)
    if line.is_adjustment:
        raise rules.RuleError(
            _(
                "Đây là dòng điều chỉnh: hãy lập điều chỉnh trên dòng gốc #%(pk)s, để mức mới được so với "
                "tổng số đã chi cho tác phẩm."
            )
            % {"pk": line.adjusts_id}
        )
    if not is_closed(line.unit, line.period):
        raise rules.RuleError(_("Tháng này chưa khóa sổ: hãy sửa trực tiếp dòng nhuận bút."))
    reason = (reason or "").strip()
    if not reason:
        raise rules.RuleError(_("Dòng điều chỉnh cần ghi lý do."))
    paid = _paid_for(line)
    correction = _correction(line, by=by, reason=reason)
    bonus = rules.bonus_on(bonus_code, line.earned_on) if bonus_code else None
    due = priced(correction, _genre_for(line, genre_code), coefficient, bonus)
    if due == paid:
        raise rules.RuleError(_("Mức mới bằng số đã chi: không cần điều chỉnh."))
    correction.amount = due - paid
    correction.save()
    _record_change(correction, _UNGRADED, by, reason)
    return GradeResult(correction, budget_warnings(line.unit, correction.period.year, max(correction.amount, 0)))


def set_pending_grade(page: Any, *, genre_code: str, coefficient: Any, by: Any, bonus_code: str = "") -> list[str]:
    """The grade the board head gives when approving; applied as soon as the page's lines exist.

    Returns the messages for the board head: budget warnings, and lines the grade could not be
    applied to (the page is already published by then, so nothing here may fail the approval).
    """
    day = timezone.localdate()
    genre = rules.genre_on(genre_code, day)
    value = rules.check_coefficient(genre, parse_coefficient(coefficient))
    bonus = rules.bonus_on(bonus_code, day) if bonus_code else None
    PageGrade.objects.update_or_create(
        page_id=page.pk, defaults={"genre": genre, "coefficient": value, "bonus": bonus, "set_by": by}
    )
    return apply_pending_grade(page)


def apply_pending_grade(page: Any) -> list[str]:
    """Grade the page's still-proposed author lines with the approval's grade, if there is one.

    A line the grade does not fit (its publication day has other rules) stays to be graded on
    the month screen; the message says why.
    """
    pending = PageGrade.objects.filter(page_id=page.pk).select_related("genre", "bonus", "set_by").first()
    if pending is None:
        return []
    messages: list[str] = []
    graded = False
    lines = RoyaltyLine.objects.filter(
        page_id=page.pk, role=CreditRole.AUTHOR, status=LineStatus.PROPOSED, adjusts=None
    ).select_related("unit", "contributor")
    for line in lines:
        if is_closed(line.unit, line.period):
            continue
        try:
            result = grade(
                line,
                genre_code=pending.genre.code,
                coefficient=pending.coefficient,
                bonus_code=pending.bonus.code if pending.bonus else "",
                by=pending.set_by,
                reason=_("Chấm khi duyệt tin"),
            )
        except rules.RuleError as error:
            messages.append(
                _("Chưa chấm được nhuận bút của %(person)s cho «%(title)s»: %(error)s Hãy chấm trên màn hình tháng.")
                % {"person": line.contributor, "title": line.page_title, "error": error}
            )
            continue
        graded = True
        messages += result.warnings
    if graded:
        pending.delete()
    return messages


# --- Closing a month ----------------------------------------------------------------------------


@transaction.atomic
def close_month(unit: Unit, period: datetime.date, by: Any) -> RoyaltyMonth:
    period = month_start(period)
    if period >= month_start(timezone.localdate()):
        raise rules.RuleError(_("Chỉ khóa sổ được tháng đã kết thúc."))
    _lock_unit(unit.pk)  # One closing at a time per unit, and no line graded or added meanwhile.
    if is_closed(unit, period):
        raise rules.RuleError(_("Tháng %(month)s đã khóa sổ.") % {"month": f"{period:%m/%Y}"})
    lines = RoyaltyLine.objects.filter(unit=unit, period=period)
    waiting = lines.filter(status=LineStatus.PROPOSED).count()
    if waiting:
        raise rules.RuleError(
            _("Còn %(count)s dòng chưa chấm: hãy chấm hoặc ghi «không chi trả» trước khi khóa sổ.") % {"count": waiting}
        )
    from .statements import freeze

    paid = lines.filter(status=LineStatus.GRADED)
    return RoyaltyMonth.objects.create(
        unit=unit,
        period=period,
        closed_by=by,
        total=paid.aggregate(total=Sum("amount"))["total"] or 0,
        line_count=paid.count(),
        personal_statement=freeze(unit, period),
    )


# --- Budget ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetStatus:
    year: int
    budget: int | None
    spent: int

    @property
    def left(self) -> int | None:
        return None if self.budget is None else self.budget - self.spent

    @property
    def percent(self) -> float | None:
        if not self.budget:
            return None
        return round(100 * self.spent / self.budget, 1)

    @property
    def over(self) -> bool:
        return self.budget is not None and self.spent > self.budget


def spent_in(unit: Unit, year: int) -> int:
    lines = RoyaltyLine.objects.filter(unit=unit, period__year=year, status=LineStatus.GRADED)
    return lines.aggregate(total=Sum("amount"))["total"] or 0


def budget_status(unit: Unit, year: int) -> BudgetStatus:
    budget = RoyaltyBudget.objects.filter(unit=unit, year=year).values_list("amount", flat=True).first()
    return BudgetStatus(year, budget, spent_in(unit, year))


def budget_warnings(unit: Unit, year: int, added: int) -> list[str]:
    """Warnings (never refusals) when spending reaches or passes the year's budget."""
    status = budget_status(unit, year)
    if status.budget is None:
        return [_("Đơn vị chưa có dự toán nhuận bút năm %(year)s.") % {"year": year}]
    if added <= 0:
        return []
    if status.over:
        return [
            _("Vượt dự toán nhuận bút năm %(year)s: đã chi %(spent)s / %(budget)s đồng.")
            % {"year": year, "spent": money(status.spent), "budget": money(status.budget)}
        ]
    if status.percent is not None and status.percent >= BUDGET_WARNING_PERCENT:
        return [
            _("Đã dùng %(percent)s%% dự toán nhuận bút năm %(year)s.")
            % {"percent": str(status.percent).replace(".", ","), "year": year}
        ]
    return []


def month_totals(unit_ids: list[int], year: int) -> dict[tuple[int, datetime.date], dict[str, int]]:
    """Paid amount and lines waiting for grading, per unit and month of a year (one query)."""
    from django.db.models import Count, Q

    rows = (
        RoyaltyLine.objects.filter(unit_id__in=unit_ids, period__year=year)
        .values("unit_id", "period")
        .annotate(
            paid=Sum("amount", filter=Q(status=LineStatus.GRADED)),
            waiting=Count("pk", filter=Q(status=LineStatus.PROPOSED)),
        )
    )
    return {
        (row["unit_id"], row["period"]): {LineStatus.GRADED: row["paid"] or 0, "waiting": row["waiting"]}
        for row in rows
    }


def money(value: int | None) -> str:
    """1234567 → "1.234.567" as Vietnamese accounting writes it."""
    if value is None:
        return "—"
    return f"{value:,}".replace(",", ".")
