"""Fixed vocabularies of legal documents: their types, statuses and the kinds of issuing bodies."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    """Document types (Luật Ban hành VBQPPL 2025, Nghị định 30/2020/NĐ-CP Phụ lục III)."""

    HIEN_PHAP = "hien_phap", _("Hiến pháp")
    LUAT = "luat", _("Luật")
    PHAP_LENH = "phap_lenh", _("Pháp lệnh")
    NGHI_QUYET = "nghi_quyet", _("Nghị quyết")
    NGHI_DINH = "nghi_dinh", _("Nghị định")
    QUYET_DINH = "quyet_dinh", _("Quyết định")
    THONG_TU = "thong_tu", _("Thông tư")
    CHI_THI = "chi_thi", _("Chỉ thị")
    CONG_VAN = "cong_van", _("Công văn")
    KE_HOACH = "ke_hoach", _("Kế hoạch")
    THONG_BAO = "thong_bao", _("Thông báo")
    HUONG_DAN = "huong_dan", _("Hướng dẫn")
    KHAC = "khac", _("Văn bản khác")


class DocumentStatus(models.TextChoices):
    """Validity (hiệu lực) of a document, as the public sees it."""

    IN_FORCE = "in_force", _("Còn hiệu lực")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Chưa có hiệu lực")
    PARTLY_REPLACED = "partly_replaced", _("Bị thay thế một phần")
    WHOLLY_REPLACED = "wholly_replaced", _("Bị thay thế toàn bộ")
    EXPIRED = "expired", _("Hết hiệu lực")


REPLACED_STATUSES = frozenset({DocumentStatus.PARTLY_REPLACED, DocumentStatus.WHOLLY_REPLACED})
# Statuses an editor sets that the calendar may override (a future effective date, a past expiry).
DATE_DRIVEN_STATUSES = frozenset({DocumentStatus.IN_FORCE, DocumentStatus.NOT_YET_IN_FORCE})


class IssuingBodyKind(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCIAL = "provincial", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")
    OTHER = "other", _("Khác")
