"""Projects, tenders and public purchases: the listing page, the project page and its documents."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.blocks import RICH_TEXT_FEATURES
from portal.i18n import active_language
from portal.models import Category, ContentPage, RegisterPage

from . import rules
from .enums import FundingSource, ProjectKind, ProjectSector, ProjectStatus
from .fields import VndAmountField
from .forms import ProjectPageForm

CATEGORY_CODE = "du-an-dau-thau"
FOLDED_SOURCES = frozenset({"title", "summary", "investor", "location", "egp_number"})
YEAR_SOURCES = frozenset({"start_date", "bid_open_at", "publication_date"})
EGP_LOCALE_SOURCES = frozenset({"egp_number", "locale", "alias_of"})


class ProjectIndexPage(RegisterPage):
    """The list of a portal's projects, tenders and purchases, with filters."""

    subpage_types = ["procurement.ProjectPage"]

    class Meta:
        verbose_name = _("danh sách dự án, đấu thầu")
        verbose_name_plural = _("danh sách dự án, đấu thầu")

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        from .listing import listing_context

        return listing_context(self, request)


class ProjectPage(ContentPage):
    """A project, a contractor selection plan, a bid package or a public purchase."""

    kind = models.CharField(_("loại"), max_length=20, choices=ProjectKind.choices, default=ProjectKind.INVESTMENT)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PREPARING
    )
    sector = models.CharField(_("lĩnh vực"), max_length=30, choices=ProjectSector.choices, default=ProjectSector.OTHER)
    investor = models.CharField(
        _("chủ đầu tư, bên mời thầu"),
        max_length=300,
        help_text=_("Ví dụ: Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Khánh Hòa."),
    )
    value_vnd = VndAmountField(
        _("giá trị (đồng)"),
        null=True,
        blank=True,
        validators=[rules.validate_vnd],
        help_text=_("Tổng mức đầu tư, giá gói thầu hoặc giá trị mua sắm, tính bằng đồng."),
    )
    funding_source = models.CharField(
        _("nguồn vốn"), max_length=30, choices=FundingSource.choices, default=FundingSource.STATE_BUDGET
    )
    location = models.CharField(_("địa điểm"), max_length=300, blank=True)
    start_date = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    end_date = models.DateField(_("ngày kết thúc (dự kiến)"), null=True, blank=True)
    bid_open_at = models.DateTimeField(
        _("phát hành hồ sơ mời thầu lúc"), null=True, blank=True, help_text=_("Với gói thầu, mua sắm.")
    )
    bid_close_at = models.DateTimeField(
        _("đóng thầu lúc"), null=True, blank=True, help_text=_("Phải sau thời điểm phát hành hồ sơ mời thầu.")
    )
    egp_number = models.CharField(
        _("số hiệu trên Hệ thống mạng đấu thầu quốc gia"),
        max_length=20,
        blank=True,
        validators=[rules.validate_egp_number],
        help_text=_("Số thông báo mời thầu (ví dụ IB2500123456) hoặc số kế hoạch lựa chọn nhà thầu (PL…)."),
    )
    egp_url = models.URLField(
        _("đường dẫn trên muasamcong.mpi.gov.vn"),
        max_length=500,
        blank=True,
        validators=[rules.validate_egp_url],
    )
    # The locale the number is unique in (the page's own; empty for an alias, which shows another page's
    # project): a translation shares the number in another locale, two projects never share it (constraint).
    egp_locale = models.ForeignKey(
        "wagtailcore.Locale", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    description = RichTextField(_("quy mô, nội dung"), blank=True, features=RICH_TEXT_FEATURES)
    folded_text = models.TextField(blank=True, editable=False)
    listing_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False, db_index=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]), FieldPanel("sector")],
            _("Phân loại"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("investor"),
                FieldRowPanel([FieldPanel("value_vnd"), FieldPanel("funding_source")]),
                FieldPanel("location"),
            ],
            _("Chủ đầu tư, giá trị, nguồn vốn"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("bid_open_at"), FieldPanel("bid_close_at")]),
            ],
            _("Thời gian"),
        ),
        MultiFieldPanel([FieldPanel("egp_number"), FieldPanel("egp_url")], _("Hệ thống mạng đấu thầu quốc gia")),
        FieldPanel("description"),
        InlinePanel("documents", heading=_("Tài liệu đính kèm"), help_text=_("Tệp PDF, DOC, DOCX hoặc XLSX.")),
        FieldPanel("publication_date"),
        FieldPanel("substantive_update"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("investor"),
        index.SearchField("description"),
        index.SearchField("egp_number"),
        index.SearchField("search_folded_text"),
        index.FilterField("category"),
        index.FilterField("publication_date"),
        index.FilterField("kind"),
        index.FilterField("status"),
    ]
    # Text is translated; what classifies, counts and dates the project stays the same everywhere.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("summary"),
        TranslatableField("investor"),
        TranslatableField("location"),
        TranslatableField("description"),
        SynchronizedField("kind"),
        SynchronizedField("status"),
        SynchronizedField("sector"),
        SynchronizedField("value_vnd"),
        SynchronizedField("funding_source"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("bid_open_at"),
        SynchronizedField("bid_close_at"),
        SynchronizedField("egp_number"),
        SynchronizedField("egp_url"),
        SynchronizedField("documents"),
        SynchronizedField("category"),
        SynchronizedField("publication_date"),
    ]

    base_form_class = ProjectPageForm
    parent_page_types = ["procurement.ProjectIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("dự án, gói thầu")
        verbose_name_plural = _("dự án, gói thầu")
        constraints = [
            # Translations carry the number in other locales; two projects never carry the same one.
            models.UniqueConstraint(
                fields=["egp_number", "egp_locale"],
                condition=~Q(egp_number=""),
                name="procurement_unique_egp_number_per_locale",
                violation_error_message=_("Số hiệu trên Hệ thống mạng đấu thầu quốc gia này đã dùng cho dự án khác."),
            )
        ]

    def _set_category(self) -> None:
        if self.category_id is None:
            self.category = Category.objects.get(code=CATEGORY_CODE)

    def _set_egp_locale(self) -> None:
        if self.locale_id is None:  # Page.save sets it later; the uniqueness key needs it now
            self.locale = self.get_default_locale()
        self.egp_locale_id = None if self.alias_of_id else self.locale_id

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        self._set_category()
        self._set_egp_locale()
        super().full_clean(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.egp_number = rules.clean_egp_number(self.egp_number) if self.egp_number else ""
        errors = rules.date_errors(
            start=self.start_date,
            end=self.end_date,
            bid_open=self.bid_open_at,
            bid_close=self.bid_close_at,
            kind=self.kind,
            status=self.status,
        )
        duplicate = self.egp_duplicate()
        if duplicate is not None:
            from subportals.permissions import unit_of_page

            errors["egp_number"] = rules.egp_duplicate_error(
                self.egp_number, duplicate.title, unit_of_page(duplicate), duplicate.pk, live=duplicate.live
            )
        if errors:
            raise ValidationError({name: [message] for name, message in errors.items()})

    def egp_duplicate(self) -> ProjectPage | None:
        """Another project with this e-procurement number: not a translation of this one, nor an alias."""
        if not self.egp_number or self.alias_of_id:
            return None
        others = ProjectPage.objects.filter(egp_number=self.egp_number, alias_of__isnull=True).exclude(
            translation_key=self.translation_key
        )
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        return others.order_by("-live", "pk").first()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._set_category()
        self._set_egp_locale()
        # Draft revisions write only bookkeeping fields: the live row keeps the published text and year.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or FOLDED_SOURCES.intersection(update_fields):
            self.folded_text = self.compute_folded_text()
        if update_fields is None or YEAR_SOURCES.intersection(update_fields):
            self.listing_year = rules.listing_year(self.start_date, self.bid_open_at, self.publication_date)
        if update_fields is not None:
            extra = [
                name
                for name, sources in (
                    ("folded_text", FOLDED_SOURCES),
                    ("listing_year", YEAR_SOURCES),
                    ("egp_locale", EGP_LOCALE_SOURCES),
                )
                if sources.intersection(update_fields)
            ]
            kwargs["update_fields"] = [*update_fields, *extra]
        super().save(*args, **kwargs)

    def compute_folded_text(self) -> str:
        from search.folding import fold

        return fold(" ".join([self.title, self.summary, self.investor, self.location, self.egp_number]))

    def search_number(self) -> str:
        """The e-procurement number a citizen may type whole (Elasticsearch matches it exactly)."""
        return self.egp_number or ""

    def search_details(self) -> str:
        """The project's own searchable words beyond title and summary: investor, place, number, description.

        Both backends index them (``search_folded_text`` here, the ``details`` field on Elasticsearch).
        """
        from search.folding import html_to_text, joined

        return joined(self.investor, self.location, self.egp_number, html_to_text(self.description))

    def search_folded_text(self) -> str:
        from search.folding import index_text, joined, language_of

        return index_text(joined(self.title, self.summary, self.search_details()), language_of(self))

    @property
    def value_display(self) -> str:
        return rules.format_vnd(self.value_vnd, active_language())

    @property
    def is_tender(self) -> bool:
        return self.kind in (ProjectKind.BID_PACKAGE, ProjectKind.PURCHASE) or bool(self.bid_open_at)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = self.get_parent()
        context["attachments"] = list(self.documents.select_related("document"))
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if args or kwargs:
            raise Http404
        return super().serve(request, *args, **kwargs)


class ProjectDocument(Orderable):
    """A document of the project (decision, tender notice, result), kept in the unit's collection."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="documents")
    # PROTECT: deleting a document in the documents admin must not silently take it off a live tender
    # (Wagtail's delete screen then says the document is in use and refuses, as for legal documents).
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tài liệu"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(
        _("tên hiển thị"), max_length=255, blank=True, help_text=_("Để trống: dùng tên của tài liệu.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("tài liệu đính kèm")
        verbose_name_plural = _("tài liệu đính kèm")

    def clean(self) -> None:
        super().clean()
        if self.document_id:
            problem = rules.document_problem(self.document)
            if problem:
                raise ValidationError({"document": problem})

    @property
    def display_title(self) -> str:
        return self.title or self.document.title

    @property
    def extension(self) -> str:
        return self.document.file_extension.upper()
