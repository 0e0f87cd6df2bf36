"""The public list of procedures: every filter, combined filters, hostile querystrings, a fixed query count."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.procedures.rules import OnlineLevel

from .factories import ProcedurePageFactory, make_field

pytestmark = pytest.mark.django_db

URL = "/vi/tin-tuc-su-kien/thu-tuc-hanh-chinh/"


@pytest.fixture
def catalogue(lists):
    """Five procedures of three fields, units, levels and online levels; one unpublished, one elsewhere."""
    building, civil, business = (
        make_field("Hoạt động xây dựng"),
        make_field("Hộ tịch"),
        make_field("Đăng ký kinh doanh"),
    )
    specs = [
        ("1.009972", "Cấp giấy phép xây dựng mới", building, "Sở Xây dựng", {"at_province": True}, OnlineLevel.PARTIAL),
        (
            "1.009994",
            "Cấp giấy phép sửa chữa nhà ở",
            building,
            "UBND cấp huyện",
            {"at_district": True},
            OnlineLevel.FULL,
        ),
        ("1.001193", "Đăng ký khai sinh", civil, "UBND cấp xã", {"at_commune": True}, OnlineLevel.FULL),
        (
            "2.000720",
            "Đăng ký thành lập hộ kinh doanh",
            business,
            "UBND cấp huyện",
            {"at_district": True},
            OnlineLevel.INFO,
        ),
        (
            "1.004227",
            "Đăng ký kết hôn",
            civil,
            "UBND cấp xã",
            {"at_commune": True, "at_district": True},
            OnlineLevel.PARTIAL,
        ),
    ]
    for code, title, field, unit, levels, online in specs:
        ProcedurePageFactory(
            parent=lists.main,
            national_code=code,
            title=title,
            field=field,
            competent_unit=unit,
            summary=f"{title}.",
            online_level=online,
            at_province=levels.get("at_province", False),
            at_district=levels.get("at_district", False),
            at_commune=levels.get("at_commune", False),
        )
    ProcedurePageFactory(parent=lists.main, national_code="1.000001", title="Thủ tục nháp", live=False)
    ProcedurePageFactory(parent=lists.district, national_code="1.000002", title="Thủ tục của Nha Trang")
    return lists


def codes(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(cell.get_text(strip=True) for cell in soup.select(".procedure-row__code"))


def test_the_list_shows_its_own_live_procedures_only(client, catalogue):
    assert codes(client.get(URL)) == ["1.001193", "1.004227", "1.009972", "1.009994", "2.000720"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("field=hoat-dong-xay-dung", ["1.009972", "1.009994"]),
        ("agency=UBND+c%E1%BA%A5p+x%C3%A3", ["1.001193", "1.004227"]),
        ("level=tinh", ["1.009972"]),
        ("level=huyen", ["1.004227", "1.009994", "2.000720"]),
        ("level=xa", ["1.001193", "1.004227"]),
        ("online=toan-trinh", ["1.001193", "1.009994"]),
        ("online=thong-tin", ["2.000720"]),
        ("q=giay+phep", ["1.009972", "1.009994"]),
        ("q=GIẤY+PHÉP+xây", ["1.009972", "1.009994"]),
        ("q=dang+ky+ket+hon", ["1.004227"]),
        ("q=2.000720", ["2.000720"]),
        ("q=so+xay+dung", ["1.009972"]),
        ("field=ho-tich&level=huyen", ["1.004227"]),
        ("field=hoat-dong-xay-dung&online=toan-trinh&level=huyen&q=sua+chua", ["1.009994"]),
        ("field=ho-tich&online=thong-tin", []),
        ("agency=UBND+c%E1%BA%A5p+huy%E1%BB%87n&q=kinh+doanh", ["2.000720"]),
    ],
)
def test_each_filter_and_their_combinations(client, catalogue, query, expected):
    assert codes(client.get(f"{URL}?{query}")) == expected


def test_filters_offer_only_what_the_list_holds(client, catalogue):
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    fields = [option["value"] for option in soup.select("select[name=field] option") if option["value"]]
    assert sorted(fields) == ["dang-ky-kinh-doanh", "ho-tich", "hoat-dong-xay-dung"]
    agencies = [option.get_text() for option in soup.select("select[name=agency] option")][1:]
    assert agencies == ["Sở Xây dựng", "UBND cấp huyện", "UBND cấp xã"]


def test_the_chosen_filters_stay_in_the_form_and_the_pages(client, catalogue):
    for index in range(25):
        ProcedurePageFactory(parent=catalogue.main, national_code=f"3.{index:06d}", online_level=OnlineLevel.FULL)
    soup = BeautifulSoup(client.get(f"{URL}?online=toan-trinh&q=thu+tuc").content, "html.parser")
    assert soup.select_one("select[name=online] option[selected]")["value"] == "toan-trinh"
    assert soup.select_one("#id_q")["value"] == "thu tuc"
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert "online=toan-trinh" in next_link and "q=thu+tuc" in next_link and "page=2" in next_link
    assert len(codes(client.get(f"{URL}?online=toan-trinh&q=thu+tuc&page=2"))) == 5


@pytest.mark.parametrize(
    "query",
    [
        "field=khong-co",
        "level=tinh%00",
        "level=bo",
        "online=%27%3B+DROP+TABLE+wagtailcore_page%3B--",
        "agency=" + "x" * 5000,
        "q=" + "%F0%9F%92%A3" * 3000,
        "q=%00%01%02",
        "q=%25%25%25__",
        "q=%22%27%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "page=-1",
        "page=abc",
        "page=99999999999999999999999",
        "page=1e309",
        "level=tinh&level=xa&level[]=huyen",
        "field[]=ho-tich",
        "q=" + "a " * 500,
        "%FF%FE=1",
    ],
)
def test_hostile_querystrings_never_break_the_list(client, catalogue, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def test_an_invalid_filter_is_ignored_with_a_note(client, catalogue):
    response = client.get(f"{URL}?field=khong-co&level=tinh")
    assert codes(response) == ["1.009972"]
    assert "bộ lọc không hợp lệ" in response.content.decode()


def test_nothing_found_says_so(client, catalogue):
    response = client.get(f"{URL}?q=khong+ton+tai")
    assert codes(response) == []
    assert "Không có thủ tục nào khớp" in response.content.decode()


def count_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?q=giay+phep&level=tinh&online=mot-phan&field=hoat-dong-xay-dung"])
def test_the_list_runs_the_same_queries_with_3_or_40_procedures(client, lists, query):
    fields = [make_field(f"Lĩnh vực {index}") for index in range(3)]
    for index in range(3):
        ProcedurePageFactory(parent=lists.main, field=fields[index], title=f"Cấp giấy phép {index}")
    small = count_queries(client, URL + query)
    for index in range(37):
        ProcedurePageFactory(parent=lists.main, field=make_field(f"Lĩnh vực {index % 9}"), competent_unit=f"Sở {index}")
    assert count_queries(client, URL + query) == small


def test_a_procedure_page_runs_a_fixed_number_of_queries(client, lists):
    page = ProcedurePageFactory(parent=lists.main, required_papers=[("paper", {"name": "Tờ khai", "copies": ""})])
    url = page.url
    few = count_queries(client, url)
    ProcedurePageFactory(parent=lists.main)
    assert count_queries(client, url) == few
