"""Relevance ranking on the embedded SQLite backend in one FTS5 query.

Wagtail's SQLite backend orders by relevance with a correlated subquery, one FTS5 ``MATCH``
per matching page: 2.7 s for a query matching 2,000 of 3,000 articles (``bench/bench_search.py``).
Here the FTS5 table is asked once for every match with its ``bm25`` score, best first, and the
page filters (live, public, language, units, category, dates) are applied to those ids. Only the
index the backend maintains is read; nothing is written. PostgreSQL and Elasticsearch keep their
own ranking.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import QuerySet

from .query import CleanQuery

FTS_TABLE = "wagtailsearch_indexentry_fts"
ENTRY_TABLE = "wagtailsearch_indexentry"
MAX_MATCHES = 5000


def applies() -> bool:
    """The default database backend on SQLite (where the slow ranking lives)."""
    from django.conf import settings

    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    return connection.vendor == "sqlite" and backend.endswith(".database")


def _terms(words: list[str]) -> str:
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)


def match_expression(clean: CleanQuery) -> str:
    """``{title body} : ((exact) OR (folded) OR (stems))``, every word quoted (no FTS syntax left)."""
    branches = [f"({_terms(clean.terms)})"]
    if clean.folded != clean.text:
        branches.append(f"({_terms(clean.folded_terms)})")
    if clean.stems:
        branches.append(f"({_terms(list(clean.stems))})")
    return "{title body} : (" + " OR ".join(branches) + ")"


def ranked_ids(models: type[Any] | Sequence[type[Any]], clean: CleanQuery) -> list[int]:
    """The ids of matching objects of the models, most relevant first (title weighted like Wagtail's).

    Page ids are unique across page types, so the types of a search are ranked together.
    """
    models = [models] if isinstance(models, type) else list(models)
    type_ids = [ContentType.objects.get_for_model(model).pk for model in models]
    if not type_ids:
        return []
    placeholders = ", ".join(["%s"] * len(type_ids))
    sql = (
        f"SELECT e.object_id FROM {FTS_TABLE} f JOIN {ENTRY_TABLE} e ON f.rowid = e.id "
        f"WHERE {FTS_TABLE} MATCH %s AND e.content_type_id IN ({placeholders}) "
        f"ORDER BY bm25({FTS_TABLE}, 0.0, 1.0, 2.0) LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match_expression(clean), *type_ids, MAX_MATCHES])
        return [int(row[0]) for row in cursor.fetchall()]


class RankedResults:
    """The filtered queryset's pages in FTS relevance order, as a sliceable sequence with ``count()``.

    ``models`` are the page types whose index entries are read (by default the queryset's model);
    the queryset (on ``Page`` when several types are searched) says which of them may be shown.
    """

    def __init__(self, queryset: QuerySet, clean: CleanQuery, models: Sequence[type[Any]] | None = None):
        self.queryset = queryset
        self.clean = clean
        self.models = list(models) if models else [queryset.model]
        self._ids: list[int] | None = None
        self._ranked = 0

    def ids(self) -> list[int]:
        if self._ids is None:
            ranked = ranked_ids(self.models, self.clean)
            self._ranked = len(ranked)
            allowed = set(self.queryset.filter(pk__in=ranked).values_list("pk", flat=True))
            self._ids = [pk for pk in ranked if pk in allowed]
        return self._ids

    def count(self) -> int:
        return len(self.ids())

    @property
    def capped(self) -> bool:
        """The index had more matches than are ranked: the count reads "more than" that many."""
        self.ids()
        return self._ranked >= MAX_MATCHES

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[Any]:
        wanted = self.ids()[key]
        pages = self.queryset.model.objects.in_bulk(wanted)
        return [pages[pk] for pk in wanted if pk in pages]
