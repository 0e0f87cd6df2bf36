"""Data of update-frequency monitoring: the calendar's exceptions, counted updates, issued reports."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .enums import ReportFormat, ReportSource, UpdateKind


class CalendarDay(models.Model):
    """A day the government moved: an extra day off, or a make-up working Saturday (P-Art. 11)."""

    date = models.DateField(_("ngày"), unique=True)
    is_working_day = models.BooleanField(
        _("là ngày làm việc"),
        default=False,
        help_text=_("Đánh dấu khi đây là ngày làm bù (thứ Bảy đi làm); bỏ trống khi đây là ngày nghỉ thêm."),
    )
    name = models.CharField(_("lý do"), max_length=200)
    legal_basis = models.CharField(
        _("căn cứ"), max_length=300, blank=True, help_text=_("Văn bản công bố, ví dụ: Thông báo số …/TB-BNV.")
    )

    panels = [FieldPanel("date"), FieldPanel("is_working_day"), FieldPanel("name"), FieldPanel("legal_basis")]

    class Meta:
        ordering = ["-date"]
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("lịch ngày nghỉ, ngày làm bù")

    def __str__(self) -> str:
        kind = _("làm bù") if self.is_working_day else _("nghỉ")
        return f"{self.date:%d/%m/%Y} ({kind}): {self.name}"

    def clean(self) -> None:
        if self.date and not (2000 <= self.date.year <= 2100):
            raise ValidationError({"date": _("Ngày phải trong khoảng năm 2000 đến 2100.")})


class UpdateRecord(models.Model):
    """One update that counts toward a unit's rule: a page really went live at ``went_live_at``."""

    unit = models.ForeignKey(
        "subportals.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="update_records"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    page_title = models.CharField(_("tiêu đề"), max_length=255)
    language = models.CharField(_("ngôn ngữ"), max_length=8)
    kind = models.CharField(_("loại cập nhật"), max_length=20, choices=UpdateKind.choices)
    went_live_at = models.DateTimeField(_("thời điểm xuất bản thực tế"), db_index=True)
    live_date = models.DateField(_("ngày xuất bản (giờ Việt Nam)"))
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("thời điểm gỡ bỏ"), null=True, blank=True)
    counts = models.BooleanField(_("được tính"), default=True)

    class Meta:
        ordering = ["-went_live_at"]
        indexes = [models.Index(fields=["unit", "live_date"], name="update_unit_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "revision_id"], condition=models.Q(page__isnull=False), name="one_update_per_revision"
            )
        ]
        verbose_name = _("lần cập nhật")
        verbose_name_plural = _("lần cập nhật")

    def __str__(self) -> str:
        return f"{self.page_title} ({self.went_live_at:%d/%m/%Y %H:%M})"


class ImmutableQuerySet(models.QuerySet):
    """Issued reports are evidence: no bulk update or delete either."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Báo cáo đã phát hành không được sửa.")

    def delete(self) -> Any:
        raise PermissionError("Báo cáo đã phát hành không được xóa.")


class IssuedReport(models.Model):
    """A compliance report as it was sent: the exact file, who issued it, and its checksum."""

    number = models.PositiveIntegerField(_("số"))
    year = models.PositiveSmallIntegerField(_("năm"))
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    period_label = models.CharField(_("kỳ báo cáo"), max_length=100)
    format = models.CharField(_("định dạng"), max_length=4, choices=ReportFormat.choices)
    source = models.CharField(_("nguồn"), max_length=10, choices=ReportSource.choices)
    issued_at = models.DateTimeField(_("thời điểm phát hành"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phát hành"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    filename = models.CharField(_("tên tệp"), max_length=200)
    content = models.BinaryField(_("nội dung"))
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    recipients = models.TextField(_("gửi đến"), blank=True)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number", "format"], name="one_file_per_report_number_and_format")
        ]
        verbose_name = _("báo cáo đã phát hành")
        verbose_name_plural = _("báo cáo đã phát hành")

    def __str__(self) -> str:
        return f"{self.number}/{self.year} – {self.period_label} ({self.get_format_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Báo cáo đã phát hành không được sửa.")
        self.sha256 = hashlib.sha256(bytes(self.content)).hexdigest()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("Báo cáo đã phát hành không được xóa.")

    @property
    def intact(self) -> bool:
        """The stored file still matches the checksum taken when it was issued."""
        return hashlib.sha256(bytes(self.content)).hexdigest() == self.sha256

    @property
    def size(self) -> int:
        return len(bytes(self.content))


class ComplianceNotice(models.Model):
    """An e-mail the scheduled job sent, so that a second run the same day sends nothing twice."""

    key = models.CharField(max_length=120, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True)

    class Meta:
        verbose_name = _("thông báo đã gửi")
        verbose_name_plural = _("thông báo đã gửi")

    def __str__(self) -> str:
        return self.key


@register_setting(icon="doc-full")
class ReportingSettings(BaseGenericSetting):
    """Who issues the compliance report and to whom: the management unit edits this in the admin."""

    issuer_parent = models.CharField(_("cơ quan chủ quản"), max_length=200, default="UBND TỈNH KHÁNH HÒA")
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, default="BAN BIÊN TẬP CỔNG THÔNG TIN ĐIỆN TỬ TỈNH")
    number_suffix = models.CharField(_("ký hiệu văn bản"), max_length=40, default="BC-BBT")
    place = models.CharField(_("địa danh"), max_length=60, default="Khánh Hòa")
    addressees = models.TextField(
        _("kính gửi"),
        default="Sở Thông tin và Truyền thông",
        help_text=_("Mỗi cơ quan một dòng."),
    )
    copies_to = models.TextField(
        _("nơi nhận khác"), blank=True, default="UBND tỉnh (để báo cáo)", help_text=_("Mỗi nơi một dòng.")
    )
    signer_title = models.CharField(_("chức danh người ký"), max_length=100, default="TRƯỞNG BAN")
    signer_capacity = models.CharField(
        _("thẩm quyền ký"), max_length=100, blank=True, help_text=_("Ví dụ: KT. TRƯỞNG BAN")
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=100, blank=True)
    report_emails = models.TextField(
        _("thư điện tử nhận báo cáo tháng"),
        blank=True,
        help_text=_("Địa chỉ của Sở TT&TT và UBND tỉnh nhận báo cáo hằng tháng; mỗi địa chỉ một dòng."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("issuer_parent"), FieldPanel("issuer"), FieldPanel("number_suffix"), FieldPanel("place")],
            _("Cơ quan ban hành"),
        ),
        MultiFieldPanel([FieldPanel("addressees"), FieldPanel("copies_to")], _("Nơi nhận")),
        MultiFieldPanel(
            [FieldPanel("signer_capacity"), FieldPanel("signer_title"), FieldPanel("signer_name")], _("Người ký")
        ),
        FieldPanel("report_emails"),
    ]

    class Meta:
        verbose_name = _("báo cáo tần suất cập nhật")

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]
