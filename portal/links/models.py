"""Government links (category 11 of Article 8) and the page that lists them.

A link keeps its title in one column per language (vi/en/ru), like the other small fixed
vocabularies of the portal (categories, unit names, site identity — see docs/architecture.md),
rather than one translated row per locale through wagtail-localize: the address, group, order,
owner and active flag then exist once and cannot drift between languages, an English or Russian
title left empty falls back to Vietnamese instead of hiding the link, and the public block reads
every language from the same single query.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from portal.i18n import localized_attr
from portal.models.pages import RegisterPage

from .enums import LinkGroup
from .validation import MAX_URL_LENGTH, address_key, url_problems, validate_public_url

CATEGORY_CODE = "lien-ket"


class GovernmentLink(models.Model):
    """A link to a government site; no owning unit means the main portal's (managed by the management unit)."""

    title_vi = models.CharField(_("tên trang (tiếng Việt)"), max_length=255)
    title_en = models.CharField(_("tên trang (tiếng Anh)"), max_length=255, blank=True)
    title_ru = models.CharField(_("tên trang (tiếng Nga)"), max_length=255, blank=True)
    url = models.CharField(
        _("địa chỉ"),
        max_length=MAX_URL_LENGTH,
        validators=[validate_public_url],
        help_text=_("Địa chỉ đầy đủ, bắt đầu bằng https:// hoặc http://, ví dụ https://chinhphu.vn."),
    )
    group = models.CharField(
        _("nhóm"), max_length=20, choices=LinkGroup.choices, default=LinkGroup.OTHER, db_index=True
    )
    unit = models.ForeignKey(
        "subportals.Unit",
        verbose_name=_("đơn vị sở hữu"),
        on_delete=models.PROTECT,
        related_name="government_links",
        null=True,
        blank=True,
        help_text=_("Để trống: liên kết của cổng chính, do Trung tâm Cổng TTĐT quản lý."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=100, validators=[MaxValueValidator(9999)], help_text=_("Số nhỏ đứng trước.")
    )
    is_active = models.BooleanField(_("đang hiển thị"), default=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày sửa"), auto_now=True)

    class Meta:
        ordering = ["group", "sort_order", "title_vi", "pk"]
        verbose_name = _("liên kết website")
        verbose_name_plural = _("liên kết website")
        indexes = [models.Index(fields=["unit", "is_active"], name="links_unit_active")]

    def __str__(self) -> str:
        return self.title_vi

    @property
    def title(self) -> str:
        return localized_attr(self, "title")

    def clean(self) -> None:
        super().clean()
        duplicate = self.same_address_link()
        if duplicate is not None:
            raise ValidationError(
                {
                    "url": _(
                        "Địa chỉ này đã có trong danh sách liên kết của đơn vị: «%(title)s» (%(url)s). "
                        "Hãy sửa liên kết đã có thay vì thêm lần nữa."
                    )
                    % {"title": duplicate.title_vi, "url": duplicate.url}
                },
                code="duplicate_url",
            )

    def same_address_link(self) -> GovernmentLink | None:
        """Another link of the same owner to the same address (scheme, host case, trailing slash aside).

        The main portal is one owner whether a link has no unit or the main unit itself.
        """
        if not self.url or url_problems(self.url):
            return None
        from subportals.enums import UnitKind

        if self.unit_id is None or self.unit.kind == UnitKind.MAIN:
            owner = Q(unit__isnull=True) | Q(unit__kind=UnitKind.MAIN)
        else:
            owner = Q(unit_id=self.unit_id)
        key = address_key(self.url)
        # A unit has tens of links: compare them all here rather than store a second form of the address.
        others = GovernmentLink.objects.filter(owner).exclude(pk=self.pk).only("pk", "title_vi", "url").order_by("pk")
        return next((link for link in others if address_key(link.url) == key), None)


class LinkIndexPage(RegisterPage):
    """The site's government links, grouped, with a group filter (``?nhom=``)."""

    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang liên kết website")
        verbose_name_plural = _("trang liên kết website")

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        from portal.models import Category
        from subportals.services import current_unit

        from .services import group_filter, grouped_links_for_unit

        selected = group_filter(request.GET.get("nhom"))
        groups = grouped_links_for_unit(current_unit(request), only_group=selected)
        return {
            "link_groups": groups,
            "link_count": sum(len(group["links"]) for group in groups),
            "group_choices": LinkGroup.choices,
            "selected_group": selected,
            "category": Category.objects.filter(code=CATEGORY_CODE).first(),
        }
