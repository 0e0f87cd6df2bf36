"""Print view and PDF of articles and legal documents in every language (NĐ 42/2022, Art. 7)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from .conftest import DOCUMENT_TITLES, LANGUAGES, SUMMARIES, TITLES, pdf_links, pdf_text

pytestmark = pytest.mark.django_db


def published_on(page, language: str) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(page.publication_date), "DATETIME_FORMAT")


def test_print_view_is_clean_and_sourced_in_every_language(client, printables):
    for language in LANGUAGES:
        page = printables.articles[language]
        response = client.get(page.get_url() + "in/")
        assert response.status_code == 200, language
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert '<meta name="robots" content="noindex">' in html
        assert response["X-Robots-Tag"] == "noindex"
        assert f'<h1 class="print-document__title">{TITLES[language]}</h1>' in html
        assert SUMMARIES[language] in html
        source = page.get_full_url()
        assert source.startswith("http://localhost/") and f'href="{source}">{source}</a>' in html
        assert published_on(page, language) in html
        assert "<time datetime=" in html and "print-document__source" in html
        # The body: rich text with its link, the image with its alternative text, the table.
        assert "<b>Ủy ban nhân dân tỉnh</b>" in html and 'href="https://khanhhoa.gov.vn/"' in html
        assert 'alt="Hội nghị sáng nay"' in html and '<th scope="col">Chỉ tiêu</th>' in html
        # No navigation, search box, ads, footer links or language switcher.
        for absent in ("site-nav", "site-search", "site-footer", "ad-slot", "lang-switcher", "breadcrumbs"):
            assert absent not in html, (language, absent)
    stylesheet = finders.find("portal/css/printing.css")
    assert stylesheet and "@media print" in Path(stylesheet).read_text(encoding="utf-8")


def test_print_view_labels_are_in_the_page_language(client, printables):
    html = client.get(printables.articles["vi"].get_url() + "in/").content.decode()
    assert "Ngày đăng" in html and "Ngày in" in html and "Lưu PDF" in html


def test_pdf_download_in_every_language(client, printables):
    for language in LANGUAGES:
        page = printables.articles[language]
        response = client.get(page.get_url() + "pdf/")
        assert response.status_code == 200, language
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="khanh-hoa-don-khach.pdf"'
        assert response["X-Robots-Tag"] == "noindex"
        data = response.content
        assert data.startswith(b"%PDF-")
        text = pdf_text(data)
        assert TITLES[language] in text, (language, text[:300])
        assert SUMMARIES[language] in text
        assert page.get_full_url() in text  # the source, on the last page and in every footer
        assert text.count(page.get_full_url()) >= 2
        assert "Ủy ban nhân dân tỉnh" in text and "Chỉ tiêu" in text and "Hội nghị sáng nay" in text
        assert "https://khanhhoa.gov.vn/" in pdf_links(data)


def test_pdf_embeds_the_image(client, printables):
    data = client.get(printables.articles["vi"].get_url() + "pdf/").content
    assert any(page.images for page in PdfReader(io.BytesIO(data)).pages)


def test_legal_document_print_and_pdf_in_every_language(client, printables):
    for language in LANGUAGES:
        page = printables.documents[language]
        html = client.get(page.get_url() + "in/").content.decode()
        assert f'<html lang="{language}">' in html
        assert DOCUMENT_TITLES[language] in html
        assert "26/2025/QĐ-UBND" in html  # the facts of the document
        assert "Toàn văn" in html and "/documents/" in html  # its files, listed with their address
        assert page.get_full_url() in html

        response = client.get(page.get_url() + "pdf/")
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="quy-che-cong.pdf"'
        text = pdf_text(response.content)
        assert DOCUMENT_TITLES[language] in text, (language, text[:300])
        assert "26/2025/QĐ-UBND" in text and "Toàn văn" in text


def test_buttons_on_article_and_document_pages_in_every_language(client, printables):
    for pages in (printables.articles, printables.documents):
        for language in LANGUAGES:
            page = pages[language]
            url = page.get_url()
            html = client.get(url).content.decode()
            assert 'class="print-actions"' in html, (language, url)
            assert f'href="{url}in/"' in html and f'href="{url}pdf/"' in html
            assert 'aria-label="' in html.split("print-actions")[1].split(">")[0]  # the group is named
    html = client.get(printables.articles["vi"].get_url()).content.decode()
    # The visible words are the links' names (WCAG 2.5.3: no aria-label that hides them).
    assert ">In</a>" in html and ">Lưu PDF</a>" in html and 'aria-label="In trang này"' not in html
