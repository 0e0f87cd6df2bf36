"""``manage.py restore ARCHIVE``: restore a backup into an empty database and media folder.

``--verify`` restores into a scratch database and folder instead, compares row counts and file
checksums with the archive's manifest, and removes the scratch copy: the monthly restore test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from security.backups import BackupError, restore
from security.backups import verify as verify_restore


class Command(BaseCommand):
    help = "Khôi phục bản sao lưu vào cơ sở dữ liệu và thư mục media trống; --verify để khôi phục thử."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="Tệp khanhhoa-backup-….tar.gz (cần tệp .sha256 đi kèm).")
        parser.add_argument("--verify", action="store_true", help="Khôi phục thử vào nơi tạm rồi so sánh.")

    def handle(self, *args: Any, archive: Path, verify: bool, **options: Any) -> None:
        show = options.get("verbosity", 1) >= 1

        def progress(items: list[Any]) -> Any:
            return tqdm(items, desc="Tệp media", unit="tệp", disable=not show, file=self.stderr._out)

        try:
            if verify:
                report = verify_restore(archive, progress)
                if not report.ok:
                    raise CommandError(
                        "Khôi phục thử KHÔNG khớp số bản ghi ở các bảng: " + ", ".join(report.mismatched_tables)
                    )
                rows = sum(report.counts.values())
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Khôi phục thử thành công: {len(report.counts)} bảng, {rows:,} bản ghi, "
                        f"{report.files} tệp media khớp mã kiểm tra."
                    )
                )
                return
            manifest = restore(archive, progress=progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Đã khôi phục bản sao lưu lúc {manifest.created_at} ({len(manifest.counts)} bảng).")
        )
