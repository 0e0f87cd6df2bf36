"""Issue 10: each structured type has its place in the 12 categories — the category page links its register
and lists its newest records, in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import translate
from tests.legal.factories import LegalDocumentIndexPageFactory, LegalDocumentPageFactory

pytestmark = pytest.mark.django_db


def test_legal_documents_category_links_the_register_and_lists_documents(client, portal):
    register = LegalDocumentIndexPageFactory(parent=portal.section)
    LegalDocumentPageFactory(parent=register, title="Quyết định về Cổng thông tin điện tử tỉnh")
    page = client.get("/vi/chuyen-muc/van-ban-phap-luat/").content.decode()
    assert "Tra cứu đầy đủ" in page and register.url in page
    assert "Quyết định về Cổng thông tin điện tử tỉnh" in page
    assert "chưa có tin bài" not in page
    # Another category has neither.
    other = client.get("/vi/chuyen-muc/gop-y-hoi-dap/").content.decode()
    assert "Tra cứu đầy đủ" not in other


def test_registers_follow_the_language(client, portal):
    register = LegalDocumentIndexPageFactory(parent=portal.section)
    translate(register, "en", title="Legal documents register")
    page = client.get("/en/chuyen-muc/van-ban-phap-luat/").content.decode()
    assert "Legal documents register" in page


def test_category_page_queries_do_not_grow_with_records(client, portal):
    register = LegalDocumentIndexPageFactory(parent=portal.section)
    LegalDocumentPageFactory(parent=register)
    client.get("/vi/chuyen-muc/van-ban-phap-luat/")
    with CaptureQueriesContext(connection) as few:
        client.get("/vi/chuyen-muc/van-ban-phap-luat/")
    for _ in range(12):
        LegalDocumentPageFactory(parent=register)
    with CaptureQueriesContext(connection) as many:
        client.get("/vi/chuyen-muc/van-ban-phap-luat/")
    assert len(many) == len(few)


# --- every structured category: procedures (5), directory (7), procurement (8), open data (10) ---------


def _procedures(section):
    from tests.procedures.factories import ProcedureIndexPageFactory, ProcedurePageFactory

    register = ProcedureIndexPageFactory(parent=section, title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    record = ProcedurePageFactory(parent=register, title="Cấp giấy phép xây dựng nhà ở riêng lẻ")
    return register, record


def _procurement(section):
    from tests.procurement.factories import ProjectIndexPageFactory, ProjectPageFactory

    register = ProjectIndexPageFactory(parent=section, title="Dự án, đấu thầu", slug="du-an-dau-thau")
    record = ProjectPageFactory(parent=register, title="Đường ven biển đoạn Cam Lâm – Cam Ranh")
    return register, record


def _directory(section):
    from tests.directory.factories import make_directory

    return make_directory(section, title="Danh bạ thư điện tử", slug="danh-ba"), None


def _open_data(section):
    from tests.opendata.factories import make_dataset, make_index

    register = make_index(section, title="Dữ liệu mở", slug="du-lieu-mo")
    return register, make_dataset(register, title="Dân số trung bình theo huyện năm 2024")


STRUCTURED = {
    "thu-tuc-hanh-chinh": (_procedures, "Administrative procedures", "Административные процедуры"),
    "danh-ba": (_directory, "Official e-mail directory", "Справочник официальных адресов"),
    "du-an-dau-thau": (_procurement, "Projects and tenders", "Проекты и торги"),
    "du-lieu-thong-ke": (_open_data, "Open data", "Открытые данные"),
}


@pytest.mark.parametrize("code", list(STRUCTURED))
def test_each_structured_category_links_its_register_in_every_language(client, portal, code):
    make, english, russian = STRUCTURED[code]
    register, record = make(portal.section)
    register_en = translate(register, "en", title=english)
    register_ru = translate(register, "ru", title=russian)

    page = client.get(f"/vi/chuyen-muc/{code}/").content.decode()
    assert "Tra cứu đầy đủ" in page and f'href="{register.url}"' in page and register.title in page
    if record is not None:
        assert record.title in page  # its newest records too
    assert "chưa có tin bài" not in page

    for language, translated in (("en", register_en), ("ru", register_ru)):
        response = client.get(f"/{language}/chuyen-muc/{code}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'href="{translated.url}"' in html and translated.title in html, language
        assert f'href="{register.url}"' not in html  # the register in the page's language, not the Vietnamese

    # The register appears on its own category only.
    for other in STRUCTURED:
        if other != code:
            assert f'href="{register.url}"' not in client.get(f"/vi/chuyen-muc/{other}/").content.decode(), other


@pytest.mark.parametrize("code", ["thu-tuc-hanh-chinh", "du-an-dau-thau", "du-lieu-thong-ke"])
def test_translated_records_are_listed_in_their_language(client, portal, code):
    make, english, _russian = STRUCTURED[code]
    register, record = make(portal.section)
    translate(register, "en", title=english)
    translate(record, "en", title="The English title of the record")
    html = client.get(f"/en/chuyen-muc/{code}/").content.decode()
    assert "The English title of the record" in html and record.title not in html
