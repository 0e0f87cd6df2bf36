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
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from editorial.workflow.permissions import EditorialPermissionsMixin
from portal import listings
from portal.blocks import RICH_TEXT_FEATURES, ArticleBodyBlock, ServiceLinkBlock
from portal.forms import PortalPageForm

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
    subpage_types = ["portal.SectionPage"]

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
    subpage_types = ["portal.ArticlePage", "portal.SectionPage"]

    class Meta:
        verbose_name = _("chuyên trang")
        verbose_name_plural = _("chuyên trang")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(request, listings.section_articles(self))
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("portal.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ContentPage(EditorialPermissionsMixin, Page):
    """Fields every public content page carries: its Article 8 category and a summary."""

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
        """Title, summary and body without diacritics, so "khanh hoa" finds "Khánh Hòa" (search/folding.py)."""
        from search.folding import body_text, fold

        return fold(" ".join([self.title, self.summary, body_text(self), getattr(self, "author", "")]))


class ArticlePage(ContentPage):
    """A news article (tin bài)."""

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
