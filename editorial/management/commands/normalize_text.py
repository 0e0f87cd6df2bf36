"""``manage.py normalize_text``: find (``--check``) or convert (``--fix``) non-TCVN 6909 text in stored content.

Pages get a new revision (published only when the page was live with nothing unpublished); the
published history is never edited in place.
"""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction
from tqdm import tqdm
from wagtail.models import Page

from editorial.normalization import normalize_instance
from editorial.signal_handlers import NORMALISED_APPS


class Command(BaseCommand):
    help = "Kiểm tra (--check) hoặc chuyển đổi (--fix) văn bản chưa theo chuẩn TCVN 6909:2001 trong toàn bộ nội dung."

    def add_arguments(self, parser: CommandParser) -> None:
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--check", action="store_true", help="Chỉ báo cáo, không sửa gì.")
        mode.add_argument("--fix", action="store_true", help="Chuyển đổi và lưu (trang: tạo phiên bản mới).")
        parser.add_argument("--examples", type=int, default=5, help="Số ví dụ in ra cho mỗi loại nội dung.")

    def handle(self, *args: Any, check: bool, fix: bool, examples: int, **options: Any) -> None:
        quiet = options.get("verbosity", 1) < 1
        found: Counter[str] = Counter()
        shown: Counter[str] = Counter()
        for label, obj, fields in self._pages(quiet) + self._others(quiet):
            found[label] += 1
            if shown[label] < examples:
                shown[label] += 1
                self.stdout.write(f"  {label} #{obj.pk} «{str(obj)[:80]}»: {', '.join(fields)}")
            if fix:
                self._save(obj, fields)
        if not found:
            self.stdout.write(self.style.SUCCESS("Mọi văn bản đều đã theo chuẩn TCVN 6909:2001."))
            return
        summary = ", ".join(f"{label}: {count}" for label, count in sorted(found.items()))
        if fix:
            self.stdout.write(self.style.SUCCESS(f"Đã chuyển đổi {sum(found.values())} đối tượng ({summary})."))
        else:
            raise CommandError(
                f"Có {sum(found.values())} đối tượng chưa theo chuẩn ({summary}). Chạy lại với --fix để chuyển đổi.",
                returncode=1,
            )

    def _pages(self, quiet: bool) -> list[tuple[str, Any, list[str]]]:
        """The newest revision of every page (what an editor would edit next)."""
        results = []
        pages = Page.objects.filter(depth__gt=1).specific().order_by("path")
        for page in tqdm(pages, desc="Trang", unit="trang", disable=quiet, file=self.stderr._out):
            draft = page.get_latest_revision_as_object() if page.latest_revision_id else copy.copy(page)
            changed = normalize_instance(draft)
            if changed:
                results.append((f"trang {page._meta.verbose_name}", draft, changed))
        return results

    def _others(self, quiet: bool) -> list[tuple[str, Any, list[str]]]:
        results = []
        for model in apps.get_models():
            if model._meta.app_label not in NORMALISED_APPS or issubclass(model, Page) or model._meta.proxy:
                continue
            queryset = model._default_manager.order_by("pk")
            for obj in tqdm(
                queryset.iterator(chunk_size=500),
                total=queryset.count(),
                desc=str(model._meta.verbose_name_plural),
                disable=quiet,
                file=self.stderr._out,
            ):
                changed = normalize_instance(obj)
                if changed:
                    results.append((str(model._meta.verbose_name), obj, changed))
        return results

    @transaction.atomic
    def _save(self, obj: models.Model, fields: list[str]) -> None:
        if isinstance(obj, Page):
            page = Page.objects.get(pk=obj.pk).specific
            publish = page.live and not page.has_unpublished_changes
            revision = obj.save_revision(log_action=True)
            if publish:
                revision.publish()
            return
        obj.save(update_fields=fields)
