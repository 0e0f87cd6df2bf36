"""The public directory: generated from the active units and their contacts, filters, CSV, languages."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.directory.models import DirectoryScope
from subportals.models import Unit, UnitContact
from tests.directory.factories import give_contacts, make_directory
from tests.factories import make_unit, translate
from tests.opendata.factories import localize

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(portal):
    give_contacts(
        portal.unit,
        email="ubnd@khanhhoa.gov.vn",
        people=[
            ("Nguyễn Tấn Tuân", "Chủ tịch UBND tỉnh", "nttuan@khanhhoa.gov.vn", "(0258) 3 822 661"),
            ("Trần Hòa Nam", "Phó Chủ tịch UBND tỉnh", "thnam@khanhhoa.gov.vn", ""),
        ],
    )
    health = make_unit("syt", "department")
    give_contacts(
        health,
        email="syt@khanhhoa.gov.vn",
        phone="0258 3 822 946",
        address="Số 04 Phan Chu Trinh, Nha Trang",
        people=[("Hoàng Văn Phong", "Giám đốc Sở Y tế", "hvphong@khanhhoa.gov.vn", "0905 111 222")],
    )
    district = make_unit("camlam", "district")
    give_contacts(district, email="ubndcamlam@khanhhoa.gov.vn", address="Thị trấn Cam Đức, huyện Cam Lâm")
    page = make_directory(portal.home)
    translate(page, "en", title="Directory of official addresses")
    translate(page, "ru", title="Справочник официальных адресов")
    return page


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_directory_lists_units_grouped_by_kind_with_links(client, directory):
    html = html_of(client, "/vi/danh-ba/")
    assert html.index("Cơ quan cấp tỉnh") < html.index("Sở, ban, ngành") < html.index("Huyện, thị xã, thành phố")
    assert 'href="mailto:syt@khanhhoa.gov.vn"' in html
    assert 'href="tel:+842583822946"' in html
    assert "Số 04 Phan Chu Trinh, Nha Trang" in html
    assert 'href="http://syt.localhost/vi/"' in html
    assert "Hoàng Văn Phong" in html and "Giám đốc Sở Y tế" in html
    assert 'href="tel:+84905111222"' in html
    assert "3 đơn vị" in html


def test_inactive_unit_is_never_shown(client, directory):
    Unit.objects.filter(code="syt").update(is_active=False)
    html = html_of(client, "/vi/danh-ba/")
    assert "syt@khanhhoa.gov.vn" not in html and "Hoàng Văn Phong" not in html
    assert "syt@khanhhoa.gov.vn" not in client.get("/vi/danh-ba/csv/").content.decode("utf-8-sig")


def test_contact_changes_appear_at_once(client, directory):
    assert "Lê Thị Mai" not in html_of(client, "/vi/danh-ba/")
    health = Unit.objects.get(code="syt")
    UnitContact.objects.create(unit=health, full_name="Lê Thị Mai", position_vi="Chánh Văn phòng Sở")
    UnitContact.objects.filter(full_name="Hoàng Văn Phong").update(position_vi="Phó Giám đốc phụ trách")
    html = html_of(client, "/vi/danh-ba/")
    assert "Lê Thị Mai" in html and "Phó Giám đốc phụ trách" in html
    UnitContact.objects.filter(full_name="Lê Thị Mai").delete()
    assert "Lê Thị Mai" not in html_of(client, "/vi/danh-ba/")


def test_filter_by_kind_and_name_without_diacritics(client, directory):
    html = html_of(client, "/vi/danh-ba/?kind=department")
    assert "syt@khanhhoa.gov.vn" in html and "ubnd@khanhhoa.gov.vn" not in html and "1 đơn vị" in html
    html = html_of(client, "/vi/danh-ba/?q=cam+lam")
    assert "ubndcamlam@khanhhoa.gov.vn" in html and "syt@khanhhoa.gov.vn" not in html
    html = html_of(client, "/vi/danh-ba/?q=hoang+van+phong")  # a contact's name finds the unit
    assert "syt@khanhhoa.gov.vn" in html and "ubndcamlam" not in html
    html = html_of(client, "/vi/danh-ba/?q=khong+co+don+vi+nay")
    assert "Không có đơn vị nào khớp" in html


@pytest.mark.parametrize(
    "query",
    [
        "kind=xyz",
        "kind=main&kind=district",
        "q=%00%01%02",
        "q=" + "a" * 5000,
        "q=%22%27%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "q=%E0%A4",
        "kind[]=main",
        "q=' OR 1=1 --",
        "page=-1&kind=&q=",
    ],
)
def test_hostile_querystrings_answer_200(client, directory, query):
    response = client.get(f"/vi/danh-ba/?{query}")
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()
    assert client.get(f"/vi/danh-ba/csv/?{query}").status_code == 200


def test_own_scope_lists_only_the_units_own_contacts(client, directory):
    health = Unit.objects.get(code="syt")
    page = make_directory(health.site.root_page, title="Danh bạ Sở Y tế", scope=DirectoryScope.OWN)
    response = client.get(page.url, HTTP_HOST="syt.localhost")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hoàng Văn Phong" in html
    assert "ubnd@khanhhoa.gov.vn" not in html and "ubndcamlam" not in html


def test_query_count_does_not_grow_with_units(client, directory):
    def count(url: str) -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count("/vi/danh-ba/"), count("/vi/danh-ba/csv/")
    for index in range(6):
        unit = make_unit(f"huyen{index}", "district")
        give_contacts(
            unit,
            email=f"huyen{index}@khanhhoa.gov.vn",
            people=[(f"Nguyễn Văn {name}", "Chủ tịch UBND huyện", "", "") for name in ("An", "Bình", "Cường")],
        )
    assert (count("/vi/danh-ba/"), count("/vi/danh-ba/csv/")) == few


def test_csv_export_guards_formulas_and_keeps_vietnamese(client, directory):
    health = Unit.objects.get(code="syt")
    Unit.objects.filter(pk=health.pk).update(public_address='=HYPERLINK("http://example.com","Bấm vào đây")')
    UnitContact.objects.filter(full_name="Hoàng Văn Phong").update(position_vi="+Giám đốc; -cmd|' /C calc'!A0")
    response = client.get("/vi/danh-ba/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Danh bạ thư điện tử"]
    header = rows[3]
    assert header[:2] == ["Nhóm", "Đơn vị"]
    by_email = {row[2]: row for row in rows[4:]}
    health_row = by_email["syt@khanhhoa.gov.vn"]
    assert health_row[4].startswith("'=HYPERLINK")
    assert health_row[7].startswith("'+Giám đốc")
    assert health_row[6] == "Hoàng Văn Phong" and health_row[10] == "01/03/2026"
    # A unit with two contacts gives two rows; one without contacts, one row.
    assert sum(row[2] == "ubnd@khanhhoa.gov.vn" for row in rows[4:]) == 2
    assert sum(row[2] == "ubndcamlam@khanhhoa.gov.vn" for row in rows[4:]) == 1


def test_csv_follows_the_filters(client, directory):
    text = client.get("/vi/danh-ba/csv/?kind=district").content.decode("utf-8-sig")
    assert "ubndcamlam@khanhhoa.gov.vn" in text and "syt@khanhhoa.gov.vn" not in text


def test_directory_in_three_languages(client, directory):
    vi = html_of(client, "/vi/danh-ba/")
    en = html_of(client, "/en/danh-ba/")
    ru = html_of(client, "/ru/danh-ba/")
    assert "Danh bạ thư điện tử" in vi
    assert "Directory of official addresses" in en and "Unit syt" in en
    assert "Справочник официальных адресов" in ru and "Подразделение syt" in ru
    # Positions in the reader's language, addresses of the sub-portal in that language.
    assert "Giám đốc Sở Y tế (EN)" in en and "Giám đốc Sở Y tế (RU)" in ru
    assert 'href="http://syt.localhost/en/"' in en and 'href="http://syt.localhost/ru/"' in ru
    # Synchronised settings: the translation keeps the scope and the contacts table.
    assert "Hoàng Văn Phong" in en and "Hoàng Văn Phong" in ru
    assert 'href="mailto:syt@khanhhoa.gov.vn"' in ru


def test_hidden_contacts_setting_is_synchronised(client, portal):
    give_contacts(portal.unit, email="ubnd@khanhhoa.gov.vn", people=[("Nguyễn Tấn Tuân", "Chủ tịch", "", "")])
    page = make_directory(portal.home, intro="<p>Địa chỉ thư điện tử công vụ của các cơ quan.</p>")
    localize(
        page,
        "en",
        {
            "Danh bạ thư điện tử": "Official addresses",
            "Địa chỉ thư điện tử công vụ của các cơ quan.": "Official e-mail addresses of the agencies.",
        },
    )
    english = html_of(client, "/en/danh-ba/")
    assert "Official addresses" in english and "Official e-mail addresses of the agencies." in english
    assert "Nguyễn Tấn Tuân" in english
    page.show_contacts = False
    page.save_revision().publish()
    localize(page, "en", {})  # "sync translated pages": the setting follows, the translated text stays
    english = html_of(client, "/en/danh-ba/")
    assert "Official addresses" in english
    assert "Nguyễn Tấn Tuân" not in english and "ubnd@khanhhoa.gov.vn" in english
