"""Choices of the royalty ledger."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContributorKind(models.TextChoices):
    # Staff are paid with their salary (personal income tax by the progressive scale on payroll);
    # collaborators have no labour contract, so tax is withheld on each payment.
    STAFF = "staff", _("Cán bộ, viên chức của đơn vị")
    COLLABORATOR = "collaborator", _("Cộng tác viên")


class CreditRole(models.TextChoices):
    AUTHOR = "author", _("Tác giả")
    PHOTOGRAPHER = "photographer", _("Ảnh")
    VIDEO = "video", _("Video, đồ họa")
    TRANSLATOR = "translator", _("Dịch")
    PROVIDER = "provider", _("Cung cấp thông tin")


# The genre a proposed line starts with; the board head may pick another within the rules.
DEFAULT_GENRE = {
    CreditRole.AUTHOR: "tin",
    CreditRole.PHOTOGRAPHER: "anh",
    CreditRole.VIDEO: "video",
    CreditRole.TRANSLATOR: "dich",
    CreditRole.PROVIDER: "cung-cap-thong-tin",
}


class LineStatus(models.TextChoices):
    PROPOSED = "proposed", _("Chờ chấm")
    GRADED = "graded", _("Đã chấm")
    EXCLUDED = "excluded", _("Không chi trả")
