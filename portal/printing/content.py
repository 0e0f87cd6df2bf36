"""Turn a content page into a ``PrintDocument``: the same description feeds the print view and the PDF.

Each page type says what it prints in one function below, with the labels its own template uses
(so the translations are shared); a type without one prints its title, dates and summary. Only the
live row of the page is read: a draft revision never reaches a printed copy.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.renditions import BODY_SPEC

from . import richtext
from .document import Attachment, DataTable, Fact, Figure, Heading, ItemList, Part, PrintDocument, Quote, RichText

logger = logging.getLogger(__name__)


def build(page: Any, request: HttpRequest) -> PrintDocument:
    """The printable description of ``page`` in the active language (the page's own)."""
    from portal.models import PortalSettings

    source_url = page.get_full_url(request) or request.build_absolute_uri(page.get_url(request) or "/")
    settings = PortalSettings.for_request(request)
    doc = PrintDocument(
        language=page.locale.language_code,
        site_name=settings.name or (page.get_site().site_name if page.get_site() else ""),
        title=page.title,
        slug=page.slug,
        source_url=source_url,
        printed_at=timezone.localtime().replace(microsecond=0),  # a valid HTML datetime
        published_at=page.publication_date,
        updated_at=_update_time(page),
        summary=page.summary,
    )
    builder = BUILDERS.get(page._meta.label_lower)
    if builder is not None:
        builder(page, doc)
    return doc


def _update_time(page: Any) -> datetime.datetime | None:
    """The last publication, when it is on a later day than the date shown as published."""
    published, last = page.publication_date, page.last_published_at
    if published is None or last is None:
        return None
    return last if timezone.localdate(last) > timezone.localdate(published) else None


def date_text(value: datetime.date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def datetime_text(value: datetime.datetime | None) -> str:
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATETIME_FORMAT")


def figure(image: Any, alt: str, caption: str = "") -> Figure | None:
    """An image at the body width; one whose file cannot be read is left out, never an error."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(BODY_SPEC)
    except Exception:
        logger.warning("Printing: no rendition for image %s", getattr(image, "pk", None), exc_info=True)
        return None
    return Figure(rendition.url, rendition.width, rendition.height, alt, caption, rendition)


def attachment(document: Any, label: str, base_url: str) -> Attachment | None:
    if document is None:
        return None
    details = (document.file_extension or "").upper()
    try:
        size = document.file_size
    except Exception:  # a missing file has no size; the link is still listed
        size = None
    if size:
        details = f"{details}, {filesizeformat(size)}" if details else str(filesizeformat(size))
    return Attachment(label or document.title, urljoin(base_url, document.url), details)


def _rich(source: str, doc: PrintDocument) -> RichText | None:
    html = richtext.print_html(source, doc.source_url)
    return RichText(html) if html.strip() else None


def _add(doc: PrintDocument, *parts: Part | None) -> None:
    doc.parts += [part for part in parts if part is not None]


def _facts(doc: PrintDocument, *pairs: tuple[str, Any]) -> None:
    doc.facts += [Fact(str(label), str(value)) for label, value in pairs if value not in (None, "")]


# --- page types ------------------------------------------------------------------------------------


def article(page: Any, doc: PrintDocument) -> None:
    caption = page.featured_image_caption
    _add(doc, figure(page.featured_image, caption or page.title, caption))
    for block in page.body:
        kind, value = block.block_type, block.value
        if kind == "heading":
            _add(doc, Heading(str(value)))
        elif kind == "paragraph":
            _add(doc, _rich(value.source, doc))
        elif kind == "image":
            image = value.get("image")
            decorative = getattr(image, "decorative", False)
            alt = "" if decorative else (getattr(image, "contextual_alt_text", "") or value.get("caption") or "")
            _add(doc, figure(image, alt, value.get("caption") or ""))
        elif kind == "quote":
            _add(doc, Quote(value.get("quote") or "", value.get("attribution") or ""))
        elif kind == "table":
            _add(doc, _table(value.get("table") or {}, value.get("caption") or ""))
        elif kind == "document":
            found = attachment(value.get("document"), value.get("title") or "", doc.source_url)
            if found is not None:
                doc.attachments.append(found)
    _facts(doc, (_("Tác giả"), page.author), (_("Nguồn tin"), page.source))


def _table(value: Any, caption: str) -> DataTable | None:
    data = [[("" if cell is None else str(cell)) for cell in row] for row in (value.get("data") or []) if row]
    if not data:
        return None
    if value.get("first_row_is_table_header"):
        return DataTable(caption, data[0], data[1:])
    return DataTable(caption, None, data)


def legal_document(page: Any, doc: PrintDocument) -> None:
    from portal.legal.listings import document_context

    context = document_context(page)
    doc.summary_label = _("Trích yếu")
    signer = f"{page.signer} – {page.signer_position}" if page.signer and page.signer_position else page.signer
    replacing = context["replacing_document"]
    status = page.current_status_label
    if replacing is not None:
        status = f"{status}. {_('Văn bản thay thế:')} {replacing.number_symbol or replacing.title}"
    _facts(
        doc,
        (_("Số, ký hiệu"), page.number_symbol or "—"),
        (_("Loại văn bản"), page.get_document_type_display()),
        (_("Cơ quan ban hành"), page.issuing_body.name),
        (_("Người ký"), signer),
        (_("Ngày ban hành"), date_text(page.issue_date)),
        (_("Ngày có hiệu lực"), date_text(page.effective_date) or "—"),
        (_("Ngày hết hiệu lực"), date_text(page.expiry_date)),
        (_("Tình trạng hiệu lực"), status),
    )
    for item in context["attachments"]:
        found = attachment(item.document, item.label, doc.source_url)
        if found is not None:
            doc.attachments.append(found)


def procedure(page: Any, doc: PrintDocument) -> None:
    if page.processing_time:
        processing = page.processing_time
    elif page.processing_days is not None:
        processing = _("%(days)s ngày làm việc") % {"days": page.processing_days}
    else:
        processing = "—"
    _facts(
        doc,
        (_("Mã thủ tục"), page.national_code),
        (_("Lĩnh vực"), page.field.name),
        (_("Cơ quan thực hiện"), page.competent_unit),
        (_("Cấp thực hiện"), ", ".join(page.level_labels)),
        (_("Mức độ dịch vụ công trực tuyến"), page.get_online_level_display()),
        (_("Thời hạn giải quyết"), processing),
        (_("Phí, lệ phí"), page.fees or "—"),
        (_("Cổng Dịch vụ công"), page.service_link),
    )
    papers = []
    for block in page.required_papers:
        name, copies = str(block.value.get("name") or ""), str(block.value.get("copies") or "")
        papers.append(f"{name} ({copies})" if copies else name)
    if papers:
        _add(doc, ItemList(_("Thành phần hồ sơ"), papers, ordered=True))
    steps = _rich(page.steps, doc)
    if steps is not None:
        _add(doc, Heading(_("Trình tự, cách thức thực hiện")), steps)
    if page.legal_basis_lines:
        _add(doc, ItemList(_("Căn cứ pháp lý"), page.legal_basis_lines))


def project(page: Any, doc: PrintDocument) -> None:
    from portal.procurement import rules

    _facts(
        doc,
        (_("Loại"), page.get_kind_display()),
        (_("Tình trạng"), page.get_status_display()),
        (_("Lĩnh vực"), page.get_sector_display()),
        (_("Chủ đầu tư, bên mời thầu"), page.investor),
        (_("Giá trị"), rules.format_vnd(page.value_vnd, doc.language) if page.value_vnd is not None else ""),
        (_("Nguồn vốn"), page.get_funding_source_display()),
        (_("Địa điểm"), page.location),
        (_("Ngày bắt đầu"), date_text(page.start_date)),
        (_("Ngày kết thúc (dự kiến)"), date_text(page.end_date)),
        (_("Phát hành hồ sơ mời thầu"), datetime_text(page.bid_open_at)),
        (_("Đóng thầu"), datetime_text(page.bid_close_at)),
        (_("Số hiệu trên Hệ thống mạng đấu thầu quốc gia"), page.egp_number),
        (_("Hệ thống mạng đấu thầu quốc gia"), page.egp_url),
    )
    _add(doc, _rich(page.description, doc))
    for item in page.documents.select_related("document"):
        found = attachment(item.document, item.title, doc.source_url)
        if found is not None:
            doc.attachments.append(found)


def dataset(page: Any, doc: PrintDocument) -> None:
    period = ""
    if page.period_start or page.period_end:
        period = f"{date_text(page.period_start)} – {date_text(page.period_end)}".strip(" –")
    _facts(
        doc,
        (_("Cơ quan công bố"), page.publisher),
        (_("Chủ đề"), page.get_topic_display()),
        (_("Giấy phép"), page.get_license_display()),
        (_("Tần suất cập nhật"), page.get_update_frequency_display()),
        (_("Thời kỳ số liệu"), period),
        (_("Ngày cập nhật số liệu"), date_text(page.updated_on)),
    )
    _add(doc, _rich(page.description, doc))
    for resource in page.resources.select_related("document"):
        found = attachment(resource.document, resource.title, doc.source_url)
        if found is not None:
            doc.attachments.append(found)


BUILDERS: dict[str, Callable[[Any, PrintDocument], None]] = {
    "portal.articlepage": article,
    "legal.legaldocumentpage": legal_document,
    "procedures.procedurepage": procedure,
    "procurement.projectpage": project,
    "opendata.datasetpage": dataset,
}
