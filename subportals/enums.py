"""Choices shared by the sub-portal models and services."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    MAIN = "main", _("Cổng chính của tỉnh")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DISTRICT = "district", _("Huyện, thị xã, thành phố")
    OTHER = "other", _("Đơn vị khác")


class UpdateRule(models.TextChoices):
    """P-Art. 11: the main portal daily on working days, sub-portals twice a week; or the unit's own rule."""

    WORKING_DAILY = "working_daily", _("Mỗi ngày làm việc")
    PER_WEEK = "per_week", _("Số lần mỗi tuần")
    PER_MONTH = "per_month", _("Số lần mỗi tháng (quy định riêng)")


class EditorialRole(models.TextChoices):
    """The editorial board of a unit (P-Art. 6.2)."""

    EDITOR = "editor", _("Biên tập viên")
    REVIEWER = "reviewer", _("Thư ký, kiểm duyệt")
    BOARD_HEAD = "board_head", _("Trưởng ban biên tập")
