"""The update rules of P-Art. 11 as plain functions: periods, buckets, and whether a unit met its rule.

A rule is "at least N updates per bucket", the bucket being a working day, an ISO week or a
calendar month. Whether a bucket is judged in a report period:

- a working day: when it lies in the period;
- an ISO week: when its Thursday lies in the period (the ISO convention, so that a week across
  two months is judged exactly once);
- a month: when its last day lies in the period.

A week or month owes ``min(N, working days available)``: a Tết week with no working day owes
nothing, a week with one working day owes one, and a unit created mid-week owes only for the
working days since ``monitored_from``. A bucket that has not ended yet is "pending" unless it is
already met; buckets that start after ``today`` are not listed.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from editorial.calendar import WorkingCalendar

from .enums import BucketState, Light

DAY = datetime.timedelta(days=1)
RULE_DAILY = "working_daily"
RULE_WEEKLY = "per_week"
RULE_MONTHLY = "per_month"


def in_sentence(label: str) -> str:
    """A period label inside a sentence: "tháng 10 năm 2026", "quý IV năm 2026" (numerals kept)."""
    return label[:1].lower() + label[1:]


class PeriodError(ValueError):
    """A period the user typed that we cannot read; the message says what we expect."""


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str
    key: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def week_period(day: datetime.date) -> Period:
    year, week, _weekday = day.isocalendar()
    monday = day - datetime.timedelta(days=day.weekday())
    sunday = monday + 6 * DAY
    label = _("Tuần %(week)s năm %(year)s (%(start)s – %(end)s)") % {
        "week": week,
        "year": year,
        "start": f"{monday:%d/%m}",
        "end": f"{sunday:%d/%m/%Y}",
    }
    return Period(monday, sunday, label, f"{year}-W{week:02d}")


def month_period(year: int, month: int) -> Period:
    last = pycalendar.monthrange(year, month)[1]
    label = _("Tháng %(month)s năm %(year)s") % {"month": month, "year": year}
    return Period(datetime.date(year, month, 1), datetime.date(year, month, last), label, f"{year}-{month:02d}")


def quarter_period(year: int, quarter: int) -> Period:
    first_month = 3 * (quarter - 1) + 1
    start = datetime.date(year, first_month, 1)
    end = month_period(year, first_month + 2).end
    label = _("Quý %(quarter)s năm %(year)s") % {"quarter": ("I", "II", "III", "IV")[quarter - 1], "year": year}
    return Period(start, end, label, f"{year}-Q{quarter}")


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), _("Năm %(year)s") % {"year": year}, str(year))


def range_period(start: datetime.date, end: datetime.date) -> Period:
    if end < start:
        raise PeriodError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    if (end - start).days > 3 * 366:
        raise PeriodError(_("Kỳ báo cáo dài tối đa 3 năm."))
    label = _("Từ ngày %(start)s đến ngày %(end)s") % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
    return Period(start, end, label, f"{start:%Y-%m-%d}..{end:%Y-%m-%d}")


PERIOD_FORMATS = "2026-10 · 2026-W43 · 2026-Q4 · 2026 · 2026-10-01..2026-10-31"
_YEAR_MIN, _YEAR_MAX = 2000, 2100


def _year(text: str) -> int:
    year = int(text)
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        raise PeriodError(_("Năm phải trong khoảng %(min)s–%(max)s.") % {"min": _YEAR_MIN, "max": _YEAR_MAX})
    return year


def _date(text: str) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise PeriodError(_("Ngày «%(text)s» không hợp lệ (dạng NNNN-TT-NN).") % {"text": text[:20]}) from None
    _year(str(day.year))
    return day


def parse_period(text: str) -> Period:
    """Read a period typed by a person or given on the command line; PeriodError says what is wrong."""
    text = (text or "").strip()
    if len(text) > 40:
        raise PeriodError(_("Kỳ báo cáo quá dài. Dạng hợp lệ: %(formats)s") % {"formats": PERIOD_FORMATS})
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        month = int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError(_("Tháng phải từ 1 đến 12."))
        return month_period(_year(match[1]), month)
    if match := re.fullmatch(r"(\d{4})-?W(\d{1,2})", text, flags=re.IGNORECASE):
        year, week = _year(match[1]), int(match[2])
        try:
            monday = datetime.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise PeriodError(_("Năm %(year)s không có tuần %(week)s.") % {"year": year, "week": week}) from None
        return week_period(monday)
    if match := re.fullmatch(r"(\d{4})-?Q([1-4])", text, flags=re.IGNORECASE):
        return quarter_period(_year(match[1]), int(match[2]))
    if re.fullmatch(r"\d{4}", text):
        return year_period(_year(text))
    if match := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\s*(?:\.\.|:|/|–|—)\s*(\d{4}-\d{2}-\d{2})", text):
        return range_period(_date(match[1]), _date(match[2]))
    raise PeriodError(
        _("Không đọc được kỳ báo cáo «%(text)s». Dạng hợp lệ: %(formats)s")
        % {
            "text": text,
            "formats": PERIOD_FORMATS,
        }
    )


@dataclass(frozen=True)
class Rule:
    kind: str
    min_updates: int

    def describe(self) -> str:
        values = {"n": self.min_updates}
        if self.kind == RULE_DAILY:
            return _("%(n)s lần mỗi ngày làm việc") % values
        if self.kind == RULE_MONTHLY:
            return _("%(n)s lần mỗi tháng") % values
        return _("%(n)s lần mỗi tuần") % values

    @property
    def missed_unit(self) -> str:
        if self.kind == RULE_DAILY:
            return pgettext("missed periods", "ngày")
        if self.kind == RULE_MONTHLY:
            return pgettext("missed periods", "tháng")
        return pgettext("missed periods", "tuần")


@dataclass
class Bucket:
    start: datetime.date
    end: datetime.date
    label: str
    required: int
    updates: int
    state: str


@dataclass
class Evaluation:
    rule: Rule
    buckets: list[Bucket] = field(default_factory=list)
    updates: int = 0

    @property
    def judged(self) -> list[Bucket]:
        return [b for b in self.buckets if b.state in (BucketState.MET, BucketState.MISSED)]

    @property
    def met(self) -> int:
        return sum(1 for b in self.buckets if b.state == BucketState.MET)

    @property
    def missed_buckets(self) -> list[Bucket]:
        return [b for b in self.buckets if b.state == BucketState.MISSED]

    @property
    def missed(self) -> int:
        return len(self.missed_buckets)

    @property
    def pending(self) -> list[Bucket]:
        return [b for b in self.buckets if b.state == BucketState.PENDING]

    @property
    def required(self) -> int:
        """The minimum number of updates the judged and running buckets ask for."""
        return sum(b.required for b in self.buckets if b.state != BucketState.EXEMPT)

    @property
    def percent(self) -> float | None:
        judged = len(self.judged)
        return round(100.0 * self.met / judged, 1) if judged else None

    @property
    def failing(self) -> bool:
        return self.missed > 0

    @property
    def light(self) -> str:
        if self.missed:
            return Light.RED
        if self.pending:
            return Light.AMBER
        if self.judged:
            return Light.GREEN
        return Light.NONE


def _sum(counts: Mapping[datetime.date, int], start: datetime.date, end: datetime.date) -> int:
    total, day = 0, start
    while day <= end:
        total += counts.get(day, 0)
        day += DAY
    return total


def _weeks(period: Period) -> Iterator[tuple[datetime.date, datetime.date]]:
    thursday = period.start + datetime.timedelta(days=(3 - period.start.weekday()) % 7)
    while thursday <= period.end:
        monday = thursday - 3 * DAY
        yield monday, monday + 6 * DAY
        thursday += 7 * DAY


def _months(period: Period) -> Iterator[tuple[datetime.date, datetime.date]]:
    year, month = period.start.year, period.start.month
    while True:
        current = month_period(year, month)
        if current.end > period.end:
            return
        if current.end >= period.start:
            yield current.start, current.end
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _bucket_label(rule: Rule, start: datetime.date, end: datetime.date) -> str:
    if rule.kind == RULE_DAILY:
        return f"{start:%d/%m/%Y}"
    if rule.kind == RULE_MONTHLY:
        return f"{start:%m/%Y}"
    return _("tuần %(week)s (%(start)s–%(end)s)") % {
        "week": start.isocalendar()[1],
        "start": f"{start:%d/%m}",
        "end": f"{end:%d/%m}",
    }


def _judge(required: int, updates: int, ended: bool) -> str:
    if required <= 0:
        return BucketState.EXEMPT
    if updates >= required:
        return BucketState.MET
    return BucketState.MISSED if ended else BucketState.PENDING


def evaluate(
    rule: Rule,
    period: Period,
    calendar: WorkingCalendar,
    counts: Mapping[datetime.date, int],
    *,
    monitored_from: datetime.date,
    today: datetime.date,
) -> Evaluation:
    """Judge one unit over one period from its updates per (Vietnam-local) day."""
    result = Evaluation(rule)
    if rule.kind == RULE_DAILY:
        first = max(period.start, monitored_from)
        last = min(period.end, today)
        if last < first:
            return result
        for day in calendar.working_days(first, last):
            updates = counts.get(day, 0)
            state = _judge(rule.min_updates, updates, ended=day < today)
            result.buckets.append(Bucket(day, day, _bucket_label(rule, day, day), rule.min_updates, updates, state))
        result.updates = _sum(counts, first, last)
        return result

    spans = _weeks(period) if rule.kind == RULE_WEEKLY else _months(period)
    for start, end in spans:
        if start > today or end < monitored_from:
            continue
        available = calendar.count_working_days(max(start, monitored_from), end)
        required = min(rule.min_updates, available)
        updates = _sum(counts, start, min(end, today))
        state = _judge(required, updates, ended=end < today)
        result.buckets.append(Bucket(start, end, _bucket_label(rule, start, end), required, updates, state))
        result.updates += updates
    return result
