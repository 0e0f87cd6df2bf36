"""Tell the defacement watch which sites' pages changed because an ad started or ended.

An ad appears and disappears at its start and end without anybody saving anything, so the
rendered pages change with no publication to explain it. ``check_defacement`` does this marking
itself first (``security.integrity.services.check_starting``); this command does it on demand.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from ...services import mark_schedule_changes


class Command(BaseCommand):
    help = (
        "Đánh dấu các cổng có quảng cáo vừa bắt đầu hoặc kết thúc, để việc kiểm tra thay đổi trái phép không báo nhầm."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--hours", type=int, default=24, help="Khoảng thời gian xét khi chưa chạy lần nào.")

    def handle(self, *args: Any, **options: Any) -> None:
        since, marked = mark_schedule_changes(hours=options["hours"])
        self.stdout.write(
            f"Đã đánh dấu {marked} trang có quảng cáo thay đổi từ {timezone.localtime(since):%d/%m/%Y %H:%M}."
        )
