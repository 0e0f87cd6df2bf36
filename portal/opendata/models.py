"""Shared data and statistics (P-Art. 8.10, category ``du-lieu-thong-ke``): datasets and their listing."""

from __future__ import annotations

import contextlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.blocks import RICH_TEXT_FEATURES
from portal.models import Category, ContentPage, RegisterPage

from .choices import ChartKind, Frequency, License, Topic
from .forms import DatasetPageForm
from .tables import PREVIEW_COLUMNS

CATEGORY_CODE = "du-lieu-thong-ke"


def dataset_category() -> Category:
    return Category.objects.get(code=CATEGORY_CODE)


class DatasetIndexPage(RegisterPage):
    """The list of a site's datasets, with filters by publisher, topic, format, year and text."""

    subpage_types = ["opendata.DatasetPage"]

    class Meta:
        verbose_name = _("danh mục dữ liệu mở")
        verbose_name_plural = _("danh mục dữ liệu mở")

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        from .services import listing_context

        return listing_context(self, request)


class DatasetPage(ContentPage):
    """A dataset: who publishes it, what it covers, its CSV/XLSX files, a preview table and a chart."""

    publisher = models.CharField(
        _("cơ quan công bố"),
        max_length=255,
        help_text=_("Ví dụ: Cục Thống kê tỉnh Khánh Hòa, Sở Du lịch."),
    )
    topic = models.CharField(_("chủ đề"), max_length=40, choices=Topic.choices, default=Topic.OTHER)
    license = models.CharField(_("giấy phép"), max_length=20, choices=License.choices, default=License.CC_BY_4)
    update_frequency = models.CharField(
        _("tần suất cập nhật"), max_length=20, choices=Frequency.choices, default=Frequency.YEARLY
    )
    updated_on = models.DateField(_("ngày cập nhật số liệu"), default=timezone.localdate, db_index=True)
    period_start = models.DateField(_("số liệu từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    description = RichTextField(
        _("mô tả chi tiết"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Phạm vi, phương pháp thu thập, đơn vị tính, ghi chú về số liệu."),
    )
    header_row = models.PositiveSmallIntegerField(
        _("hàng tiêu đề của bảng"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Hàng chứa tên các cột trong tệp đầu tiên (bỏ qua các dòng tiêu đề phía trên)."),
    )
    chart_kind = models.CharField(_("biểu đồ"), max_length=10, choices=ChartKind.choices, default="", blank=True)
    chart_label_column = models.PositiveSmallIntegerField(
        _("cột nhãn"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(PREVIEW_COLUMNS)],
        help_text=_("Số thứ tự cột làm nhãn (ví dụ cột tên huyện là 1)."),
    )
    chart_value_column = models.PositiveSmallIntegerField(
        _("cột số liệu"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(PREVIEW_COLUMNS)],
        help_text=_("Số thứ tự cột chứa số liệu cần vẽ."),
    )
    # Title, summary, publisher and file titles without diacritics: "dan so" finds "Dân số".
    search_key = models.TextField(editable=False, blank=True, default="")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("publisher"), FieldPanel("topic"), FieldPanel("license"), FieldPanel("update_frequency")],
            _("Thông tin bộ dữ liệu"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("updated_on"),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("publication_date"),
            ],
            _("Thời gian"),
        ),
        FieldPanel("description"),
        InlinePanel(
            "resources",
            heading=_("Tệp dữ liệu"),
            label=_("Tệp"),
            help_text=_("Tệp CSV hoặc XLSX; tệp đầu tiên được xem trước và vẽ biểu đồ."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("header_row"),
                FieldPanel("chart_kind"),
                FieldRowPanel([FieldPanel("chart_label_column"), FieldPanel("chart_value_column")]),
            ],
            _("Xem trước và biểu đồ"),
        ),
        FieldPanel("substantive_update"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("publisher"),
        index.SearchField("description"),
        index.FilterField("category"),
        index.FilterField("topic"),
        index.FilterField("publication_date"),
        index.FilterField("updated_on"),
        index.SearchField("search_folded_text"),
    ]
    # Text is translated; what classifies the dataset, its dates, files and chart stay the same.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("summary"),
        TranslatableField("publisher"),
        TranslatableField("description"),
        TranslatableField("resources"),
        SynchronizedField("category"),
        SynchronizedField("publication_date"),
        SynchronizedField("topic"),
        SynchronizedField("license"),
        SynchronizedField("update_frequency"),
        SynchronizedField("updated_on"),
        SynchronizedField("period_start"),
        SynchronizedField("period_end"),
        SynchronizedField("header_row"),
        SynchronizedField("chart_kind"),
        SynchronizedField("chart_label_column"),
        SynchronizedField("chart_value_column"),
    ]

    base_form_class = DatasetPageForm
    parent_page_types = ["opendata.DatasetIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("bộ dữ liệu")
        verbose_name_plural = _("bộ dữ liệu")

    def assign_category(self) -> None:
        """The category is the type's, not the editor's: category listings and update counts rely on it."""
        if self.category_id is None or self.category.code != CATEGORY_CODE:
            self.category = dataset_category()

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        self.assign_category()
        super().full_clean(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors.setdefault("period_end", []).append(_("Ngày kết thúc kỳ số liệu không được trước ngày bắt đầu."))
        if self.updated_on and self.updated_on > timezone.localdate():
            errors.setdefault("updated_on", []).append(_("Ngày cập nhật số liệu không thể ở tương lai."))
        if self.chart_kind and self.chart_label_column == self.chart_value_column:
            errors.setdefault("chart_value_column", []).append(_("Cột số liệu phải khác cột nhãn."))
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> Any:
        self.assign_category()
        self.search_key = self.search_folded_text()
        return super().save(*args, **kwargs)

    def search_details(self) -> str:
        """The dataset's own searchable words beyond title and summary: publisher, description, file titles.

        Both backends index them (``search_folded_text`` here, the ``details`` field on Elasticsearch).
        """
        from search.folding import html_to_text, joined

        resources = " ".join(resource.title for resource in self.resources.all())
        return joined(self.publisher, html_to_text(self.description), resources)

    def search_folded_text(self) -> str:
        from search.folding import index_text, joined, language_of

        return index_text(joined(self.title, self.summary, self.search_details()), language_of(self))

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .services import detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(detail_context(self))
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if args or kwargs:
            raise Http404
        return super().serve(request, *args, **kwargs)

    @property
    def license_url(self) -> str:
        from .choices import LICENSE_URLS

        return LICENSE_URLS.get(self.license, "")


class DatasetResource(TranslatableMixin, Orderable):
    """One downloadable file of a dataset: a Wagtail document that really is CSV or XLSX."""

    page = ParentalKey(DatasetPage, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(_("tên tệp"), max_length=255, help_text=_("Ví dụ: Số liệu năm 2024 (CSV)."))
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("tệp"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_format = models.CharField(_("định dạng"), max_length=10, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("dung lượng"), null=True, editable=False)

    panels = [FieldPanel("title"), FieldPanel("document")]
    translatable_fields = [TranslatableField("title"), SynchronizedField("document")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("tệp dữ liệu")
        verbose_name_plural = _("tệp dữ liệu")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from .services import check_document_table

        super().clean()
        if self.document_id is None:
            return
        try:
            self.file_format, self.file_size = check_document_table(self.document)
        except ValidationError as error:
            raise ValidationError({"document": error.messages}) from None

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.document_id and not self.file_format:
            from .services import check_document_table

            # Refused files are stopped by the form; a row saved another way keeps an empty format.
            with contextlib.suppress(ValidationError):
                self.file_format, self.file_size = check_document_table(self.document)
        super().save(*args, **kwargs)

    @property
    def size(self) -> int | None:
        if self.document is not None and self.document.file_size is not None:
            return self.document.file_size
        return self.file_size

    @property
    def format_label(self) -> str:
        return (self.file_format or "").upper()
