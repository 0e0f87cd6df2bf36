"""Legal documents (category 4 of Article 8): issuing bodies, the listing page and the document page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.i18n import localized_attr
from portal.models import Category, ContentPage, RegisterPage

from . import numbering, rules
from .choices import DocumentStatus, DocumentType, IssuingBodyKind
from .forms import LegalDocumentPageForm

CATEGORY_CODE = "van-ban-phap-luat"


class IssuingBody(index.Indexed, models.Model):
    """Cơ quan ban hành: a state body that issues documents (Quốc hội, Chính phủ, UBND tỉnh, a Sở, …)."""

    code = models.SlugField(_("mã"), max_length=60, unique=True, help_text=_("Mã cố định, ví dụ ubnd-tinh-khanh-hoa."))
    kind = models.CharField(
        _("cấp"), max_length=20, choices=IssuingBodyKind.choices, default=IssuingBodyKind.PROVINCIAL
    )
    name_vi = models.CharField(_("tên (tiếng Việt)"), max_length=255)
    name_en = models.CharField(_("tên (tiếng Anh)"), max_length=255, blank=True)
    name_ru = models.CharField(_("tên (tiếng Nga)"), max_length=255, blank=True)
    abbreviation = models.CharField(
        _("chữ viết tắt trong ký hiệu"),
        max_length=30,
        blank=True,
        help_text=_(
            "Như trong số, ký hiệu văn bản: UBND, HĐND, CP, TTg, QH, SYT… Để trống nếu không cần kiểm tra ký hiệu."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("code"), FieldPanel("kind"), FieldPanel("abbreviation"), FieldPanel("sort_order")],
            _("Mã và cấp"),
        ),
        MultiFieldPanel([FieldPanel("name_vi"), FieldPanel("name_en"), FieldPanel("name_ru")], _("Tên")),
        FieldPanel("is_active"),
    ]
    search_fields = [
        index.SearchField("name_vi"),
        index.SearchField("name_en"),
        index.SearchField("name_ru"),
        index.SearchField("abbreviation"),
        index.FilterField("code"),
    ]

    class Meta:
        ordering = ["sort_order", "name_vi"]
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")

    def __str__(self) -> str:
        return self.name_vi

    @property
    def name(self) -> str:
        return localized_attr(self, "name")


class LegalDocumentIndexPage(RegisterPage):
    """The public register of legal documents of a site, with filters (type, body, year, status, number)."""

    subpage_types = ["legal.LegalDocumentPage"]

    class Meta:
        verbose_name = _("danh mục văn bản pháp luật")
        verbose_name_plural = _("danh mục văn bản pháp luật")

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        from .listings import register_context

        return register_context(request, self)


class LegalDocumentPage(ContentPage):
    """One legal document: number and symbol, type, issuing body, signer, dates, validity, files."""

    summary = models.TextField(
        _("trích yếu"),
        max_length=600,
        help_text=_("Trích yếu nội dung như ghi trên văn bản, ví dụ «Ban hành Quy chế quản lý và vận hành…»."),
    )
    number_symbol = models.CharField(
        _("số, ký hiệu"),
        max_length=numbering.MAX_LENGTH,
        blank=True,
        help_text=_(
            "Ví dụ 26/2014/QĐ-UBND, 59/2020/QH14, 01/CT-UBND, 1234/UBND-VP. Năm trong số phải trùng năm ban hành."
        ),
    )
    document_type = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentType.choices)
    issuing_body = models.ForeignKey(
        IssuingBody,
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_position = models.CharField(
        _("chức vụ người ký"), max_length=160, blank=True, help_text=_("Ví dụ «Phó Chủ tịch Ủy ban nhân dân tỉnh».")
    )
    issue_date = models.DateField(_("ngày ban hành"), db_index=True)
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expiry_date = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng hiệu lực"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("văn bản thay thế"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text=_("Bắt buộc khi văn bản bị thay thế một phần hoặc toàn bộ."),
    )
    # Derived on every save (never typed): the uniqueness key, the number search key, the folded text.
    number_key = models.CharField(max_length=120, blank=True, editable=False, db_index=True)
    number_search = models.CharField(max_length=160, blank=True, editable=False)
    number_locale = models.ForeignKey("wagtailcore.Locale", editable=False, on_delete=models.PROTECT, related_name="+")
    folded_text = models.TextField(blank=True, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("number_symbol"),
                FieldPanel("document_type"),
                FieldPanel("issuing_body", widget=forms.Select),
                FieldPanel("signer"),
                FieldPanel("signer_position"),
            ],
            _("Số, ký hiệu và cơ quan ban hành"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("issue_date"),
                FieldPanel("effective_date"),
                FieldPanel("expiry_date"),
                FieldPanel("status"),
                FieldPanel("replaced_by"),
            ],
            _("Ngày tháng và hiệu lực"),
        ),
        FieldPanel("summary"),
        InlinePanel("attachments", heading=_("Tệp đính kèm (PDF, DOC, DOCX)"), label=_("Tệp")),
        InlinePanel("related_links", heading=_("Văn bản liên quan"), label=_("Văn bản")),
        MultiFieldPanel([FieldPanel("publication_date"), FieldPanel("substantive_update")], _("Đăng tải")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("number_symbol", boost=2),
        index.SearchField("signer"),
        index.RelatedFields(
            "issuing_body", [index.SearchField("name_vi"), index.SearchField("name_en"), index.SearchField("name_ru")]
        ),
        index.FilterField("category"),
        index.FilterField("publication_date"),
        index.FilterField("document_type"),
        index.FilterField("issuing_body"),
        index.FilterField("issue_date"),
        index.FilterField("status"),
        index.SearchField("search_folded_text"),
    ]
    # Text is translated; what identifies the document (number, type, body, dates, status, files) is shared.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("summary"),
        TranslatableField("signer_position"),
        SynchronizedField("signer"),
        SynchronizedField("number_symbol", overridable=False),
        SynchronizedField("document_type", overridable=False),
        SynchronizedField("issuing_body", overridable=False),
        SynchronizedField("issue_date", overridable=False),
        SynchronizedField("effective_date", overridable=False),
        SynchronizedField("expiry_date", overridable=False),
        SynchronizedField("status", overridable=False),
        SynchronizedField("replaced_by", overridable=False),
        SynchronizedField("attachments"),
        SynchronizedField("related_links"),
        SynchronizedField("category", overridable=False),
        SynchronizedField("publication_date"),
    ]

    base_form_class = LegalDocumentPageForm
    parent_page_types = ["legal.LegalDocumentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("văn bản pháp luật")
        verbose_name_plural = _("văn bản pháp luật")
        constraints = [
            # Translations share the number (other locales); two documents of one body never do.
            models.UniqueConstraint(
                fields=["issuing_body", "number_key", "number_locale"],
                condition=~Q(number_key=""),
                name="legal_unique_number_per_body_and_locale",
                violation_error_message=_("Cơ quan ban hành này đã có một văn bản khác mang số, ký hiệu này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number_symbol} – {self.title}" if self.number_symbol else self.title

    # --- derived fields ------------------------------------------------------------------------

    def assign_derived_fields(self) -> None:
        """The fixed category, the canonical number and its keys, the folded text: set in code, never typed."""
        if self.category_id is None:
            self.category = Category.objects.get(code=CATEGORY_CODE)
        if self.locale_id is None:  # Page.save sets it later; the uniqueness key needs it now
            self.locale = self.get_default_locale()
        self.number_key = ""
        text = (self.number_symbol or "").strip()
        if text:
            try:
                parsed = numbering.parse(text)
            except ValidationError:
                self.number_symbol = text
            else:
                self.number_symbol = parsed.canonical
                self.number_key = numbering.uniqueness_key(parsed, self.issue_date.year if self.issue_date else None)
        self.number_search = numbering.search_key(self.number_symbol or "")
        self.number_locale_id = self.locale_id
        self.folded_text = self.compute_folded_text()

    def compute_folded_text(self) -> str:
        from search.folding import fold

        words = numbering.word_tokens(fold(" ".join([self.title or "", self.summary or ""])))
        return f" {' '.join(words)} "  # bounded by spaces, so a word is matched whole

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        self.assign_derived_fields()
        super().full_clean(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        problems = rules.document_problems(self, number_required=self.live)
        if problems:
            raise ValidationError(problems)

    DERIVED_FROM = frozenset({"number_symbol", "issue_date", "title", "summary", "locale", "category"})
    DERIVED = ("number_symbol", "number_key", "number_search", "number_locale", "folded_text", "category")

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.assign_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.DERIVED_FROM & set(update_fields):
            kwargs["update_fields"] = list({*update_fields, *self.DERIVED})
        super().save(*args, **kwargs)

    def search_number(self) -> str:
        """The identifier a citizen may type whole (Elasticsearch matches it exactly: search/elastic.py)."""
        return self.number_symbol or ""

    def search_details(self) -> str:
        """The document's own searchable words beyond title and abstract: number, signer, issuing body.

        Both backends index them (``search_folded_text`` here, the ``details`` field on Elasticsearch).
        """
        from search.folding import joined, language_of

        body = self.issuing_body if self.issuing_body_id else None
        names = [body.name_vi, getattr(body, f"name_{language_of(self)}", ""), body.abbreviation] if body else []
        return joined(self.number_symbol, self.signer, *dict.fromkeys(names))

    def search_folded_text(self) -> str:
        from search.folding import index_text, joined, language_of

        from .numbering import tokens

        # The number's parts too: PostgreSQL's parser splits "26/2014/QĐ-UBND" in a query differently
        # from the same string in a document, so "26 2014 qd ubnd" must be there to match.
        parts = " ".join(tokens(self.number_symbol))
        return index_text(joined(self.title, self.summary, self.search_details(), parts), language_of(self))

    def search_filter_values(self) -> dict[str, Any]:
        """What the Elasticsearch index stores to filter legal documents (search/elastic.py)."""
        return {
            "document_type": self.document_type,
            "issuing_body": self.issuing_body.code if self.issuing_body_id else "",
            "number_search": self.number_search,
            "issue_year": self.issue_date.year if self.issue_date else None,
        }

    # --- presentation --------------------------------------------------------------------------

    @property
    def current_status(self) -> str:
        """The status as of today (a future effective date or a past expiry overrides "in force")."""
        from .queries import effective_status

        return effective_status(self)

    @property
    def current_status_label(self) -> str:
        return str(DocumentStatus(self.current_status).label)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .listings import document_context

        context = super().get_context(request, *args, **kwargs)
        context.update(document_context(self))
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if args or kwargs:
            raise Http404
        return super().serve(request, *args, **kwargs)


class LegalDocumentAttachment(Orderable):
    """A file of the document (full text, annexes): a Wagtail document, PDF, DOC or DOCX only."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        get_document_model_string(), verbose_name=_("tệp"), on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(
        _("nhãn"), max_length=120, blank=True, help_text=_("Ví dụ «Toàn văn», «Phụ lục». Để trống: tên tệp.")
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def clean(self) -> None:
        super().clean()
        if self.document_id:
            problem = rules.attachment_problem(self.document)
            if problem:
                raise ValidationError({"document": problem})


class LegalDocumentLink(Orderable):
    """A related document (the one it implements, amends, guides, …)."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        LegalDocumentPage, verbose_name=_("văn bản liên quan"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("văn bản liên quan")
        verbose_name_plural = _("văn bản liên quan")
