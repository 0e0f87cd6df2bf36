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

from django.db.models import DateTimeField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from wagtail.models import Page
from wagtail.search.query import Or, PlainText

from .folding import fold, html_to_text, page_text
from .query import CleanQuery, start_of_day

SORTS = ("relevance", "newest", "oldest")
SNIPPET_LENGTH = 240


@dataclass(frozen=True)
class Filters:
    unit: Any = None
    category: Any = None
    content_type: Any = None  # one of searchable_models()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str = "relevance"
    # Legal documents only (portal.legal): setting any of them searches legal documents alone.
    document_type: str | None = None
    issuing_body: Any = None
    number: str | None = None
    year: int | None = None

    @property
    def legal(self) -> bool:
        return bool(self.document_type or self.issuing_body is not None or self.number or self.year)


@dataclass
class Hit:
    page: Any
    unit: Any
    snippet: SafeString
    title: SafeString
    kind: str = ""  # the content type's name ("Tin bài", "Văn bản pháp luật")


@dataclass
class SearchResult:
    query: CleanQuery
    hits: Any = None  # a Paginator page of Hit
    total: int = 0
    facets: dict[str, Any] = field(default_factory=dict)


def searchable_models() -> list[type[Page]]:
    """Every concrete page model with the portal's content fields (``portal.models.ContentPage``).

    Found in the app registry, so a new content type (legal documents, procedures, datasets, …)
    is searched as soon as its app is installed; news articles come first, then by name.
    """
    from django.apps import apps

    from portal.models import ArticlePage, ContentPage

    models = [
        model
        for model in apps.get_models()
        if issubclass(model, ContentPage) and not model._meta.abstract and not model._meta.proxy
    ]
    return sorted(models, key=lambda model: (model is not ArticlePage, model._meta.label_lower))


def models_for(filters: Filters) -> list[type[Page]]:
    """The models a search covers: all, or the chosen content type; legal filters keep legal documents."""
    models = searchable_models()
    if filters.content_type is not None:
        models = [model for model in models if model is filters.content_type]
    if filters.legal:
        legal = _legal_document_model()
        models = [model for model in models if legal is not None and issubclass(model, legal)]
    return models


def _legal_document_model() -> type[Page] | None:
    from django.apps import apps

    return apps.get_model("legal", "LegalDocumentPage") if apps.is_installed("portal.legal") else None


def filtered_pages(model: type[Page], locale: Any, homes: dict[str, Any], filters: Filters) -> QuerySet:
    """One model's public pages with the filters applied (plain ORM: no search backend rules apply)."""
    queryset = public_pages(model, locale, homes)
    if filters.category is not None:
        queryset = queryset.filter(category=filters.category)
    # Whole local days, as datetimes.
    if filters.date_from:
        queryset = queryset.filter(publication_date__gte=start_of_day(filters.date_from))
    if filters.date_to:
        queryset = queryset.filter(publication_date__lt=start_of_day(filters.date_to + datetime.timedelta(days=1)))
    legal = _legal_document_model()
    if filters.legal and legal is not None and issubclass(model, legal):
        from portal.legal.queries import filter_documents

        queryset = filter_documents(
            queryset,
            document_type=filters.document_type,
            issuing_body=filters.issuing_body,
            year=filters.year,
            number=filters.number,
        )
    return queryset


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


def search_query(clean: CleanQuery) -> Any:
    """Exact words OR folded words, every word required within each branch."""
    branches = [PlainText(clean.text, operator="and")]
    if clean.folded != clean.text:
        branches.append(PlainText(clean.folded, operator="and"))
    if clean.stems:
        branches.append(PlainText(" ".join(clean.stems), operator="and"))
    return branches[0] if len(branches) == 1 else Or(branches)


def with_stems(clean: CleanQuery, language: str) -> CleanQuery:
    """English and Russian queries also match by word stems (the index holds the pages' stems)."""
    from dataclasses import replace

    from .folding import stems

    found = tuple(stems(clean.text, language))
    if not found or [stem for stem in found] == [word.lower() for word in clean.terms]:
        return clean
    return replace(clean, stems=found)


def run(clean: CleanQuery, locale: Any, filters: Filters) -> tuple[Any, dict[str, Any]]:
    """The search results (a sliceable sequence with ``count()``) and the searched units by home path.

    All content types are searched in one query on ``Page``: each type's filters become a
    ``pk IN (…)`` condition (checked by the ORM, not by the search backend's filter rules), so
    relevance and dates order the types together.
    """
    units = active_units(filters.unit)
    homes = units_by_home_path(locale, units)
    models = models_for(filters)
    clean = with_stems(clean, locale.language_code)
    from . import elastic

    if elastic.enabled():
        legal = {}
        if filters.legal:
            from portal.legal.numbering import query_tokens

            legal = {
                "document_type": filters.document_type or None,
                "issuing_body": getattr(filters.issuing_body, "code", None),
                "issue_year": filters.year,
                "number_tokens": query_tokens(filters.number or ""),
            }
        results = elastic.ElasticResults(
            clean,
            locale.language_code,
            units=[unit.code for unit in units],
            category=filters.category.code if filters.category is not None else None,
            content_type=filters.content_type._meta.label_lower if filters.content_type is not None else None,
            date_from=filters.date_from,
            date_to=filters.date_to,
            sort=filters.sort,
            **legal,
        )
        if not models or not units:
            results = EmptyResults()
        return results, homes
    if not models:
        return EmptyResults(), homes
    pages = Page.objects.filter(
        reduce(or_, (Q(pk__in=filtered_pages(model, locale, homes, filters).values("pk")) for model in models))
    )
    if filters.sort in ("newest", "oldest"):
        descending = filters.sort == "newest"
        pages = pages.annotate(_published=publication_date_of(models)).order_by(
            OrderBy(F("_published"), descending=descending), OrderBy(F("pk"), descending=descending)
        )
        return SpecificResults(pages.search(search_query(clean), order_by_relevance=False)), homes
    from . import sqlite_fts

    if sqlite_fts.applies():
        return ExactFirst(SpecificResults(sqlite_fts.RankedResults(pages, clean, models)), clean), homes
    return ExactFirst(SpecificResults(pages.search(search_query(clean))), clean), homes


def publication_date_of(models: list[type[Page]]) -> Any:
    """The publication date of a page of any of the models, as an expression on ``Page``."""
    dates = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values("publication_date")[:1], output_field=DateTimeField())
        for model in models
    ]
    return dates[0] if len(dates) == 1 else Coalesce(*dates, output_field=DateTimeField())


class EmptyResults:
    capped = False

    def count(self) -> int:
        return 0

    def __len__(self) -> int:
        return 0

    def __getitem__(self, key: slice | int) -> list[Any]:
        return []


class SpecificResults:
    """Results of a search on ``Page`` as their specific pages (one query per content type in a slice)."""

    def __init__(self, results: Any):
        self.results = results

    def count(self) -> int:
        return self.results.count()

    def __len__(self) -> int:
        return self.count()

    @property
    def capped(self) -> bool:
        return bool(getattr(self.results, "capped", False))

    def __getitem__(self, key: slice | int) -> Any:
        if isinstance(key, int):
            return self[key : key + 1][0]
        return specific_pages(list(self.results[key]))


def specific_pages(pages: list[Any]) -> list[Any]:
    """The specific objects of the pages, in the same order, with their category fetched alongside."""
    from django.contrib.contenttypes.models import ContentType

    by_type: dict[int, list[int]] = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, []).append(page.pk)
    found: dict[int, Any] = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        queryset = model.objects.filter(pk__in=ids)
        if any(field.name == "category" for field in model._meta.get_fields()):
            queryset = queryset.select_related("category")
        found.update((item.pk, item) for item in queryset)
    return [found.get(page.pk, page) for page in pages]


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
            kind=capfirst(str(page._meta.verbose_name)),
        )
        for page in pages
    ]
