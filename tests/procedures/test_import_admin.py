"""The import through the admin: upload → preview → confirm, for the unit's editors only, over real HTTP."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Locale, Page, Revision

from portal.procedures.models import ImportStatus, ProcedureImport, ProcedurePage

from .factories import ROWS, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def upload_url(index) -> str:
    return f"/admin/procedures/import/{index.pk}/"


def upload(client, index, data: bytes, name: str = "thu-tuc.csv"):
    return client.post(upload_url(index), {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def refused(response) -> bool:
    """Wagtail turns a refusal in its admin into a redirect to the dashboard with a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_an_editor_imports_through_preview_and_confirmation(client, lists):
    client.force_login(lists.district_editor)
    form = client.get(upload_url(lists.district))
    assert form.status_code == 200
    assert "bản nháp" in text_of(form) and "Mã thủ tục" in text_of(form)

    rows = [list(row) for row in ROWS]
    rows[2][5] = "Mức độ 9"
    response = upload(client, lists.district, csv_bytes(rows, legacy="vni"))
    assert response.status_code == 302, text_of(response)[:2000]
    batch = ProcedureImport.objects.get()
    assert response["Location"] == f"/admin/procedures/imports/{batch.pk}/"
    assert not ProcedurePage.objects.exists()

    preview = client.get(response["Location"])
    assert preview.status_code == 200
    soup = BeautifulSoup(preview.content, "html.parser")
    assert "VNI" in soup.get_text()
    assert "Sẽ tạo mới 2" in soup.select_one(".import-summary").get_text()
    broken = soup.select_one('tr[data-line="6"]')
    assert "mức độ dịch vụ công" in broken.get_text() and "Bỏ qua" in broken.get_text()
    assert "Lĩnh vực mới" in soup.get_text()
    assert not ProcedurePage.objects.exists()  # the preview writes nothing

    confirm = client.post(response["Location"])
    assert confirm.status_code == 302
    result = client.get(confirm["Location"])
    assert "Đã tạo mới 2" in text_of(result)
    pages = ProcedurePage.objects.child_of(lists.district)
    assert pages.count() == 2 and not pages.filter(live=True).exists()
    assert {page.owner for page in pages} == {lists.district_editor}
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and batch.created == 2 and batch.skipped == 1
    assert bytes(batch.content) == b""

    # Confirming again (a double click, a replayed request) imports nothing more.
    revisions = Revision.objects.count()
    again = client.post(f"/admin/procedures/imports/{batch.pk}/")
    assert again.status_code == 302 and Revision.objects.count() == revisions


def test_the_list_shows_the_import_button_to_its_editors_only(client, lists):
    client.force_login(lists.district_editor)
    explorer = client.get(f"/admin/pages/{lists.district.pk}/").content.decode()
    assert upload_url(lists.district) in explorer
    client.force_login(lists.main_editor)
    explorer = client.get(f"/admin/pages/{lists.main.pk}/").content.decode()
    assert upload_url(lists.main) in explorer and upload_url(lists.district) not in explorer


def test_another_units_editor_is_refused_at_every_step(client, lists):
    client.force_login(lists.district_editor)
    upload(client, lists.district, csv_bytes())
    batch = ProcedureImport.objects.get()

    client.force_login(lists.main_editor)
    assert refused(client.get(upload_url(lists.district)))
    assert refused(upload(client, lists.district, csv_bytes()))
    assert refused(client.get(f"/admin/procedures/import/{lists.district.pk}/mau.csv"))
    for url in (
        f"/admin/procedures/imports/{batch.pk}/",
        f"/admin/procedures/imports/{batch.pk}/ket-qua/",
    ):
        assert refused(client.get(url))
    assert refused(client.post(f"/admin/procedures/imports/{batch.pk}/"))
    assert refused(client.post(f"/admin/procedures/imports/{batch.pk}/huy/"))
    assert ProcedureImport.objects.count() == 1 and not ProcedurePage.objects.exists()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PENDING


def test_a_colleague_cannot_confirm_someone_elses_upload(client, lists):
    from subportals.enums import EditorialRole
    from tests.factories import member

    client.force_login(lists.district_editor)
    upload(client, lists.district, csv_bytes())
    batch = ProcedureImport.objects.get()
    client.force_login(member(lists.district_unit, EditorialRole.REVIEWER, "nhatrang.kiemduyet"))
    assert refused(client.post(f"/admin/procedures/imports/{batch.pk}/"))
    assert not ProcedurePage.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, lists):
    response = client.get(upload_url(lists.main))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "rong.csv", "rỗng"),
        (csv_bytes(delimiter="|"), "sai.csv", "dấu phân cách"),
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500, "chuong-trinh.csv", "không phải tệp CSV"),
        (bytes(range(256)) * 40, "rac.csv", "nhị phân"),
        (csv_bytes(), "thu-tuc.pdf", ".csv hoặc .xlsx"),
        (csv_bytes() + b'1.000001,"Chua dong\r\n', "ngoac.csv", "ngoặc kép"),
    ],
)
def test_unreadable_files_are_refused_on_the_form(client, lists, data, name, words):
    client.force_login(lists.main_editor)
    response = upload(client, lists.main, data, name)
    assert response.status_code == 200
    text = text_of(response)
    assert words in text or words.replace("dấu phân cách", "dấu phẩy") in text
    assert not ProcedureImport.objects.exists()


def test_a_50_mb_upload_is_refused_with_a_clear_message(client, lists):
    client.force_login(lists.main_editor)
    response = upload(client, lists.main, b"a" * (50 * 1024 * 1024), "lon.csv")
    assert response.status_code == 200
    assert "quá lớn" in text_of(response)
    assert not ProcedureImport.objects.exists()


def test_an_xlsx_upload_goes_through(client, lists):
    client.force_login(lists.main_editor)
    response = upload(client, lists.main, xlsx_bytes(title_rows=2), "danh-muc.xlsx")
    assert response.status_code == 302
    client.post(response["Location"])
    assert ProcedurePage.objects.child_of(lists.main).count() == 3


def test_cancelling_drops_the_file_and_imports_nothing(client, lists):
    client.force_login(lists.main_editor)
    response = upload(client, lists.main, csv_bytes())
    batch = ProcedureImport.objects.get()
    cancel = client.post(f"/admin/procedures/imports/{batch.pk}/huy/")
    assert cancel.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CANCELLED and bytes(batch.content) == b""
    assert client.post(response["Location"]).status_code == 302
    assert not ProcedurePage.objects.exists()


def test_the_template_downloads_with_the_header(client, lists):
    client.force_login(lists.main_editor)
    response = client.get(f"/admin/procedures/import/{lists.main.pk}/mau.csv")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("Mã thủ tục,Tên thủ tục")


def test_the_english_list_refuses_imports_on_the_form(client, lists):
    client.force_login(lists.main_editor)
    english = lists.main.get_translation(Locale.objects.get(language_code="en"))
    response = upload(client, english, csv_bytes())
    assert response.status_code == 200
    assert "tiếng Việt" in text_of(response)
    assert not ProcedureImport.objects.exists()


def test_pages_other_than_a_list_have_no_import(client, lists, portal):
    client.force_login(lists.main_editor)
    assert client.get(upload_url(portal.section)).status_code == 404
    assert client.get("/admin/procedures/imports/999999/").status_code == 404
    assert not re.search(r"procedures/import/\d+", client.get(f"/admin/pages/{portal.section.pk}/").content.decode())
    assert Page.objects.filter(pk=portal.section.pk).exists()
