"""What the register, the document page and the category listing show (fixed query counts)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import queries
from .forms import DocumentFilterForm

if TYPE_CHECKING:
    from .models import LegalDocumentIndexPage, LegalDocumentPage

PER_PAGE = 20
FILTER_PARAMS = ("q", "number", "document_type", "issuing_body", "year", "status")


def documents_for_category(home: Page) -> QuerySet[LegalDocumentPage]:
    """The live legal documents of one site and language (the tree of its home page), newest issued first.

    For the category route ``chuyen-muc/van-ban-phap-luat/`` of ``HomePage``: paginate it and render
    ``legal/includes/document_table.html`` with ``documents=<the page of results>``.
    """
    return queries.with_listing_relations(queries.live_documents().descendant_of(home)).order_by(*queries.ORDERING)


def latest_documents(home: Page, limit: int = 5) -> list[LegalDocumentPage]:
    """The newest few documents of a site (for a home-page box)."""
    return list(documents_for_category(home)[:limit])


def register_context(request: HttpRequest, index: LegalDocumentIndexPage) -> dict[str, Any]:
    """The register: filters (bad values dropped with a notice), the count and one page of documents."""
    from portal.models.pages import paginate
    from search.query import MAX_QUERY_LENGTH, clean_query

    from .models import IssuingBody

    base = queries.live_documents().descendant_of(index)
    bodies = IssuingBody.objects.filter(pk__in=base.values("issuing_body_id")).order_by("sort_order", "name_vi")
    years = [day.year for day in base.dates("issue_date", "year", order="DESC")]
    params = request.GET
    form = DocumentFilterForm(params or None, bodies=bodies, years=years)
    form.is_valid()
    notes: list[str] = []
    raw_query = params.get("q", "") if params else ""
    clean = clean_query(raw_query if form.value("q") is not None else "")
    if len(raw_query) > MAX_QUERY_LENGTH or clean.truncated:
        notes.append(_("Từ khóa quá dài: chỉ tìm theo phần đầu."))
    dropped = form.dropped()
    if dropped:
        notes.append(_("Một số bộ lọc không hợp lệ nên đã được bỏ qua: %(filters)s.") % {"filters": ", ".join(dropped)})
    filtered = queries.filter_documents(
        base,
        document_type=form.value("document_type"),
        issuing_body=form.value("issuing_body"),
        year=form.value("year"),
        status=form.value("status"),
        number=form.value("number"),
        words=clean.folded_terms,
    )
    documents = paginate(request, queries.with_listing_relations(filtered).order_by(*queries.ORDERING), PER_PAGE)
    kept = {key: params.get(key) for key in FILTER_PARAMS if params.get(key) and key not in form.errors}
    return {
        "filter_form": form,
        "documents": documents,
        "notes": notes,
        "is_filtered": bool(kept),
        "querystring": urlencode(kept) + "&" if kept else "",
    }


def document_context(page: LegalDocumentPage) -> dict[str, Any]:
    """The replacing document, those this one replaces and the related ones, in the page's language."""
    replacing = None
    if page.replaced_by_id:
        target = queries.live_documents().filter(pk=page.replaced_by_id).first()
        found = queries.in_locale([target], page.locale_id) if target is not None else []
        replacing = found[0] if found else None
    replaced = queries.one_per_document(
        queries.live_documents()
        .filter(replaced_by__translation_key=page.translation_key)
        .exclude(translation_key=page.translation_key)
        .select_related("issuing_body"),
        page.locale_id,
    )
    # Lists, not subqueries: in a preview the child objects exist only in memory.
    target_ids = [link.target_id for link in page.related_links.all() if link.target_id]
    targets = queries.live_documents().in_bulk(target_ids) if target_ids else {}
    related = queries.in_locale([targets[pk] for pk in target_ids if pk in targets], page.locale_id)
    attachments = [item for item in page.attachments.select_related("document").all() if item.document_id]
    return {
        "replacing_document": replacing,
        "replaced_documents": replaced,
        "related_documents": related,
        "attachments": attachments,
    }
