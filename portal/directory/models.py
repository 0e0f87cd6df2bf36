"""The directory page (P-Art. 8.7, category ``danh-ba``): official e-mail and web addresses of the units."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from editorial.workflow.permissions import EditorialPermissionsMixin
from portal.blocks import RICH_TEXT_FEATURES
from portal.forms import PortalPageForm

CATEGORY_CODE = "danh-ba"


class DirectoryScope(models.TextChoices):
    ALL = "all", _("Mọi đơn vị đang hoạt động của tỉnh")
    OWN = "own", _("Chỉ đơn vị quản lý cổng này")


class DirectoryPage(EditorialPermissionsMixin, RoutablePageMixin, Page):
    """Generated at request time from the active units and their named contacts; nothing to retype."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=RICH_TEXT_FEATURES)
    scope = models.CharField(
        _("phạm vi"),
        max_length=10,
        choices=DirectoryScope.choices,
        default=DirectoryScope.ALL,
        help_text=_("Cổng chính thường liệt kê mọi đơn vị; cổng thành phần có thể chỉ liệt kê đơn vị mình."),
    )
    show_contacts = models.BooleanField(_("hiện người liên hệ"), default=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("scope"), FieldPanel("show_contacts")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("intro"),
        SynchronizedField("scope"),
        SynchronizedField("show_contacts"),
    ]

    base_form_class = PortalPageForm
    parent_page_types = ["portal.HomePage", "portal.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("danh bạ thư điện tử, trang thông tin")
        verbose_name_plural = _("danh bạ thư điện tử, trang thông tin")

    def _entries(self, request: HttpRequest) -> tuple[Any, list[Any]]:
        from subportals.permissions import unit_of_page

        from .services import directory_entries, parse_filters

        filters = parse_filters(request.GET)
        if self.scope == DirectoryScope.OWN:
            unit = unit_of_page(self)
            return filters, directory_entries(filters, only_unit=unit) if unit is not None else []
        return filters, directory_entries(filters)

    @path("", name="index")
    def index_route(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from portal.models import Category

        from .services import grouped, kind_choices

        filters, entries = self._entries(request)
        return self.render(
            request,
            context_overrides={
                "groups": grouped(entries),
                "count": len(entries),
                "filters": filters,
                "kinds": kind_choices(),
                "category": Category.objects.filter(code=CATEGORY_CODE).first(),
                "csv_query": filters.querystring(),
            },
        )

    @path("csv/", name="csv")
    def csv_route(self, request: HttpRequest) -> HttpResponse:
        """The directory (with the same filters) as CSV in UTF-8 with BOM, formulas defused."""
        from editorial.documents.tabular import to_csv

        from .services import csv_table

        _filters, entries = self._entries(request)
        columns, rows, title_lines = csv_table(entries, self.title)
        if not self.show_contacts:
            columns, rows = columns[:6], list({tuple(row[:6]): row[:6] for row in rows}.values())
        response = HttpResponse(to_csv(columns, rows, title_lines), content_type="text/csv; charset=utf-8")
        filename = f"danh-ba-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["X-Robots-Tag"] = "noindex"
        return response
