"""Editors create datasets through the admin, by HTTP: dates, files, chart settings, other units' files."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from portal.opendata.models import DatasetPage
from tests.factories import UserFactory, home_of, make_unit, member
from tests.opendata.factories import POPULATION_ROWS, csv_bytes, make_document, make_index, xlsx_bytes, zip_bomb_xlsx

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"This program cannot be run in DOS mode"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri.dulieu", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def population_csv(portal):
    return make_document(csv_bytes(), "dan-so.csv", portal.unit.collection, "Dân số 2024")


def dataset_form(documents=(), **overrides):
    data = {
        "title": "Số doanh nghiệp thành lập mới theo quý",
        "slug": "doanh-nghiep-thanh-lap-moi",
        "summary": "Số doanh nghiệp đăng ký thành lập mới và vốn đăng ký theo từng quý 2024–2025.",
        "publisher": "Sở Kế hoạch và Đầu tư",
        "topic": "doanh-nghiep",
        "license": "cc-by-4.0",
        "update_frequency": "quarterly",
        "updated_on": "10/01/2026",
        "period_start": "01/01/2024",
        "period_end": "31/12/2025",
        "publication_date": "10/01/2026 08:30",
        "description": rich_text("<p>Nguồn: Hệ thống thông tin quốc gia về đăng ký doanh nghiệp.</p>"),
        "resources": inline_formset(
            [{"title": f"Tệp {index}", "document": str(document.pk)} for index, document in enumerate(documents, 1)]
        ),
        "header_row": "1",
        "chart_kind": "bar",
        "chart_label_column": "1",
        "chart_value_column": "3",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(index) -> str:
    return f"/admin/pages/add/opendata/datasetpage/{index.pk}/"


def created() -> DatasetPage | None:
    return DatasetPage.objects.filter(slug="doanh-nghiep-thanh-lap-moi").first()


def test_editor_creates_and_publishes_a_dataset(admin_client, index, population_csv, client):
    response = admin_client.post(add_url(index), dataset_form([population_csv], **{"action-publish": "publish"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    dataset = created()
    assert dataset.live and dataset.category.code == "du-lieu-thong-ke"
    resource = dataset.resources.get()
    assert resource.file_format == "csv" and resource.file_size == len(csv_bytes())
    assert "so doanh nghiep thanh lap moi" in dataset.search_key
    assert client.get(dataset.url).status_code == 200


def test_draft_without_files_is_kept_but_not_published(admin_client, index):
    response = admin_client.post(add_url(index), dataset_form([]))
    assert response.status_code == 302
    assert created() is not None and not created().live
    response = admin_client.post(add_url(index), dataset_form([], slug="khac", **{"action-publish": "publish"}))
    assert response.status_code == 200
    assert "ít nhất một tệp CSV hoặc XLSX" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"period_start": "01/01/2025", "period_end": "31/12/2024"}, "không được trước ngày bắt đầu"),
        ({"updated_on": "31/12/2099"}, "không thể ở tương lai"),
        ({"updated_on": "32/13/2025"}, "ngày hợp lệ"),
        ({"period_start": "hôm qua"}, "ngày hợp lệ"),
        ({"updated_on": ""}, "bắt buộc"),
        ({"chart_value_column": "1"}, "phải khác cột nhãn"),
        ({"chart_value_column": "9"}, "chỉ có 3 cột"),
        ({"chart_value_column": "99"}, "chỉ có 3 cột"),
        ({"chart_value_column": "99", "chart_kind": ""}, "nhỏ hơn hoặc bằng với 20"),
        ({"chart_value_column": "2", "chart_label_column": "3"}, None),  # column 2 holds numbers: accepted
        ({"chart_value_column": "1", "chart_label_column": "2"}, "không có giá trị số"),
        ({"header_row": "0"}, "lớn hơn hoặc bằng với 1"),
        ({"topic": "khong-co"}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"publisher": "x" * 300}, "tối đa 255"),
        ({"summary": "", "action-publish": "publish"}, "bắt buộc"),
    ],
)
def test_bad_input_is_refused_and_typed_text_kept(admin_client, index, population_csv, overrides, message):
    response = admin_client.post(add_url(index), dataset_form([population_csv], **overrides))
    if message is None:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html, message
    assert "Số doanh nghiệp thành lập mới theo quý" in html
    assert created() is None


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (EXE, "so-lieu.csv", "chương trình"),
        (b"Nam;So DN\n2024;100\n", "so-lieu.xlsx", "không phải bảng dữ liệu XLSX"),
        (zip_bomb_xlsx(), "so-lieu.xlsx", "tệp nén bất thường"),
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "so-lieu.pdf", "CSV hoặc XLSX"),
        (bytes(range(256)) * 20, "so-lieu.csv", "nhị phân"),
    ],
)
def test_files_that_are_not_csv_or_xlsx_are_refused(admin_client, index, portal, data, name, message):
    # Stored without the upload form (an import, an older upload): the dataset still refuses it.
    document = make_document(data, name, portal.unit.collection)
    response = admin_client.post(add_url(index), dataset_form([document]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert created() is None


def test_xlsx_and_legacy_csv_are_accepted(admin_client, index, portal):
    workbook = make_document(xlsx_bytes(POPULATION_ROWS), "dan-so.xlsx", portal.unit.collection)
    legacy = make_document(csv_bytes(encoding="tcvn3"), "dan-so-tcvn3.csv", portal.unit.collection)
    response = admin_client.post(add_url(index), dataset_form([workbook, legacy]))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [r.file_format for r in created().resources.all()] == ["xlsx", "csv"]


def test_renamed_program_is_refused_at_upload_too(admin_client, portal):
    upload = SimpleUploadedFile("so-lieu.csv", EXE, content_type="text/csv")
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "Số liệu", "file": upload, "collection": str(portal.unit.collection.pk)},
    )
    assert response.status_code == 200
    assert "chương trình" in response.content.decode()
    assert not get_document_model().objects.filter(title="Số liệu").exists()


def test_another_units_file_is_refused(client, portal, population_csv):
    health = make_unit("syt", "department")
    index = make_index(home_of(health))
    client.force_login(member(health, "editor", "bientap.syt"))
    response = client.post(add_url(index), dataset_form([population_csv]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Tài liệu số {population_csv.pk} không thuộc thư mục của đơn vị bạn" in html
    assert created() is None
    own = make_document(csv_bytes(), "so-lieu-syt.csv", health.collection)
    response = client.post(add_url(index), dataset_form([own]))
    assert response.status_code == 302


def test_dataset_only_under_a_catalogue(admin_client, portal, population_csv):
    response = admin_client.post(
        f"/admin/pages/add/opendata/datasetpage/{portal.section.pk}/", dataset_form([population_csv])
    )
    assert response.status_code in (302, 403)
    assert created() is None


def test_future_publication_of_data_date_today_is_fine(admin_client, index, population_csv):
    today = timezone.localdate().strftime("%d/%m/%Y")
    response = admin_client.post(add_url(index), dataset_form([population_csv], updated_on=today))
    assert response.status_code == 302
    assert created().updated_on == timezone.localdate()
    assert created().period_end == datetime.date(2025, 12, 31)
