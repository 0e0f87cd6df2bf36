"""``manage.py compliance_report --period 2026-10 --format pdf --out FILE``: issue the update-frequency report.

The file is stored as an issued report (number, who, when, checksum) exactly as written, so it
can be shown again as it was sent. ``--preview`` prints the table and stores nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from editorial.compliance import issuing
from editorial.compliance.enums import ReportFormat, ReportSource
from editorial.compliance.exports import columns, table_rows
from editorial.compliance.report import build_report
from editorial.compliance.rules import PERIOD_FORMATS, PeriodError, parse_period


class Command(BaseCommand):
    help = "Lập và phát hành báo cáo tần suất cập nhật của các đơn vị cho một kỳ (tuần, tháng, quý, năm, khoảng ngày)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help=f"Kỳ báo cáo: {PERIOD_FORMATS}")
        parser.add_argument(
            "--format", choices=ReportFormat.values, default=ReportFormat.PDF, help="pdf, xlsx hoặc csv"
        )
        parser.add_argument("--out", help="Tệp kết quả (bắt buộc, trừ khi dùng --preview).")
        parser.add_argument("--preview", action="store_true", help="Chỉ in bảng ra màn hình, không phát hành.")

    def handle(self, *args: Any, period: str, format: str, out: str | None, preview: bool, **options: Any) -> None:
        try:
            parsed = parse_period(period)
        except PeriodError as error:
            raise CommandError(str(error)) from None
        if not preview:
            target = self._target(out)
        report = build_report(parsed)
        if preview:
            self.stdout.write(parsed.label)
            self.stdout.write(" | ".join(columns()))
            for row in table_rows(report):
                self.stdout.write(" | ".join(row))
            return
        [issued] = issuing.issue(report, [format], source=ReportSource.COMMAND)
        temporary = target.with_name(f".{target.name}.tmp")
        try:
            temporary.write_bytes(bytes(issued.content))
            os.replace(temporary, target)
        except OSError as error:
            raise CommandError(
                f"Đã phát hành báo cáo số {issued.number}/{issued.year} nhưng không ghi được tệp {target}: {error}. "
                "Tải lại bản đã lưu ở mục Báo cáo đã phát hành."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Báo cáo số {issued.number}/{issued.year} – {parsed.label}: {len(report.rows)} đơn vị, "
                f"{len(report.failing)} không đạt. Đã ghi {target} ({issued.size} byte, SHA-256 {issued.sha256})."
            )
        )

    @staticmethod
    def _target(out: str | None) -> Path:
        if not out:
            raise CommandError("Cần --out TỆP (hoặc --preview để chỉ xem).")
        target = Path(out).expanduser()
        if target.is_dir():
            raise CommandError(f"{target} là một thư mục; hãy ghi rõ tên tệp.")
        if not target.parent.is_dir():
            raise CommandError(f"Thư mục {target.parent} không tồn tại.")
        if not os.access(target.parent, os.W_OK):
            raise CommandError(f"Không có quyền ghi vào thư mục {target.parent}.")
        return target
