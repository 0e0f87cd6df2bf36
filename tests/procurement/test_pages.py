"""Project pages: values, dates and documents checked through the admin; rendering in vi/en/ru."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from portal.procurement.enums import ProjectKind, ProjectStatus
from portal.procurement.models import ProjectDocument, ProjectPage
from tests.factories import translate

from .factories import ProjectPageFactory, docx_bytes, make_document, pdf_bytes, xlsx_bytes, zip_bytes

pytestmark = pytest.mark.django_db


def project_form(documents=(), **overrides):
    data = {
        "title": "Gói thầu số 05: Mua sắm trang thiết bị y tế cho Trung tâm Y tế thị xã Ninh Hòa",
        "slug": "goi-thau-05",
        "kind": ProjectKind.BID_PACKAGE,
        "status": ProjectStatus.BIDDING,
        "sector": "y-te",
        "summary": "Đấu thầu rộng rãi trong nước qua mạng.",
        "investor": "Sở Y tế tỉnh Khánh Hòa",
        "value_vnd": "23.480.000.000",
        "funding_source": "ngan-sach",
        "location": "Thị xã Ninh Hòa",
        "start_date": "",
        "end_date": "",
        "bid_open_at": "01/06/2026 08:00",
        "bid_close_at": "22/06/2026 09:00",
        "egp_number": "IB2600021376",
        "egp_url": "https://muasamcong.mpi.gov.vn/web/guest/contractor-selection?notifyNo=IB2600021376",
        "description": rich_text("<p>Máy X-quang kỹ thuật số, máy siêu âm màu 4D.</p>"),
        "documents": inline_formset([{"document": str(document.pk), "title": ""} for document in documents]),
        "publication_date": "24/11/2026 08:30",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(index) -> str:
    return f"/admin/pages/add/procurement/projectpage/{index.pk}/"


def test_an_editor_creates_a_tender_with_its_documents(client, lists):
    notice = make_document(lists.health_unit.collection, "thong-bao-moi-thau.pdf", pdf_bytes())
    estimate = make_document(lists.health_unit.collection, "du-toan.xlsx", xlsx_bytes())
    client.force_login(lists.health_editor)
    response = client.post(add_url(lists.health), project_form(documents=[notice, estimate]))
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)[:3000]
    page = ProjectPage.objects.get(slug="goi-thau-05")
    assert not page.live
    assert page.value_vnd == 23_480_000_000
    assert page.category.code == "du-an-dau-thau"
    assert page.bid_close_at > page.bid_open_at
    assert [item.document for item in page.documents.all()] == [notice, estimate]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"value_vnd": "-5.000"}, "không được âm"),
        ({"value_vnd": "2.000.000.000.000.000"}, "quá lớn"),
        ({"value_vnd": "23.480.000.000,50"}, "phần lẻ"),
        ({"value_vnd": "hai mươi tỷ"}, "không phải số tiền"),
        ({"bid_close_at": "01/06/2026 08:00"}, "phải sau thời điểm phát hành"),
        ({"bid_close_at": "31/05/2026 08:00"}, "phải sau thời điểm phát hành"),
        ({"bid_close_at": ""}, "cần có thời điểm đóng thầu"),
        ({"start_date": "01/01/2027", "end_date": "31/12/2026"}, "không được trước ngày bắt đầu"),
        ({"start_date": "01/01/0201"}, "1990–2100"),
        ({"start_date": "31/02/2026"}, ""),
        ({"bid_open_at": "hôm qua"}, ""),
        ({"egp_number": "TBMT-05"}, "không đúng dạng"),
        ({"egp_url": "https://muasamcong.gia-mao.vn/"}, "muasamcong.mpi.gov.vn"),
        ({"egp_url": "http://muasamcong.mpi.gov.vn/"}, "https://"),
        ({"kind": "goi-thau-lon"}, ""),
        ({"status": "", "action-submit": "submit"}, ""),
        ({"investor": "", "action-submit": "submit"}, ""),
    ],
)
def test_bad_project_input_is_refused_with_the_text_kept(client, lists, overrides, message):
    client.force_login(lists.health_editor)
    response = client.post(add_url(lists.health), project_form(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Mua sắm trang thiết bị y tế cho Trung tâm Y tế thị xã Ninh Hòa" in html
    assert not ProjectPage.objects.filter(slug="goi-thau-05").exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [("ho-so.zip", zip_bytes()), ("anh.txt", "Tệp văn bản".encode())],
)
def test_documents_other_than_pdf_doc_docx_xlsx_are_refused(client, lists, name, data):
    document = make_document(lists.health_unit.collection, name, data)
    client.force_login(lists.health_editor)
    response = client.post(add_url(lists.health), project_form(documents=[document]))
    assert response.status_code == 200
    assert "PDF, DOC, DOCX hoặc XLSX" in response.content.decode()
    assert not ProjectPage.objects.filter(slug="goi-thau-05").exists()


def test_another_units_document_is_refused_and_its_title_not_shown(client, lists):
    secret = make_document(lists.main_unit.collection, "bao-cao.pdf", pdf_bytes(), title="Báo cáo mật của tỉnh")
    client.force_login(lists.health_editor)
    response = client.post(add_url(lists.health), project_form(documents=[secret]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Tài liệu số {secret.pk} không thuộc thư mục của đơn vị bạn" in html
    assert "Báo cáo mật của tỉnh" not in html
    assert not ProjectPage.objects.filter(slug="goi-thau-05").exists()


def test_the_model_refuses_bad_documents_and_dates_outside_the_admin(lists):
    archive = make_document(lists.health_unit.collection, "ho-so.zip", zip_bytes())
    page = ProjectPageFactory(parent=lists.health)
    with pytest.raises(ValidationError, match="PDF, DOC, DOCX hoặc XLSX"):
        ProjectDocument(page=page, document=archive).full_clean()
    page.end_date = datetime.date(2020, 1, 1)
    with pytest.raises(ValidationError) as caught:
        page.save()
    assert "end_date" in caught.value.message_dict
    page.refresh_from_db()
    page.value_vnd = -1
    with pytest.raises(ValidationError):
        page.full_clean()


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_a_project_shows_its_value_dates_link_and_documents(client, lists):
    notice = make_document(lists.main_unit.collection, "thong-bao.pdf", pdf_bytes(), title="Thông báo mời thầu")
    decision = make_document(lists.main_unit.collection, "quyet-dinh.docx", docx_bytes(), title="Quyết định")
    page = ProjectPageFactory(
        parent=lists.main,
        slug="ke-song-cai",
        title="Gói thầu số 12-XL: Kè sông Cái",
        kind=ProjectKind.BID_PACKAGE,
        status=ProjectStatus.BIDDING,
        value_vnd=1_234_567_890,
        start_date=None,
        end_date=None,
        bid_open_at=timezone.make_aware(datetime.datetime(2026, 5, 4, 8)),
        bid_close_at=timezone.make_aware(datetime.datetime(2026, 5, 25, 9)),
        egp_number="IB2600018452",
        egp_url="https://muasamcong.mpi.gov.vn/web/guest/contractor-selection?notifyNo=IB2600018452",
    )
    ProjectDocument.objects.create(page=page, document=notice, sort_order=0)
    ProjectDocument.objects.create(page=page, document=decision, title="Quyết định phê duyệt KHLCNT", sort_order=1)
    soup = soup_of(client.get("/vi/tin-tuc-su-kien/du-an-dau-thau/ke-song-cai/"))
    facts = soup.select_one(".facts").get_text(" ", strip=True)
    assert "1.234.567.890 đ" in facts
    assert "08:00 04/05/2026" in facts and "09:00 25/05/2026" in facts
    assert soup.select_one(".facts__code a")["href"].startswith("https://muasamcong.mpi.gov.vn/")
    attachments = [item.get_text(" ", strip=True) for item in soup.select(".attachments li")]
    assert attachments[0].startswith("Thông báo mời thầu (PDF")
    assert attachments[1].startswith("Quyết định phê duyệt KHLCNT (DOCX")
    assert "Đang mời thầu" in soup.get_text()


@pytest.mark.parametrize(
    ("language", "title", "amount", "investor"),
    [
        ("en", "Coastal road from Cam Lâm to Cam Ranh", "1,234,567,890 VND", "Transport Works Project Board"),
        (
            "ru",
            "Прибрежная дорога от Камлам до Камрань",
            "1\u00a0234\u00a0567\u00a0890\u00a0VND",
            "Совет по транспорту",
        ),
    ],
)
def test_a_translated_project_shows_its_text_with_value_and_dates_kept(
    client, lists, language, title, amount, investor
):
    page = ProjectPageFactory(parent=lists.main, slug="duong-ven-bien", value_vnd=1_234_567_890)
    translation = translate(page, language, title=title, investor=investor, summary=f"{title}.")
    assert (translation.value_vnd, translation.start_date, translation.kind) == (
        page.value_vnd,
        page.start_date,
        page.kind,
    )
    soup = soup_of(client.get(f"/{language}/tin-tuc-su-kien/du-an-dau-thau/duong-ven-bien/"))
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == title
    facts = soup.select_one(".facts").get_text(" ", strip=True)
    assert amount in facts and investor in facts
    assert title in soup_of(client.get(f"/{language}/tin-tuc-su-kien/du-an-dau-thau/")).get_text()


def test_documents_follow_the_source_into_translations(lists):
    notice = make_document(lists.main_unit.collection, "thong-bao.pdf", pdf_bytes())
    page = ProjectPageFactory(parent=lists.main, slug="co-tai-lieu")
    ProjectDocument.objects.create(page=page, document=notice, sort_order=0)
    page.save_revision().publish()
    english = translate(page, "en", title="With a document")
    assert [item.document_id for item in english.documents.all()] == [notice.pk]
    assert english.locale == Locale.objects.get(language_code="en")


def test_the_admin_shows_the_amount_with_dots(client, lists):
    page = ProjectPageFactory(parent=lists.health, value_vnd=23_480_000_000)
    client.force_login(lists.health_editor)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert 'value="23.480.000.000"' in response.content.decode()


def test_a_draft_revision_does_not_change_what_the_list_searches(client, lists):
    page = ProjectPageFactory(parent=lists.main, title="Dự án trường học", slug="truong-hoc")
    page.title = "Dự án bí mật chưa duyệt"
    page.save_revision()
    page.refresh_from_db()
    assert "bi mat" not in page.folded_text
    listing = client.get("/vi/tin-tuc-su-kien/du-an-dau-thau/?q=bi+mat").content.decode()
    assert "truong-hoc" not in listing


def test_wagtail_localize_keeps_values_dates_and_documents_in_step(lists):
    from wagtail_localize.models import TranslationSource

    notice = make_document(lists.main_unit.collection, "thong-bao.pdf", pdf_bytes())
    page = ProjectPageFactory(parent=lists.main, slug="dong-bo", value_vnd=5_000_000_000)
    english = translate(page, "en", title="In step")
    page.value_vnd = 6_000_000_000
    page.status = ProjectStatus.COMPLETED
    ProjectDocument.objects.create(page=page, document=notice, sort_order=0)
    page.save_revision().publish()
    source, _created = TranslationSource.update_or_create_from_instance(page)
    source.create_or_update_translation(Locale.objects.get(language_code="en"), publish=True, fallback=True)
    english.refresh_from_db()
    assert (english.value_vnd, english.status) == (6_000_000_000, ProjectStatus.COMPLETED)
    assert [item.document_id for item in english.documents.all()] == [notice.pk]


def test_editing_pages_render_in_the_admin(client, lists):
    page = ProjectPageFactory(parent=lists.health)
    client.force_login(lists.health_editor)
    for url in (
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{lists.health.pk}/edit/",
        f"/admin/pages/add/procurement/projectpage/{lists.health.pk}/",
    ):
        assert client.get(url).status_code == 200, url
