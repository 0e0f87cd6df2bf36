"""Compliance of every unit over a period, and over the last twelve months, in a fixed number of queries.

Four queries whatever the number of units or pages: the units, the calendar's overrides, the
updates per unit and day (aggregated in the database), the last update of each unit.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from editorial.calendar import WorkingCalendar, load_calendar

from .models import UpdateRecord
from .rules import Evaluation, Period, Rule, evaluate, month_period, week_period

# Weeks and months judged in a period may start before it or end after it.
MARGIN = datetime.timedelta(days=31)


@dataclass
class UnitRow:
    unit: Any
    evaluation: Evaluation
    last_update: datetime.datetime | None

    @property
    def rule(self) -> Rule:
        return self.evaluation.rule

    @property
    def failing(self) -> bool:
        return self.evaluation.failing


@dataclass
class ComplianceReport:
    period: Period
    today: datetime.date
    rows: list[UnitRow] = field(default_factory=list)

    @property
    def failing(self) -> list[UnitRow]:
        return [row for row in self.rows if row.failing]

    @property
    def passing(self) -> list[UnitRow]:
        return [row for row in self.rows if not row.failing]


def rule_of(unit: Any) -> Rule:
    return Rule(unit.update_rule, max(1, unit.min_updates or 1))


def monitored_units(until: datetime.date | None = None, units: QuerySet | None = None) -> list[Any]:
    """Active units with a site, already monitored by the end of the period."""
    from subportals.models import Unit

    queryset = units if units is not None else Unit.objects.all()
    rows = [unit for unit in queryset.filter(is_active=True, site__isnull=False).order_by("kind", "name_vi")]
    if until is not None:
        rows = [unit for unit in rows if unit.monitored_from <= until]
    return rows


def daily_counts(
    unit_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[int, dict[datetime.date, int]]:
    """Counted updates per unit and Vietnam-local day (one aggregated query)."""
    counts: dict[int, dict[datetime.date, int]] = defaultdict(dict)
    rows = (
        UpdateRecord.objects.filter(counts=True, unit_id__in=list(unit_ids), live_date__range=(start, end))
        .values_list("unit_id", "live_date")
        .annotate(n=Count("id"))
        .order_by()
    )
    for unit_id, day, n in rows:
        counts[unit_id][day] = n
    return counts


def last_updates(unit_ids: Iterable[int], until: datetime.datetime | None = None) -> dict[int, datetime.datetime]:
    queryset = UpdateRecord.objects.filter(counts=True, unit_id__in=list(unit_ids))
    if until is not None:
        queryset = queryset.filter(went_live_at__lte=until)
    return dict(queryset.values_list("unit_id").annotate(last=Max("went_live_at")).order_by())


def _end_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def _sort_key(row: UnitRow) -> tuple[Any, ...]:
    percent = row.evaluation.percent
    return (not row.failing, percent if percent is not None else 101.0, row.unit.name_vi)


def build_report(
    period: Period,
    *,
    today: datetime.date | None = None,
    units: QuerySet | None = None,
    calendar: WorkingCalendar | None = None,
) -> ComplianceReport:
    """Every monitored unit's compliance over the period; failing units first, the worst on top."""
    today = today or timezone.localdate()
    calendar = calendar or load_calendar()
    unit_list = monitored_units(period.end, units)
    ids = [unit.pk for unit in unit_list]
    counts = daily_counts(ids, period.start - MARGIN, period.end + MARGIN)
    last = last_updates(ids, _end_of_day(min(period.end, today)))
    report = ComplianceReport(period, today)
    for unit in unit_list:
        evaluation = evaluate(
            rule_of(unit), period, calendar, counts.get(unit.pk, {}), monitored_from=unit.monitored_from, today=today
        )
        report.rows.append(UnitRow(unit, evaluation, last.get(unit.pk)))
    report.rows.sort(key=_sort_key)
    return report


@dataclass
class StatusLine:
    """One unit's line on the dashboard: this week, this month, the last twelve months."""

    unit: Any
    week: Evaluation
    month: Evaluation
    history: list[tuple[Period, Evaluation]]
    last_update: datetime.datetime | None


def last_months(today: datetime.date, count: int = 12) -> list[Period]:
    year, month = today.year, today.month
    periods = []
    for _i in range(count):
        periods.append(month_period(year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(periods))


def status_lines(units: QuerySet | None = None, *, today: datetime.date | None = None) -> list[StatusLine]:
    """The dashboard table: every unit's status this week and month, and its last twelve months."""
    today = today or timezone.localdate()
    calendar = load_calendar()
    months = last_months(today)
    week = week_period(today)
    unit_list = monitored_units(today, units)
    ids = [unit.pk for unit in unit_list]
    counts = daily_counts(ids, months[0].start - MARGIN, today)
    last = last_updates(ids)
    lines = []
    for unit in unit_list:
        rule, unit_counts, since = rule_of(unit), counts.get(unit.pk, {}), unit.monitored_from

        def judge(period: Period, rule: Rule = rule, unit_counts: Any = unit_counts, since: Any = since) -> Evaluation:
            return evaluate(rule, period, calendar, unit_counts, monitored_from=since, today=today)

        this_week = judge(week)
        if rule.kind == "per_month":  # A monthly rule has no weekly verdict: show the running month.
            this_week = judge(months[-1])
        lines.append(
            StatusLine(
                unit=unit,
                week=this_week,
                month=judge(months[-1]),
                history=[(period, judge(period)) for period in months],
                last_update=last.get(unit.pk),
            )
        )
    lines.sort(key=lambda line: (line.month.light != "red", line.week.light != "red", line.unit.name_vi))
    return lines


def monthly_totals(lines: list[StatusLine]) -> list[dict[str, Any]]:
    """The chart: updates and the share of units that met their rule, month by month."""
    if not lines:
        return []
    totals = []
    for index, (period, _evaluation) in enumerate(lines[0].history):
        evaluations = [line.history[index][1] for line in lines]
        judged = [e for e in evaluations if e.judged]
        compliant = [e for e in judged if not e.failing]
        totals.append(
            {
                "period": period,
                "updates": sum(e.updates for e in evaluations),
                "judged": len(judged),
                "compliant": len(compliant),
                "percent": round(100.0 * len(compliant) / len(judged), 1) if judged else None,
            }
        )
    return totals
