"""Factories for projects and tenders, and real small documents of each type."""

from __future__ import annotations

import datetime
import io
import zipfile

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from portal.procurement.enums import FundingSource, ProjectKind, ProjectSector, ProjectStatus
from portal.procurement.models import ProjectIndexPage, ProjectPage


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectIndexPage

    title = "Dự án, đấu thầu"
    slug = factory.Sequence(lambda n: "du-an-dau-thau" if n == 0 else f"du-an-dau-thau-{n}")


class ProjectPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectPage

    title = factory.Sequence(lambda n: f"Dự án nâng cấp đường tỉnh số {n}")
    slug = factory.Sequence(lambda n: f"du-an-{n}")
    summary = "Nâng cấp, mở rộng tuyến đường tỉnh để kết nối các khu du lịch."
    kind = ProjectKind.INVESTMENT
    status = ProjectStatus.IN_PROGRESS
    sector = ProjectSector.TRANSPORT
    investor = "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Khánh Hòa"
    value_vnd = 125_000_000_000
    funding_source = FundingSource.STATE_BUDGET
    location = "Huyện Cam Lâm"
    start_date = datetime.date(2025, 3, 1)
    end_date = datetime.date(2026, 12, 31)
    publication_date = factory.LazyFunction(timezone.now)


def pdf_bytes(text: str = "Thong bao moi thau") -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, text)
    canvas.save()
    return buffer.getvalue()


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Quyết định phê duyệt kế hoạch lựa chọn nhà thầu")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Hạng mục", "Giá trị"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ho-so.txt", "Hồ sơ mời thầu")
    return buffer.getvalue()


def make_document(collection, name: str, data: bytes, title: str | None = None):
    Document = get_document_model()
    document = Document(title=title or name, collection=collection)
    document.file = ContentFile(data, name=name)
    document._set_document_file_metadata()
    document.save()
    return document


def exe_bytes() -> bytes:
    """The start of a Windows program (an MZ header), as a renamed .exe carries."""
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run."
    )


def html_bytes() -> bytes:
    """A web page with a script, as a phishing page saved under a .pdf name."""
    return b"<!DOCTYPE html><html><head><title>Thong bao</title></head><body><script>alert(1)</script></body></html>"
