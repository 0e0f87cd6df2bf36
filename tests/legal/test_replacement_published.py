"""A document is marked replaced only by a published document: otherwise its public page says "replaced"
and cannot link to what replaces it."""

from __future__ import annotations

import datetime

import pytest

from portal.legal.models import LegalDocumentPage
from portal.legal.rules import replacement_publication_problems

from .factories import LegalDocumentPageFactory, body
from .test_admin import SLUG, post

pytestmark = pytest.mark.django_db


def replacement(registers, *, live: bool) -> LegalDocumentPage:
    return LegalDocumentPageFactory(
        parent=registers.department,
        title="Quyết định ban hành Kế hoạch tiêm chủng mở rộng năm 2026",
        number_symbol="40/QĐ-SYT",
        issuing_body=body("so-y-te-khanh-hoa"),
        issue_date=datetime.date(2026, 1, 5),
        live=live,
    )


def test_a_draft_replacement_is_refused_with_a_clear_message(client, editor, registers, own_pdf):
    draft = replacement(registers, live=False)
    response = post(
        client, editor, registers, attachments=[own_pdf], status="wholly_replaced", replaced_by=str(draft.pk)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "«Quyết định ban hành Kế hoạch tiêm chủng mở rộng năm 2026» chưa được xuất bản công khai" in html
    assert "Ban hành Kế hoạch tiêm chủng mở rộng năm 2025" in html  # what was typed is kept
    assert not LegalDocumentPage.objects.filter(slug=SLUG).exists()


def test_a_published_replacement_is_accepted(client, editor, registers, own_pdf):
    published = replacement(registers, live=True)
    response = post(
        client, editor, registers, attachments=[own_pdf], status="partly_replaced", replaced_by=str(published.pk)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = LegalDocumentPage.objects.get(slug=SLUG)
    assert page.get_latest_revision_as_object().replaced_by_id == published.pk


def test_the_rule_follows_publication(registers):
    document = replacement(registers, live=True)
    assert replacement_publication_problems(None) == {}
    assert replacement_publication_problems(document) == {}
    document.unpublish()
    problems = replacement_publication_problems(LegalDocumentPage.objects.get(pk=document.pk))
    assert "chưa được xuất bản công khai" in " ".join(problems["replaced_by"])
