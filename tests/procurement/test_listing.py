"""The public list of projects and tenders: each filter, combinations, hostile querystrings, fixed queries."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.procurement.enums import FundingSource, ProjectKind, ProjectSector, ProjectStatus

from .factories import ProjectPageFactory

pytestmark = pytest.mark.django_db

URL = "/vi/tin-tuc-su-kien/du-an-dau-thau/"


def at(year: int, month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 8))


@pytest.fixture
def catalogue(lists):
    K, S, F = ProjectKind, ProjectStatus, ProjectSector
    specs = [
        (
            "cao-toc",
            "Đường cao tốc Khánh Hòa – Buôn Ma Thuột",
            K.INVESTMENT,
            S.IN_PROGRESS,
            F.TRANSPORT,
            {"start_date": datetime.date(2023, 6, 18)},
        ),
        (
            "ven-bien",
            "Đường ven biển Cam Lâm – Cam Ranh",
            K.INVESTMENT,
            S.PREPARING,
            F.TRANSPORT,
            {"start_date": datetime.date(2026, 3, 1), "end_date": datetime.date(2028, 12, 31)},
        ),
        (
            "benh-vien",
            "Bệnh viện Đa khoa tỉnh cơ sở 2",
            K.INVESTMENT,
            S.PREPARING,
            F.HEALTH,
            {"start_date": datetime.date(2026, 7, 1), "end_date": datetime.date(2029, 12, 31)},
        ),
        (
            "thiet-bi-y-te",
            "Gói thầu số 05: Mua sắm thiết bị y tế",
            K.BID_PACKAGE,
            S.BIDDING,
            F.HEALTH,
            {
                "start_date": None,
                "end_date": None,
                "bid_open_at": at(2026, 6, 1),
                "bid_close_at": at(2026, 6, 22),
                "egp_number": "IB2600021376",
            },
        ),
        (
            "may-tinh",
            "Mua sắm máy tính năm 2025",
            K.PURCHASE,
            S.COMPLETED,
            F.DIGITAL,
            {"start_date": datetime.date(2025, 3, 10), "end_date": datetime.date(2025, 9, 30)},
        ),
        (
            "khlcnt-song-cho",
            "Kế hoạch lựa chọn nhà thầu hồ Sông Chò 1",
            K.CONTRACTOR_PLAN,
            S.AWARDED,
            F.AGRICULTURE,
            {"start_date": datetime.date(2024, 8, 15), "end_date": datetime.date(2027, 6, 30)},
        ),
        (
            "rac-ppp",
            "Nhà máy xử lý chất thải rắn PPP",
            K.INVESTMENT,
            S.SUSPENDED,
            F.ENVIRONMENT,
            {
                "start_date": None,
                "end_date": None,
                "publication_date": at(2024, 1, 15),
                "funding_source": FundingSource.PPP,
            },
        ),
    ]
    for slug, title, kind, status, sector, extra in specs:
        ProjectPageFactory(
            parent=lists.main,
            slug=slug,
            title=title,
            summary=f"{title}.",
            kind=kind,
            status=status,
            sector=sector,
            **extra,
        )
    ProjectPageFactory(parent=lists.main, slug="nhap", title="Dự án nháp", live=False)
    ProjectPageFactory(parent=lists.health, slug="cua-so-y-te", title="Dự án của Sở Y tế")
    return lists


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(link["href"].rstrip("/").rsplit("/", 1)[-1] for link in soup.select(".project-card__title a"))


def test_the_list_shows_its_own_live_projects(client, catalogue):
    assert slugs(client.get(URL)) == sorted(
        ["cao-toc", "ven-bien", "benh-vien", "thiet-bi-y-te", "may-tinh", "khlcnt-song-cho", "rac-ppp"]
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=goi-thau", ["thiet-bi-y-te"]),
        ("kind=mua-sam", ["may-tinh"]),
        ("kind=ke-hoach", ["khlcnt-song-cho"]),
        ("kind=du-an", ["benh-vien", "cao-toc", "rac-ppp", "ven-bien"]),
        ("status=chuan-bi", ["benh-vien", "ven-bien"]),
        ("status=moi-thau", ["thiet-bi-y-te"]),
        ("status=tam-dung", ["rac-ppp"]),
        ("status=co-ket-qua", ["khlcnt-song-cho"]),
        ("year=2026", ["benh-vien", "thiet-bi-y-te", "ven-bien"]),
        ("year=2024", ["khlcnt-song-cho", "rac-ppp"]),
        ("year=2023", ["cao-toc"]),
        ("sector=y-te", ["benh-vien", "thiet-bi-y-te"]),
        ("sector=giao-thong", ["cao-toc", "ven-bien"]),
        ("q=benh+vien", ["benh-vien"]),
        ("q=IB2600021376", ["thiet-bi-y-te"]),
        ("q=MUA+SẮM", ["may-tinh", "thiet-bi-y-te"]),
        ("kind=du-an&status=chuan-bi&sector=y-te", ["benh-vien"]),
        ("kind=du-an&year=2026", ["benh-vien", "ven-bien"]),
        ("sector=y-te&year=2026&status=moi-thau&q=thiet+bi", ["thiet-bi-y-te"]),
        ("sector=y-te&kind=mua-sam", []),
    ],
)
def test_each_filter_and_their_combinations(client, catalogue, query, expected):
    assert slugs(client.get(f"{URL}?{query}")) == expected


def test_years_offered_are_those_of_the_list(client, catalogue):
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    years = [option["value"] for option in soup.select("select[name=year] option") if option["value"]]
    assert years == ["2026", "2025", "2024", "2023"]


def test_values_are_shown_in_the_list(client, catalogue):
    soup = BeautifulSoup(client.get(f"{URL}?kind=goi-thau").content, "html.parser")
    assert soup.select_one(".amount").get_text() == "125.000.000.000 đ"


@pytest.mark.parametrize(
    "query",
    [
        "kind=khong-co",
        "status=moi-thau%00",
        "year=1900",
        "year=-2026",
        "year=99999999999999999999",
        "year=2026.5",
        "sector=%27%20OR%201%3D1--",
        "q=" + "%E2%80%AE" * 2000,
        "q=%00",
        "q=%25_%25",
        "q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "page=0",
        "page=-5",
        "page=abc",
        "page=99999999",
        "kind[]=goi-thau",
        "kind=goi-thau&kind=mua-sam",
        "%C0%AF=%C0%AF",
    ],
)
def test_hostile_querystrings_never_break_the_list(client, catalogue, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert b"<img src=x onerror" not in response.content


def test_an_invalid_filter_is_ignored_with_a_note(client, catalogue):
    response = client.get(f"{URL}?year=1900&sector=y-te")
    assert slugs(response) == ["benh-vien", "thiet-bi-y-te"]
    assert "bộ lọc không hợp lệ" in response.content.decode()


def count_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?kind=du-an&status=thuc-hien&year=2025&sector=giao-thong&q=duong"])
def test_the_list_runs_the_same_queries_with_3_or_40_projects(client, lists, query):
    for index in range(3):
        ProjectPageFactory(parent=lists.main, title=f"Đường tỉnh {index}")
    small = count_queries(client, URL + query)
    for index in range(37):
        ProjectPageFactory(
            parent=lists.main, title=f"Đường tỉnh {index}", start_date=datetime.date(2020 + index % 6, 1, 1)
        )
    assert count_queries(client, URL + query) == small


def test_a_project_page_runs_a_fixed_number_of_queries(client, lists):
    from .factories import make_document, pdf_bytes

    page = ProjectPageFactory(parent=lists.main, slug="mot")
    from portal.procurement.models import ProjectDocument

    ProjectDocument.objects.create(page=page, document=make_document(lists.main_unit.collection, "a.pdf", pdf_bytes()))
    url = "/vi/tin-tuc-su-kien/du-an-dau-thau/mot/"
    few = count_queries(client, url)
    for index in range(5):
        ProjectDocument.objects.create(
            page=page, document=make_document(lists.main_unit.collection, f"b{index}.pdf", pdf_bytes())
        )
    assert count_queries(client, url) == few
