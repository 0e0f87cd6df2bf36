"""``manage.py backup``: one dated, checksummed archive of the database and the media, with retention.

Run monthly (see docs/backup.md for the timer); put ``BACKUP_DIR`` on another volume.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from security import audit
from security.backups import BackupError, create_backup, same_volume


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và thư mục ảnh, tài liệu vào một tệp có ngày giờ và mã kiểm tra SHA-256."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=None, help="Thư mục lưu (mặc định: BACKUP_DIR).")
        parser.add_argument("--keep", type=int, default=None, help="Số bản sao lưu giữ lại (mặc định: BACKUP_KEEP).")

    def handle(self, *args: Any, dir: Path | None, keep: int | None, **options: Any) -> None:
        directory = Path(dir or settings.BACKUP_DIR)
        keep = settings.BACKUP_KEEP if keep is None else keep
        if keep < 1:
            raise CommandError("--keep phải từ 1 trở lên.")
        shared = same_volume(directory)
        if shared:
            self.stderr.write(
                f"Cảnh báo: thư mục sao lưu nằm cùng ổ đĩa với {', '.join(shared)}; hãy đặt BACKUP_DIR trên ổ khác."
            )
        show = options.get("verbosity", 1) >= 1

        def progress(items: list[Any]) -> Any:
            return tqdm(items, desc="Tệp media", unit="tệp", disable=not show, file=self.stderr._out)

        try:
            archive = create_backup(directory, keep=keep, progress=progress)
        except (BackupError, OSError) as error:
            raise CommandError(f"Sao lưu không thành công: {error}") from error
        audit.record("backup.create", object_type="backup", object_repr=archive.name)
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu: {archive} ({archive.stat().st_size:,} byte)"))
