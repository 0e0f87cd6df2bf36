"""``manage.py create_subportal``: a complete sub-portal (site, home pages, groups, collection, workflow)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from subportals.admin_forms import NewSubportalForm
from subportals.provisioning import provision_unit


class Command(BaseCommand):
    help = "Tạo một cổng thông tin thành phần hoàn chỉnh cho một đơn vị."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", required=True, help="Mã đơn vị, ví dụ: syt")
        parser.add_argument("--kind", default="department", help="department | district | other")
        parser.add_argument("--name-vi", required=True)
        parser.add_argument("--name-en", required=True)
        parser.add_argument("--name-ru", required=True)
        parser.add_argument("--host", required=True, help="Tên miền, ví dụ: syt.khanhhoa.gov.vn")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument(
            "--steps", type=int, default=2, help="Số bước duyệt: 2 (kiểm duyệt, trưởng ban) hoặc 1 (trưởng ban)"
        )
        parser.add_argument("--email", action="append", default=[], help="Thư điện tử nhận thông báo (lặp lại được)")

    def handle(self, *args: Any, **options: Any) -> None:
        form = NewSubportalForm(
            data={
                "code": options["code"],
                "kind": options["kind"],
                "name_vi": options["name_vi"],
                "name_en": options["name_en"],
                "name_ru": options["name_ru"],
                "hostname": options["host"],
                "port": options["port"],
                "approval_steps": options["steps"],
                "contact_emails": "\n".join(options["email"]),
            }
        )
        if not form.is_valid():
            lines = [
                f"{form.fields[name].label if name in form.fields else 'Lỗi'}: {' '.join(errors)}"
                for name, errors in form.errors.items()
            ]
            raise CommandError("Không tạo được cổng thành phần:\n" + "\n".join(lines))
        unit = provision_unit(form.to_spec())
        self.stdout.write(self.style.SUCCESS(f"Đã tạo cổng «{unit.name_vi}» tại {unit.site.root_url}/vi/"))
