"""A tender's documents and e-procurement number: kept when the document is deleted elsewhere, checked on
content like every upload, one project per number (translations share it)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.models import Locale

from portal.procurement import rules
from portal.procurement.models import ProjectDocument, ProjectPage
from subportals.enums import EditorialRole
from tests.factories import member, translate

from .factories import ProjectPageFactory, docx_bytes, exe_bytes, html_bytes, make_document, pdf_bytes, xlsx_bytes
from .test_pages import add_url, project_form

pytestmark = pytest.mark.django_db

Document = get_document_model()


# --- 1. a document in use is not deleted -------------------------------------------------------------


def tender_with_notice(lists) -> tuple[ProjectPage, object]:
    notice = make_document(lists.health_unit.collection, "thong-bao-moi-thau.pdf", pdf_bytes(), title="TBMT số 05")
    page = ProjectPageFactory(parent=lists.health, slug="goi-thau-05", egp_number="IB2600021376")
    ProjectDocument.objects.create(page=page, document=notice, sort_order=0)
    page.save_revision().publish()
    return page, notice


def test_deleting_a_document_used_by_a_tender_is_refused_in_the_documents_admin(client, lists):
    page, notice = tender_with_notice(lists)
    client.force_login(member(lists.health_unit, EditorialRole.BOARD_HEAD, "syt.truongban"))
    url = f"/admin/documents/delete/{notice.pk}/"
    confirm = client.get(url)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert f'action="{url}"' not in html  # no "yes, delete" form: the screen says it is in use
    assert f"/admin/documents/usage/{notice.pk}/" in html
    refused = client.post(url)  # Wagtail's PermissionDenied: back to the dashboard, not to the documents list
    assert refused.status_code in (302, 403) and getattr(refused, "url", "") != "/admin/documents/"
    assert Document.objects.filter(pk=notice.pk).exists()
    assert [item.document_id for item in ProjectPage.objects.get(pk=page.pk).documents.all()] == [notice.pk]


def test_the_database_keeps_a_document_that_a_tender_uses(lists):
    page, notice = tender_with_notice(lists)
    with pytest.raises(ProtectedError), transaction.atomic():
        notice.delete()
    assert page.documents.get().document_id == notice.pk
    unused = make_document(lists.health_unit.collection, "nhap.pdf", pdf_bytes())
    unused.delete()  # a document nobody uses is still deleted as before
    assert not Document.objects.filter(pk=unused.pk).exists()


# --- 2. documents are checked on their content, not only their name ---------------------------------


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("thong-bao.pdf", exe_bytes(), "tệp chương trình"),  # a renamed .exe, stored by an import
        ("quyet-dinh.pdf", html_bytes(), "trang HTML"),
        ("du-toan.xlsx", html_bytes(), "trang HTML"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(lists, name, data, fragment):
    problem = rules.document_problem(make_document(lists.health_unit.collection, name, data))
    assert problem is not None and fragment in problem, problem


def test_real_pdf_docx_xlsx_are_accepted_and_a_huge_file_refused(lists):
    collection = lists.health_unit.collection
    for name, data in (("tbmt.pdf", pdf_bytes()), ("qd.docx", docx_bytes()), ("du-toan.xlsx", xlsx_bytes())):
        assert rules.document_problem(make_document(collection, name, data)) is None, name
    big = make_document(collection, "ho-so-moi-thau.pdf", pdf_bytes() + b"%" + b"0" * 4096)
    with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=2048):
        problem = rules.document_problem(big)
    assert problem is not None and "quá lớn" in problem and "2,0\u00a0KB" in problem


def test_a_document_whose_file_is_gone_is_refused_not_a_crash(lists):
    document = make_document(lists.health_unit.collection, "mat-tep.pdf", pdf_bytes())
    document.file.storage.delete(document.file.name)
    assert "Không đọc được tệp" in rules.document_problem(document)


def test_the_admin_refuses_an_executable_named_pdf_and_keeps_the_text(client, lists):
    disguised = make_document(lists.health_unit.collection, "thong-bao-moi-thau.pdf", exe_bytes())
    client.force_login(lists.health_editor)
    response = client.post(add_url(lists.health), project_form(documents=[disguised]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "thực chất là tệp chương trình" in html
    assert "Mua sắm trang thiết bị y tế cho Trung tâm Y tế thị xã Ninh Hòa" in html
    assert not ProjectPage.objects.filter(slug="goi-thau-05").exists()


# --- 3. one project per e-procurement number --------------------------------------------------------


def edit_form(page: ProjectPage, **overrides):
    return project_form(slug=page.slug, title=page.title, **overrides)


def test_the_admin_refuses_a_number_another_project_has_and_names_it(client, lists):
    existing = ProjectPageFactory(
        parent=lists.main, title="Gói thầu số 12-XL: Kè sông Cái", slug="ke-song-cai", egp_number="IB2600021376"
    )
    other = ProjectPageFactory(parent=lists.health, slug="thiet-bi-y-te", egp_number="")
    client.force_login(lists.health_editor)

    edited = client.post(f"/admin/pages/{other.pk}/edit/", edit_form(other, egp_number="ib 2600021376"))
    assert edited.status_code == 200
    html = edited.content.decode()
    assert "Số hiệu IB2600021376 đã dùng cho «Gói thầu số 12-XL: Kè sông Cái»" in html
    assert lists.main_unit.name_vi in html  # where to find it
    assert ProjectPage.objects.get(pk=other.pk).egp_number == ""

    added = client.post(add_url(lists.health), project_form(egp_number="IB2600021376"))
    assert added.status_code == 200 and "đã dùng cho «Gói thầu số 12-XL: Kè sông Cái»" in added.content.decode()
    assert not ProjectPage.objects.filter(slug="goi-thau-05").exists()

    # Its own number, saved again, is no duplicate; another number is accepted.
    own = client.post(f"/admin/pages/{other.pk}/edit/", edit_form(other, egp_number="IB2600099999"))
    assert own.status_code == 302
    again = client.post(f"/admin/pages/{other.pk}/edit/", edit_form(other, egp_number="IB2600099999"))
    assert again.status_code == 302
    assert existing.egp_number == "IB2600021376"


def test_model_validation_refuses_a_duplicate_but_not_a_translation(lists):
    existing = ProjectPageFactory(parent=lists.main, title="Đường ven biển Cam Lâm", egp_number="PL2400031257")
    english = translate(existing, "en", title="Coastal road")
    assert english.egp_number == "PL2400031257"
    english.full_clean()  # a translation shares the number
    with pytest.raises(ValidationError) as caught:
        ProjectPageFactory(parent=lists.health, egp_number="pl2400031257")
    assert "đã dùng cho «Đường ven biển Cam Lâm»" in " ".join(caught.value.message_dict["egp_number"])
    english_list = lists.main.get_translation(Locale.objects.get(language_code="en"))
    with pytest.raises(ValidationError) as caught:  # another project, even in another language
        ProjectPageFactory(parent=english_list, egp_number="PL2400031257")
    assert "egp_number" in caught.value.message_dict
    assert ProjectPage.objects.filter(egp_number="PL2400031257").count() == 2  # the project and its translation


def test_the_database_refuses_a_duplicate_written_behind_the_rules(lists):
    ProjectPageFactory(parent=lists.main, egp_number="IB2500009921")
    other = ProjectPageFactory(parent=lists.health, egp_number="")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectPage.objects.filter(pk=other.pk).update(egp_number="IB2500009921")


def test_a_numbered_project_is_not_copied_but_aliases_and_unnumbered_copies_work(client, lists):
    numbered = ProjectPageFactory(parent=lists.main, egp_number="IB2600018452")
    manager = member(lists.main_unit, EditorialRole.BOARD_HEAD, "khanhhoa.truongban")
    client.force_login(manager)
    response = client.get(f"/admin/pages/{numbered.pk}/copy/", follow=True)
    assert "Không sao chép được dự án, gói thầu có số hiệu" in response.content.decode()
    alias = numbered.create_alias(parent=lists.health, update_slug="ban-sao-hien-thi")
    assert alias.specific.egp_number == "IB2600018452" and alias.specific.egp_locale_id is None
    plain = ProjectPageFactory(parent=lists.main, egp_number="")
    assert client.get(f"/admin/pages/{plain.pk}/copy/").status_code == 200


def test_an_alias_of_a_numbered_project_is_not_made_a_project_of_its_own(client, lists):
    numbered = ProjectPageFactory(parent=lists.main, egp_number="IB2600018452")
    alias = numbered.create_alias(parent=lists.main, update_slug="hien-thi-lai")
    client.force_login(member(lists.main_unit, EditorialRole.BOARD_HEAD, "khanhhoa.truongban"))
    response = client.post(f"/admin/pages/{alias.pk}/convert_alias/", follow=True)
    assert "Không chuyển được trang này thành trang riêng" in response.content.decode()
    assert ProjectPage.objects.get(pk=alias.pk).alias_of_id == numbered.pk
