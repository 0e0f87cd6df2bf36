"""``compliance_report`` and the daily ``compliance_notify`` job, with real files and the test mail outbox."""

from __future__ import annotations

import datetime
import io
import os

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from editorial.calendar import WorkingCalendar
from editorial.compliance.models import ComplianceNotice, IssuedReport, ReportingSettings
from editorial.management.commands.compliance_notify import is_first_working_day_of_month, is_last_working_day_of_week
from subportals.enums import EditorialRole
from tests.factories import member, updates_on

pytestmark = pytest.mark.django_db

D = datetime.date


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


def test_report_command_writes_the_file_and_stores_it(units, tmp_path):
    updates_on(units["syt"], D(2026, 10, 6), D(2026, 10, 8))
    target = tmp_path / "bao-cao-10-2026.pdf"
    output = run("compliance_report", "--period", "2026-10", "--format", "pdf", "--out", str(target))
    issued = IssuedReport.objects.get()
    assert target.read_bytes() == bytes(issued.content) and target.read_bytes().startswith(b"%PDF")
    assert issued.sha256 in output and "Tháng 10 năm 2026" in output
    assert issued.source == "command" and issued.issued_by is None


@pytest.mark.parametrize("fmt, magic", [("xlsx", b"PK"), ("csv", b"\xef\xbb\xbf")])
def test_report_command_other_formats(units, tmp_path, fmt, magic):
    target = tmp_path / f"bc.{fmt}"
    run("compliance_report", "--period", "2026-Q3", "--format", fmt, "--out", str(target))
    assert target.read_bytes().startswith(magic)


def test_report_command_preview_stores_nothing(units):
    output = run("compliance_report", "--period", "2026-W43", "--preview")
    assert "Tuần 43 năm 2026" in output and "Đơn vị syt" in output
    assert IssuedReport.objects.count() == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["--period", "2026-13", "--out", "x.pdf"], "Tháng phải từ 1 đến 12"),
        (["--period", "x" * 5000, "--out", "x.pdf"], "quá dài"),
        (["--period", "2026-10"], "Cần --out"),
        (["--period", "2026-10", "--out", "/khong/co/thu/muc/bc.pdf"], "không tồn tại"),
    ],
)
def test_report_command_bad_input_stores_nothing(units, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("compliance_report", *args)
    assert IssuedReport.objects.count() == 0


def test_report_command_refuses_a_directory_and_a_read_only_folder(units, tmp_path):
    with pytest.raises(CommandError, match="thư mục"):
        call_command("compliance_report", "--period", "2026-10", "--out", str(tmp_path))
    locked = tmp_path / "khoa"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(CommandError, match="quyền ghi"):
            call_command("compliance_report", "--period", "2026-10", "--out", str(locked / "bc.pdf"))
    finally:
        locked.chmod(0o700)
    assert IssuedReport.objects.count() == 0


# --- the daily job ---------------------------------------------------------------------------------


def test_which_days_the_job_acts_on():
    calendar = WorkingCalendar()
    assert is_last_working_day_of_week(D(2026, 10, 30), calendar)  # an ordinary Friday
    assert not is_last_working_day_of_week(D(2026, 10, 29), calendar)
    assert is_last_working_day_of_week(D(2026, 4, 29), calendar)  # 30/4 and 1/5 are holidays
    assert is_last_working_day_of_week(D(2026, 8, 22), calendar)  # the make-up Saturday
    assert not is_last_working_day_of_week(D(2026, 8, 21), calendar)
    assert is_first_working_day_of_month(D(2026, 11, 2), calendar)  # 1/11 is a Sunday
    assert is_first_working_day_of_month(D(2026, 9, 3), calendar)  # 1–2/9 National Day
    assert not is_first_working_day_of_month(D(2026, 9, 1), calendar)
    assert WorkingCalendar({D(2026, 11, 2): False}).count_working_days(D(2026, 11, 1), D(2026, 11, 3)) == 1


def test_end_of_week_reminds_units_behind_once(units):
    board_head = member(units["nt"], EditorialRole.BOARD_HEAD, "nhatrang.truongban")
    updates_on(units["syt"], D(2026, 10, 26), D(2026, 10, 27))
    updates_on(units["main"], *[D(2026, 10, d) for d in range(26, 31)])
    output = run("compliance_notify", "--date", "2026-10-30")
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {"banbientap@nhatrang.khanhhoa.gov.vn", board_head.email}
    [message] = mail.outbox
    assert "0 lần cập nhật trên 2 lần tối thiểu" in message.body and "Đơn vị nhatrang" in message.subject
    assert "Đã nhắc Đơn vị nhatrang" in output
    run("compliance_notify", "--date", "2026-10-30")
    assert len(mail.outbox) == 1


def test_a_unit_without_addresses_is_reported_not_skipped_silently(units):
    units["nt"].contact_emails = ""
    units["nt"].save()
    output = run("compliance_notify", "--date", "2026-10-30")
    assert "chưa có địa chỉ thư điện tử" in output


def test_first_working_day_of_the_month_sends_last_months_report(units):
    config = ReportingSettings.load()
    config.report_emails = "vanthu@stttt.khanhhoa.gov.vn\nvanthu@khanhhoa.gov.vn"
    config.save()
    updates_on(units["syt"], D(2026, 10, 6))
    run("compliance_notify", "--date", "2026-11-02")
    reports = IssuedReport.objects.filter(source="schedule")
    assert {r.format for r in reports} == {"pdf", "xlsx"} and {r.period_label for r in reports} == {"Tháng 10 năm 2026"}
    [message] = [m for m in mail.outbox if "Báo cáo tần suất" in m.subject]
    assert set(message.to) == {"vanthu@stttt.khanhhoa.gov.vn", "vanthu@khanhhoa.gov.vn"}
    assert sorted(name.rsplit(".", 1)[1] for name, _content, _type in message.attachments) == ["pdf", "xlsx"]
    assert all(r.sha256 in message.body for r in reports)
    run("compliance_notify", "--date", "2026-11-02")
    assert IssuedReport.objects.filter(source="schedule").count() == 2


def test_a_failed_send_is_retried_on_the_next_run(units, settings):
    config = ReportingSettings.load()
    config.report_emails = "vanthu@stttt.khanhhoa.gov.vn"
    config.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with pytest.raises(OSError):
        call_command("compliance_notify", "--date", "2026-11-02", stdout=io.StringIO())
    assert not ComplianceNotice.objects.exists() and not IssuedReport.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run("compliance_notify", "--date", "2026-11-02")
    assert IssuedReport.objects.filter(source="schedule").count() == 2


def test_other_days_do_nothing_and_dry_run_sends_nothing(units):
    assert "không phải ngày" in run("compliance_notify", "--date", "2026-10-28")
    output = run("compliance_notify", "--date", "2026-10-30", "--dry-run")
    assert "[thử]" in output and mail.outbox == [] and not ComplianceNotice.objects.exists()
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("compliance_notify", "--date", "30/10/2026")
