"""The filters of the dataset listing, read from a querystring that may hold anything.

Every parameter is optional and checked against what exists; a bad value is ignored, never an
error, so a hostile or stale link still answers with a listing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet

from portal import listings
from portal.listings import clean_text_query

from .choices import Topic
from .filetypes import CSV, XLSX

MAX_QUERY_CHARS = 100
MAX_QUERY_WORDS = 8
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class DatasetFilters:
    q: str = ""
    topic: str = ""
    publisher: str = ""
    file_format: str = ""
    year: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.q or self.topic or self.publisher or self.file_format or self.year)

    def querystring(self) -> str:
        """The filters for pagination links ("q=…&topic=…&"), empty when none is set."""
        pairs = [
            (name, value)
            for name, value in (
                ("q", self.q),
                ("topic", self.topic),
                ("publisher", self.publisher),
                ("format", self.file_format),
                ("year", self.year or ""),
            )
            if value
        ]
        return urlencode(pairs) + "&" if pairs else ""


def _param(params: Any, name: str, limit: int = 300) -> str:
    value = params.get(name, "")
    if not isinstance(value, str):
        return ""
    return " ".join(_CONTROL.sub(" ", value[:limit]).split())


def clean_query(value: str) -> str:
    """The text query as typed (for the search box), without control characters, at most 100 characters."""
    return clean_text_query(value, MAX_QUERY_CHARS)


def query_words(query: str) -> list[str]:
    """Folded words of the query ("Dân số" → ["dan", "so"]): each must appear in the dataset's text."""
    return listings.query_words(query, MAX_QUERY_WORDS)


def parse_filters(params: Any, publishers: Iterable[str], years: Iterable[int]) -> DatasetFilters:
    """Filters from ``request.GET``; a value not among the known ones is dropped."""
    topic = _param(params, "topic", 50)
    publisher = _param(params, "publisher")
    file_format = _param(params, "format", 10).lower()
    year_text = _param(params, "year", 10)
    year = int(year_text) if year_text.isdigit() and int(year_text) in set(years) else None
    return DatasetFilters(
        q=clean_query(_param(params, "q", MAX_QUERY_CHARS * 4)),
        topic=topic if topic in Topic.values else "",
        publisher=publisher if publisher in set(publishers) else "",
        file_format=file_format if file_format in (CSV, XLSX) else "",
        year=year,
    )


def apply_filters(queryset: QuerySet, filters: DatasetFilters) -> QuerySet:
    if filters.topic:
        queryset = queryset.filter(topic=filters.topic)
    if filters.publisher:
        queryset = queryset.filter(publisher=filters.publisher)
    if filters.year:
        queryset = queryset.filter(updated_on__year=filters.year)
    if filters.file_format:
        queryset = queryset.filter(pk__in=_with_format(filters.file_format))
    for word in query_words(filters.q):
        queryset = queryset.filter(search_key__contains=word)
    return queryset


def _with_format(file_format: str) -> QuerySet:
    from .models import DatasetResource

    return DatasetResource.objects.filter(file_format=file_format).values("page_id")
