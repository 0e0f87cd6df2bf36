"""Fixtures of the print/PDF tests: an article and a legal document published in vi, en and ru."""

from __future__ import annotations

import datetime
import io
import unicodedata
from dataclasses import dataclass

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from pypdf import PdfReader
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from portal.legal.models import LegalDocumentPage
from portal.models import ArticlePage
from tests.factories import translate
from tests.legal.factories import (
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    attach,
    make_document,
    pdf_bytes,
)

LANGUAGES = ("vi", "en", "ru")
TITLES = {
    "vi": "Khánh Hòa đón khách quốc tế",
    "en": "Khánh Hòa welcomes foreign visitors",
    "ru": "Кханьхоа принимает иностранных туристов",
}
SUMMARIES = {
    "vi": "Lượng khách quốc tế tăng mạnh.",
    "en": "Visitors are back.",
    "ru": "Туристы возвращаются.",
}
DOCUMENT_TITLES = {
    "vi": "Quyết định ban hành Quy chế hoạt động của Cổng thông tin điện tử",
    "en": "Decision on the rules of the e-portal",
    "ru": "Решение о правилах работы портала",
}
BODY = (
    "<p>Sáng nay, <b>Ủy ban nhân dân tỉnh</b> tổ chức hội nghị; xem "
    '<a href="https://khanhhoa.gov.vn/">cổng tỉnh</a>.</p><ul><li>Một</li><li>Hai</li></ul>'
)

TABLE = [["Chỉ tiêu", "Kết quả"], ["Du khách", "1.000"]]


@dataclass
class Printables:
    articles: dict[str, ArticlePage]
    documents: dict[str, LegalDocumentPage]


def png_image(collection, title: str = "Ảnh hội nghị"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), (10, 120, 180)).save(buffer, format="PNG")
    image = get_image_model()(title=title, collection=collection)
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name="hoi-nghi.png")
    image.save()
    return image


@pytest.fixture
def printables(portal) -> Printables:
    image = png_image(portal.unit.collection)
    article = portal.article
    body = [
        ("paragraph", RichText(BODY)),
        ("image", {"image": image, "caption": "Hội nghị sáng nay"}),
        ("heading", "Kết quả nổi bật"),
        (
            "table",
            {
                "caption": "Số liệu",
                "table": {"data": [["Chỉ tiêu", "Kết quả"], ["Du khách", "1.000"]], "first_row_is_table_header": True},
            },
        ),
    ]
    article.title, article.summary, article.body = TITLES["vi"], SUMMARIES["vi"], body
    article.save_revision().publish()
    article = ArticlePage.objects.get(pk=article.pk)
    articles = {"vi": article}
    for language in ("en", "ru"):  # the fixture's English translation predates the new body
        articles[language] = translate(
            article, language, title=TITLES[language], summary=SUMMARIES[language], body=body
        )

    register = LegalDocumentIndexPageFactory(parent=portal.section, title="Văn bản pháp luật", slug="van-ban-phap-luat")
    translate(register, "en", title="Legal documents")
    translate(register, "ru", title="Правовые документы")
    document = LegalDocumentPageFactory(
        parent=register,
        title=DOCUMENT_TITLES["vi"],
        slug="quy-che-cong",
        number_symbol="26/2025/QĐ-UBND",
        issue_date=datetime.date(2025, 3, 10),
    )
    attach(document, make_document("qd-26-2025.pdf", pdf_bytes()), label="Toàn văn")
    document.save_revision().publish()
    documents = {"vi": LegalDocumentPage.objects.get(pk=document.pk)}
    for language in ("en", "ru"):
        documents[language] = translate(document, language, title=DOCUMENT_TITLES[language])
    return Printables(articles=articles, documents=documents)


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, NFC, with whitespace runs made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_links(data: bytes) -> list[str]:
    links = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                links.append(str(action["/URI"]))
    return links
