"""The two routes of a printable page: the print view (HTML) and the PDF download."""

from __future__ import annotations

from typing import Any

from anyascii import anyascii
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import formats, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import content, pdf
from .document import PrintDocument

PRINT_TEMPLATE = "portal/print_page.html"


def dates_line(doc: PrintDocument) -> str:
    """ "Ngày đăng: 24/11/2026 08:30 · Cập nhật: 25/11/2026 10:00" in the active language."""
    parts = []
    if doc.published_at is not None:
        parts.append(f"{_('Ngày đăng')}: {content.datetime_text(doc.published_at)}")
    if doc.updated_at is not None:
        parts.append(f"{_('Cập nhật')}: {content.datetime_text(doc.updated_at)}")
    return " · ".join(parts)


def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex"
    return response


def print_response(page: Any, request: HttpRequest) -> HttpResponse:
    """A clean page for the browser's print: no navigation, ads, search or footer links."""
    with translation.override(page.locale.language_code):
        doc = content.build(page, request)
        context = {
            "page": page,
            "doc": doc,
            "dates": dates_line(doc),
            "printed_on": formats.date_format(doc.printed_at, "DATETIME_FORMAT"),
        }
        response = TemplateResponse(request, PRINT_TEMPLATE, context)
        response.render()  # inside the page's language
    return _noindex(response)


def pdf_response(page: Any, request: HttpRequest) -> HttpResponse:
    """The PDF file of the page, offered as a download named after its slug."""
    with translation.override(page.locale.language_code):
        doc = content.build(page, request)
        labels = pdf.Labels(
            source=_("Nguồn"),
            printed=_("Ngày in"),
            page=_("Trang"),
            attachments=_("Tệp đính kèm"),
        )
        data = pdf.render_pdf(doc, labels, dates_line(doc))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(doc.slug)}"'
    return _noindex(response)


def _filename(slug: str) -> str:
    """An ASCII file name: slugs may be Unicode, the quoted header value may not."""
    return f"{slugify(anyascii(slug))[:80] or 'trang'}.pdf"
