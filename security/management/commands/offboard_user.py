"""``manage.py offboard_user LEAVER --to SUCCESSOR``: disable a leaver's account and hand over their pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from security.accounts import offboard


class Command(BaseCommand):
    help = "Khóa tài khoản của người nghỉ việc, chuyển tin bài của họ cho người nhận bàn giao."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--to", required=True, dest="successor", help="Tài khoản nhận bàn giao.")
        parser.add_argument("--reason", default="", help="Lý do (nghỉ việc, chuyển công tác…).")

    def handle(self, *args: Any, username: str, successor: str, reason: str, **options: Any) -> None:
        users = get_user_model().objects
        leaver = users.filter(username=username).first()
        heir = users.filter(username=successor).first()
        if leaver is None:
            raise CommandError(f"Không có tài khoản «{username[:150]}».")
        if heir is None:
            raise CommandError(f"Không có tài khoản nhận bàn giao «{successor[:150]}».")
        try:
            handover = offboard(leaver, heir, reason=reason)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khóa {leaver.get_username()}: {handover.pages} trang chuyển cho {heir.get_username()}, "
                f"{handover.unlocked} trang được mở khóa, rời {handover.groups} nhóm."
            )
        )
