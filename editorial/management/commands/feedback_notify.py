"""Retry the e-mails of citizens' questions that could not be sent, and forget old client addresses.

A failed send leaves ``unit_notified_at`` / ``citizen_notified_at`` empty (editorial/feedback/notifications.py);
run this every hour or every day. Client addresses are kept only for the spam limits: after
``FEEDBACK_IP_RETENTION_DAYS`` (90) they are erased.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from editorial.feedback import notifications
from editorial.feedback.enums import Status
from editorial.feedback.models import Feedback


class Command(BaseCommand):
    help = "Gửi lại thư điện tử chưa gửi được của mục hỏi đáp, góp ý; xóa địa chỉ IP cũ."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không gửi, không xóa.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        units = Feedback.objects.filter(
            status__in=(Status.ASSIGNED, Status.PENDING_APPROVAL), assigned_unit__isnull=False, unit_notified_at=None
        ).select_related("assigned_unit")
        citizens = Feedback.objects.filter(status=Status.ANSWERED, citizen_notified_at=None).exclude(personal_email="")
        sent = failed = 0
        for item in units:
            if not notifications.unit_recipients(item.assigned_unit):
                continue
            self.stdout.write(f"{item.code}: {item.assigned_unit.name_vi}")
            if not dry_run:
                ok = notifications.notify_unit(item)
                sent, failed = sent + ok, failed + (not ok)
        for item in citizens.select_related("assigned_unit", "site_unit"):
            self.stdout.write(f"{item.code}: người gửi")
            if not dry_run:
                ok = notifications.notify_citizen(item)
                sent, failed = sent + ok, failed + (not ok)
        days = int(getattr(settings, "FEEDBACK_IP_RETENTION_DAYS", 90))
        old = Feedback.objects.filter(
            personal_ip__isnull=False, received_at__lt=timezone.now() - datetime.timedelta(days=days)
        )
        erased = old.count() if dry_run else old.update(personal_ip=None)
        self.stdout.write(f"Đã gửi {sent}, không gửi được {failed}; xóa địa chỉ IP của {erased} câu hỏi.")
