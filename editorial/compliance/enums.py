"""Choices of the compliance models and reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UpdateKind(models.TextChoices):
    FIRST_PUBLICATION = "first", _("Đăng mới")
    SUBSTANTIVE = "substantive", _("Cập nhật nội dung")


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"
    CSV = "csv", "CSV"


class ReportSource(models.TextChoices):
    ADMIN = "admin", _("Trang quản trị")
    COMMAND = "command", _("Lệnh quản trị")
    SCHEDULE = "schedule", _("Lịch tự động")


class BucketState(models.TextChoices):
    MET = "met", _("Đạt")
    MISSED = "missed", _("Không đạt")
    PENDING = "pending", _("Đang diễn ra")
    EXEMPT = "exempt", _("Không tính")


class Light(models.TextChoices):
    GREEN = "green", _("Đạt")
    AMBER = "amber", _("Chưa đủ, còn trong kỳ")
    RED = "red", _("Không đạt")
    NONE = "none", _("Chưa đánh giá")
