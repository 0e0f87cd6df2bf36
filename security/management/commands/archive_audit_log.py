"""``manage.py archive_audit_log``: move entries older than the retention period into a checksummed archive.

The archive is a gzip of JSON lines in ``AUDIT_ARCHIVE_DIR`` (put it on another volume); its
last hash anchors the chain that stays in the database. Run it monthly; ``--dry-run`` counts.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from security import audit
from security.models import AuditArchive, AuditEntry


class Command(BaseCommand):
    help = "Lưu trữ và xóa khỏi cơ sở dữ liệu các mục nhật ký quá thời hạn lưu (mặc định 365 ngày, tối thiểu 30)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không lưu trữ.")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        days = max(30, int(settings.AUDIT_LOG_RETENTION_DAYS))
        cutoff = timezone.now() - datetime.timedelta(days=days)
        old = AuditEntry.objects.filter(timestamp__lt=cutoff).order_by("sequence")
        last = old.last()
        if last is None:
            self.stdout.write(f"Không có mục nào cũ hơn {days} ngày.")
            return
        if dry_run:
            self.stdout.write(f"Sẽ lưu trữ {old.count()} mục (đến mục {last.sequence}).")
            return
        problems = list(audit.verify())
        if problems:
            raise CommandError("Nhật ký không toàn vẹn; chạy verify_audit_log và xử lý trước khi lưu trữ.")
        folder = Path(settings.AUDIT_ARCHIVE_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        first = old.first()
        path = folder / f"audit-{first.sequence:012d}-{last.sequence:012d}.jsonl.gz"
        temporary = path.with_suffix(".tmp")
        digest = hashlib.sha256()
        count = 0
        with gzip.open(temporary, "wt", encoding="utf-8") as archive:
            for entry in old.filter(sequence__lte=last.sequence).iterator(chunk_size=2000):
                line = json.dumps(
                    {**audit.hashed_fields(entry), "previous_hash": entry.previous_hash, "hash": entry.hash},
                    ensure_ascii=False,
                    sort_keys=True,
                )
                archive.write(line + "\n")
                count += 1
        digest.update(temporary.read_bytes())
        os.replace(temporary, path)
        with transaction.atomic():
            AuditArchive.objects.create(
                first_sequence=first.sequence,
                last_sequence=last.sequence,
                last_hash=last.hash,
                filename=str(path),
                sha256=digest.hexdigest(),
                entries=count,
            )
            audit.purge_archived(last.sequence)
        audit.record(
            "audit.archive", object_type="security.auditarchive", changes={"entries": count, "file": path.name}
        )
        self.stdout.write(self.style.SUCCESS(f"Đã lưu trữ {count} mục vào {path} (SHA-256 {digest.hexdigest()})."))
