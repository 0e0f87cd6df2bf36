"""``manage.py compliance_notify``: the daily job of update monitoring (run it once a day by cron or a timer).

- On the last working day of the week: e-mail every unit that is behind its rule this week.
- On the first working day of the month: issue last month's report (PDF and XLSX) and send it
  to the recipients set in "Báo cáo tần suất cập nhật" settings.
Every message is sent once: a second run on the same day sends nothing again.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from editorial.calendar import WorkingCalendar, load_calendar
from editorial.compliance import issuing
from editorial.compliance.enums import Light, ReportFormat, ReportSource
from editorial.compliance.models import ComplianceNotice, ReportingSettings
from editorial.compliance.report import build_report, status_lines
from editorial.compliance.rules import Period, in_sentence, month_period, week_period
from subportals.services import board_head_emails


def is_last_working_day_of_week(day: datetime.date, calendar: WorkingCalendar) -> bool:
    sunday = day + datetime.timedelta(days=6 - day.weekday())
    return calendar.is_working_day(day) and calendar.count_working_days(day + datetime.timedelta(days=1), sunday) == 0


def is_first_working_day_of_month(day: datetime.date, calendar: WorkingCalendar) -> bool:
    return calendar.is_working_day(day) and calendar.count_working_days(day.replace(day=1), day) == 1


def previous_month(day: datetime.date) -> Period:
    return month_period(day.year - 1, 12) if day.month == 1 else month_period(day.year, day.month - 1)


def unit_recipients(unit: Any) -> list[str]:
    """The unit's contact addresses and its board head's."""
    addresses = [line.strip() for line in unit.contact_emails.splitlines() if line.strip()]
    return sorted(set(addresses) | set(board_head_emails(unit)))


class Command(BaseCommand):
    help = "Việc hằng ngày của theo dõi tần suất cập nhật: nhắc đơn vị chậm (cuối tuần), gửi báo cáo tháng (đầu tháng)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Chạy như thể hôm nay là ngày này (NNNN-TT-NN), để chạy bù.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in ra việc sẽ làm, không gửi, không lưu.")

    def handle(self, *args: Any, date: str | None, dry_run: bool, **options: Any) -> None:
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"Ngày «{date}» không hợp lệ (dạng NNNN-TT-NN).") from None
        calendar = load_calendar()
        did_something = False
        if is_last_working_day_of_week(today, calendar):
            self._remind_units(today, dry_run)
            did_something = True
        if is_first_working_day_of_month(today, calendar):
            self._monthly_report(today, dry_run)
            did_something = True
        if not did_something:
            self.stdout.write(f"{today:%d/%m/%Y}: không phải ngày gửi nhắc hay gửi báo cáo.")

    @staticmethod
    def _sent_before(key: str) -> bool:
        return ComplianceNotice.objects.filter(key=key).exists()

    @staticmethod
    def _once(key: str, recipients: list[str], send: Any) -> bool:
        """Send once: the notice and the sending commit together, so a failed send is retried next run."""
        try:
            with transaction.atomic():
                ComplianceNotice.objects.create(key=key, recipients="\n".join(recipients))
                send()
        except IntegrityError:
            return False
        return True

    def _remind_units(self, today: datetime.date, dry_run: bool) -> None:
        week = week_period(today)
        for line in status_lines(today=today):
            if line.week.light in (Light.GREEN, Light.NONE):
                continue
            recipients = unit_recipients(line.unit)
            key = f"week-behind:{line.unit.code}:{week.key}"
            if not recipients:
                self.stderr.write(
                    f"{line.unit.name_vi}: chậm cập nhật nhưng chưa có địa chỉ thư điện tử nhận thông báo."
                )
                continue
            if self._sent_before(key):
                continue
            evaluation = line.week
            with override("vi"):
                subject = f"[Cổng TTĐT] {line.unit.name_vi} chưa đạt tần suất cập nhật {in_sentence(week.label)}"
                body = (
                    f"Kính gửi Ban biên tập {line.unit.name_vi},\n\n"
                    f"Theo quy định ({evaluation.rule.describe()}), trong {in_sentence(week.label)} cổng của đơn vị "
                    f"mới có {evaluation.updates} lần cập nhật trên {evaluation.required} lần tối thiểu"
                    + (
                        f"; chưa đạt: {', '.join(b.label for b in evaluation.missed_buckets)}"
                        if evaluation.missed
                        else ""
                    )
                    + ".\nĐề nghị đơn vị bổ sung thông tin trước khi hết tuần.\n\n"
                    "Thư này được gửi tự động từ hệ thống quản trị Cổng thông tin điện tử tỉnh.\n"
                )
            if dry_run:
                self.stdout.write(f"[thử] nhắc {line.unit.name_vi}: {', '.join(recipients)}")
                continue
            send = functools.partial(send_mail, subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
            if self._once(key, recipients, send):
                self.stdout.write(f"Đã nhắc {line.unit.name_vi}: {', '.join(recipients)}")

    def _monthly_report(self, today: datetime.date, dry_run: bool) -> None:
        period = previous_month(today)
        recipients = ReportingSettings.lines(ReportingSettings.load().report_emails)
        key = f"monthly-report:{period.key}"
        if self._sent_before(key):
            self.stdout.write(f"Báo cáo {period.label} đã được gửi trước đó.")
            return
        if dry_run:
            self.stdout.write(f"[thử] phát hành và gửi báo cáo {period.label} đến: {', '.join(recipients) or '—'}")
            return
        issued: list[Any] = []

        def issue_and_send() -> None:
            report = build_report(period, today=today)
            issued.extend(
                issuing.issue(
                    report,
                    [ReportFormat.PDF, ReportFormat.XLSX],
                    source=ReportSource.SCHEDULE,
                    recipients="\n".join(recipients),
                )
            )
            issuing.send(issued, recipients)

        if not self._once(key, recipients, issue_and_send):
            return
        if not recipients:
            self.stderr.write(
                f"Đã phát hành báo cáo {period.label} (số {issued[0].number}) nhưng chưa cấu hình địa chỉ nhận báo cáo."
            )
            return
        self.stdout.write(f"Đã gửi báo cáo {period.label} (số {issued[0].number}) đến {', '.join(recipients)}.")
