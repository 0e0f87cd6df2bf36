"""Factories for legal documents: a register page, documents, real small PDF / DOCX / EXE bytes."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from portal.legal.choices import DocumentStatus, DocumentType
from portal.legal.models import IssuingBody, LegalDocumentAttachment, LegalDocumentIndexPage, LegalDocumentPage


def body(code: str = "ubnd-tinh-khanh-hoa") -> IssuingBody:
    """One of the issuing bodies seeded by the migration."""
    return IssuingBody.objects.get(code=code)


class LegalDocumentIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LegalDocumentIndexPage

    title = "Văn bản pháp luật"
    slug = factory.Sequence(lambda n: "van-ban-phap-luat" if n == 0 else f"van-ban-phap-luat-{n}")


class LegalDocumentPageFactory(wagtail_factories.PageFactory):
    """A decision of the provincial People's Committee, numbered n/2025/QĐ-UBND."""

    class Meta:
        model = LegalDocumentPage

    title = factory.Sequence(lambda n: f"Quyết định ban hành quy định số {n}")
    slug = factory.Sequence(lambda n: f"van-ban-{n}")
    summary = "Ban hành Quy định về quản lý hoạt động của Cổng thông tin điện tử tỉnh."
    document_type = DocumentType.QUYET_DINH
    issuing_body = factory.LazyFunction(body)
    issue_date = datetime.date(2025, 3, 10)
    number_symbol = factory.LazyAttributeSequence(lambda page, n: f"{n + 1}/{page.issue_date.year}/QĐ-UBND")
    effective_date = factory.LazyAttribute(lambda page: page.issue_date + datetime.timedelta(days=10))
    status = DocumentStatus.IN_FORCE
    signer = "Nguyễn Văn Thành"
    signer_position = "Phó Chủ tịch Ủy ban nhân dân tỉnh"


def pdf_bytes(text: str = "Quyết định") -> bytes:
    """A small, real PDF (made with reportlab)."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, text.encode("ascii", "ignore").decode())
    canvas.save()
    return buffer.getvalue()


def docx_bytes() -> bytes:
    """A minimal Word document (python-docx)."""
    from docx import Document as WordDocument

    buffer = io.BytesIO()
    document = WordDocument()
    document.add_paragraph("Quyết định ban hành quy chế")
    document.save(buffer)
    return buffer.getvalue()


def exe_bytes() -> bytes:
    """The start of a Windows program (an MZ header), as a renamed .exe would carry."""
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\x00" * 200
        + b"This program cannot be run in DOS mode."
    )


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Số liệu"
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "xin chào")
    return buffer.getvalue()


def make_document(name: str, data: bytes, collection: Any = None, title: str | None = None) -> Any:
    """A Wagtail document stored as it is (as an import would store it: no upload form checks)."""
    Document = get_document_model()
    document = Document(title=title or name, collection=collection) if collection else Document(title=title or name)
    document.file = ContentFile(data, name=name)
    document._set_document_file_metadata()
    document.save()
    return document


def attach(page: LegalDocumentPage, document: Any, label: str = "Toàn văn") -> LegalDocumentAttachment:
    return LegalDocumentAttachment.objects.create(page=page, document=document, label=label)


def LegalDocumentLinkFactory(page: LegalDocumentPage, target: LegalDocumentPage) -> Any:
    """A related-document link (saved to the database, as the admin form saves it)."""
    from portal.legal.models import LegalDocumentLink

    return LegalDocumentLink.objects.create(page=page, target=target)
