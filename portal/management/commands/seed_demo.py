"""``manage.py seed_demo``: the demo portal (main portal, three sub-portals, vi/en/ru content)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from portal.demo.seed import DATA_DIR, DemoSeeder, load_article_specs
from portal.demo.sites import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Tạo cổng thông tin mẫu: cổng chính, các cổng thành phần, tin bài ba ngôn ngữ và tài khoản mẫu. "
        "Chạy lại nhiều lần không sao."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--domain", default="localhost", help="Tên miền của cổng chính (mặc định: localhost).")
        parser.add_argument("--port", type=int, default=8000, help="Cổng HTTP của các trang (mặc định: 8000).")
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="Thư mục chứa các tệp tin bài mẫu (.json).")
        parser.add_argument("--limit", type=int, default=None, help="Chỉ tạo N tin bài đầu tiên (để thử nhanh).")

    def handle(self, *args: Any, domain: str, port: int, limit: int | None, data_dir: Path, **options: Any) -> None:
        if not domain or "/" in domain or ":" in domain:
            raise CommandError(f"Tên miền không hợp lệ: {domain!r}")
        if not 0 < port < 65536:
            raise CommandError(f"Cổng không hợp lệ: {port}")
        if limit is not None and limit < 0:
            raise CommandError("--limit phải là số không âm.")
        data_dir = Path(data_dir)
        if not data_dir.is_dir():
            raise CommandError(f"Không tìm thấy thư mục dữ liệu mẫu: {data_dir}")
        try:
            specs = load_article_specs(data_dir)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if limit is not None:
            specs = specs[:limit]
        show_progress = options.get("verbosity", 1) >= 1

        def progress(items: list[Any]) -> Any:
            return tqdm(items, desc="Tin bài", unit="bài", disable=not show_progress, file=self.stderr._out)

        report = DemoSeeder(domain, port, log=self.stdout.write).run(specs, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Xong: {report.units} cổng, {report.articles_created} tin bài mới, "
                f"{report.translations} bản dịch, {report.users_created} tài khoản mới, "
                f"{report.workflow_pages} tin minh họa quy trình duyệt."
            )
        )
        if show_progress:
            self.stdout.write(
                f"Tài khoản mẫu: quantri / {DEMO_PASSWORD} (quản trị), <mã đơn vị>.bientap, .kiemduyet, .truongban."
            )
