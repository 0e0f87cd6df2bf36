"""The public register and document pages through HTTP: filters, hostile querystrings, languages, queries."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.legal.choices import DocumentStatus, DocumentType
from portal.legal.listings import documents_for_category
from tests.factories import translate

from .factories import LegalDocumentLinkFactory, LegalDocumentPageFactory, attach, body, make_document, pdf_bytes

pytestmark = pytest.mark.django_db

URL = "/vi/tin-tuc-su-kien/van-ban-phap-luat/"


def path(page) -> str:
    return urlsplit(page.url).path


def listed(client, url: str = URL, **params) -> list[int]:
    response = client.get(url, params, HTTP_HOST="localhost")
    assert response.status_code == 200
    return [int(pk) for pk in re.findall(r'data-document="(\d+)"', response.content.decode())]


@pytest.fixture
def corpus(registers):
    """Documents of several types, bodies, years and statuses in the main register."""
    d = datetime.date
    main = registers.main
    docs = {
        "qd_2014": LegalDocumentPageFactory(
            parent=main,
            number_symbol="26/2014/QĐ-UBND",
            issue_date=d(2014, 9, 5),
            effective_date=d(2014, 9, 15),
            title="Quyết định ban hành Quy chế Cổng thông tin điện tử tỉnh",
            summary="Ban hành Quy chế quản lý, vận hành Cổng thông tin điện tử tỉnh Khánh Hòa.",
        ),
        "qd_2025": LegalDocumentPageFactory(
            parent=main,
            number_symbol="18/2025/QĐ-UBND",
            issue_date=d(2025, 3, 10),
            effective_date=d(2025, 3, 20),
            title="Quyết định về phí tham quan vịnh Nha Trang",
            summary="Quy định mức thu phí tham quan vịnh Nha Trang và đảo Hòn Mun.",
        ),
        "nq": LegalDocumentPageFactory(
            parent=main,
            number_symbol="15/2024/NQ-HĐND",
            issue_date=d(2024, 7, 10),
            effective_date=d(2024, 7, 20),
            document_type=DocumentType.NGHI_QUYET,
            issuing_body=body("hdnd-tinh-khanh-hoa"),
            title="Nghị quyết về lệ phí trước bạ",
            summary="Quy định lệ phí cấp giấy phép xây dựng trên địa bàn tỉnh.",
        ),
        "nd": LegalDocumentPageFactory(
            parent=main,
            number_symbol="42/2022/NĐ-CP",
            issue_date=d(2022, 6, 24),
            effective_date=d(2022, 8, 15),
            document_type=DocumentType.NGHI_DINH,
            issuing_body=body("chinh-phu"),
            title="Nghị định về cung cấp thông tin trên môi trường mạng",
            summary="Cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước.",
        ),
        "expired": LegalDocumentPageFactory(
            parent=main,
            number_symbol="12/2024/QĐ-UBND",
            issue_date=d(2024, 3, 8),
            effective_date=d(2024, 3, 18),
            expiry_date=d(2025, 12, 31),
            status=DocumentStatus.EXPIRED,
            title="Quyết định về thư điện tử công vụ",
            summary="Quản lý hệ thống thư điện tử công vụ của tỉnh.",
        ),
        "ct": LegalDocumentPageFactory(
            parent=main,
            number_symbol="01/CT-UBND",
            issue_date=d(2025, 1, 6),
            effective_date=d(2025, 1, 6),
            document_type=DocumentType.CHI_THI,
            title="Chỉ thị về an toàn thông tin mạng",
            summary="Tăng cường bảo đảm an toàn thông tin mạng.",
        ),
        "cv": LegalDocumentPageFactory(
            parent=main,
            number_symbol="3456/UBND-KGVX",
            issue_date=d(2025, 9, 5),
            effective_date=None,
            document_type=DocumentType.CONG_VAN,
            title="Công văn triển khai Nghị định số 42/2022/NĐ-CP",
            summary="Đề nghị các sở, ngành rà soát thông tin trên cổng thành phần.",
        ),
    }
    old = docs["qd_2014"]
    old.status, old.replaced_by = DocumentStatus.WHOLLY_REPLACED, docs["qd_2025"]
    old.save_revision().publish()
    other_site = LegalDocumentPageFactory(
        parent=registers.department,
        number_symbol="5/QĐ-SYT",
        issuing_body=body("so-y-te-khanh-hoa"),
        title="Quyết định của Sở Y tế",
    )
    return {**docs, "other_site": other_site, "registers": registers}


def test_lists_its_own_documents_newest_first(client, corpus):
    found = listed(client)
    assert corpus["other_site"].pk not in found
    assert found[0] == corpus["cv"].pk and found[-1] == corpus["qd_2014"].pk
    assert len(found) == 7


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"document_type": "nghi_quyet"}, {"nq"}),
        ({"document_type": "cong_van"}, {"cv"}),
        ({"issuing_body": "BODY:chinh-phu"}, {"nd"}),
        ({"year": "2025"}, {"qd_2025", "ct", "cv"}),
        ({"status": "wholly_replaced"}, {"qd_2014"}),
        ({"status": "expired"}, {"expired"}),
        ({"status": "in_force"}, {"qd_2025", "nq", "nd", "ct", "cv"}),
        ({"number": "26/2014"}, {"qd_2014"}),
        ({"number": "qd-ubnd"}, {"qd_2014", "qd_2025", "expired"}),
        ({"number": "QĐ-UBND"}, {"qd_2014", "qd_2025", "expired"}),
        ({"number": "QD UBND 18"}, {"qd_2025"}),
        ({"number": "01/CT"}, {"ct"}),
        ({"number": "1/ct-ubnd"}, {"ct"}),
        ({"number": "nq-hdnd"}, {"nq"}),
        ({"number": "42/2022/nd-cp"}, {"nd"}),
        ({"number": "9999"}, set()),
        ({"q": "vinh nha trang"}, {"qd_2025"}),
        ({"q": "vịnh Nha Trang"}, {"qd_2025"}),
        ({"q": "thông tin"}, {"qd_2014", "nd", "ct", "cv"}),
        # Combined.
        ({"document_type": "quyet_dinh", "year": "2024"}, {"expired"}),
        ({"document_type": "quyet_dinh", "status": "in_force", "number": "qd-ubnd"}, {"qd_2025"}),
        ({"issuing_body": "BODY:ubnd-tinh-khanh-hoa", "year": "2025", "q": "an toan"}, {"ct"}),
        ({"year": "2025", "status": "expired"}, set()),
    ],
)
def test_each_filter_and_combinations(client, corpus, params, expected):
    params = {
        key: str(body(value[5:]).pk) if str(value).startswith("BODY:") else value for key, value in params.items()
    }
    assert set(listed(client, **params)) == {corpus[key].pk for key in expected}


def test_status_follows_the_calendar(client, corpus, registers):
    future = LegalDocumentPageFactory(
        parent=registers.main,
        number_symbol="40/2026/QĐ-UBND",
        issue_date=timezone.localdate() - datetime.timedelta(days=2),
        effective_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    future.number_symbol = f"40/{future.issue_date.year}/QĐ-UBND"
    future.save_revision().publish()
    assert set(listed(client, status="not_yet_in_force")) == {future.pk}
    assert future.pk not in listed(client, status="in_force")
    html = client.get(URL, {"status": "not_yet_in_force"}, HTTP_HOST="localhost").content.decode()
    assert "Chưa có hiệu lực" in html


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=99999",
        "year=-1",
        "year=2025.5",
        "document_type=evil",
        "status=%27%3B%20DROP%20TABLE%20wagtailcore_page%3B%20--",
        "issuing_body=abc",
        "issuing_body=999999",
        "issuing_body=1%20OR%201%3D1",
        "number=" + "9" * 10_000,
        "q=" + "x" * 10_000,
        "number=%27%20OR%201%3D1%20--",
        "q=%22%20OR%20%22%22%3D%22",
        "number=%00%01",
        "q=%00",
        "q=%C3%28%ff",
        "page=99999",
        "page=-3",
        "page=abc",
        "number=<script>alert(1)</script>",
        "year=2025&year=abc&document_type=luat&document_type=x",
    ],
)
def test_hostile_querystrings_never_fail(client, corpus, query):
    response = client.get(f"{URL}?{query}", HTTP_HOST="localhost")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    # The page's own URL (og:url) repeats the querystring, escaped; the form shows at most 200 characters.
    assert 'value="' + "x" * 201 not in html and 'value="' + "9" * 201 not in html


@pytest.mark.parametrize(
    "query", ["year=abc", "year=99999", "document_type=evil", "issuing_body=abc", "number=" + "9" * 500]
)
def test_a_bad_filter_is_dropped_with_a_notice(client, corpus, query):
    html = client.get(f"{URL}?{query}", HTTP_HOST="localhost").content.decode()
    assert "bộ lọc không hợp lệ nên đã được bỏ qua" in html
    assert len(re.findall(r'data-document="', html)) == 7  # the other filters (none) still apply


def test_sql_in_a_filter_is_just_text(client, corpus):
    assert listed(client, number="' OR 1=1 --") == []
    assert listed(client, q="'; DROP TABLE legal_legaldocumentpage; --") == []
    assert len(listed(client)) == 7


def test_pagination_keeps_the_filters(client, registers):
    for number in range(1, 26):
        LegalDocumentPageFactory(parent=registers.main, number_symbol=f"{number}/2025/QĐ-UBND")
    html = client.get(URL, {"year": "2025", "document_type": "quyet_dinh"}, HTTP_HOST="localhost").content.decode()
    assert "25 văn bản" in html
    assert 'href="?document_type=quyet_dinh&amp;year=2025&amp;page=2"' in html
    assert len(listed(client, year="2025", document_type="quyet_dinh", page="2")) == 5


def count_queries(client, url: str) -> int:
    assert client.get(url, HTTP_HOST="localhost").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_HOST="localhost").status_code == 200
    return len(queries)


def add_documents(registers, start: int, count: int) -> None:
    pdf = make_document("toan-van.pdf", pdf_bytes(), collection=None)
    for number in range(start, start + count):
        page = LegalDocumentPageFactory(parent=registers.main, number_symbol=f"{number}/2025/QĐ-UBND")
        attach(page, pdf)
        attach(page, pdf, label="Phụ lục")


@pytest.mark.parametrize(
    "url",
    [URL, URL + "?document_type=quyet_dinh&year=2025&status=in_force&number=qd-ubnd&q=quan+ly", URL + "?page=2"],
)
def test_register_query_count_does_not_grow_with_documents(client, registers, url):
    add_documents(registers, 1, 3)
    small = count_queries(client, url)
    add_documents(registers, 100, 30)
    assert count_queries(client, url) == small


def test_document_page_query_count_does_not_grow_with_relations(client, registers):
    target = LegalDocumentPageFactory(parent=registers.main, number_symbol="500/2025/QĐ-UBND")
    pdf = make_document("toan-van.pdf", pdf_bytes())

    def grow(start: int, count: int) -> None:
        for number in range(start, start + count):
            replaced = LegalDocumentPageFactory(parent=registers.main, number_symbol=f"{number}/2025/QĐ-UBND")
            replaced.status, replaced.replaced_by = DocumentStatus.PARTLY_REPLACED, target
            replaced.save_revision().publish()
            LegalDocumentLinkFactory(page=target, target=replaced)
            attach(target, pdf)
        target.save_revision().publish()

    grow(1, 2)
    url = target.url
    small = count_queries(client, url)
    grow(50, 12)
    assert count_queries(client, url) == small


def test_document_page_shows_everything(client, corpus):
    old, new = corpus["qd_2014"], corpus["qd_2025"]
    attach(old, make_document("qd-26-2014.pdf", pdf_bytes(), title="Toàn văn Quyết định 26/2014"), label="Toàn văn")
    LegalDocumentLinkFactory(page=old, target=corpus["nd"])
    old.save_revision().publish()
    html = client.get(old.url, HTTP_HOST="localhost").content.decode()
    for text in (
        "26/2014/QĐ-UBND",
        "Quyết định",
        "Ủy ban nhân dân tỉnh Khánh Hòa",
        "Nguyễn Văn Thành",
        "Phó Chủ tịch Ủy ban nhân dân tỉnh",
        "05/09/2014",
        "15/09/2014",
        "Bị thay thế toàn bộ",
        "Ban hành Quy chế quản lý, vận hành",
        "Trích yếu",
        "Toàn văn",
        "42/2022/NĐ-CP",
    ):
        assert text in html, text
    assert f'href="{path(new)}"' in html and 'class="legal-document__replacing"' in html
    assert old.attachments.first().document.url in html
    replacing_html = client.get(new.url, HTTP_HOST="localhost").content.decode()
    assert "Văn bản này thay thế" in replacing_html and f'href="{path(old)}"' in replacing_html


def test_translated_document_in_english_and_russian(client, corpus):
    old, new = corpus["qd_2014"], corpus["qd_2025"]
    new_en = translate(new, "en", title="Decision on Nha Trang Bay fees", summary="Fees for visiting Nha Trang Bay.")
    old_en = translate(
        old,
        "en",
        title="Decision on the portal rules",
        summary="Rules of the provincial portal.",
        signer_position="Vice Chairman",
    )
    old_ru = translate(old, "ru", title="Решение о правилах портала", summary="Правила портала провинции.")
    english = client.get(old_en.url, HTTP_HOST="localhost").content.decode()
    assert "Decision on the portal rules" in english and "Rules of the provincial portal." in english
    assert "26/2014/QĐ-UBND" in english and "Vice Chairman" in english and "Nguyễn Văn Thành" in english
    assert "Khánh Hòa Provincial People&#x27;s Committee" in english  # the body's English name
    assert f'href="{path(new_en)}"' in english  # the replacing document, in English
    russian = client.get(old_ru.url, HTTP_HOST="localhost").content.decode()
    assert "Решение о правилах портала" in russian and "Народный комитет провинции Кханьхоа" in russian
    assert f'href="{path(new)}"' in russian  # not translated into Russian: the Vietnamese original
    assert old_ru.replaced_by_id == new.pk and old_ru.status == DocumentStatus.WHOLLY_REPLACED
    vi = client.get(old.url, HTTP_HOST="localhost").content.decode()
    assert "Quyết định ban hành Quy chế" in vi and "Decision on" not in vi
    assert set(listed(client, url="/en/tin-tuc-su-kien/van-ban-phap-luat/")) == {old_en.pk, new_en.pk}


def test_category_helper_lists_a_sites_documents(corpus):
    registers = corpus["registers"]
    home = registers.main.get_parent().get_parent()
    found = list(documents_for_category(home))
    assert [page.pk for page in found][:1] == [corpus["cv"].pk]
    assert corpus["other_site"].pk not in {page.pk for page in found}
    corpus["nd"].unpublish()
    assert corpus["nd"].pk not in {page.pk for page in documents_for_category(home)}
