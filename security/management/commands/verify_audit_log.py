"""``manage.py verify_audit_log``: recompute the hash chain and say where it breaks (exit 1 if it does)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from security import audit
from security.models import AuditEntry


class Command(BaseCommand):
    help = "Kiểm tra nhật ký hệ thống chưa bị sửa, xóa hay chèn (chuỗi mã băm)."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = list(audit.verify())
        total = AuditEntry.objects.count()
        if problems:
            for problem in problems[:50]:
                self.stderr.write(f"Mục {problem.sequence}: {problem.message}")
            raise CommandError(f"Nhật ký hệ thống KHÔNG toàn vẹn: {len(problems)} lỗi trên {total} mục.")
        start, _hash = audit.anchor()
        self.stdout.write(self.style.SUCCESS(f"Nhật ký hệ thống toàn vẹn: {total} mục (sau mục lưu trữ {start})."))
