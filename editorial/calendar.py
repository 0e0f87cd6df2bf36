"""Working days of Vietnamese state agencies.

Monday to Friday, minus the public holidays of the ``holidays`` package (Tết, Hùng Kings, 30/4,
1/5, 2/9, 24/11 and the days in lieu it knows), plus what the government announces each year
and an administrator enters in the admin (``CalendarDay``): extra days off, and make-up working
Saturdays. The administrator's entry wins over the package, so a late announcement is one form
away, not a release away.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year, language="vi")


def package_is_working_day(day: datetime.date) -> bool:
    """What the ``holidays`` package says, make-up Saturdays it knows included."""
    return _holidays(day.year).is_working_day(day)


def package_day_name(day: datetime.date) -> str:
    return _holidays(day.year).get(day) or ""


class WorkingCalendar:
    """The calendar for one computation: the package plus the administrator's overrides."""

    def __init__(self, overrides: Mapping[datetime.date, bool] | None = None):
        self.overrides = dict(overrides or {})

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return package_is_working_day(day)

    def working_days(self, start: datetime.date, end: datetime.date) -> Iterator[datetime.date]:
        """Working days from ``start`` to ``end``, both included."""
        day = start
        while day <= end:
            if self.is_working_day(day):
                yield day
            day += datetime.timedelta(days=1)

    def count_working_days(self, start: datetime.date, end: datetime.date) -> int:
        return sum(1 for _day in self.working_days(start, end))

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        if end <= start:
            return 0
        return self.count_working_days(start + datetime.timedelta(days=1), end)

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The date ``days`` working days after ``start``."""
        day = start
        while days > 0:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                days -= 1
        return day


def load_calendar() -> WorkingCalendar:
    """The calendar with every override entered in the admin (one query; the table is small)."""
    from editorial.compliance.models import CalendarDay

    return WorkingCalendar(dict(CalendarDay.objects.values_list("date", "is_working_day")))


# Module-level helpers for callers that need one answer; they read the overrides each time.
def is_working_day(day: datetime.date) -> bool:
    return load_calendar().is_working_day(day)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    return load_calendar().working_days_between(start, end)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    return load_calendar().add_working_days(start, days)
