"""Queries over legal documents: live documents, filters, validity as of today, translations, duplicates.

Every function runs a fixed number of SQL queries whatever the number of documents.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from . import numbering
from .choices import DATE_DRIVEN_STATUSES, DocumentStatus

if TYPE_CHECKING:
    from .models import LegalDocumentPage

ORDERING = ("-issue_date", "-pk")


def live_documents() -> QuerySet[LegalDocumentPage]:
    from .models import LegalDocumentPage

    return LegalDocumentPage.objects.live().public()


def with_listing_relations(queryset: QuerySet[LegalDocumentPage]) -> QuerySet[LegalDocumentPage]:
    """The issuing body in the same query, the files (with their documents) in one more."""
    from .models import LegalDocumentAttachment

    files = LegalDocumentAttachment.objects.select_related("document").order_by("sort_order", "pk")
    return queryset.select_related("issuing_body").prefetch_related(Prefetch("attachments", queryset=files))


def effective_status(document: Any, today: datetime.date | None = None) -> str:
    """What the public is told: "in force" with a future effective date is "not yet", after expiry "expired"."""
    today = today or timezone.localdate()
    status = document.status
    if status not in DATE_DRIVEN_STATUSES:
        return status
    if document.expiry_date and document.expiry_date < today:
        return DocumentStatus.EXPIRED
    if document.effective_date and document.effective_date > today:
        return DocumentStatus.NOT_YET_IN_FORCE
    if status == DocumentStatus.NOT_YET_IN_FORCE and not document.effective_date:
        return status
    return DocumentStatus.IN_FORCE


def status_q(status: str, today: datetime.date | None = None) -> Q:
    """``effective_status(document) == status`` as a database condition."""
    today = today or timezone.localdate()
    date_driven = Q(status__in=list(DATE_DRIVEN_STATUSES))
    expired = Q(expiry_date__lt=today)
    future = Q(effective_date__gt=today)
    if status == DocumentStatus.EXPIRED:
        return Q(status=DocumentStatus.EXPIRED) | (date_driven & expired)
    if status == DocumentStatus.NOT_YET_IN_FORCE:
        undated = Q(status=DocumentStatus.NOT_YET_IN_FORCE, effective_date__isnull=True)
        return date_driven & ~expired & (future | undated)
    if status == DocumentStatus.IN_FORCE:
        undated = Q(status=DocumentStatus.NOT_YET_IN_FORCE, effective_date__isnull=True)
        return date_driven & ~expired & ~future & ~undated
    return Q(status=status)


def filter_documents(
    queryset: QuerySet[LegalDocumentPage],
    *,
    document_type: str | None = None,
    issuing_body: Any = None,
    year: int | None = None,
    status: str | None = None,
    number: str | None = None,
    words: Iterable[str] = (),
) -> QuerySet[LegalDocumentPage]:
    """The documents matching every given filter; ``words`` are folded words the title or abstract must contain."""
    if document_type:
        queryset = queryset.filter(document_type=document_type)
    if issuing_body is not None:
        queryset = queryset.filter(issuing_body=issuing_body)
    if year:
        queryset = queryset.filter(
            issue_date__gte=datetime.date(year, 1, 1), issue_date__lt=datetime.date(year + 1, 1, 1)
        )
    if status:
        queryset = queryset.filter(status_q(status))
    for token in numbering.query_tokens(number or ""):
        queryset = queryset.filter(number_search__contains=token)
    for word in words:
        queryset = queryset.filter(folded_text__contains=f" {word} ")  # whole folded words (see models)
    return queryset


def find_duplicate(key: str, *, body_id: int, translation_key: Any) -> LegalDocumentPage | None:
    """Another document (not a translation of this one) of the body with the same number key."""
    from .models import LegalDocumentPage

    return (
        LegalDocumentPage.objects.filter(issuing_body_id=body_id, number_key=key)
        .exclude(translation_key=translation_key)
        .order_by("-live", "pk")
        .first()
    )


def in_locale(pages: Iterable[LegalDocumentPage], locale_id: int) -> list[LegalDocumentPage]:
    """Each live page in the given language when translated, else as it is (one query)."""
    pages = [page for page in pages if page is not None]
    keys = {page.translation_key for page in pages if page.locale_id != locale_id}
    translated = {}
    if keys:
        translated = {
            page.translation_key: page
            for page in live_documents()
            .filter(translation_key__in=keys, locale_id=locale_id)
            .select_related("issuing_body")
        }
    result: list[LegalDocumentPage] = []
    seen = set()
    for page in pages:
        chosen = translated.get(page.translation_key, page)
        if chosen.translation_key not in seen:
            seen.add(chosen.translation_key)
            result.append(chosen)
    return result


def one_per_document(pages: Iterable[LegalDocumentPage], locale_id: int) -> list[LegalDocumentPage]:
    """Pages of several languages reduced to one per document, the given language first (no query)."""
    chosen: dict[Any, LegalDocumentPage] = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or (page.locale_id == locale_id and current.locale_id != locale_id):
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: (page.issue_date, page.pk), reverse=True)
