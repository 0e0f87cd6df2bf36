"""What the Elasticsearch indexes must hold after a change, worked out from the database alone.

The signal handlers and ``search_reindex`` ask these functions which pages to write and which to
drop, then send the answer (``elastic.apply``); the choice itself needs no server and is tested on
the database. A page belongs in the index when it is live, public (no view restriction on it or
an ancestor), of a searchable type and in the tree of an active unit with a site, the rules of the
database backend (``services.public_pages``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from wagtail.models import Page

from . import elastic
from .services import active_units, public_pages, searchable_models, unit_of, units_by_home_path

CHUNK = 500


@dataclass
class Changes:
    """Documents to (re)write and page ids to drop, in one language's index."""

    language: str
    documents: list[dict[str, Any]] = field(default_factory=list)
    drop: set[int] = field(default_factory=set)

    @property
    def indexed_ids(self) -> set[int]:
        return {doc["page_id"] for doc in self.documents}

    def __bool__(self) -> bool:
        return bool(self.documents or self.drop)


def current_homes(locale: Any, units: list[Any] | None = None) -> dict[str, Any]:
    """The home page paths of the active units (or of the given ones) in one language."""
    return units_by_home_path(locale, active_units() if units is None else units)


def model_pages(model: type[Page], locale: Any, homes: dict[str, Any], **conditions: Any) -> QuerySet:
    """One type's pages that belong in the index, with what their documents read fetched alongside."""
    pages = public_pages(model, locale, homes).filter(**conditions).select_related("locale", "category")
    if any(related.name == "tags" for related in model._meta.get_fields()):
        pages = pages.prefetch_related("tags")  # an article's tags are in its document (details)
    return pages


def indexable_pages(locale: Any, homes: dict[str, Any], **conditions: Any) -> Iterable[Any]:
    """The specific pages of every searchable type that belong in the index, narrowed by ``conditions``."""
    for model in searchable_models():
        yield from model_pages(model, locale, homes, **conditions).iterator(chunk_size=CHUNK)


def indexable_ids(locale: Any, homes: dict[str, Any], **conditions: Any) -> set[int]:
    ids: set[int] = set()
    for model in searchable_models():
        ids.update(public_pages(model, locale, homes).filter(**conditions).values_list("pk", flat=True))
    return ids


def documents(pages: Iterable[Any], homes: dict[str, Any]) -> list[dict[str, Any]]:
    return [elastic.document(page, getattr(unit_of(page, homes), "code", "")) for page in pages]


def subtree_changes(page: Page) -> Changes:
    """A page and its descendants after their visibility changed (a view restriction added or removed).

    The public ones are written again, every other page of the subtree is dropped: a restriction on
    a section hides all its pages, and removing it shows again those no other restriction hides.
    """
    locale = page.locale
    homes = current_homes(locale)
    subtree = set(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))
    written = documents(indexable_pages(locale, homes, path__startswith=page.path), homes)
    changes = Changes(locale.language_code, written)
    changes.drop = subtree - changes.indexed_ids
    return changes


def unit_documents(unit: Any) -> list[Changes]:
    """Every language's public pages of one unit: what a unit switched back on brings back."""
    from wagtail.models import Locale

    found = []
    for locale in Locale.objects.filter(language_code__in=elastic.LANGUAGES):
        homes = current_homes(locale, [unit])
        found.append(Changes(locale.language_code, documents(indexable_pages(locale, homes), homes)))
    return found


def catch_up(locale: Any, built: set[int], since: datetime.datetime) -> Changes:
    """What changed while ``search_reindex`` built a new index from the pages it found at ``since``.

    Written again: pages published (or republished) since then, and pages that became indexable
    without a publication (a view restriction removed, a unit switched back on). Dropped: pages
    built but no longer indexable (unpublished, deleted, restricted, their unit switched off). The
    signal handlers sent those changes to the old index, which the alias swap is about to retire.
    """
    homes = current_homes(locale)
    now = indexable_ids(locale, homes)
    fresh = (now - built) | indexable_ids(locale, homes, last_published_at__gte=since)
    ordered = sorted(fresh)
    written = []
    for start in range(0, len(ordered), CHUNK):
        written += documents(indexable_pages(locale, homes, pk__in=ordered[start : start + CHUNK]), homes)
    return Changes(locale.language_code, written, built - now)


# How far before its start ``search_reindex`` looks for publications (transactions still open then).
CATCH_UP_MARGIN = datetime.timedelta(minutes=5)
