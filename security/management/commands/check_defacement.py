"""Defacement watch (S-HD 17): re-render every published page and compare it with its fingerprint.

Exit status: 0 when every page is as recorded or changed by a publication; 2 when a page differs
without explanation (a new incident is recorded and e-mailed to the management unit, or one
already reported still stands: "sự cố đang mở", no new e-mail); 1 on a usage error or a baseline
that could not render every page.

Run it every 15 minutes from cron (``/etc/cron.d/khanhhoa-portal``: the user field, then the
command). ``flock`` keeps two runs from overlapping, which would report the same change twice; the
log keeps each run's summary, and monitoring can watch the exit status or the log:

    DJANGO_SETTINGS_MODULE=portal.settings.production
    */15 * * * * portal cd /srv/khanhhoa-portal && flock -n /run/lock/check_defacement.lock .venv/bin/python manage.py check_defacement -v0 >> /var/log/khanhhoa-portal/defacement.log 2>&1

First install, and after each deployment that changes templates or static files:

    manage.py check_defacement --baseline

The rule that tells a publication from a defacement is documented in ``security.integrity.services``.
"""  # noqa: E501

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from security.integrity import services
from security.integrity.models import Incident, IncidentStatus

T = TypeVar("T")

INCIDENT_EXIT_STATUS = 2


class Command(BaseCommand):
    help = gettext_lazy("Kiểm tra nội dung các trang đã xuất bản có bị thay đổi trái phép hay không (S-HD 17).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--baseline",
            action="store_true",
            help=gettext_lazy("Ghi nhận lại toàn bộ các trang từ đầu (khi cài đặt, sau khi triển khai giao diện mới)."),
        )
        parser.add_argument("--acknowledge", type=int, metavar="SỐ", help=gettext_lazy("Đánh dấu đã tiếp nhận sự cố."))
        parser.add_argument(
            "--resolve",
            type=int,
            metavar="SỐ",
            help=gettext_lazy(
                "Đánh dấu sự cố đã xử lý; nội dung hiện tại của các trang liên quan được ghi nhận là đúng."
            ),
        )
        parser.add_argument("--user", help=gettext_lazy("Tài khoản người tiếp nhận hoặc xử lý sự cố."))
        parser.add_argument("--note", default="", help=gettext_lazy("Ghi chú khi xử lý sự cố."))

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = int(options["verbosity"])
        with translation.override(settings.LANGUAGE_CODE):
            if options["acknowledge"] or options["resolve"]:
                self._handle_incident(options)
            elif options["baseline"]:
                self._baseline()
            else:
                self._check()

    def _progress(self, items: Iterable[T], total: int) -> Iterable[T]:
        if self.verbosity == 0:
            return items
        from tqdm import tqdm

        return tqdm(items, total=total, file=sys.stderr, unit=_("trang"), desc=_("Kiểm tra"), leave=False)

    def _baseline(self) -> None:
        result = services.baseline_all(progress=self._progress)
        self.stdout.write(
            _("Đã ghi nhận %(count)s trang làm bản chuẩn; bỏ theo dõi %(dropped)s trang không còn công khai.")
            % {"count": len(result.recorded), "dropped": result.dropped}
        )
        if result.failed:
            for url, status, error in result.failed:
                self.stderr.write(
                    _("  Không ghi nhận được: %(url)s (HTTP %(status)s) %(error)s")
                    % {"url": url, "status": status, "error": error}
                )
            raise CommandError(
                _("%(count)s trang không hiển thị được, chưa được ghi nhận.") % {"count": len(result.failed)}
            )

    def _check(self) -> None:
        result = services.check_all(progress=self._progress)
        if self.verbosity >= 2:
            for url in result.rebaselined:
                self.stdout.write(_("  Cập nhật theo lần xuất bản: %(url)s") % {"url": url})
            for url in result.adopted:
                self.stdout.write(_("  Bắt đầu theo dõi: %(url)s") % {"url": url})
            for url in result.dropped:
                self.stdout.write(_("  Thôi theo dõi (đã gỡ hoặc không còn công khai): %(url)s") % {"url": url})
        if result.ok:
            self.stdout.write(
                _(
                    "OK: đã kiểm tra %(checked)s trang, không có thay đổi trái phép "
                    "(%(rebaselined)s trang cập nhật theo lần xuất bản, %(adopted)s trang mới được theo dõi, "
                    "%(dropped)s trang thôi theo dõi)."
                )
                % {
                    "checked": result.checked,
                    "rebaselined": len(result.rebaselined),
                    "adopted": len(result.adopted),
                    "dropped": len(result.dropped),
                }
            )
            unresolved = list(Incident.objects.exclude(status=IncidentStatus.RESOLVED).values_list("pk", flat=True))
            if unresolved:
                self.stdout.write(
                    _("Các trang đã trở lại bình thường; sự cố chưa được đánh dấu xử lý xong: %(numbers)s.")
                    % {"numbers": ", ".join(f"#{number}" for number in unresolved)}
                )
            return
        if result.incident is not None:
            incident = result.incident
            self.stdout.write(
                _("CẢNH BÁO – sự cố #%(number)s, mức độ %(level)s: %(summary)s")
                % {"number": incident.pk, "level": incident.get_level_display(), "summary": incident.summary}
            )
            for finding in result.new_findings:
                self._write_finding(finding)
            if result.notified:
                self.stdout.write(_("Đã gửi cảnh báo tới: %(to)s") % {"to": ", ".join(result.notified)})
            else:
                self.stderr.write(_("Chưa gửi được thư cảnh báo (không có người nhận hoặc lỗi gửi thư)."))
        for incident in result.open_incidents:
            findings = [f for f in result.known_findings if f.known_incident == incident]
            self.stdout.write(
                _(
                    "Sự cố đang mở #%(number)s (%(level)s, %(status)s): %(count)s trang vẫn khác bản đã ghi nhận; "
                    "đã báo trước đó, không gửi lại thư."
                )
                % {
                    "number": incident.pk,
                    "level": incident.get_level_display(),
                    "status": incident.get_status_display(),
                    "count": len(findings),
                }
            )
            for finding in findings:
                self._write_finding(finding)
        self.stdout.flush()
        raise SystemExit(INCIDENT_EXIT_STATUS)

    def _write_finding(self, finding: services.Finding) -> None:
        status = "" if finding.status_now == 200 else f" – HTTP {finding.status_now}"
        self.stdout.write(f"  - [{finding.change_label}] {finding.url} ({finding.locale}){status}")

    def _handle_incident(self, options: dict[str, Any]) -> None:
        number = options["resolve"] or options["acknowledge"]
        incident = Incident.objects.filter(pk=number).first()
        if incident is None:
            raise CommandError(_("Không có sự cố #%(number)s.") % {"number": number})
        username = options["user"]
        user = get_user_model().objects.filter(username=username).first() if username else None
        if user is None:
            raise CommandError(_("Cần --user là tài khoản của người tiếp nhận hoặc xử lý sự cố."))
        if options["resolve"]:
            services.resolve_incident(incident, user, note=options["note"])
            self.stdout.write(_("Sự cố #%(number)s đã được đánh dấu là đã xử lý.") % {"number": incident.pk})
        else:
            services.acknowledge_incident(incident, user)
            self.stdout.write(_("Sự cố #%(number)s đã được tiếp nhận.") % {"number": incident.pk})
