"""``manage.py suspend_inactive_accounts``: disable accounts unused for ACCOUNT_INACTIVE_DAYS (180; S-LC 8.1).

Run daily (cron: ``10 1 * * * … manage.py suspend_inactive_accounts``); ``--dry-run`` lists only.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from security.accounts import inactive_days, inactive_users, suspend


class Command(BaseCommand):
    help = "Tạm khóa các tài khoản không sử dụng quá số ngày quy định (mặc định 180 ngày)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không khóa.")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        users = list(inactive_users())
        for user in users:
            last = user.last_login.strftime("%d/%m/%Y") if user.last_login else "chưa từng đăng nhập"
            self.stdout.write(f"{'[thử] ' if dry_run else ''}{user.get_username()} (lần cuối: {last})")
            if not dry_run:
                suspend(user, f"Không sử dụng quá {inactive_days()} ngày")
        verb = "Sẽ khóa" if dry_run else "Đã khóa"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(users)} tài khoản."))
