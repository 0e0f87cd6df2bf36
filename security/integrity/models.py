"""What each published page rendered when it was last known good, and the incidents raised when it changed."""

from __future__ import annotations

import zlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def compress(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


def decompress(data: bytes | memoryview | None) -> str:
    return zlib.decompress(bytes(data)).decode("utf-8") if data else ""


class IncidentLevel(models.TextChoices):
    """S-HD 17: the four levels of an information security incident."""

    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")
    EMERGENCY = "emergency", _("Khẩn cấp")


LEVEL_RANK = {IncidentLevel.LOW: 0, IncidentLevel.MEDIUM: 1, IncidentLevel.HIGH: 2, IncidentLevel.EMERGENCY: 3}


class IncidentKind(models.TextChoices):
    DEFACEMENT = "defacement", _("Nội dung bị thay đổi trái phép")
    PAGE_ERROR = "page_error", _("Trang bị lỗi")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Đang mở")
    ACKNOWLEDGED = "acknowledged", _("Đã tiếp nhận")
    RESOLVED = "resolved", _("Đã xử lý")


class Incident(models.Model):
    """One check run's unexplained changes; kept for the record, never removed by a cascade."""

    level = models.CharField(_("mức độ"), max_length=12, choices=IncidentLevel.choices, db_index=True)
    kind = models.CharField(_("loại sự cố"), max_length=20, choices=IncidentKind.choices, db_index=True)
    detected_at = models.DateTimeField(_("phát hiện lúc"), default=timezone.now, db_index=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    # [{"page_id", "url", "locale", "title", "change", "status_before", "status_now"}, ...]
    pages = models.JSONField(_("các trang"), default=list, blank=True)
    diff = models.TextField(_("khác biệt"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=IncidentStatus.choices, default=IncidentStatus.OPEN, db_index=True
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tiếp nhận"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledged_by_name = models.CharField(_("tài khoản tiếp nhận"), max_length=150, blank=True)
    acknowledged_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_by_name = models.CharField(_("tài khoản xử lý"), max_length=150, blank=True)
    resolved_at = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True)
    resolution_note = models.TextField(_("ghi chú xử lý"), blank=True)
    notified_to = models.JSONField(_("đã báo cho"), default=list, blank=True)
    notified_at = models.DateTimeField(_("đã báo lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-detected_at", "-pk"]
        verbose_name = _("sự cố an toàn thông tin")
        verbose_name_plural = _("sự cố an toàn thông tin")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_level_display()} – {self.get_kind_display()} ({self.detected_at:%d/%m/%Y %H:%M})"

    @property
    def is_open(self) -> bool:
        return self.status != IncidentStatus.RESOLVED


class PageFingerprint(models.Model):
    """The last known-good rendering of one live public page, and the database content it came from.

    ``recorded_at`` is when that rendering was taken. A later ``published_at`` (the page itself was
    published, unpublished or moved) or ``context_changed_at`` (something the page displays changed
    legitimately, e.g. another page of its site was published) tells the check that a difference is
    explained. ``alarm_digest`` is the unexplained state already reported in ``incident``.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("trang"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    page_ref = models.PositiveBigIntegerField(_("mã trang"), unique=True)
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("trang web"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    locale = models.CharField(_("ngôn ngữ"), max_length=20, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    url = models.CharField(_("địa chỉ"), max_length=2000)
    status_code = models.PositiveSmallIntegerField(_("mã trạng thái HTTP"), default=200)
    sha256 = models.CharField(_("mã băm nội dung hiển thị"), max_length=64)
    content = models.BinaryField(_("nội dung hiển thị (đã chuẩn hóa, nén)"), blank=True)
    source_sha256 = models.CharField(_("mã băm dữ liệu trang"), max_length=64, blank=True)
    source = models.BinaryField(_("dữ liệu trang (nén)"), blank=True)
    revision_id = models.PositiveBigIntegerField(_("phiên bản đang xuất bản"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), db_index=True)
    published_at = models.DateTimeField(_("trang được xuất bản lúc"), null=True, blank=True)
    context_changed_at = models.DateTimeField(_("nội dung liên quan thay đổi lúc"), null=True, blank=True)
    alarm_digest = models.CharField(_("trạng thái đã báo động"), max_length=200, blank=True)
    incident = models.ForeignKey(
        Incident,
        verbose_name=_("sự cố"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fingerprints",
    )

    class Meta:
        ordering = ["page_ref"]
        verbose_name = _("dấu vân tay trang")
        verbose_name_plural = _("dấu vân tay trang")

    def __str__(self) -> str:
        return self.url

    @property
    def text(self) -> str:
        return decompress(self.content)

    @property
    def source_text(self) -> str:
        return decompress(self.source)
