"""Compliance reports over real units and recorded updates: figures, order, files, query budget, immutability."""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from editorial.compliance import exports, issuing
from editorial.compliance.enums import ReportFormat, ReportSource
from editorial.compliance.models import CalendarDay, IssuedReport, UpdateRecord
from editorial.compliance.report import build_report, status_lines
from editorial.compliance.rules import parse_period
from subportals.enums import UnitKind, UpdateRule
from tests.factories import make_unit, updates_on

pytestmark = pytest.mark.django_db

D = datetime.date
OCTOBER = parse_period("2026-10")
AFTER = D(2026, 11, 24)
LONG_AGO = D(2025, 1, 1)


def october_working_days() -> list[datetime.date]:
    return [D(2026, 10, d) for d in range(1, 32) if D(2026, 10, d).weekday() < 5]


@pytest.fixture
def province(db):
    """The main portal (daily rule) and three sub-portals, all monitored since 2025."""
    units = {
        "main": make_unit(),
        "good": make_unit("stttt", UnitKind.DEPARTMENT),
        "lazy": make_unit("syt", UnitKind.DEPARTMENT),
        "new": make_unit("nhatrang", UnitKind.DISTRICT),
    }
    for unit in units.values():
        unit.monitoring_start = LONG_AGO
        unit.save()
    return units


def row_of(report, unit):
    [row] = [row for row in report.rows if row.unit == unit]
    return row


def text_of_pdf(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_a_month_of_units_failing_first(province):
    updates_on(province["main"], *october_working_days())
    updates_on(province["good"], *[day for day in october_working_days() if day.weekday() in (0, 3)])
    updates_on(province["good"], D(2026, 9, 28), D(2026, 9, 29))  # the week across the month boundary
    updates_on(province["lazy"], D(2026, 10, 6), D(2026, 10, 6), D(2026, 10, 6), D(2026, 10, 6), D(2026, 10, 6))
    report = build_report(OCTOBER, today=AFTER)
    assert [row.unit for row in report.rows[:2]] == [province["new"], province["lazy"]]
    lazy = row_of(report, province["lazy"])
    assert lazy.failing and lazy.evaluation.updates == 5 and lazy.evaluation.missed == 4
    assert lazy.evaluation.percent == 20.0
    main = row_of(report, province["main"])
    assert not main.failing and main.evaluation.required == len(october_working_days())
    assert main.evaluation.percent == 100.0
    good = row_of(report, province["good"])
    assert not good.failing and good.evaluation.required == 10
    assert good.last_update.date() == D(2026, 10, 29)


def test_main_portal_five_pages_one_day_fails_daily_rule(province):
    updates_on(province["main"], *[D(2026, 10, 7)] * 5)
    row = row_of(build_report(OCTOBER, today=AFTER), province["main"])
    assert row.evaluation.updates == 5 and row.evaluation.missed == len(october_working_days()) - 1


def test_withdrawn_updates_do_not_count(province):
    [record] = updates_on(province["good"], D(2026, 10, 6))
    updates_on(province["good"], D(2026, 10, 7))
    UpdateRecord.objects.filter(pk=record.pk).update(counts=False)
    report = build_report(parse_period("2026-W41"), today=AFTER)
    assert row_of(report, province["good"]).evaluation.updates == 1
    assert row_of(report, province["good"]).failing


def test_unit_created_mid_month_and_units_created_after_are_left_out(province):
    province["new"].monitoring_start = D(2026, 10, 23)  # a Friday: that week owes one update
    province["new"].save()
    updates_on(province["new"], D(2026, 10, 23), D(2026, 10, 27), D(2026, 10, 28))
    report = build_report(OCTOBER, today=AFTER)
    row = row_of(report, province["new"])
    assert not row.failing and [b.start for b in row.evaluation.buckets] == [D(2026, 10, 19), D(2026, 10, 26)]
    assert [b.required for b in row.evaluation.buckets] == [1, 2]
    province["new"].monitoring_start = D(2026, 11, 2)
    province["new"].save()
    assert province["new"] not in [row.unit for row in build_report(OCTOBER, today=AFTER).rows]


def test_inactive_units_are_not_reported(province):
    province["lazy"].is_active = False
    province["lazy"].save()
    assert province["lazy"] not in [row.unit for row in build_report(OCTOBER, today=AFTER).rows]


def test_calendar_entries_from_the_admin_change_the_verdict(province):
    updates_on(province["main"], *[day for day in october_working_days() if day != D(2026, 10, 30)])
    assert row_of(build_report(OCTOBER, today=AFTER), province["main"]).failing
    CalendarDay.objects.create(date=D(2026, 10, 30), is_working_day=False, name="Nghỉ bù thử nghiệm")
    assert not row_of(build_report(OCTOBER, today=AFTER), province["main"]).failing


def test_custom_monthly_rule(province):
    unit = province["good"]
    unit.update_rule, unit.min_updates = UpdateRule.PER_MONTH, 6
    unit.save()
    updates_on(unit, *[D(2026, 10, d) for d in (1, 2, 5, 6, 7)])
    row = row_of(build_report(OCTOBER, today=AFTER), unit)
    assert row.rule.describe() == "6 lần mỗi tháng" and row.failing and row.evaluation.required == 6


def _queries_for_report() -> int:
    with CaptureQueriesContext(connection) as captured:
        report = build_report(parse_period("2026"), today=AFTER)
        exports.table_rows(report)
    return len(captured)


def test_report_query_count_does_not_depend_on_units_or_pages(province):
    updates_on(province["main"], D(2026, 3, 2))
    small = _queries_for_report()
    for code in ("sct", "sgd", "camranh", "ninhhoa", "vanninh"):
        unit = make_unit(code, UnitKind.DEPARTMENT)
        unit.monitoring_start = LONG_AGO
        unit.save()
        updates_on(unit, *[D(2026, month, day) for month in range(1, 13) for day in (3, 9, 15, 21)])
    assert UpdateRecord.objects.count() > 200
    assert _queries_for_report() == small == 4


def test_dashboard_lines_query_count_is_fixed(province):
    updates_on(province["good"], D(2026, 11, 16), D(2026, 11, 23), D(2026, 11, 24))
    with CaptureQueriesContext(connection) as captured:
        lines = status_lines(today=AFTER)
    first = len(captured)
    make_unit("sct", UnitKind.DEPARTMENT)
    with CaptureQueriesContext(connection) as captured:
        status_lines(today=AFTER)
    assert len(captured) == first
    good = next(line for line in lines if line.unit == province["good"])
    assert good.week.light == "green" and len(good.history) == 12


# --- files -------------------------------------------------------------------------------------


def test_csv_and_xlsx_hold_the_same_rows(province):
    updates_on(province["lazy"], D(2026, 10, 6))
    report = build_report(OCTOBER, today=AFTER)
    rows = list(csv.reader(io.StringIO(exports.render(report, ReportFormat.CSV).decode("utf-8-sig"))))
    header = rows.index(exports.columns())
    data = rows[header + 1 :]
    assert [row[1] for row in data] == [row.unit.name_vi for row in report.rows]
    assert data[0][-1] == "Không đạt"
    sheet = load_workbook(io.BytesIO(exports.render(report, ReportFormat.XLSX))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    names = [row[1] for row in values if row and isinstance(row[0], int)]
    assert names == [row.unit.name_vi for row in report.rows]


def test_pdf_is_a_vietnamese_administrative_report(province):
    updates_on(province["main"], *october_working_days())
    updates_on(province["lazy"], D(2026, 10, 6))
    report = build_report(OCTOBER, today=AFTER)
    text = text_of_pdf(exports.render(report, ReportFormat.PDF, number="7", issued_on=D(2026, 11, 2)))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Kính gửi: Sở Thông tin và Truyền thông",
        "Khánh Hòa, ngày 02 tháng 11 năm 2026",
        "Số: 7/BC-BBT",
        "BÁO CÁO",
        "tháng 10 năm 2026",
        "Đơn vị syt",
        "TRƯỞNG BAN",
        "Nơi nhận",
    ):
        assert expected in text, expected
    assert text.index("Đơn vị nhatrang") < text.index("Đơn vị khanhhoa")


def test_hostile_unit_names_are_printed_literally(province):
    province["lazy"].name_vi = "<script>alert('x')</script> & <b>Sở</b> =HYPERLINK(\"http://x\")"
    province["lazy"].save()
    report = build_report(OCTOBER, today=AFTER)
    assert "<script>alert('x')</script>" in text_of_pdf(exports.render(report, ReportFormat.PDF))
    rows = list(csv.reader(io.StringIO(exports.render(report, ReportFormat.CSV).decode("utf-8-sig"))))
    assert not any(cell.startswith("=") for row in rows for cell in row)


# --- issued reports are evidence ---------------------------------------------------------------------


def test_issued_reports_are_numbered_stored_and_immutable(province):
    report = build_report(OCTOBER, today=AFTER)
    pdf, xlsx = issuing.issue(report, [ReportFormat.PDF, ReportFormat.XLSX], source=ReportSource.COMMAND)
    assert pdf.number == xlsx.number and pdf.intact and xlsx.intact
    [again] = issuing.issue(report, [ReportFormat.CSV], source=ReportSource.COMMAND)
    assert again.number == pdf.number + 1
    assert f"Số: {pdf.number}/BC-BBT" in text_of_pdf(bytes(pdf.content))

    pdf.period_label = "Tháng khác"
    with pytest.raises(PermissionError):
        pdf.save()
    with pytest.raises(PermissionError):
        pdf.delete()
    with pytest.raises(PermissionError):
        IssuedReport.objects.filter(pk=pdf.pk).update(period_label="x")
    with pytest.raises(PermissionError):
        IssuedReport.objects.all().delete()
    assert IssuedReport.objects.count() == 3


def test_issue_refuses_unknown_formats(province):
    with pytest.raises(ValueError):
        issuing.issue(build_report(OCTOBER, today=AFTER), ["exe"], source=ReportSource.COMMAND)
    assert IssuedReport.objects.count() == 0
