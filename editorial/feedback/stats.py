"""Statistics per unit and period for the management unit's reports (P-Art. 5.2.h, 5.2.i).

The questions counted are those **received** in the period (by the Vietnam-local day), grouped by
the unit now handling them (questions not yet assigned form their own row):

- received: all of them;
- answered: answer approved (published or sent privately); closed: ended without an answer;
- open: still owed an answer;
- overdue: answered after the deadline, or still open after the deadline as of ``as_of`` (today);
- average answer time: working days from the day of receipt to the day of approval, over the answered.

One query reads the rows (a few columns each); the calendar is read once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from editorial.calendar import WorkingCalendar, load_calendar
from editorial.documents.tabular import to_csv, to_xlsx
from subportals.models import Unit

from .enums import OPEN_STATUSES, Status
from .models import Feedback
from .rules import working_days_taken


@dataclass
class UnitFigures:
    unit: Unit | None
    received: int = 0
    answered: int = 0
    closed: int = 0
    open: int = 0
    overdue: int = 0
    answer_days: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.unit.name_vi if self.unit is not None else _("Chưa chuyển đơn vị")

    @property
    def average_days(self) -> Decimal | None:
        if not self.answer_days:
            return None
        return (Decimal(sum(self.answer_days)) / len(self.answer_days)).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def on_time_percent(self) -> Decimal | None:
        judged = self.answered + self.open
        if not judged:
            return None
        late = self.overdue
        return (Decimal(100) * (judged - late) / judged).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Statistics:
    start: datetime.date
    end: datetime.date
    as_of: datetime.date
    rows: list[UnitFigures]
    total: UnitFigures


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment is not None else None


def _window(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    first = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return first, after


def _add(figures: UnitFigures, row: dict[str, Any], as_of: datetime.date, calendar: WorkingCalendar) -> None:
    figures.received += 1
    status = row["status"]
    if status == Status.ANSWERED:
        figures.answered += 1
        answered_on = _local_day(row["answered_at"])
        received_on = _local_day(row["received_at"])
        if answered_on and received_on:
            figures.answer_days.append(working_days_taken(received_on, answered_on, calendar))
            if answered_on > row["deadline"]:
                figures.overdue += 1
    elif status == Status.CLOSED:
        figures.closed += 1
    elif status in OPEN_STATUSES:
        figures.open += 1
        if as_of > row["deadline"]:
            figures.overdue += 1


def build_statistics(
    start: datetime.date,
    end: datetime.date,
    *,
    units: list[Unit] | None = None,
    as_of: datetime.date | None = None,
    calendar: WorkingCalendar | None = None,
) -> Statistics:
    """Figures per unit for questions received from ``start`` to ``end`` (both included)."""
    as_of = as_of or timezone.localdate()
    calendar = calendar or load_calendar()
    first, after = _window(start, end)
    queryset = Feedback.objects.filter(received_at__gte=first, received_at__lt=after)
    if units is not None:
        queryset = queryset.filter(assigned_unit__in=units)
    all_units = {unit.pk: unit for unit in (units if units is not None else Unit.objects.all())}
    by_unit: dict[int | None, UnitFigures] = {}
    total = UnitFigures(unit=None)
    fields = ("assigned_unit_id", "status", "received_at", "answered_at", "deadline")
    for row in queryset.values(*fields).order_by():
        key = row["assigned_unit_id"]
        figures = by_unit.setdefault(key, UnitFigures(unit=all_units.get(key) if key else None))
        _add(figures, row, as_of, calendar)
        _add(total, row, as_of, calendar)
    rows = sorted(by_unit.values(), key=lambda f: (f.unit is None, f.unit.kind != "main" if f.unit else True, f.label))
    return Statistics(start=start, end=end, as_of=as_of, rows=rows, total=total)


def columns() -> list[str]:
    return [
        _("Đơn vị"),
        _("Tiếp nhận"),
        _("Đã trả lời"),
        _("Đã đóng"),
        _("Đang xử lý"),
        _("Quá hạn"),
        _("Đúng hạn (%)"),
        _("Thời gian trả lời trung bình (ngày làm việc)"),
    ]


def table_rows(statistics: Statistics) -> list[list[Any]]:
    def line(figures: UnitFigures, label: str) -> list[Any]:
        return [
            label,
            figures.received,
            figures.answered,
            figures.closed,
            figures.open,
            figures.overdue,
            figures.on_time_percent,
            figures.average_days,
        ]

    rows = [line(figures, figures.label) for figures in statistics.rows]
    rows.append(line(statistics.total, _("Tổng cộng")))
    return rows


def title_lines(statistics: Statistics) -> list[str]:
    return [
        _("Thống kê tiếp nhận, trả lời câu hỏi, góp ý của người dân"),
        _("Câu hỏi tiếp nhận từ %(start)s đến %(end)s; số liệu tính đến ngày %(as_of)s")
        % {
            "start": f"{statistics.start:%d/%m/%Y}",
            "end": f"{statistics.end:%d/%m/%Y}",
            "as_of": f"{statistics.as_of:%d/%m/%Y}",
        },
    ]


def export(statistics: Statistics, fmt: str) -> bytes:
    rows = table_rows(statistics)
    if fmt == "csv":
        return to_csv(columns(), rows, title_lines(statistics))
    return to_xlsx(
        columns(),
        rows,
        title_lines(statistics),
        sheet_name=_("Hỏi đáp"),
        numeric_columns=range(1, 8),
        emphasised_rows={len(rows) - 1},
    )


def filename(statistics: Statistics, fmt: str) -> str:
    return f"thong-ke-hoi-dap-{statistics.start:%Y%m%d}-{statistics.end:%Y%m%d}.{fmt}"
