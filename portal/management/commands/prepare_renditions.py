"""Make the public renditions of every stored image (after a restore, an import or a template change)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from tqdm import tqdm
from wagtail.images import get_image_model

from portal.renditions import PUBLIC_SPECS, prepare


class Command(BaseCommand):
    help = _("Tạo trước các bản ảnh thu nhỏ mà trang công khai dùng, cho mọi ảnh đã lưu.")

    def handle(self, *args: Any, **options: Any) -> None:
        images = get_image_model().objects.order_by("pk")
        failed = 0
        progress = tqdm(
            images.iterator(chunk_size=200),
            total=images.count(),
            desc=_("Ảnh"),
            unit=_("ảnh"),
            disable=options["verbosity"] == 0,
            file=self.stderr._out,
        )
        for image in progress:
            if not prepare(image):
                failed += 1
                self.stderr.write(
                    _("Không tạo được bản thu nhỏ của ảnh «%(title)s» (#%(id)s).")
                    % {
                        "title": image.title,
                        "id": image.pk,
                    }
                )
        self.stdout.write(
            _("Đã chuẩn bị %(specs)d cỡ ảnh cho %(count)d ảnh; %(failed)d ảnh lỗi.")
            % {"specs": len(PUBLIC_SPECS), "count": images.count() - failed, "failed": failed}
        )
