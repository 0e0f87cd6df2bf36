"""Choices of the obligations checklist."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppliesTo(models.TextChoices):
    ALL = "all", _("Mọi cổng")
    MAIN = "main", _("Cổng chính")
    SUBPORTALS = "subportals", _("Các cổng thành phần")


class Status(models.TextChoices):
    OK = "ok", _("Đạt")
    FAILED = "failed", _("Không đạt")
    NOT_APPLICABLE = "na", _("Không áp dụng")


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "XLSX"
    PDF = "pdf", "PDF"
