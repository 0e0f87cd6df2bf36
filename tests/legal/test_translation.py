"""Translating a legal document with wagtail-localize: the text is translated, what identifies the
document (number, type, body, dates, status, replacement, files) follows the Vietnamese source."""

from __future__ import annotations

import datetime

import pytest
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from portal.legal.choices import DocumentStatus
from portal.legal.models import LegalDocumentPage
from tests.factories import translate

from .factories import LegalDocumentPageFactory, attach, body, make_document, pdf_bytes

pytestmark = pytest.mark.django_db


def test_synchronised_fields_follow_the_source_and_text_stays_translated(registers):
    newer = LegalDocumentPageFactory(
        parent=registers.main, number_symbol="18/2026/QĐ-UBND", issue_date=datetime.date(2026, 3, 10)
    )
    page = LegalDocumentPageFactory(
        parent=registers.main, number_symbol="26/2024/QĐ-UBND", issue_date=datetime.date(2024, 5, 15)
    )
    attach(page, make_document("qd-26-2024.pdf", pdf_bytes()))
    page.save_revision().publish()
    english = Locale.objects.get(language_code="en")

    source, _created = TranslationSource.get_or_create_from_instance(page)
    source.create_or_update_translation(english, fallback=True)
    translated = page.get_translation(english).specific
    translated.title, translated.summary = "Decision on the portal", "Rules of the portal."
    translated.save_revision().publish()

    # The source changes: number, body, dates, status and its replacement.
    page = LegalDocumentPage.objects.get(pk=page.pk)
    page.number_symbol = "27/2024/QĐ-UBND"
    page.effective_date = datetime.date(2024, 6, 1)
    page.status, page.replaced_by = DocumentStatus.WHOLLY_REPLACED, newer
    page.save_revision().publish()
    source.update_from_db()
    source.create_or_update_translation(english, fallback=True)

    translated = LegalDocumentPage.objects.get(pk=translated.pk)
    assert translated.number_symbol == "27/2024/QĐ-UBND" and translated.number_key == page.number_key
    assert translated.effective_date == datetime.date(2024, 6, 1)
    assert translated.status == DocumentStatus.WHOLLY_REPLACED and translated.replaced_by_id == newer.pk
    assert translated.issuing_body_id == body("ubnd-tinh-khanh-hoa").pk
    assert [a.document_id for a in translated.attachments.all()] == [a.document_id for a in page.attachments.all()]
    assert translated.category.code == "van-ban-phap-luat"
    assert translated.number_locale_id == english.pk


def test_a_translation_is_not_a_duplicate_but_another_document_is(registers):
    page = LegalDocumentPageFactory(parent=registers.main, number_symbol="30/2025/QĐ-UBND")
    russian = translate(page, "ru", title="Решение", summary="Положение.")
    from portal.legal.queries import find_duplicate

    assert find_duplicate(page.number_key, body_id=page.issuing_body_id, translation_key=page.translation_key) is None
    other = LegalDocumentPageFactory.build()
    found = find_duplicate(page.number_key, body_id=page.issuing_body_id, translation_key=other.translation_key)
    assert found is not None and found.translation_key == page.translation_key
    assert russian.number_key == page.number_key
