"""``manage.py import_procedures FILE --parent PAGE_ID [--dry-run]``: procedures from a CSV/XLSX export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from portal.procedures import importing
from portal.procedures.models import ProcedureIndexPage


class Command(BaseCommand):
    help = (
        "Nhập thủ tục hành chính từ tệp CSV/XLSX (mẫu xuất của Cơ sở dữ liệu quốc gia) vào một danh sách thủ tục. "
        "Thủ tục mới và thủ tục đã có (cùng mã) đều thành bản nháp, chờ duyệt theo quy trình biên tập."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--parent", type=int, required=True, help="ID của trang danh sách thủ tục.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra và báo cáo, không lưu gì.")
        parser.add_argument("--user", default=None, help="Tên đăng nhập của người nhập (ghi vào lịch sử phiên bản).")

    def handle(self, *args: Any, file: Path, parent: int, dry_run: bool, user: str | None, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp: {file}")
        index = ProcedureIndexPage.objects.filter(pk=parent).first()
        if index is None:
            raise CommandError(f"Không có trang danh sách thủ tục với ID {parent}.")
        owner = get_user_model().objects.filter(username=user).first() if user else None
        if user and owner is None:
            raise CommandError(f"Không có người dùng «{user}».")
        parsed = importing.parse_path(file)
        if not parsed.ok:
            raise CommandError(" ".join(parsed.errors))
        show_progress = options.get("verbosity", 1) >= 1

        def progress(items: list[Any]) -> Any:
            return tqdm(items, desc="Thủ tục", unit="dòng", disable=not show_progress, file=self.stderr._out)

        try:
            report = importing.run_import(parsed, index, owner, dry_run=dry_run, progress=progress)
        except importing.ImportFailed as error:
            raise CommandError(str(error)) from error
        for row in report.rows:
            for message in row["messages"]:
                self.stdout.write(f"Dòng {row['line']} ({row['code'] or '—'}): {message}")
            for warning in row["warnings"]:
                self.stdout.write(f"Dòng {row['line']} ({row['code'] or '—'}), lưu ý: {warning}")
        prefix = "Chạy thử, không lưu gì. Sẽ có" if dry_run else "Xong:"
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix} {report.created} thủ tục mới, {report.updated} cập nhật, "
                f"{report.unchanged} không đổi, {report.skipped} bỏ qua do lỗi "
                f"(tệp {parsed.file_name}, {parsed.encoding})."
            )
        )
        if not dry_run and (report.created or report.updated):
            self.stdout.write("Các thủ tục là bản nháp: gửi duyệt theo quy trình biên tập để xuất bản.")
