"""Page types of the portal: home, section index and news article."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from editorial.workflow.permissions import EditorialPermissionsMixin
from portal import listings
from portal.blocks import RICH_TEXT_FEATURES, ArticleBodyBlock, ServiceLinkBlock
from portal.forms import PortalPageForm
from portal.printing.mixin import PrintableMixin

from .categories import Category


def paginate(request: HttpRequest, queryset: Any, per_page: int | None = None) -> PaginatorPage:
    """A page of results; a bad or too-large ``?page=`` shows the last page instead of an error."""
    paginator = Paginator(queryset, per_page or settings.PORTAL_ARTICLES_PER_PAGE)
    return paginator.get_page(request.GET.get("page"))


class HomePage(EditorialPermissionsMixin, RoutablePageMixin, Page):
    """Home of the main portal or of a sub-portal; also serves the category listings."""

    intro = RichTextField(_("giới thiệu ngắn"), blank=True, features=RICH_TEXT_FEATURES)
    service_links = StreamField(
        [("service", ServiceLinkBlock())],
        verbose_name=_("dịch vụ công trực tuyến"),
        blank=True,
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("service_links")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("intro"),
        TranslatableField("service_links"),
    ]

    base_form_class = PortalPageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "portal.SectionPage",
        "legal.LegalDocumentIndexPage",
        "links.LinkIndexPage",
        "opendata.DatasetIndexPage",
        "directory.DirectoryPage",
        "procedures.ProcedureIndexPage",
        "procurement.ProjectIndexPage",
    ]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # Category routes render through this too; only the home view needs the home listings.
        match = getattr(request, "routable_resolver_match", None)
        if match is None or match.url_name == "index_route":
            context.update(listings.home_page_context(self, is_main=self.is_main_portal(request)))
        return context

    def is_main_portal(self, request: HttpRequest) -> bool:
        from subportals.services import current_unit

        unit = current_unit(request)
        return unit is None or unit.is_main

    @path("chuyen-muc/", name="categories")
    def category_index(self, request: HttpRequest) -> HttpResponse:
        return self.render(
            request,
            context_overrides={"categories": Category.objects.all(), "route_suffix": "chuyen-muc/"},
            template="portal/category_index_page.html",
        )

    @path("chuyen-muc/<slug:code>/", name="category")
    def category_listing(self, request: HttpRequest, code: str) -> HttpResponse:
        category = get_object_or_404(Category, code=code)
        queryset = listings.category_articles(self, category, include_syndicated=self.is_main_portal(request))
        articles = paginate(request, queryset)
        return self.render(
            request,
            context_overrides={
                "category": category,
                "articles": articles,
                "route_suffix": f"chuyen-muc/{code}/",
                **listings.structured_context(self, category),
            },
            template="portal/category_page.html",
        )

    @path("tim-kiem/", name="search")
    def search(self, request: HttpRequest) -> HttpResponse:
        """Search across the portal and its sub-portals; on a sub-portal, its own pages first."""
        from search.views import search_context
        from subportals.services import current_unit

        context = search_context(request, self, current_unit(request))
        response = self.render(request, context_overrides=context, template="search/search_page.html")
        response["X-Robots-Tag"] = "noindex"
        return response

    # Citizens' questions and the Q&A (P-Art. 8.9, 5.2.i): editorial/feedback/public.py.
    @path("gop-y/", name="feedback")
    def feedback_form(self, request: HttpRequest) -> HttpResponse:
        from editorial.feedback.public import form_view

        return form_view(request, self)

    @path("gop-y/tra-cuu/", name="feedback_lookup")
    def feedback_lookup(self, request: HttpRequest) -> HttpResponse:
        from editorial.feedback.public import lookup_view

        return lookup_view(request, self)

    @path("hoi-dap/", name="qa")
    def qa_list(self, request: HttpRequest) -> HttpResponse:
        from editorial.feedback.public import qa_list_view

        return qa_list_view(request, self)

    # Only a tracking code (upper case, no 0/O/1/I): articles of a "hoi-dap" section still resolve.
    @re_path(r"^hoi-dap/(?P<code>[2-9A-HJ-NP-Z]{10})/$", name="qa_detail")
    def qa_detail(self, request: HttpRequest, code: str) -> HttpResponse:
        from editorial.feedback.public import qa_detail_view

        return qa_detail_view(request, self, code)

    @path("cong-thanh-phan/", name="subportals")
    def subportal_directory(self, request: HttpRequest) -> HttpResponse:
        """Every sub-portal with its newest articles (main portal only)."""
        if not self.is_main_portal(request):
            raise Http404
        return self.render(
            request,
            context_overrides={
                "units_with_articles": listings.latest_per_subportal(self),
                "route_suffix": "cong-thanh-phan/",
            },
            template="portal/subportal_directory_page.html",
        )

    @path("cong-thanh-phan/tin-moi/", name="subportal_news")
    def subportal_news(self, request: HttpRequest) -> HttpResponse:
        """The newest articles of all sub-portals together (main portal only)."""
        if not self.is_main_portal(request):
            raise Http404
        queryset, homes = listings.subportal_articles(self)
        articles = paginate(request, listings.with_thumbnails(queryset))
        listings.label_sources(list(articles), homes)
        return self.render(
            request,
            context_overrides={"articles": articles, "route_suffix": "cong-thanh-phan/tin-moi/"},
            template="portal/subportal_news_page.html",
        )


class SectionPage(EditorialPermissionsMixin, Page):
    """A section (chuyên trang) grouping articles; lists its articles newest first."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    base_form_class = PortalPageForm
    parent_page_types = ["portal.HomePage", "portal.SectionPage"]
    subpage_types = [
        "portal.ArticlePage",
        "portal.SectionPage",
        "legal.LegalDocumentIndexPage",
        "links.LinkIndexPage",
        "opendata.DatasetIndexPage",
        "directory.DirectoryPage",
        "procedures.ProcedureIndexPage",
        "procurement.ProjectIndexPage",
    ]

    class Meta:
        verbose_name = _("chuyên trang")
        verbose_name_plural = _("chuyên trang")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(request, listings.section_articles(self))
        return context


class RegisterPage(EditorialPermissionsMixin, Page):
    """Base of the structured registers of Article 8 (legal documents, procedures, projects, datasets).

    An introduction and a filtered listing of its records: subclasses name their record type in
    ``subpage_types`` and return the listing in ``listing_context``. Filtered views are endless, so
    they carry ``noindex``; the plain register is indexed.
    """

    intro = RichTextField(_("giới thiệu"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("intro"),
    ]

    base_form_class = PortalPageForm
    parent_page_types = ["portal.HomePage", "portal.SectionPage"]

    class Meta:
        abstract = True

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        return {}

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if args or kwargs:
            raise Http404
        response = super().serve(request, *args, **kwargs)
        if request.GET:
            response["X-Robots-Tag"] = "noindex"
        return response


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("portal.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ContentPage(EditorialPermissionsMixin, PrintableMixin, Page):
    """Fields every public content page carries: its Article 8 category and a summary.

    Every content page (articles and the register records) can be printed and saved as PDF
    (NĐ 42/2022, Art. 7) through the ``in/`` and ``pdf/`` routes of ``PrintableMixin``.
    """

    category = models.ForeignKey(
        Category,
        verbose_name=_("chuyên mục"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField(
        _("tóm tắt"),
        max_length=600,
        help_text=_("Một đến hai câu, hiện ở danh sách tin và trong thẻ mô tả của trang."),
    )
    publication_date = models.DateTimeField(
        _("ngày đăng"),
        default=timezone.now,
        db_index=True,
        help_text=_("Ngày hiển thị cho người đọc. Việc tính tần suất cập nhật dùng thời điểm xuất bản thực tế."),
    )
    substantive_update = models.BooleanField(
        _("tính là một lần cập nhật thông tin"),
        default=False,
        help_text=_(
            "Chọn khi lần xuất bản lại này bổ sung hoặc thay đổi thông tin (không phải sửa lỗi chính tả). "
            "Lần đăng đầu tiên luôn được tính."
        ),
    )

    base_form_class = PortalPageForm

    class Meta:
        abstract = True

    def search_folded_text(self) -> str:
        """Title, summary, body without diacritics ("khanh hoa" → "Khánh Hòa"), plus en/ru stems (search/folding)."""
        from search.folding import body_text, index_text, joined, language_of

        return index_text(
            joined(self.title, self.summary, body_text(self), getattr(self, "author", "")), language_of(self)
        )


class ArticlePage(ContentPage):
    """A news article (tin bài)."""

    # The sub-portal an article of a combined listing comes from (``portal.listings.label_sources``).
    # A class default: a template asking a Page for a missing attribute costs a ``dir()`` of it.
    source_unit = None

    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"))
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_image_caption = models.CharField(_("chú thích ảnh đại diện"), max_length=300, blank=True)
    author = models.CharField(_("tác giả"), max_length=200, blank=True)
    source = models.CharField(_("nguồn tin"), max_length=200, blank=True)
    is_featured = models.BooleanField(_("tin nổi bật"), default=False)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("từ khóa"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("publication_date"), FieldPanel("is_featured")],
            _("Phân loại"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("featured_image"), FieldPanel("featured_image_caption")],
            _("Ảnh đại diện"),
        ),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("author"), FieldPanel("source"), FieldPanel("tags")], _("Tác giả và nguồn")),
        InlinePanel(
            "credits",
            heading=_("Người hưởng nhuận bút"),
            help_text=_(
                "Tác giả, người chụp ảnh, làm video; các đồng tác giả chia nhau tỷ lệ hưởng (tổng không quá 100%)."
            ),
        ),
        FieldPanel("substantive_update"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("category"),
        index.FilterField("publication_date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.SearchField("search_folded_text"),
    ]
    # Text is translated; what places and classifies the article stays the same in every language.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("summary"),
        TranslatableField("body"),
        TranslatableField("featured_image_caption"),
        SynchronizedField("author"),
        TranslatableField("source"),
        SynchronizedField("category"),
        SynchronizedField("publication_date"),
        SynchronizedField("featured_image"),
        SynchronizedField("is_featured"),
    ]

    parent_page_types = ["portal.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["related_articles"] = listings.related_articles(self)
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if args or kwargs:
            raise Http404
        return super().serve(request, *args, **kwargs)
