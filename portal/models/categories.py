"""The twelve content categories of Article 8 of the portal regulation, kept as data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from portal.i18n import localized_attr


class Category(index.Indexed, models.Model):
    """One of the twelve categories; codes are stable because URLs and reports use them."""

    number = models.PositiveSmallIntegerField(_("số thứ tự (khoản, Điều 8)"), unique=True)
    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name_vi = models.CharField(_("tên (tiếng Việt)"), max_length=200)
    name_en = models.CharField(_("tên (tiếng Anh)"), max_length=200, blank=True)
    name_ru = models.CharField(_("tên (tiếng Nga)"), max_length=200, blank=True)
    description_vi = models.TextField(_("mô tả (tiếng Việt)"), blank=True)
    description_en = models.TextField(_("mô tả (tiếng Anh)"), blank=True)
    description_ru = models.TextField(_("mô tả (tiếng Nga)"), blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=200, blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("number", read_only=True), FieldPanel("code", read_only=True)], _("Mã")),
        MultiFieldPanel([FieldPanel("name_vi"), FieldPanel("name_en"), FieldPanel("name_ru")], _("Tên")),
        MultiFieldPanel(
            [FieldPanel("description_vi"), FieldPanel("description_en"), FieldPanel("description_ru")],
            _("Mô tả"),
        ),
        FieldPanel("legal_basis"),
    ]
    search_fields = [
        index.SearchField("name_vi"),
        index.SearchField("name_en"),
        index.SearchField("name_ru"),
        index.FilterField("code"),
    ]

    class Meta:
        ordering = ["number"]
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def __str__(self) -> str:
        return f"{self.number}. {self.name_vi}"

    @property
    def name(self) -> str:
        return localized_attr(self, "name")

    @property
    def description(self) -> str:
        return localized_attr(self, "description")
