"""``manage.py account_review``: the quarterly review of accounts and rights (S-HD 13.1.e).

``--send`` e-mails each unit's board heads the list of their unit's accounts (CSV attached);
``--out FILE.csv`` writes the list of every account. Run quarterly, e.g. cron
``0 8 1 1,4,7,10 * … manage.py account_review --send``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand, CommandError, CommandParser

from security import audit
from security.accounts import review_rows
from security.views import review_csv
from subportals.models import Unit
from subportals.services import board_head_emails


class Command(BaseCommand):
    help = "Rà soát tài khoản và quyền hằng quý: gửi mỗi trưởng ban danh sách tài khoản của đơn vị."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--send", action="store_true", help="Gửi thư cho trưởng ban biên tập của từng đơn vị.")
        parser.add_argument("--out", help="Ghi danh sách mọi tài khoản ra tệp CSV.")

    def handle(self, *args: Any, send: bool, out: str | None, **options: Any) -> None:
        if not send and not out:
            raise CommandError("Cần --send hoặc --out TỆP.csv.")
        if out:
            target = Path(out)
            if not target.parent.is_dir():
                raise CommandError(f"Thư mục {target.parent} không tồn tại.")
            rows = review_rows()
            target.write_bytes(review_csv(rows))
            audit.record(
                "personal_data.export", object_type="auth.user", changes={"rows": len(rows), "to": str(target)}
            )
            self.stdout.write(f"Đã ghi {len(rows)} tài khoản vào {target}.")
        if send:
            for unit in Unit.objects.filter(is_active=True):
                heads = board_head_emails(unit)
                if not heads:
                    self.stderr.write(f"{unit.name_vi}: chưa có trưởng ban có địa chỉ thư điện tử.")
                    continue
                rows = review_rows(Unit.objects.filter(pk=unit.pk))
                message = EmailMessage(
                    f"[Cổng TTĐT] Rà soát tài khoản quý – {unit.name_vi}",
                    f"Kính gửi Trưởng ban biên tập {unit.name_vi},\n\n"
                    f"Đính kèm danh sách {len(rows)} tài khoản và quyền của đơn vị. Đề nghị rà soát, "
                    "báo cho quản trị hệ thống các tài khoản cần khóa hoặc đổi quyền.\n",
                    settings.DEFAULT_FROM_EMAIL,
                    heads,
                )
                message.attach(f"ra-soat-tai-khoan-{unit.code}.csv", review_csv(rows), "text/csv")
                message.send()
                audit.record("personal_data.export", unit, changes={"rows": len(rows), "to": heads})
                self.stdout.write(f"Đã gửi {unit.name_vi}: {', '.join(heads)}")
