"""Public contacts are edited through the admin, by HTTP: validation, duplicates, who may edit which unit."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from subportals.models import Unit, UnitContact
from subportals.provisioning import ensure_management_group
from tests.directory.factories import give_contacts
from tests.factories import UserFactory, make_unit, member

pytestmark = pytest.mark.django_db


def contact(**overrides):
    data = {
        "full_name": "Nguyễn Văn An",
        "position_vi": "Giám đốc Sở",
        "position_en": "Director",
        "position_ru": "Директор",
        "email": "nvan@khanhhoa.gov.vn",
        "phone": "0258 3 822 946",
        "confirmed_at": "01/03/2026",
    }
    data.update(overrides)
    return data


def public_form(unit: Unit, contacts=(), **overrides):
    data = {
        "public_email": "syt@khanhhoa.gov.vn",
        "public_phone": "(0258) 3 822 946",
        "public_address": "Số 04 Phan Chu Trinh, phường Xương Huân, thành phố Nha Trang",
        "public_website": "",
        "contacts": inline_formset(list(contacts)),
    }
    data.update(overrides)
    return data


def unit_form(unit: Unit, contacts=(), **overrides):
    """The management unit's full Unit screen (snippet edit)."""
    data = {
        "code": unit.code,
        "kind": unit.kind,
        "is_active": "on",
        "name_vi": unit.name_vi,
        "name_en": unit.name_en,
        "name_ru": unit.name_ru,
        "contact_emails": "",
        "update_rule": unit.update_rule,
        "min_updates": str(unit.min_updates),
        "monitoring_start": "",
    }
    data.update(public_form(unit, contacts, **overrides))
    return nested_form_data(data)


@pytest.fixture
def units(portal):
    health = make_unit("syt", "department")
    district = make_unit("camlam", "district")
    return portal.unit, health, district


@pytest.fixture
def manager(client):
    user = UserFactory(username="quanly.cong")
    user.groups.add(ensure_management_group())
    return user


def edit_url(unit: Unit) -> str:
    return f"/admin/snippets/subportals/unit/edit/{unit.pk}/"


def own_url(unit: Unit) -> str:
    return f"/admin/directory/units/{unit.pk}/"


def test_manager_saves_public_contacts_on_the_unit_screen(client, units, manager):
    _main, health, _district = units
    client.force_login(manager)
    assert "Người liên hệ" in client.get(edit_url(health)).content.decode()
    response = client.post(
        edit_url(health),
        unit_form(health, [contact(email="NVAn@KhanhHoa.gov.vn "), contact(full_name="Lê Thị Mai", email="")]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    health.refresh_from_db()
    assert health.public_email == "syt@khanhhoa.gov.vn"
    people = list(health.contacts.order_by("sort_order"))
    assert [person.full_name for person in people] == ["Nguyễn Văn An", "Lê Thị Mai"]
    assert people[0].email == "nvan@khanhhoa.gov.vn"
    assert people[0].confirmed_at == datetime.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("overrides", "contacts", "message"),
    [
        ({"public_email": "khong-phai-email"}, [], "Nhập địa chỉ email"),
        ({"public_phone": "12345"}, [], "không đúng định dạng Việt Nam"),
        ({"public_website": "javascript:alert(1)"}, [], "URL hợp lệ"),
        ({"public_website": "ftp://khanhhoa.gov.vn/"}, [], "URL hợp lệ"),
        ({}, [contact(phone="0123 456 789")], "không đúng định dạng Việt Nam"),
        ({}, [contact(email="an@@khanhhoa")], "Nhập địa chỉ email"),
        ({}, [contact(full_name="=HYPERLINK(1)")], "Họ và tên"),
        ({}, [contact(full_name="")], "bắt buộc"),
        ({}, [contact(), contact(full_name="nguyen van an", email="khac@khanhhoa.gov.vn")], "đã có trong danh sách"),
        ({}, [contact(), contact(full_name="Trần Văn Bình")], "đã dùng cho người liên hệ khác"),
        ({}, [contact(confirmed_at="31/02/2026")], "ngày hợp lệ"),
        ({}, [contact(full_name="A" * 400)], "tối đa"),
    ],
)
def test_bad_contacts_are_refused_and_typed_text_kept(client, units, manager, overrides, contacts, message):
    _main, health, _district = units
    client.force_login(manager)
    response = client.post(edit_url(health), unit_form(health, contacts, **overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Số 04 Phan Chu Trinh" in html  # nothing typed is lost
    health.refresh_from_db()
    assert health.public_address == "" and not health.contacts.exists()


def test_future_confirmation_date_is_refused(client, units, manager):
    _main, health, _district = units
    client.force_login(manager)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    response = client.post(edit_url(health), unit_form(health, [contact(confirmed_at=tomorrow)]))
    assert response.status_code == 200
    assert "tương lai" in response.content.decode()


def test_non_official_address_is_allowed(client, units, manager):
    _main, health, _district = units
    client.force_login(manager)
    response = client.post(edit_url(health), unit_form(health, [contact(email="so.yte.khanhhoa@gmail.com")]))
    assert response.status_code == 302
    assert health.contacts.get().email == "so.yte.khanhhoa@gmail.com"


def test_board_head_edits_own_units_contacts(client, units):
    _main, health, _district = units
    head = member(health, "board_head", "truongban.syt")
    client.force_login(head)
    response = client.get("/admin/directory/units/")
    assert response.status_code == 302 and response["Location"].endswith(own_url(health))
    page = client.get(own_url(health))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Người liên hệ" in html and "name_vi" not in html and "update_rule" not in html
    response = client.post(own_url(health), nested_form_data(public_form(health, [contact()])))
    assert response.status_code == 302
    assert health.contacts.get().full_name == "Nguyễn Văn An"
    # Fields outside the screen cannot be changed through it.
    response = client.post(
        own_url(health), nested_form_data(public_form(health, [], name_vi="Đã đổi tên", is_active=""))
    )
    health.refresh_from_db()
    assert health.name_vi != "Đã đổi tên" and health.is_active


def test_board_head_cannot_reach_another_units_contacts(client, units):
    _main, health, district = units
    give_contacts(district, email="ubndcamlam@khanhhoa.gov.vn", people=[("Lê Văn Cường", "Chủ tịch", "", "")])
    head = member(health, "board_head", "truongban.syt")
    client.force_login(head)
    for method in (client.get, client.post):
        response = method(own_url(district), nested_form_data(public_form(district, [contact()])))
        assert response.status_code == 404
        assert "Lê Văn Cường" not in response.content.decode()
    assert list(district.contacts.values_list("full_name", flat=True)) == ["Lê Văn Cường"]
    # Nor the management unit's Unit screen.
    assert client.get(edit_url(district)).status_code in (302, 403)


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_editors_and_reviewers_do_not_edit_contacts(client, units, role):
    _main, health, _district = units
    client.force_login(member(health, role, f"{role}.syt"))
    assert client.get("/admin/directory/units/").status_code == 404
    assert client.get(own_url(health)).status_code == 404


def test_manager_reaches_every_unit(client, units, manager):
    client.force_login(manager)
    listing = client.get("/admin/directory/units/")
    assert listing.status_code == 200
    for unit in units:
        assert own_url(unit) in listing.content.decode()
        assert client.get(own_url(unit)).status_code == 200


def test_own_screen_refuses_duplicates_and_keeps_rows(client, units):
    _main, health, _district = units
    client.force_login(member(health, "board_head", "truongban.syt"))
    rows = [contact(), contact(full_name="Nguyễn  Văn An", email="")]
    response = client.post(own_url(health), nested_form_data(public_form(health, rows)))
    assert response.status_code == 200
    assert "đã có trong danh sách" in response.content.decode()
    assert not UnitContact.objects.filter(unit=health).exists()


def test_anonymous_is_sent_to_login(client, units):
    _main, health, _district = units
    response = client.get(own_url(health))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_unofficial_address_is_saved_with_a_warning(client, units):
    _main, health, _district = units
    client.force_login(member(health, "board_head", "truongban.syt"))
    rows = [contact(email="so.yte.khanhhoa@gmail.com")]
    response = client.post(own_url(health), nested_form_data(public_form(health, rows)), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "không phải thư điện tử công vụ" in html and "so.yte.khanhhoa@gmail.com" in html
    assert health.contacts.get().email == "so.yte.khanhhoa@gmail.com"
