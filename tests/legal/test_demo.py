"""The demo seeder: documents in the main portal and a department's sub-portal, translated, with PDFs."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from wagtail.models import Locale, Page

from portal.demo.seed import DemoSeeder
from portal.legal.choices import DocumentStatus
from portal.legal.models import LegalDocumentPage
from portal.legal.rules import attachment_problem

pytestmark = pytest.mark.django_db


def visit(client, page):
    """GET a page on its own site (the host name of its URL)."""
    parts = urlsplit(page.full_url)
    response = client.get(parts.path, HTTP_HOST=parts.netloc)
    assert response.status_code == 200, parts
    return response


def test_demo_documents_are_complete_and_seeding_twice_changes_nothing(client):
    DemoSeeder("localhost", 80, log=lambda message: None).run([])
    documents = LegalDocumentPage.objects.filter(locale__language_code="vi")
    count, pages = documents.count(), Page.objects.count()
    assert count >= 18
    main_home = Page.objects.get(depth=2, slug="khanhhoa", locale__language_code="vi")
    syt_home = Page.objects.get(depth=2, slug="syt", locale__language_code="vi")
    assert documents.descendant_of(main_home).count() >= 14
    assert documents.descendant_of(syt_home).count() == 5
    replaced = documents.get(number_symbol="26/2024/QĐ-UBND")
    assert replaced.status == DocumentStatus.WHOLLY_REPLACED
    assert replaced.replaced_by.number_symbol == "18/2026/QĐ-UBND"
    assert documents.get(number_symbol="12/2024/QĐ-UBND").current_status == DocumentStatus.EXPIRED
    assert LegalDocumentPage.objects.filter(locale__language_code="en").count() >= 4
    assert LegalDocumentPage.objects.filter(locale__language_code="ru").count() >= 3
    for document in documents:
        attachments = list(document.attachments.all())
        assert attachments and attachment_problem(attachments[0].document) is None
    page = documents.get(number_symbol="18/2026/QĐ-UBND")
    html = visit(client, page).content.decode()
    assert "26/2024/QĐ-UBND" in html and "42/2022/NĐ-CP" in html
    assert page.attachments.first().document.url in html
    syt_document = documents.descendant_of(syt_home).first()
    assert syt_document.number_symbol in visit(client, syt_document).content.decode()
    download = client.get(page.attachments.first().document.url, HTTP_HOST="localhost")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    english = page.get_translation(Locale.objects.get(language_code="en"))
    assert "Decision issuing the Rules" in visit(client, english).content.decode()

    DemoSeeder("localhost", 80, log=lambda message: None).run([])
    assert (LegalDocumentPage.objects.filter(locale__language_code="vi").count(), Page.objects.count()) == (
        count,
        pages,
    )
