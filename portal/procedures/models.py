"""Administrative procedures: the field vocabulary, the listing page, the procedure page and import batches."""

from __future__ import annotations

from typing import Any

from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.blocks import RICH_TEXT_FEATURES
from portal.i18n import localized_attr
from portal.models import Category, ContentPage, RegisterPage

from . import rules
from .blocks import PaperBlock
from .forms import ProcedurePageForm
from .rules import Level, OnlineLevel

CATEGORY_CODE = "thu-tuc-hanh-chinh"
# The fields the listing's text filter reads (rules.folded_text).
FOLDED_SOURCES = frozenset({"national_code", "title", "field", "field_id", "competent_unit", "summary"})


class ProcedureField(models.Model):
    """A field (lĩnh vực) of the national database, e.g. "Hoạt động xây dựng", "Lý lịch tư pháp".

    A small table rather than fixed choices: the national list has a few hundred fields and grows
    with each decision announcing procedures, the import meets new ones, and English and Russian
    names are needed for the translated listings.
    """

    code = models.SlugField(
        _("mã"), max_length=100, unique=True, blank=True, help_text=_("Để trống: tạo từ tên tiếng Việt.")
    )
    name_vi = models.CharField(_("tên (tiếng Việt)"), max_length=255)
    name_en = models.CharField(_("tên (tiếng Anh)"), max_length=255, blank=True)
    name_ru = models.CharField(_("tên (tiếng Nga)"), max_length=255, blank=True)
    folded_name = models.CharField(max_length=255, unique=True, editable=False)

    panels = [FieldPanel("name_vi"), FieldPanel("name_en"), FieldPanel("name_ru"), FieldPanel("code")]

    class Meta:
        ordering = ["name_vi"]
        verbose_name = _("lĩnh vực thủ tục hành chính")
        verbose_name_plural = _("lĩnh vực thủ tục hành chính")

    def __str__(self) -> str:
        return self.name_vi

    def save(self, *args: Any, **kwargs: Any) -> None:
        from search.folding import fold

        self.folded_name = fold(self.name_vi)[:255]
        if not self.code:
            self.code = field_code(self.name_vi)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from search.folding import fold

        folded = fold(self.name_vi)
        if ProcedureField.objects.filter(folded_name=folded).exclude(pk=self.pk).exists():
            raise ValidationError({"name_vi": gettext("Đã có lĩnh vực cùng tên.")})

    @property
    def name(self) -> str:
        return localized_attr(self, "name")


def field_code(name: str) -> str:
    base = slugify(anyascii(name))[:90].strip("-") or "linh-vuc"
    code, number = base, 2
    while ProcedureField.objects.filter(code=code).exists():
        code, number = f"{base}-{number}", number + 1
    return code


class ProcedureIndexPage(RegisterPage):
    """The list of procedures of a portal, with filters; procedures are imported here from CSV/XLSX."""

    subpage_types = ["procedures.ProcedurePage"]

    class Meta:
        verbose_name = _("danh sách thủ tục hành chính")
        verbose_name_plural = _("danh sách thủ tục hành chính")

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        from .listing import listing_context

        return listing_context(self, request)


class ProcedurePage(ContentPage):
    """One administrative procedure, as published in the national database and linked to its online service."""

    national_code = models.CharField(
        _("mã thủ tục"),
        max_length=20,
        db_index=True,
        validators=[rules.validate_national_code],
        help_text=_("Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.001612."),
    )
    field = models.ForeignKey(
        ProcedureField, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="procedures"
    )
    competent_unit = models.CharField(
        _("cơ quan thực hiện"), max_length=300, help_text=_("Ví dụ: Sở Xây dựng tỉnh Khánh Hòa.")
    )
    at_province = models.BooleanField(_("cấp tỉnh"), default=False)
    at_district = models.BooleanField(_("cấp huyện"), default=False)
    at_commune = models.BooleanField(_("cấp xã"), default=False)
    online_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"), max_length=20, choices=OnlineLevel.choices, default=OnlineLevel.INFO
    )
    processing_time = models.CharField(
        _("thời hạn giải quyết"),
        max_length=500,
        blank=True,
        help_text=_("Ví dụ: 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ."),
    )
    processing_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(rules.MAX_PROCESSING_DAYS)],
        help_text=_("Để lọc và so sánh; 0 nếu giải quyết trong ngày."),
    )
    fees = models.TextField(_("phí, lệ phí"), max_length=2000, blank=True, help_text=_("Ghi «Không» nếu không thu."))
    required_papers = StreamField(
        [("paper", PaperBlock())], verbose_name=_("thành phần hồ sơ"), blank=True, use_json_field=True
    )
    steps = RichTextField(_("trình tự, cách thức thực hiện"), blank=True, features=RICH_TEXT_FEATURES)
    legal_basis = models.TextField(
        _("căn cứ pháp lý"), max_length=5000, blank=True, help_text=_("Mỗi văn bản một dòng.")
    )
    national_portal_url = models.URLField(
        _("đường dẫn dịch vụ công"),
        max_length=500,
        blank=True,
        validators=[rules.validate_service_url],
        help_text=_(
            "Trang của thủ tục trên dichvucong.gov.vn hoặc dichvucong.khanhhoa.gov.vn. Để trống: dẫn tới trang "
            "tra cứu thủ tục theo mã trên Cổng Dịch vụ công quốc gia."
        ),
    )
    folded_text = models.TextField(blank=True, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("national_code"), FieldPanel("field"), FieldPanel("competent_unit")],
            _("Thủ tục"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("at_province"), FieldPanel("at_district"), FieldPanel("at_commune")]),
                FieldPanel("online_level"),
                FieldPanel("national_portal_url"),
            ],
            _("Cấp thực hiện và dịch vụ công trực tuyến"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("processing_time"), FieldPanel("processing_days"), FieldPanel("fees")],
            _("Thời hạn và phí"),
        ),
        FieldPanel("required_papers"),
        FieldPanel("steps"),
        FieldPanel("legal_basis"),
        FieldPanel("publication_date"),
        FieldPanel("substantive_update"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("national_code"),
        index.SearchField("competent_unit"),
        index.SearchField("required_papers"),
        index.SearchField("search_folded_text"),
        index.FilterField("category"),
        index.FilterField("publication_date"),
        index.FilterField("online_level"),
    ]
    # Text is translated; the code, the classification and the link stay the same in every language.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("summary"),
        TranslatableField("competent_unit"),
        TranslatableField("processing_time"),
        TranslatableField("fees"),
        TranslatableField("required_papers"),
        TranslatableField("steps"),
        TranslatableField("legal_basis"),
        SynchronizedField("national_code"),
        SynchronizedField("field"),
        SynchronizedField("at_province"),
        SynchronizedField("at_district"),
        SynchronizedField("at_commune"),
        SynchronizedField("online_level"),
        SynchronizedField("processing_days"),
        SynchronizedField("national_portal_url"),
        SynchronizedField("category"),
        SynchronizedField("publication_date"),
    ]

    base_form_class = ProcedurePageForm
    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")

    # -- the category is the type's, never the editor's choice ------------------------------------

    def _set_category(self) -> None:
        if self.category_id is None:
            self.category = Category.objects.get(code=CATEGORY_CODE)

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        self._set_category()
        super().full_clean(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        if not (self.at_province or self.at_district or self.at_commune):
            errors.setdefault("at_province", []).append(
                ValidationError(gettext("Chọn ít nhất một cấp thực hiện (tỉnh, huyện hoặc xã)."))
            )
        if self.path and self.national_code and rules.NATIONAL_CODE_RE.match(self.national_code):
            other = rules.code_conflict(
                self.national_code,
                site_path=rules.site_path_of(self.path),
                locale_id=self.locale_id,
                exclude_pk=self.pk,
            )
            if other is not None:
                errors.setdefault("national_code", []).append(rules.duplicate_code_error(other))
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._set_category()
        # Saving a draft revision writes only bookkeeping fields: the live row's search text stays that
        # of the published content, so no citizen finds a page by words of an unapproved draft.
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.folded_text = rules.folded_text(self)
        elif FOLDED_SOURCES.intersection(update_fields):
            self.folded_text = rules.folded_text(self)
            kwargs["update_fields"] = [*update_fields, "folded_text"]
        super().save(*args, **kwargs)

    # -- what citizen search indexes (search/) ------------------------------------------------------

    def search_number(self) -> str:
        """The code a citizen may type whole (Elasticsearch matches it exactly: search/elastic.py)."""
        return self.national_code or ""

    def search_details(self) -> str:
        """The procedure's own searchable words beyond title and summary: code, field, unit, papers.

        Both backends index them (``search_folded_text`` here, the ``details`` field on Elasticsearch).
        """
        from search.folding import joined, language_of, stream_text

        field = self.field if self.field_id else None
        names = [field.name_vi, getattr(field, f"name_{language_of(self)}", "")] if field else []
        papers = stream_text(list(self.required_papers.raw_data)) if self.required_papers else ""
        return joined(self.national_code, *dict.fromkeys(names), self.competent_unit, papers)

    def search_folded_text(self) -> str:
        from search.folding import index_text, joined, language_of

        return index_text(joined(self.title, self.summary, self.search_details()), language_of(self))

    # -- what the templates show -------------------------------------------------------------------

    @property
    def levels(self) -> list[str]:
        return [value for value, name in rules.LEVEL_FIELDS.items() if getattr(self, name)]

    @property
    def level_labels(self) -> list[str]:
        return [str(Level(value).label) for value in self.levels]

    @property
    def service_link(self) -> str:
        return self.national_portal_url or rules.national_detail_url(self.national_code)

    @property
    def legal_basis_lines(self) -> list[str]:
        return [line.strip() for line in self.legal_basis.split("\n") if line.strip()]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = self.get_parent()
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if args or kwargs:
            raise Http404
        return super().serve(request, *args, **kwargs)


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Chờ xác nhận")
    DONE = "done", _("Đã nhập")
    FAILED = "failed", _("Lỗi, không nhập gì")
    CANCELLED = "cancelled", _("Đã hủy")


class ProcedureImport(models.Model):
    """One upload through the admin: kept between the preview and the confirmation, then its report.

    The file's bytes are dropped once the import is done or cancelled; the report stays as a record
    of who imported what into which list.
    """

    index_page = models.ForeignKey(
        ProcedureIndexPage, verbose_name=_("danh sách"), on_delete=models.CASCADE, related_name="imports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField(default=b"", editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    created = models.PositiveIntegerField(_("tạo mới"), default=0)
    updated = models.PositiveIntegerField(_("cập nhật"), default=0)
    unchanged = models.PositiveIntegerField(_("không đổi"), default=0)
    skipped = models.PositiveIntegerField(_("bỏ qua do lỗi"), default=0)
    report = models.JSONField(_("báo cáo"), default=dict, blank=True)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("nhập xong lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("lần nhập thủ tục")
        verbose_name_plural = _("các lần nhập thủ tục")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
