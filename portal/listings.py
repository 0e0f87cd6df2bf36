"""Queries behind the public listings; each runs a fixed number of SQL queries whatever the data size."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.db.models import F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber
from wagtail.images import get_image_model
from wagtail.models import Page

if TYPE_CHECKING:
    from portal.models import ArticlePage, Category, HomePage, SectionPage

THUMBNAIL_SPEC = "fill-480x270"
FEATURED_SPEC = "fill-960x540"
HOME_FEATURED_COUNT = 5
HOME_PER_CATEGORY = 4


def _articles() -> QuerySet[ArticlePage]:
    from portal.models import ArticlePage

    return ArticlePage.objects.live().public().select_related("category")


def with_thumbnails(queryset: QuerySet[ArticlePage], *specs: str) -> QuerySet[ArticlePage]:
    """Fetch featured images and their renditions in one extra query each, not one per article."""
    images = get_image_model().objects.prefetch_renditions(*(specs or (THUMBNAIL_SPEC,)))
    return queryset.prefetch_related(Prefetch("featured_image", queryset=images))


def site_articles(home: Page) -> QuerySet[ArticlePage]:
    """Live public articles in the tree (and so the locale) of one site's home page."""
    return _articles().descendant_of(home).order_by("-publication_date", "-pk")


def category_articles(home: Page, category: Category) -> QuerySet[ArticlePage]:
    return with_thumbnails(site_articles(home).filter(category=category))


def section_articles(section: SectionPage) -> QuerySet[ArticlePage]:
    return with_thumbnails(_articles().descendant_of(section).order_by("-publication_date", "-pk"))


def related_articles(article: ArticlePage, limit: int = 4) -> list[ArticlePage]:
    """Newest articles of the same category on the same site, in the same language."""
    site_path = article.path[: Page.steplen * 2]
    queryset = (
        _articles()
        .filter(path__startswith=site_path, category_id=article.category_id, locale_id=article.locale_id)
        .exclude(pk=article.pk)
        .order_by("-publication_date", "-pk")
    )
    return list(with_thumbnails(queryset)[:limit])


def latest_by_category(home: Page, per_category: int = HOME_PER_CATEGORY) -> list[tuple[Category, list[ArticlePage]]]:
    """The newest few articles of every category, in two queries (a window function, not a loop)."""
    from portal.models import Category

    ranked = with_thumbnails(site_articles(home)).annotate(
        rank=Window(
            RowNumber(), partition_by=[F("category_id")], order_by=[F("publication_date").desc(), F("pk").desc()]
        )
    )
    grouped: dict[int, list[ArticlePage]] = defaultdict(list)
    for article in ranked.filter(rank__lte=per_category):
        grouped[article.category_id].append(article)
    for items in grouped.values():
        items.sort(key=lambda a: (a.publication_date, a.pk), reverse=True)
    return [(category, grouped[category.pk]) for category in Category.objects.all() if grouped.get(category.pk)]


def featured_articles(home: Page, limit: int = HOME_FEATURED_COUNT) -> list[ArticlePage]:
    """Featured articles first, topped up with the newest ones, so the block is never empty."""
    queryset = site_articles(home).order_by("-is_featured", "-publication_date", "-pk")
    return list(with_thumbnails(queryset, FEATURED_SPEC, THUMBNAIL_SPEC)[:limit])


def home_page_context(home: HomePage) -> dict[str, Any]:
    from subportals.services import subportal_directory

    return {
        "featured_articles": featured_articles(home),
        "latest_by_category": latest_by_category(home),
        "subportals": subportal_directory(),
    }
