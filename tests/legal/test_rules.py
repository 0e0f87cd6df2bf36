"""The model's rules: unique numbers per body (form check and database constraint), dates, status,
replacement, attachments — the same whether the page comes from the admin, an import or a shell."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings

from portal.legal.choices import DocumentStatus, DocumentType
from portal.legal.models import LegalDocumentPage
from portal.legal.rules import attachment_problem
from tests.factories import translate

from .factories import (
    LegalDocumentPageFactory,
    body,
    docx_bytes,
    exe_bytes,
    make_document,
    pdf_bytes,
    xlsx_bytes,
    zip_bytes,
)

pytestmark = pytest.mark.django_db


def problems(page) -> dict[str, list[str]]:
    try:
        page.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_derived_fields_category_canonical_number_and_keys(registers):
    page = LegalDocumentPageFactory(parent=registers.main, number_symbol="Số: 7 / 2025 / qđ-ubnd")
    page.refresh_from_db()
    assert page.category.code == "van-ban-phap-luat"
    assert page.number_symbol == "7/2025/QĐ-UBND"
    assert page.number_key == "7/2025/QD-UBND"
    assert page.number_search == "|7|2025|qd|ubnd|"
    assert page.number_locale_id == page.locale_id
    assert " quyet dinh " in page.folded_text and " cong thong tin dien tu " in page.folded_text


def test_same_number_same_body_is_refused_by_model_and_database(registers):
    first = LegalDocumentPageFactory(parent=registers.main, number_symbol="26/2025/QĐ-UBND")
    duplicate = LegalDocumentPageFactory.build(number_symbol="26/2025/qd-ubnd")
    with pytest.raises(ValidationError) as refused:
        registers.main.add_child(instance=duplicate)  # a live page is fully validated on save
    assert "đã có một văn bản khác" in str(refused.value)
    # Straight to the database (an import skipping validation): the constraint holds.
    LegalDocumentPage.objects.filter(pk=first.pk).update(number_key="X")
    draft = LegalDocumentPageFactory(parent=registers.main, number_symbol="26/2025/QĐ-UBND", live=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        LegalDocumentPage.objects.filter(pk=first.pk).update(number_key=draft.number_key)


def test_same_number_in_another_body_or_year_is_accepted(registers):
    LegalDocumentPageFactory(parent=registers.main, number_symbol="26/2025/QĐ-UBND")
    other_body = LegalDocumentPageFactory(
        parent=registers.main,
        number_symbol="26/2025/NQ-HĐND",
        issuing_body=body("hdnd-tinh-khanh-hoa"),
        document_type=DocumentType.NGHI_QUYET,
    )
    district = LegalDocumentPageFactory(
        parent=registers.main, number_symbol="26/2025/QĐ-UBND", issuing_body=body("ubnd-tp-nha-trang")
    )
    directive_2024 = LegalDocumentPageFactory(
        parent=registers.main,
        number_symbol="01/CT-UBND",
        document_type=DocumentType.CHI_THI,
        issue_date=datetime.date(2024, 1, 5),
    )
    directive_2025 = LegalDocumentPageFactory(
        parent=registers.main,
        number_symbol="01/CT-UBND",
        document_type=DocumentType.CHI_THI,
        issue_date=datetime.date(2025, 1, 6),
    )
    assert {other_body.number_key, district.number_key} == {"26/2025/NQ-HDND", "26/2025/QD-UBND"}
    assert directive_2024.number_key != directive_2025.number_key


def test_translations_share_the_number(registers):
    page = LegalDocumentPageFactory(parent=registers.main, number_symbol="30/2025/QĐ-UBND")
    english = translate(page, "en", title="Decision on the portal", summary="Rules of the portal.")
    russian = translate(page, "ru", title="Решение о портале", summary="Положение о портале.")
    for translation in (english, russian):
        translation.refresh_from_db()
        assert translation.number_symbol == page.number_symbol and translation.number_key == page.number_key
        assert translation.issuing_body_id == page.issuing_body_id and translation.issue_date == page.issue_date
        assert translation.number_locale_id == translation.locale_id != page.locale_id


def test_effective_date_before_issue_date_is_refused(registers):
    page = LegalDocumentPageFactory(parent=registers.main, issue_date=datetime.date(2025, 3, 10))
    page.effective_date = datetime.date(2025, 3, 1)
    assert "không thể trước ngày ban hành" in " ".join(problems(page)["effective_date"])


@pytest.mark.parametrize(
    "fields, field, fragment",
    [
        ({"expiry_date": datetime.date(2025, 3, 15)}, "expiry_date", "phải sau ngày có hiệu lực"),
        (
            {"issue_date": datetime.date(2099, 1, 1), "number_symbol": "1/2099/QĐ-UBND"},
            "issue_date",
            "sau ngày hôm nay",
        ),
        (
            {"status": DocumentStatus.NOT_YET_IN_FORCE, "effective_date": None},
            "effective_date",
            "nhập ngày có hiệu lực",
        ),
        ({"status": DocumentStatus.EXPIRED, "expiry_date": datetime.date(2099, 1, 1)}, "expiry_date", "chưa đến"),
        ({"status": DocumentStatus.WHOLLY_REPLACED}, "replaced_by", "hãy chọn văn bản thay thế"),
        ({"status": DocumentStatus.PARTLY_REPLACED}, "replaced_by", "hãy chọn văn bản thay thế"),
        ({"number_symbol": "1/2024/QĐ-UBND"}, "number_symbol", "trùng với năm ban hành"),
        ({"number_symbol": "1/2025/NĐ-CP"}, "number_symbol", "Nghị định"),
        ({"number_symbol": "1/2025/NQ-HĐND"}, "number_symbol", "cơ quan ban hành đã chọn"),
    ],
)
def test_inconsistent_dates_status_and_numbers_are_refused(registers, fields, field, fragment):
    page = LegalDocumentPageFactory(parent=registers.main)
    for name, value in fields.items():
        setattr(page, name, value)
    found = problems(page)
    assert any(fragment in message for message in found.get(field, [])), found


def test_replacement_must_be_another_and_later_document(registers):
    old = LegalDocumentPageFactory(parent=registers.main, issue_date=datetime.date(2024, 5, 15))
    new = LegalDocumentPageFactory(parent=registers.main, issue_date=datetime.date(2026, 3, 10))
    same_day = LegalDocumentPageFactory(parent=registers.main, issue_date=datetime.date(2024, 5, 15))

    old.status, old.replaced_by = DocumentStatus.WHOLLY_REPLACED, old
    assert "chính nó" in " ".join(problems(old)["replaced_by"])
    english = translate(new, "en", title="New decision", summary="New rules.")
    new.status, new.replaced_by = DocumentStatus.PARTLY_REPLACED, english  # its own translation is itself too
    assert "chính nó" in " ".join(problems(new)["replaced_by"])

    new.status, new.replaced_by = DocumentStatus.WHOLLY_REPLACED, old  # replaced by an older document
    assert "phải ban hành cùng ngày hoặc sau" in " ".join(problems(new)["replaced_by"])

    new = LegalDocumentPage.objects.get(pk=new.pk)  # forget the attempts above
    old.status, old.replaced_by = DocumentStatus.IN_FORCE, new
    assert "Chỉ chọn văn bản thay thế khi" in " ".join(problems(old)["replaced_by"])

    old.status = DocumentStatus.WHOLLY_REPLACED
    assert problems(old) == {}
    old.save_revision().publish()
    same_day.status, same_day.replaced_by = DocumentStatus.WHOLLY_REPLACED, old  # same day is fine...
    assert problems(same_day) == {}
    same_day.save_revision().publish()
    old.replaced_by = same_day  # ...but two documents cannot replace each other
    assert "thay thế lẫn nhau" in " ".join(problems(old)["replaced_by"])


def test_constitution_needs_no_number_other_types_do_when_published(registers):
    constitution = LegalDocumentPageFactory(
        parent=registers.main,
        number_symbol="",
        document_type=DocumentType.HIEN_PHAP,
        issuing_body=body("quoc-hoi"),
        issue_date=datetime.date(2013, 11, 28),
        effective_date=datetime.date(2014, 1, 1),
    )
    assert constitution.live and constitution.number_key == ""
    decision = LegalDocumentPageFactory.build(number_symbol="")
    with pytest.raises(ValidationError) as refused:
        registers.main.add_child(instance=decision)
    assert "Chưa nhập số, ký hiệu" in str(refused.value)


@pytest.mark.parametrize(
    "name, data, fragment",
    [
        ("quyet-dinh.pdf", exe_bytes(), "chương trình"),  # a program renamed .pdf
        ("quyet-dinh.docx", exe_bytes(), "chương trình"),
        ("quyet-dinh.pdf", docx_bytes(), ""),  # a Word file called .pdf
        ("bang-so-lieu.xlsx", xlsx_bytes(), "chỉ đính kèm tệp PDF, DOC hoặc DOCX"),
        ("tep-nen.zip", zip_bytes(), "chỉ đính kèm tệp PDF, DOC hoặc DOCX"),
        ("ghi-chu.txt", b"van ban", "chỉ đính kèm tệp PDF, DOC hoặc DOCX"),
        (
            "quyet-dinh.pdf",
            b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
            "JavaScript",
        ),
    ],
)
def test_attachments_other_than_real_pdf_doc_docx_are_refused(registers, name, data, fragment):
    problem = attachment_problem(make_document(name, data))
    assert problem is not None and fragment in problem, problem


def test_real_pdf_and_docx_are_accepted_and_huge_files_refused(registers):
    assert attachment_problem(make_document("quyet-dinh.pdf", pdf_bytes())) is None
    assert attachment_problem(make_document("quyet-dinh.docx", docx_bytes())) is None
    big = make_document("toan-van.pdf", pdf_bytes() + b"%" + b"0" * 4096)
    with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=2048):
        assert "quá lớn" in attachment_problem(big)


def test_attachment_whose_file_is_gone_is_refused_not_a_crash(registers):
    document = make_document("mat-tep.pdf", pdf_bytes())
    document.file.storage.delete(document.file.name)
    assert "Không đọc được tệp" in attachment_problem(document)
