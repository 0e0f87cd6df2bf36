"""Citizen search across the main portal and the sub-portals, in one language.

Only live, public pages of active units are searched. The query is matched twice, exactly (in
the house tone style) and folded (without diacritics): a page that matches the exact words
matches both and ranks above one that matches only the folded form.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page
from wagtail.search.query import Or, PlainText

from .folding import fold, html_to_text, page_text
from .query import CleanQuery

SORTS = ("relevance", "newest", "oldest")
SNIPPET_LENGTH = 240


@dataclass(frozen=True)
class Filters:
    unit: Any = None
    category: Any = None
    content_type: Any = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str = "relevance"


@dataclass
class Hit:
    page: Any
    unit: Any
    snippet: SafeString
    title: SafeString


@dataclass
class SearchResult:
    query: CleanQuery
    hits: Any = None  # a Paginator page of Hit
    total: int = 0
    facets: dict[str, Any] = field(default_factory=dict)


def searchable_models() -> list[type[Page]]:
    from portal.models import ArticlePage

    return [ArticlePage]


def public_pages(model: type[Page], locale: Any, homes: dict[str, Any]) -> QuerySet:
    """Live, public pages under the given home pages (``units_by_home_path``) in one language."""
    paths = list(homes)
    queryset = model.objects.live().public().filter(locale=locale)
    if not paths:
        return queryset.none()
    return queryset.filter(reduce(or_, (Q(path__startswith=path) for path in paths)))


def active_units(unit: Any = None) -> list[Any]:
    from subportals.models import Unit

    units = Unit.objects.filter(is_active=True, site__isnull=False).select_related("site__root_page")
    if unit is not None:
        units = units.filter(pk=unit.pk)
    return list(units)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def search_query(clean: CleanQuery) -> Any:
    """Exact words OR folded words, every word required within each branch."""
    exact = PlainText(clean.text, operator="and")
    if clean.folded == clean.text:
        return exact
    return Or([exact, PlainText(clean.folded, operator="and")])


def run(clean: CleanQuery, locale: Any, filters: Filters) -> tuple[Any, dict[str, Any]]:
    """The search results (a sliceable sequence with ``count()``) and the searched units by home path."""
    homes = units_by_home_path(locale, active_units(filters.unit))
    from . import elastic

    if elastic.enabled():
        results = elastic.ElasticResults(
            clean,
            locale.language_code,
            unit=filters.unit.code if filters.unit is not None else None,
            category=filters.category.code if filters.category is not None else None,
            date_from=filters.date_from,
            date_to=filters.date_to,
            sort=filters.sort,
        )
        return results, homes
    model = searchable_models()[0]
    queryset = public_pages(model, locale, homes)
    if filters.category is not None:
        queryset = queryset.filter(category=filters.category)
    # Whole local days, as datetimes: search backends filter on plain comparisons only.
    if filters.date_from:
        queryset = queryset.filter(publication_date__gte=_start_of(filters.date_from))
    if filters.date_to:
        queryset = queryset.filter(publication_date__lt=_start_of(filters.date_to + datetime.timedelta(days=1)))
    if filters.sort == "newest":
        queryset = queryset.order_by("-publication_date")
        return queryset.search(search_query(clean), order_by_relevance=False), homes
    if filters.sort == "oldest":
        queryset = queryset.order_by("publication_date")
        return queryset.search(search_query(clean), order_by_relevance=False), homes
    from . import sqlite_fts

    if sqlite_fts.applies():
        return ExactFirst(sqlite_fts.RankedResults(queryset, clean), clean), homes
    return ExactFirst(queryset.search(search_query(clean)), clean), homes


class ExactFirst:
    """Relevance order, with pages containing the query's exact (diacritic) words moved up.

    Full-text tokenizers fold diacritics themselves (SQLite's ``unicode61``), so "hòa" and "hoa"
    score alike; the first ``RERANK_DEPTH`` results are re-ordered by how often the exact words
    occur (title counts three times), the rest keep the backend's order.
    """

    def __init__(self, results: Any, clean: CleanQuery):
        self.results = results
        self.clean = clean
        self._head: list[Any] | None = None

    def count(self) -> int:
        return self.results.count()

    def __len__(self) -> int:
        return self.count()

    @property
    def capped(self) -> bool:
        return bool(getattr(self.results, "capped", False))

    def _ranked_head(self) -> list[Any]:
        if self._head is None:
            head = list(self.results[:RERANK_DEPTH])
            marked = [term for term in self.clean.terms if fold(term) != term]
            if marked:
                scores = {page.pk: exact_score(page, marked) for page in head}
                head.sort(key=lambda page: -scores[page.pk])  # stable: ties keep relevance order
            self._head = head
        return self._head

    def __getitem__(self, key: slice | int) -> Any:
        if isinstance(key, int):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        head = self._ranked_head()
        if stop <= len(head):
            return head[start:stop]
        tail = list(self.results[max(start, len(head)) : stop])
        return head[start:] + tail


RERANK_DEPTH = 100


def exact_score(page: Any, terms: list[str]) -> int:
    text = page_text(page).lower()
    title = page.title.lower()
    score = 0
    for term in terms:
        pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
        score += 3 * len(pattern.findall(title)) + len(pattern.findall(text))
    return score


def _highlight(text: str, clean: CleanQuery) -> SafeString:
    """Escape the text and wrap every word of the query (exact or folded) in <mark>."""
    words = set(clean.folded_terms)
    out = []
    for token in re.split(r"(\w+)", text):
        if token and fold(token) in words:
            out.append(f"<mark>{escape(token)}</mark>")
        else:
            out.append(escape(token))
    return mark_safe("".join(out))


def snippet(page: Any, clean: CleanQuery) -> SafeString:
    """About 240 characters around the first matching word of the summary or body."""
    text = page_text(page)
    folded = fold(text)
    positions = [folded.find(term) for term in clean.folded_terms if term and folded.find(term) >= 0]
    # fold() keeps lengths for Vietnamese letters, so a position in the folded text is one in the text.
    start = max(0, min(positions) - 60) if positions and len(folded) == len(text) else 0
    piece = text[start : start + SNIPPET_LENGTH]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_LENGTH < len(text) else ""
    return mark_safe(prefix + _highlight(piece, clean) + suffix)


def units_by_home_path(locale: Any, units: list[Any]) -> dict[str, Any]:
    """The home page path of each unit in one language, with its unit (one query)."""
    by_key = {unit.site.root_page.translation_key: unit for unit in units}
    rows = Page.objects.filter(depth=2, locale=locale, translation_key__in=list(by_key))
    return {path: by_key[key] for path, key in rows.values_list("path", "translation_key")}


def unit_of(page: Any, homes: dict[str, Any]) -> Any:
    return homes.get(page.path[: Page.steplen * 2])


def hits_for(pages: list[Any], clean: CleanQuery, homes: dict[str, Any]) -> list[Hit]:
    return [
        Hit(
            page=page,
            unit=unit_of(page, homes),
            snippet=snippet(page, clean),
            title=_highlight(html_to_text(page.title), clean),
        )
        for page in pages
    ]
