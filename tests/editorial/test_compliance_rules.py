"""The update rules as plain functions, on known Vietnamese calendars (no HTTP, no database)."""

from __future__ import annotations

import datetime

import pytest

from editorial.calendar import WorkingCalendar
from editorial.compliance.enums import BucketState, Light
from editorial.compliance.rules import (
    RULE_DAILY,
    RULE_MONTHLY,
    RULE_WEEKLY,
    PeriodError,
    Rule,
    evaluate,
    month_period,
    parse_period,
    range_period,
    week_period,
)

D = datetime.date
PLAIN = WorkingCalendar()
DAILY = Rule(RULE_DAILY, 1)
TWICE_WEEKLY = Rule(RULE_WEEKLY, 2)
FAR_FUTURE = D(2030, 1, 1)
LONG_AGO = D(2020, 1, 1)


def judge(rule, period, counts, *, calendar=PLAIN, since=LONG_AGO, today=FAR_FUTURE):
    return evaluate(rule, period, calendar, counts, monitored_from=since, today=today)


# --- the calendar -----------------------------------------------------------------------------


def test_tet_2026_has_no_working_day_from_16_to_20_february():
    assert PLAIN.count_working_days(D(2026, 2, 16), D(2026, 2, 22)) == 0
    assert PLAIN.is_working_day(D(2026, 2, 13)) and PLAIN.is_working_day(D(2026, 2, 23))


def test_substituted_day_off_and_make_up_saturday_of_national_day_2026():
    assert not PLAIN.is_working_day(D(2026, 8, 31))  # Monday off, joined to the 2/9 holiday
    assert PLAIN.is_working_day(D(2026, 8, 22))  # the Saturday worked in exchange
    assert not PLAIN.is_working_day(D(2026, 8, 29))


def test_vietnam_cultural_day_is_a_holiday_from_2026():
    assert not PLAIN.is_working_day(D(2026, 11, 24))
    assert PLAIN.is_working_day(D(2025, 11, 24))


def test_administrator_overrides_win_over_the_package():
    friday, saturday = D(2027, 3, 5), D(2027, 3, 13)
    calendar = WorkingCalendar({friday: False, saturday: True})
    assert not calendar.is_working_day(friday)
    assert calendar.is_working_day(saturday)
    assert calendar.count_working_days(D(2027, 3, 1), D(2027, 3, 14)) == 10


def test_working_day_arithmetic():
    assert PLAIN.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert PLAIN.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert PLAIN.working_days_between(D(2026, 3, 2), D(2026, 3, 1)) == 0


# --- periods ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2026-10", D(2026, 10, 1), D(2026, 10, 31)),
        ("2026-02", D(2026, 2, 1), D(2026, 2, 28)),
        ("2026-W43", D(2026, 10, 19), D(2026, 10, 25)),
        ("2026w1", D(2025, 12, 29), D(2026, 1, 4)),
        ("2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("2026q1", D(2026, 1, 1), D(2026, 3, 31)),
        ("2026", D(2026, 1, 1), D(2026, 12, 31)),
        ("2026-10-05..2026-10-09", D(2026, 10, 5), D(2026, 10, 9)),
        (" 2026-10-05 : 2026-10-09 ", D(2026, 10, 5), D(2026, 10, 9)),
    ],
)
def test_periods_people_type(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Không đọc được"),
        ("2026-13", "Tháng phải từ 1 đến 12"),
        ("2026-W54", "không có tuần 54"),
        ("1899", "Năm phải trong khoảng"),
        ("2026-10-09..2026-10-05", "Ngày kết thúc phải sau"),
        ("2026-02-30..2026-03-01", "không hợp lệ"),
        ("2020-01-01..2026-01-01", "tối đa 3 năm"),
        ("x" * 10_000, "quá dài"),
        ("'; DROP TABLE editorial_updaterecord; --", "Không đọc được"),
        ("<script>alert(1)</script>", "Không đọc được"),
        ("2026-10\x00", "Không đọc được"),
    ],
)
def test_bad_periods_get_a_clear_message(text, message):
    with pytest.raises(PeriodError, match=message):
        parse_period(text)


# --- the daily rule (main portal) -------------------------------------------------------------


def test_five_pages_on_one_day_and_nothing_else_fails_the_daily_rule():
    week = week_period(D(2026, 10, 19))
    result = judge(DAILY, week, {D(2026, 10, 19): 5})
    assert [b.state for b in result.buckets] == [BucketState.MET] + [BucketState.MISSED] * 4
    assert result.updates == 5 and result.required == 5 and result.missed == 4
    assert result.percent == 20.0 and result.light == Light.RED


def test_daily_rule_in_the_tet_week_owes_nothing():
    tet = week_period(D(2026, 2, 16))
    result = judge(DAILY, tet, {})
    assert result.buckets == [] and result.percent is None and result.light == Light.NONE


def test_daily_rule_owes_an_update_on_a_make_up_saturday():
    week = week_period(D(2026, 8, 17))  # 17–23/8/2026, Saturday 22 worked
    weekdays = {D(2026, 8, day): 1 for day in range(17, 22)}
    result = judge(DAILY, week, weekdays)
    assert [b.start for b in result.missed_buckets] == [D(2026, 8, 22)]


def test_an_update_on_a_sunday_does_not_stand_for_a_missed_working_day():
    week = week_period(D(2026, 10, 19))
    counts = {D(2026, 10, d): 1 for d in (19, 20, 21, 22)} | {D(2026, 10, 25): 3}
    result = judge(DAILY, week, counts)
    assert [b.start for b in result.missed_buckets] == [D(2026, 10, 23)]
    assert result.updates == 7


def test_administrator_day_off_is_not_owed():
    friday = D(2026, 10, 23)
    week = week_period(friday)
    counts = {D(2026, 10, d): 1 for d in (19, 20, 21, 22)}
    assert judge(DAILY, week, counts).missed == 1
    assert judge(DAILY, week, counts, calendar=WorkingCalendar({friday: False})).missed == 0


def test_today_is_pending_until_it_ends():
    result = judge(DAILY, week_period(D(2026, 10, 19)), {D(2026, 10, 19): 1}, today=D(2026, 10, 20))
    assert [b.state for b in result.buckets] == [BucketState.MET, BucketState.PENDING]
    assert result.light == Light.AMBER and result.percent == 100.0


# --- the weekly rule (sub-portals) --------------------------------------------------------------


def test_twice_a_week():
    month = month_period(2026, 10)
    counts = {D(2026, 10, 5): 1, D(2026, 10, 8): 1, D(2026, 10, 13): 3}
    result = judge(TWICE_WEEKLY, month, counts)
    states = {b.start: b.state for b in result.buckets}
    assert states[D(2026, 10, 5)] == BucketState.MET
    assert states[D(2026, 10, 12)] == BucketState.MET
    assert states[D(2026, 10, 19)] == BucketState.MISSED
    assert result.required == 2 * len(result.buckets)


def test_a_week_belongs_to_the_month_of_its_thursday():
    october = judge(TWICE_WEEKLY, month_period(2026, 10), {})
    assert [b.start for b in october.buckets] == [
        D(2026, 9, 28),
        D(2026, 10, 5),
        D(2026, 10, 12),
        D(2026, 10, 19),
        D(2026, 10, 26),
    ]
    september = judge(TWICE_WEEKLY, month_period(2026, 9), {})
    assert D(2026, 9, 28) not in [b.start for b in september.buckets]


def test_updates_of_a_straddling_week_count_in_full():
    october = judge(TWICE_WEEKLY, month_period(2026, 10), {D(2026, 9, 29): 1, D(2026, 9, 30): 1})
    assert october.buckets[0].state == BucketState.MET


def test_tet_week_is_exempt_and_a_short_week_owes_what_it_can():
    tet = judge(TWICE_WEEKLY, week_period(D(2026, 2, 16)), {})
    assert [b.state for b in tet.buckets] == [BucketState.EXEMPT]
    assert tet.required == 0 and tet.percent is None and not tet.failing
    one_day = WorkingCalendar({D(2027, 3, d): False for d in (1, 2, 3, 4)})
    short = judge(TWICE_WEEKLY, week_period(D(2027, 3, 1)), {D(2027, 3, 5): 1}, calendar=one_day)
    assert short.buckets[0].required == 1 and short.buckets[0].state == BucketState.MET


def test_week_of_the_2026_national_day_owes_two():
    week = judge(TWICE_WEEKLY, week_period(D(2026, 8, 31)), {D(2026, 9, 3): 1})
    assert week.buckets[0].required == 2 and week.missed == 1


def test_unit_created_mid_period_owes_nothing_before():
    october = month_period(2026, 10)
    result = judge(TWICE_WEEKLY, october, {D(2026, 10, 23): 1}, since=D(2026, 10, 23))
    assert [b.start for b in result.buckets] == [D(2026, 10, 19), D(2026, 10, 26)]
    assert result.buckets[0].required == 1 and result.buckets[0].state == BucketState.MET
    daily = judge(DAILY, october, {D(2026, 10, 30): 1}, since=D(2026, 10, 29))
    assert [b.start for b in daily.buckets] == [D(2026, 10, 29), D(2026, 10, 30)]


def test_running_week_is_pending_not_missed():
    result = judge(TWICE_WEEKLY, week_period(D(2026, 11, 16)), {D(2026, 11, 16): 1}, today=D(2026, 11, 18))
    assert result.buckets[0].state == BucketState.PENDING and not result.failing
    assert result.light == Light.AMBER


def test_future_weeks_are_not_listed():
    result = judge(TWICE_WEEKLY, month_period(2026, 12), {}, today=D(2026, 12, 2))
    assert len(result.buckets) == 1


# --- a monthly (custom) rule ----------------------------------------------------------------------


def test_monthly_rule_is_judged_in_the_period_holding_the_month_end():
    rule = Rule(RULE_MONTHLY, 8)
    counts = {D(2026, 10, d): 1 for d in range(1, 8)}
    assert judge(rule, month_period(2026, 10), counts).missed == 1
    assert judge(rule, parse_period("2026-Q4"), counts).missed == 3
    assert judge(rule, week_period(D(2026, 10, 14)), counts).buckets == []
    assert judge(rule, week_period(D(2026, 10, 28)), counts).missed == 1


def test_describe_rules_in_vietnamese():
    assert DAILY.describe() == "1 lần mỗi ngày làm việc"
    assert TWICE_WEEKLY.describe() == "2 lần mỗi tuần"
    assert Rule(RULE_MONTHLY, 10).describe() == "10 lần mỗi tháng"
    assert range_period(D(2026, 1, 1), D(2026, 1, 2)).days == 2
