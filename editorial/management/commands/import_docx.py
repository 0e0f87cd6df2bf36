"""``manage.py import_docx FILE --section ID --category CODE``: a draft article from a .docx press release."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from editorial.docx_import import MAX_DOCX_BYTES, import_docx
from portal.models import Category, SectionPage
from subportals.permissions import unit_of_page


class Command(BaseCommand):
    help = "Tạo bản nháp tin bài từ tệp thông cáo báo chí .docx (chuyển phông TCVN3/VNI sang Unicode)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--section", type=int, required=True, help="ID của chuyên trang chứa tin bài.")
        parser.add_argument("--category", required=True, help="Mã chuyên mục, ví dụ: tin-tuc")
        parser.add_argument("--user", default=None, help="Tên đăng nhập của người nhập (chủ sở hữu bản nháp).")

    def handle(self, *args: Any, file: Path, section: int, category: str, user: str | None, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp: {file}")
        if file.suffix.lower() != ".docx":
            raise CommandError("Chỉ nhận tệp Word dạng .docx.")
        if file.stat().st_size > MAX_DOCX_BYTES:
            raise CommandError(f"Tệp quá lớn: tối đa {MAX_DOCX_BYTES // (1024 * 1024)} MB.")
        parent = SectionPage.objects.filter(pk=section).first()
        if parent is None:
            raise CommandError(f"Không có chuyên trang với ID {section}.")
        chosen = Category.objects.filter(code=category).first()
        if chosen is None:
            raise CommandError(f"Không có chuyên mục «{category}».")
        owner = get_user_model().objects.filter(username=user).first() if user else None
        if user and owner is None:
            raise CommandError(f"Không có người dùng «{user}».")
        unit = unit_of_page(parent)
        if unit is None or unit.collection is None:
            raise CommandError("Chuyên trang không thuộc cổng nào.")
        try:
            with file.open("rb") as handle:
                article = import_docx(handle, section=parent, category=chosen, user=owner, collection=unit.collection)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Đã tạo bản nháp «{article.title}» (ID {article.pk})."))
