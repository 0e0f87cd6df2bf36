"""Identity of each site (main portal or sub-portal): names, agencies and footer lines."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from portal.i18n import localized_attr

HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Mã màu phải có dạng #rrggbb, ví dụ #a5191d."))


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """What a Vietnamese state portal shows in its header and footer (NĐ 42/2022, Art. 4)."""

    name_vi = models.CharField(
        _("tên cổng (tiếng Việt)"), max_length=255, default="Cổng thông tin điện tử tỉnh Khánh Hòa"
    )
    name_en = models.CharField(_("tên cổng (tiếng Anh)"), max_length=255, blank=True)
    name_ru = models.CharField(_("tên cổng (tiếng Nga)"), max_length=255, blank=True)
    agency_vi = models.CharField(
        _("cơ quan chủ quản (tiếng Việt)"), max_length=255, default="Ủy ban nhân dân tỉnh Khánh Hòa"
    )
    agency_en = models.CharField(_("cơ quan chủ quản (tiếng Anh)"), max_length=255, blank=True)
    agency_ru = models.CharField(_("cơ quan chủ quản (tiếng Nga)"), max_length=255, blank=True)
    operator_vi = models.CharField(_("đơn vị vận hành (tiếng Việt)"), max_length=255, blank=True)
    operator_en = models.CharField(_("đơn vị vận hành (tiếng Anh)"), max_length=255, blank=True)
    operator_ru = models.CharField(_("đơn vị vận hành (tiếng Nga)"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=100, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    licence = models.CharField(
        _("giấy phép"),
        max_length=255,
        blank=True,
        help_text=_("Số giấy phép thiết lập trang thông tin điện tử và cơ quan cấp."),
    )
    editor_in_chief = models.CharField(_("chịu trách nhiệm chính"), max_length=255, blank=True)
    primary_color = models.CharField(
        _("màu chủ đạo"),
        max_length=7,
        default="#a5191d",
        validators=[HEX_COLOUR],
        help_text=_("Mã màu dạng #rrggbb."),
    )
    accent_color = models.CharField(
        _("màu phụ"), max_length=7, default="#7a1215", validators=[HEX_COLOUR], help_text=_("Mã màu dạng #rrggbb.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu trưng của đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Hiện bên cạnh Quốc huy ở đầu trang."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("name_vi"), FieldPanel("name_en"), FieldPanel("name_ru")], _("Tên cổng")),
        MultiFieldPanel(
            [FieldPanel("agency_vi"), FieldPanel("agency_en"), FieldPanel("agency_ru")], _("Cơ quan chủ quản")
        ),
        MultiFieldPanel(
            [FieldPanel("operator_vi"), FieldPanel("operator_en"), FieldPanel("operator_ru")], _("Đơn vị vận hành")
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("licence"),
                FieldPanel("editor_in_chief"),
            ],
            _("Liên hệ và giấy phép"),
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("primary_color"), FieldPanel("accent_color")], _("Giao diện")),
    ]

    class Meta:
        verbose_name = _("thông tin cổng")
        verbose_name_plural = _("thông tin cổng")

    @property
    def name(self) -> str:
        return localized_attr(self, "name")

    @property
    def agency(self) -> str:
        return localized_attr(self, "agency")

    @property
    def operator(self) -> str:
        return localized_attr(self, "operator")
