"""Queries behind the public listings; each runs a fixed number of SQL queries whatever the data size."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.db.models import F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber, Substr
from wagtail.images import get_image_model
from wagtail.models import Page

if TYPE_CHECKING:
    from portal.models import ArticlePage, Category, HomePage, SectionPage

THUMBNAIL_SPEC = "fill-480x270"
FEATURED_SPEC = "fill-960x540"
HOME_FEATURED_COUNT = 5
HOME_PER_CATEGORY = 4
HOME_SYNDICATED_COUNT = 6


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


def category_articles(home: Page, category: Category, *, include_syndicated: bool = False) -> QuerySet[ArticlePage]:
    """A site's articles of one category; on the main portal also the sub-portal articles its board approved."""
    queryset = site_articles(home)
    if include_syndicated:
        queryset = (queryset | syndicated_articles(home)).order_by("-publication_date", "-pk")
    return with_thumbnails(queryset.filter(category=category))


def syndicated_articles(home: Page) -> QuerySet[ArticlePage]:
    """Sub-portal articles approved for the main portal, in the main home's language."""
    from subportals.syndication import approved_translation_keys

    return (
        _articles()
        .filter(locale_id=home.locale_id, translation_key__in=approved_translation_keys())
        .exclude(path__startswith=home.path)
        .order_by("-publication_date", "-pk")
    )


def subportal_articles(home: Page) -> tuple[QuerySet[ArticlePage], dict[str, Any]]:
    """All active sub-portals' articles in the home's language, with each sub-portal's unit by home path."""
    from subportals.services import active_subportal_homes

    homes = active_subportal_homes(home.locale_id)
    if not homes:
        return _articles().none(), homes
    within = reduce(or_, (Q(path__startswith=path) for path in homes))
    return _articles().filter(within).order_by("-publication_date", "-pk"), homes


def label_sources(articles: list[ArticlePage], homes: dict[str, Any]) -> list[ArticlePage]:
    """Attach the sub-portal unit of each article (for the "Nguồn" label and the link to the original)."""
    for article in articles:
        article.source_unit = homes.get(article.path[: Page.steplen * 2])
    return articles


def latest_per_subportal(home: Page, per_unit: int = 3) -> list[tuple[Any, list[ArticlePage]]]:
    """Each active sub-portal with its newest articles, in one window-function query."""
    queryset, homes = subportal_articles(home)
    site_path = Substr("path", 1, Page.steplen * 2)
    ranked = queryset.annotate(
        site_path=site_path,
        rank=Window(RowNumber(), partition_by=[site_path], order_by=[F("publication_date").desc(), F("pk").desc()]),
    ).filter(rank__lte=per_unit)
    grouped: dict[str, list[ArticlePage]] = defaultdict(list)
    for article in ranked:
        grouped[article.site_path].append(article)
    units = sorted(homes.items(), key=lambda item: item[1].name_vi)
    return [
        (unit, sorted(grouped.get(path, []), key=lambda a: (a.publication_date, a.pk), reverse=True))
        for path, unit in units
    ]


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


def home_page_context(home: HomePage, *, is_main: bool) -> dict[str, Any]:
    from subportals.services import active_subportal_homes, subportal_directory

    context: dict[str, Any] = {
        "featured_articles": featured_articles(home),
        "latest_by_category": latest_by_category(home),
        "subportals": subportal_directory(),
        "is_main_portal": is_main,
    }
    if is_main:
        syndicated = list(with_thumbnails(syndicated_articles(home))[:HOME_SYNDICATED_COUNT])
        context["syndicated_articles"] = label_sources(syndicated, active_subportal_homes(home.locale_id))
    return context


# Where the structured content of Article 8 lives: the category, its record type and its register page.
STRUCTURED_TYPES: dict[str, tuple[str | None, str]] = {
    "van-ban-phap-luat": ("legal.LegalDocumentPage", "legal.LegalDocumentIndexPage"),
    "thu-tuc-hanh-chinh": ("procedures.ProcedurePage", "procedures.ProcedureIndexPage"),
    "du-an-dau-thau": ("procurement.ProjectPage", "procurement.ProjectIndexPage"),
    "du-lieu-thong-ke": ("opendata.DatasetPage", "opendata.DatasetIndexPage"),
    "danh-ba": (None, "directory.DirectoryPage"),
    "lien-ket": (None, "links.LinkIndexPage"),
}
STRUCTURED_LATEST = 8


def structured_context(home: Page, category: Category) -> dict[str, Any]:
    """A category's registers on this site (legal documents, procedures, …) and its newest records (two queries)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    entry = STRUCTURED_TYPES.get(category.code)
    if entry is None:
        return {"registers": [], "records": []}
    record_name, register_name = entry
    register_type = ContentType.objects.get_for_model(apps.get_model(register_name))
    registers = list(
        Page.objects.live().public().descendant_of(home).filter(content_type=register_type).order_by("path")
    )
    records: list[Any] = []
    if record_name:
        model = apps.get_model(record_name)
        records = list(
            model.objects.live().public().descendant_of(home).order_by("-publication_date", "-pk")[:STRUCTURED_LATEST]
        )
    return {"registers": registers, "records": records}


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def clean_text_query(raw: str | None, limit: int) -> str:
    """A register's text query: control characters and runs of spaces to one space, at most ``limit`` characters."""
    return " ".join(_CONTROL_CHARACTERS.sub(" ", raw or "").split())[:limit]


def query_words(query: str, limit: int) -> list[str]:
    """The folded words of a query (at most ``limit``), each of which a record's text must contain."""
    from search.folding import fold

    return fold(query).split()[:limit]
