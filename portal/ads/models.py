"""Ad slots and advertisements (P-Art. 13), managed by the portal management unit only."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.links.validation import MAX_URL_LENGTH, validate_public_url

END_BEFORE_START = _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")


class AdSlot(models.Model):
    """A place in the page layout (base.html) where ads may appear; never inside an article."""

    code = models.SlugField(
        _("mã vị trí"),
        max_length=40,
        unique=True,
        help_text=_("Mã dùng trong giao diện: header-banner (dưới thanh điều hướng), sidebar (cuối phần nội dung)."),
    )
    name = models.CharField(_("tên vị trí"), max_length=200)
    width = models.PositiveSmallIntegerField(
        _("chiều rộng (px)"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    height = models.PositiveSmallIntegerField(
        _("chiều cao (px)"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    max_ads = models.PositiveSmallIntegerField(
        _("số quảng cáo hiển thị cùng lúc"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    is_active = models.BooleanField(_("đang sử dụng"), default=True)
    description = models.TextField(_("mô tả"), blank=True, max_length=1000)

    class Meta:
        ordering = ["code"]
        verbose_name = _("vị trí quảng cáo")
        verbose_name_plural = _("vị trí quảng cáo")

    def __str__(self) -> str:
        return f"{self.name} ({self.code}, {self.size})"

    @property
    def size(self) -> str:
        return f"{self.width}×{self.height}"

    @property
    def rendition_spec(self) -> str:
        """The whole creative fits the slot: scaled down, never cropped."""
        return f"max-{self.width}x{self.height}"


class Advertisement(models.Model):
    """One advertiser's creative in a slot, shown from ``start_at`` (included) to ``end_at`` (excluded)."""

    slot = models.ForeignKey(AdSlot, verbose_name=_("vị trí"), on_delete=models.PROTECT, related_name="ads")
    advertiser = models.CharField(_("đơn vị quảng cáo"), max_length=255)
    title = models.CharField(
        _("tiêu đề"),
        max_length=255,
        help_text=_("Hiện làm văn bản thay thế của ảnh (cho người dùng trình đọc màn hình)."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh quảng cáo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=False,
        related_name="+",
    )
    target_url = models.CharField(
        _("địa chỉ đích"),
        max_length=MAX_URL_LENGTH,
        validators=[validate_public_url],
        help_text=_("Trang mở ra khi bấm vào quảng cáo; bắt đầu bằng https:// hoặc http://."),
    )
    start_at = models.DateTimeField(_("bắt đầu hiển thị"))
    end_at = models.DateTimeField(_("kết thúc hiển thị"), help_text=_("Quảng cáo thôi hiển thị từ thời điểm này."))
    all_sites = models.BooleanField(_("hiển thị trên mọi cổng"), default=True)
    units = models.ManyToManyField(
        "subportals.Unit",
        verbose_name=_("chỉ hiển thị trên cổng của các đơn vị"),
        blank=True,
        related_name="+",
        help_text=_("Dùng khi không chọn «hiển thị trên mọi cổng»."),
    )
    is_active = models.BooleanField(_("đang bật"), default=True)
    sort_order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=100, validators=[MaxValueValidator(9999)], help_text=_("Số nhỏ đứng trước.")
    )
    notes = models.TextField(_("ghi chú (hợp đồng, giấy phép…)"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày sửa"), auto_now=True)

    class Meta:
        ordering = ["slot", "sort_order", "-start_at", "pk"]
        verbose_name = _("quảng cáo")
        verbose_name_plural = _("quảng cáo")
        constraints = [
            models.CheckConstraint(condition=models.Q(end_at__gt=models.F("start_at")), name="ads_end_after_start")
        ]
        indexes = [models.Index(fields=["is_active", "end_at"], name="ads_active_end")]

    def __str__(self) -> str:
        return f"{self.title} – {self.advertiser}"

    def clean(self) -> None:
        super().clean()
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            raise ValidationError({"end_at": END_BEFORE_START})

    def is_running(self, now: datetime.datetime) -> bool:
        return self.is_active and self.start_at <= now < self.end_at
