"""The groups a government link belongs to, in the order the public lists show them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkGroup(models.TextChoices):
    """Values are slugs: they are also the public filter (``?nhom=bo-nganh``)."""

    CENTRAL = "trung-uong", _("Trung ương (Đảng, Quốc hội, Chính phủ)")
    MINISTRY = "bo-nganh", _("Bộ, ngành trung ương")
    PROVINCE = "tinh-thanh", _("Tỉnh, thành phố")
    PROVINCIAL_AGENCY = "co-quan-tinh", _("Cơ quan của tỉnh")
    OTHER = "khac", _("Khác")


# The main portal's links of these groups also show on every sub-portal.
SHARED_GROUPS: tuple[str, ...] = (LinkGroup.CENTRAL,)
GROUP_ORDER: dict[str, int] = {value: index for index, value in enumerate(LinkGroup.values)}
