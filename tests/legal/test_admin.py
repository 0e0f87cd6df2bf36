"""A department's editor enters legal documents through the admin (real HTTP posts); wrong input is
refused in Vietnamese with everything typed kept; issuing bodies belong to the management unit."""

from __future__ import annotations

import io

import pytest
from django.test import override_settings
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from portal.legal.models import IssuingBody, LegalDocumentPage
from subportals.provisioning import ensure_management_group
from tests.factories import UserFactory

from .factories import LegalDocumentPageFactory, body, docx_bytes, exe_bytes, make_document, pdf_bytes

pytestmark = pytest.mark.django_db

SLUG = "qd-215-2025-syt"


def add_url(registers) -> str:
    return f"/admin/pages/add/legal/legaldocumentpage/{registers.department.pk}/"


def document_form(attachments=(), related=(), **overrides) -> dict:
    data = {
        "title": "Quyết định ban hành Kế hoạch tiêm chủng mở rộng năm 2025",
        "slug": SLUG,
        "number_symbol": "215/qđ-syt",
        "document_type": "quyet_dinh",
        "issuing_body": str(body("so-y-te-khanh-hoa").pk),
        "signer": "Võ Minh Tâm",
        "signer_position": "Giám đốc Sở Y tế",
        "issue_date": "12/03/2025",
        "effective_date": "12/03/2025",
        "expiry_date": "",
        "status": "in_force",
        "replaced_by": "",
        "summary": "Ban hành Kế hoạch tiêm chủng mở rộng năm 2025 trên địa bàn tỉnh Khánh Hòa.",
        "attachments": inline_formset([{"document": str(doc.pk), "label": "Toàn văn"} for doc in attachments]),
        "related_links": inline_formset([{"target": str(page.pk)} for page in related]),
        "publication_date": "12/03/2025 09:00",
        "substantive_update": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def post(client, user, registers, **kwargs):
    client.force_login(user)
    return client.post(add_url(registers), document_form(**kwargs))


def test_editor_creates_and_submits_a_document_with_its_file(client, editor, registers, own_pdf):
    response = post(client, editor, registers, attachments=[own_pdf], **{"action-submit": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    page = LegalDocumentPage.objects.get(slug=SLUG)
    assert not page.live and page.current_workflow_state is not None  # waiting for the board
    revision = page.get_latest_revision_as_object()
    assert revision.number_symbol == "215/QĐ-SYT"  # written canonically
    assert revision.category.code == "van-ban-phap-luat"  # set by the type, not by the editor
    assert [item.document_id for item in revision.attachments.all()] == [own_pdf.pk]
    assert page.number_key == "215/QD-SYT@2025"


def test_the_form_has_no_category_field_and_offers_active_bodies(client, editor, registers):
    client.force_login(editor)
    html = client.get(add_url(registers)).content.decode()
    assert 'name="number_symbol"' in html and 'name="issuing_body"' in html and 'name="replaced_by"' in html
    assert 'name="category"' not in html
    assert "Trích yếu" in html and "Ủy ban nhân dân tỉnh Khánh Hòa" in html


def test_duplicate_number_is_refused_naming_the_existing_document(client, editor, registers, own_pdf):
    existing = LegalDocumentPageFactory(
        parent=registers.department,
        number_symbol="215/QĐ-SYT",
        issuing_body=body("so-y-te-khanh-hoa"),
        title="Quyết định về tiêm chủng đã đăng",
    )
    response = post(client, editor, registers, attachments=[own_pdf], number_symbol="215/QD-SYT")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Quyết định về tiêm chủng đã đăng" in html and "đã dùng cho văn bản" in html
    assert "Ban hành Kế hoạch tiêm chủng mở rộng năm 2025" in html  # what was typed is kept
    assert LegalDocumentPage.objects.filter(slug=SLUG).count() == 0
    # The same number of another body is a different document.
    response = post(
        client,
        editor,
        registers,
        attachments=[own_pdf],
        number_symbol="215/QĐ-UBND",
        issuing_body=str(body("ubnd-tinh-khanh-hoa").pk),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert existing.number_key != LegalDocumentPage.objects.get(slug=SLUG).number_key


def test_a_draft_with_the_same_number_is_named_too(client, editor, registers):
    draft = LegalDocumentPageFactory(
        parent=registers.department,
        number_symbol="216/QĐ-SYT",
        issuing_body=body("so-y-te-khanh-hoa"),
        title="Bản nháp chưa đăng",
        live=False,
    )
    html = post(client, editor, registers, number_symbol="216/QĐ-SYT").content.decode()
    assert draft.title in html and "chưa xuất bản" in html


@pytest.mark.parametrize(
    "overrides, fragment",
    [
        ({"effective_date": "01/03/2025"}, "không thể trước ngày ban hành"),
        ({"status": "wholly_replaced"}, "hãy chọn văn bản thay thế"),
        ({"number_symbol": "215/2024/QĐ-SYT"}, "phải trùng với năm ban hành"),
        ({"number_symbol": "215/CT-SYT"}, "Chỉ thị"),
        ({"number_symbol": "0/QĐ-SYT"}, "số nguyên dương"),
        ({"number_symbol": "abc"}, "không đúng dạng"),
        ({"number_symbol": "x" * 5000}, ""),
        ({"issue_date": "31/02/2025"}, ""),
        ({"issue_date": "12/03/2999"}, ""),
        ({"status": "evil"}, ""),
        ({"document_type": "luat"}, "QH"),
        ({"issuing_body": "999999"}, ""),
        ({"expiry_date": "01/01/2025"}, "phải sau ngày có hiệu lực"),
    ],
)
def test_wrong_input_is_refused_and_kept(client, editor, registers, own_pdf, overrides, fragment):
    response = post(client, editor, registers, attachments=[own_pdf], **overrides, **{"action-submit": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert fragment in html
    assert "Ban hành Kế hoạch tiêm chủng mở rộng năm 2025" in html
    assert not LegalDocumentPage.objects.filter(slug=SLUG).exists()


def test_self_replacement_is_refused_on_edit(client, editor, registers, own_pdf):
    assert post(client, editor, registers, attachments=[own_pdf]).status_code == 302
    page = LegalDocumentPage.objects.get(slug=SLUG)
    data = document_form(attachments=[own_pdf], status="wholly_replaced", replaced_by=str(page.pk))
    html = client.post(f"/admin/pages/{page.pk}/edit/", data).content.decode()
    assert "không thể thay thế chính nó" in html


def test_relating_a_document_to_itself_or_twice_is_refused(client, editor, registers, own_pdf):
    other = LegalDocumentPageFactory(
        parent=registers.department, number_symbol="3/QĐ-SYT", issuing_body=body("so-y-te-khanh-hoa")
    )
    assert post(client, editor, registers, attachments=[own_pdf], related=[other]).status_code == 302
    page = LegalDocumentPage.objects.get(slug=SLUG)
    twice = client.post(f"/admin/pages/{page.pk}/edit/", document_form(related=[other, other])).content.decode()
    assert "đã có trong danh sách văn bản liên quan" in twice
    itself = client.post(f"/admin/pages/{page.pk}/edit/", document_form(related=[page])).content.decode()
    assert "của chính nó" in itself


@pytest.mark.parametrize(
    "name, data, fragment",
    [
        ("quyet-dinh.pdf", exe_bytes(), "chương trình"),  # a renamed .exe, stored by an import
        ("bang-tinh.xlsx", None, "chỉ đính kèm tệp PDF, DOC hoặc DOCX"),
    ],
)
def test_bad_attachments_are_refused_in_the_form(client, editor, registers, name, data, fragment):
    from .factories import xlsx_bytes

    document = make_document(
        name, data if data is not None else xlsx_bytes(), collection=registers.department_unit.collection
    )
    response = post(client, editor, registers, attachments=[document], **{"action-submit": "1"})
    assert response.status_code == 200
    assert fragment in response.content.decode()
    assert not LegalDocumentPage.objects.filter(slug=SLUG).exists()


def test_huge_attachment_is_refused(client, editor, registers):
    document = make_document(
        "toan-van.pdf", pdf_bytes() + b"%" + b"0" * 8192, collection=registers.department_unit.collection
    )
    with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=4096):
        response = post(client, editor, registers, attachments=[document])
    assert response.status_code == 200 and "quá lớn" in response.content.decode()
    assert not LegalDocumentPage.objects.filter(slug=SLUG).exists()


def test_another_units_file_is_refused(client, editor, registers, portal):
    foreign = make_document("cua-tinh.pdf", pdf_bytes(), collection=portal.unit.collection)
    response = post(client, editor, registers, attachments=[foreign])
    assert response.status_code == 200
    assert f"Tài liệu số {foreign.pk} không thuộc thư mục của đơn vị bạn" in response.content.decode()


def test_docx_attachment_is_accepted(client, editor, registers):
    document = make_document("toan-van.docx", docx_bytes(), collection=registers.department_unit.collection)
    assert post(client, editor, registers, attachments=[document]).status_code == 302


def test_uploading_a_renamed_program_as_a_document_is_refused(client, editor, registers):
    client.force_login(editor)
    upload = io.BytesIO(exe_bytes())
    upload.name = "quyet-dinh.pdf"
    response = client.post(
        "/admin/documents/add/",
        {"title": "Quyết định", "file": upload, "collection": str(registers.department_unit.collection_id)},
    )
    assert response.status_code == 200 and "chương trình" in response.content.decode()


def test_legal_documents_cannot_be_copied(client, registers):
    page = LegalDocumentPageFactory(parent=registers.main, number_symbol="9/2025/QĐ-UBND")
    client.force_login(UserFactory(username="quantri.copy", is_superuser=True, is_staff=True))
    response = client.get(f"/admin/pages/{page.pk}/copy/", follow=True)
    assert "Không sao chép được văn bản pháp luật" in response.content.decode()


def test_issuing_bodies_are_managed_by_the_management_unit(client, registers, editor):
    manager = UserFactory(username="ttcong.quanly")
    manager.groups.add(ensure_management_group())
    client.force_login(manager)
    assert client.get("/admin/snippets/legal/issuingbody/").status_code == 200
    response = client.post(
        "/admin/snippets/legal/issuingbody/add/",
        {
            "code": "ubnd-tx-ninh-hoa",
            "kind": "district",
            "abbreviation": "UBND",
            "name_vi": "Ủy ban nhân dân thị xã Ninh Hòa",
            "name_en": "Ninh Hòa Town People's Committee",
            "name_ru": "",
            "sort_order": "303",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert IssuingBody.objects.get(code="ubnd-tx-ninh-hoa").name_en == "Ninh Hòa Town People's Committee"
    # A unit's editor uses the list but does not change it.
    client.force_login(editor)
    assert client.get("/admin/snippets/legal/issuingbody/add/").status_code in (302, 403)
    before = IssuingBody.objects.count()
    client.post(
        "/admin/snippets/legal/issuingbody/add/", {"code": "x", "kind": "other", "name_vi": "X", "sort_order": "1"}
    )
    assert IssuingBody.objects.count() == before


def test_a_body_in_use_is_not_deleted(client, registers):
    LegalDocumentPageFactory(parent=registers.main, number_symbol="10/2025/QĐ-UBND")
    client.force_login(UserFactory(username="quantri.xoa", is_superuser=True, is_staff=True))
    used = body("ubnd-tinh-khanh-hoa")
    client.post(f"/admin/snippets/legal/issuingbody/delete/{used.pk}/")
    assert IssuingBody.objects.filter(pk=used.pk).exists()


def test_preview_of_a_new_document_renders(client, editor, registers, own_pdf):
    client.force_login(editor)
    url = add_url(registers) + "preview/"
    response = client.post(url, document_form(attachments=[own_pdf]))
    assert response.status_code == 200 and response.json()["is_valid"]
    html = client.get(url).content.decode()
    assert "215/QĐ-SYT" in html and "Toàn văn" in html
