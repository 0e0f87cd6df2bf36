"""Make every cached page stale (after deploying new templates), without touching other cache data."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from portal.pagecache import store


class Command(BaseCommand):
    help = _("Làm mới toàn bộ bộ nhớ đệm trang (sau khi triển khai giao diện mới).")

    def handle(self, *args: Any, **options: Any) -> None:
        store.invalidate([store.ALL])
        self.stdout.write(_("Mọi trang trong bộ nhớ đệm sẽ được tạo lại ở lần xem tới."))
