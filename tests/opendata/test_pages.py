"""Public dataset pages: downloads, preview and chart, broken files, filters, query budget, languages."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.opendata.models import DatasetPage
from tests.opendata.factories import (
    POPULATION_ROWS,
    csv_bytes,
    localize,
    make_dataset,
    make_document,
    xlsx_bytes,
    zip_bomb_xlsx,
)

pytestmark = pytest.mark.django_db


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def population(index, portal):
    csv_document = make_document(csv_bytes(), "dan-so-2024.csv", portal.unit.collection, "Dân số 2024 (CSV)")
    xlsx_document = make_document(xlsx_bytes(POPULATION_ROWS), "dan-so-2024.xlsx", portal.unit.collection)
    return make_dataset(index, [csv_document, xlsx_document])


def test_detail_page_shows_downloads_preview_and_chart(client, population):
    html = html_of(client, population.url)
    assert "Cục Thống kê tỉnh Khánh Hòa" in html
    assert "Giấy phép dữ liệu mở (CC BY 4.0)" in html and "creativecommons.org/licenses/by/4.0" in html
    assert "01/01/2024" in html and "31/12/2024" in html and "15/03/2025" in html
    # Downloads: both files with format and size.
    csv_document = population.resources.first().document
    assert f'href="{csv_document.url}"' in html
    assert "CSV · 297" in html and "XLSX · " in html and "KB" in html
    # Preview table of the first file, numbers right-aligned.
    assert '<th scope="col">Dân số trung bình (người)</th>' in html
    assert '<td class="num">435.100</td>' in html
    # Chart: accessible SVG of column 3 by column 1.
    assert "<svg" in html and "<desc" in html and html.count("<rect") == 6
    assert "Cao nhất: Thành phố Nha Trang (435.100)" in html
    assert population.category.code == "du-lieu-thong-ke"


BROKEN_FILES = {
    "unbalanced quotes": ('Huyện;Dân số\n"Cam Lâm;112.300\nKhánh Sơn;25.000\n'.encode(), "x.csv", "lỗi định dạng"),
    "binary junk": (bytes(range(1, 256)) * 30, "x.csv", "nhị phân"),
    "empty": (b"\n\n", "x.csv", "không có dữ liệu"),
    "zip bomb": (zip_bomb_xlsx(), "x.xlsx", "cấu trúc bất thường"),
    "truncated xlsx": (xlsx_bytes(POPULATION_ROWS)[:500], "x.xlsx", "không phải bảng dữ liệu"),
}


@pytest.mark.parametrize("case", list(BROKEN_FILES))
def test_broken_file_gives_a_message_and_the_page_answers(client, index, case):
    data, name, words = BROKEN_FILES[case]
    # Stored as if it had come in before the checks (or another way): the page must still answer.
    dataset = make_dataset(index, [make_document(data, name)], slug="hong")
    html = html_of(client, dataset.url)
    assert words in html
    assert 'class="notice"' in html
    assert "<svg role" not in html


def test_huge_file_gives_a_message(client, index, settings):
    settings.OPENDATA_PREVIEW_MAX_BYTES = 512 * 1024
    data = ("Huyện;Dân số\n" + "Cam Lâm;112.300\n" * 60_000).encode()
    dataset = make_dataset(index, [make_document(data, "rat-lon.csv")], slug="rat-lon")
    html = html_of(client, dataset.url)
    assert "không xem trước được trên trang" in html
    assert "rat-lon" in html  # the file is still offered for download


def test_ten_thousand_columns_and_one_column(client, index):
    wide = ",".join(f"c{i}" for i in range(10_000)) + "\n" + ",".join(str(i) for i in range(10_000)) + "\n"
    dataset = make_dataset(index, [make_document(wide.encode(), "rong.csv")], slug="rong", chart_value_column=2)
    html = html_of(client, dataset.url)
    assert "Chỉ hiển thị 20 trên 10000 cột" in html or "Chỉ hiển thị 20 trên 10.000 cột" in html
    narrow = make_dataset(index, [make_document("Huyện\nCam Lâm\n".encode(), "mot-cot.csv")], slug="mot-cot")
    html = html_of(client, narrow.url)
    assert "Cam Lâm" in html and "không có cột số 3" in html


def test_chart_message_when_the_column_holds_no_numbers(client, index):
    dataset = make_dataset(
        index, [make_document(csv_bytes(), "dan-so.csv")], slug="khong-so", chart_value_column=1, chart_label_column=2
    )
    assert "không có giá trị số" in html_of(client, dataset.url)


def test_line_chart_with_missing_values(client, index):
    rows = [["Tháng", "Lượt khách"], ["Tháng 1", "812,5"], ["Tháng 2", ".."], ["Tháng 3", "1.020"], ["Tháng 4", "987"]]
    dataset = make_dataset(
        index,
        [make_document(xlsx_bytes(rows), "khach.xlsx")],
        slug="khach",
        chart_kind="line",
        chart_value_column=2,
    )
    html = html_of(client, dataset.url)
    assert html.count("<polyline") == 2 and "1 ô không có số liệu" in html


def test_legacy_encoded_csv_is_shown_in_unicode(client, index):
    dataset = make_dataset(index, [make_document(csv_bytes(encoding="tcvn3"), "tcvn3.csv")], slug="tcvn3")
    html = html_of(client, dataset.url)
    assert "Thị xã Ninh Hòa" in html and "bảng mã cũ TCVN3" in html


def test_dataset_without_files(client, index):
    html = html_of(client, make_dataset(index, [], slug="chua-co-tep").url)
    assert "chưa có tệp" in html


def make_catalogue(index, portal) -> None:
    document = make_document(csv_bytes(), "dan-so.csv", portal.unit.collection)
    workbook = make_document(xlsx_bytes(POPULATION_ROWS), "du-lich.xlsx", portal.unit.collection)
    make_dataset(index, [document], slug="dan-so")
    make_dataset(
        index,
        [workbook],
        slug="khach-du-lich",
        title="Khách du lịch đến Khánh Hòa theo tháng",
        summary="Lượt khách quốc tế và nội địa.",
        publisher="Sở Du lịch",
        topic="du-lich",
        updated_on=datetime.date(2026, 1, 10),
    )
    make_dataset(
        index,
        [document],
        slug="grdp",
        title="Tổng sản phẩm trên địa bàn (GRDP)",
        summary="GRDP theo giá hiện hành, 2020–2024.",
        topic="kinh-te",
        updated_on=datetime.date(2025, 6, 30),
    )


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("", ["dan-so", "khach-du-lich", "grdp"], []),
        ("topic=du-lich", ["khach-du-lich"], ["/dan-so/", "/grdp/"]),
        ("publisher=S%E1%BB%9F+Du+l%E1%BB%8Bch", ["khach-du-lich"], ["/dan-so/", "/grdp/"]),
        ("format=xlsx", ["khach-du-lich"], ["/dan-so/", "/grdp/"]),
        ("format=csv", ["/dan-so/", "/grdp/"], ["khach-du-lich/"]),
        ("year=2025", ["/dan-so/", "/grdp/"], ["khach-du-lich/"]),
        ("q=khach+du+lich", ["khach-du-lich"], ["/dan-so/", "/grdp/"]),
        ("q=KH%C3%81CH", ["khach-du-lich"], ["/dan-so/"]),
        ("q=cuc+thong+ke", ["/dan-so/", "/grdp/"], ["khach-du-lich/"]),  # the publisher is searched too
        ("q=tep+so+1+dan+so", ["/dan-so/"], ["khach-du-lich/", "/grdp/"]),  # and the files' titles
        ("q=grdp&topic=kinh-te&year=2025", ["/grdp/"], ["/dan-so/"]),
        ("q=khong+co+gi+ca", [], ["/dan-so/", "khach-du-lich/", "/grdp/"]),
    ],
)
def test_listing_filters(client, index, portal, query, present, absent):
    make_catalogue(index, portal)
    html = html_of(client, f"{index.url}?{query}")
    for text in present:
        assert text in html, text
    for text in absent:
        assert text not in html, text


@pytest.mark.parametrize(
    "query",
    [
        "topic=khong-co",
        "year=abc",
        "year=99999999999999999999",
        "year=-1",
        "format=exe",
        "publisher=%00%00",
        "q=%00%01%02%03",
        "q=" + "a" * 10_000,
        "q=%22%27%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "q=%25%25%25_",
        "q=' OR 1=1 --",
        "q=%E0%A4%A",
        "page=abc",
        "page=-5",
        "page=99999999",
        "topic=du-lich&topic=kinh-te&year=2025&year=2026",
        "topic[]=du-lich",
    ],
)
def test_hostile_querystrings_answer_200(client, index, portal, query):
    make_catalogue(index, portal)
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html


def test_pagination_keeps_filters(client, index, portal, settings):
    settings.OPENDATA_DATASETS_PER_PAGE = 2
    document = make_document(csv_bytes(), "dan-so.csv", portal.unit.collection)
    for number in range(5):
        make_dataset(index, [document], slug=f"bo-{number}", title=f"Dân số năm {2020 + number}")
    html = html_of(client, f"{index.url}?topic=dan-so-lao-dong")
    assert "?q=" not in html and "topic=dan-so-lao-dong&amp;page=2" in html
    assert "5 bộ dữ liệu" in html


def count_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_datasets(client, index, portal):
    make_catalogue(index, portal)
    urls = [index.url, f"{index.url}?q=dan+so&format=csv&year=2025", "/vi/tin-tuc-su-kien/du-lieu-mo/dan-so/"]
    few = [count_queries(client, url) for url in urls]
    document = make_document(csv_bytes(), "them.csv", portal.unit.collection)
    workbook = make_document(xlsx_bytes(POPULATION_ROWS), "them.xlsx", portal.unit.collection)
    for number in range(12):
        make_dataset(index, [document, workbook, document], slug=f"them-{number}", title=f"Dân số {number}")
    page = DatasetPage.objects.get(slug="dan-so")
    for extra in (workbook, document):
        page.resources.create(title="Thêm", document=extra)
    page.save_revision().publish()
    assert [count_queries(client, url) for url in urls] == few


DETAIL = "/{lang}/tin-tuc-su-kien/du-lieu-mo/dan-so-theo-huyen-2024/"


def test_translated_dataset_in_english_and_russian(client, index, population):
    localize(
        population,
        "en",
        {
            "Dân số trung bình theo huyện năm 2024": "Average population by district, 2024",
            "Cục Thống kê tỉnh Khánh Hòa": "Khánh Hòa Statistics Office",
            "Tệp số 1": "Population 2024 (CSV)",
        },
    )
    localize(population, "ru", {"Dân số trung bình theo huyện năm 2024": "Среднегодовая численность населения, 2024"})
    english = html_of(client, DETAIL.format(lang="en"))
    assert "Average population by district, 2024" in english
    assert "Khánh Hòa Statistics Office" in english and "Population 2024 (CSV)" in english
    # Synchronised: dates, topic, licence, files and chart are the source's, in the reader's formats.
    assert "15 March 2025" in english
    assert "(CC BY 4.0)" in english and "<svg role" in english
    assert "Thành phố Nha Trang (435,100)" in english  # the chart's description writes numbers in English
    russian = html_of(client, DETAIL.format(lang="ru"))
    assert "Среднегодовая численность населения, 2024" in russian and "<svg role" in russian
    # Each language's listing shows the dataset in that language.
    assert "Average population by district, 2024" in html_of(client, "/en/tin-tuc-su-kien/du-lieu-mo/")
    assert "Среднегодовая" in html_of(client, "/ru/tin-tuc-su-kien/du-lieu-mo/")
    # A change of a synchronised setting reaches the translation; its translated text stays.
    population.chart_kind = ""
    population.updated_on = datetime.date(2025, 9, 1)
    population.save_revision().publish()
    localize(population, "en", {})
    english = html_of(client, DETAIL.format(lang="en"))
    assert "<svg role" not in english and "Average population by district, 2024" in english
    assert "1 September 2025" in english


def test_hostile_cells_are_shown_as_text(client, index):
    rows = [
        ["Tên", "Giá trị"],
        ['<script>alert("x")</script>', "1"],
        ['=HYPERLINK("http://example.com","bấm")', "2"],
        ["<img src=x onerror=alert(1)>", "3"],
    ]
    dataset = make_dataset(index, [make_document(csv_bytes(rows), "doc-hai.csv")], slug="doc-hai", chart_value_column=2)
    html = html_of(client, dataset.url)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "=HYPERLINK(&quot;http://example.com&quot;,&quot;bấm&quot;)" in html
