"""One command and one admin screen create a complete sub-portal; bad input is refused in Vietnamese."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site, WorkflowPage

from subportals.enums import EditorialRole
from subportals.models import Unit, UnitGroup
from subportals.provisioning import ensure_management_group
from tests.factories import UserFactory, make_unit

pytestmark = pytest.mark.django_db

GOOD = {
    "code": "stnmt",
    "kind": "department",
    "name_vi": "Sở Tài nguyên và Môi trường",
    "name_en": "Department of Natural Resources and Environment",
    "name_ru": "Департамент природных ресурсов и окружающей среды",
    "hostname": "stnmt.khanhhoa.gov.vn",
    "port": "80",
    "contact_emails": "stnmt@khanhhoa.gov.vn\nvanthu.stnmt@khanhhoa.gov.vn",
}


def run(**options) -> str:
    out = io.StringIO()
    call_command("create_subportal", stdout=out, **options)
    return out.getvalue()


def assert_complete(unit: Unit) -> None:
    home = unit.site.root_page
    languages = sorted(p.locale.language_code for p in home.get_translations(inclusive=True).live())
    assert languages == ["en", "ru", "vi"]
    assert {link.role for link in UnitGroup.objects.filter(unit=unit)} == {r.value for r in EditorialRole}
    assert unit.collection is not None and unit.collection.depth == 2
    assert (
        WorkflowPage.objects.filter(page__in=home.get_translations(inclusive=True), workflow=unit.workflow).count() == 3
    )
    assert [t.specific.groups.get().unit_role.role for t in unit.workflow.tasks.all()] == ["reviewer", "board_head"]


def test_command_creates_a_complete_subportal(db):
    make_unit()
    out = run(
        code="stnmt",
        name_vi=GOOD["name_vi"],
        name_en=GOOD["name_en"],
        name_ru=GOOD["name_ru"],
        host="STNMT.khanhhoa.gov.vn.",
        email=["stnmt@khanhhoa.gov.vn"],
    )
    unit = Unit.objects.get(code="stnmt")
    assert "Đã tạo cổng" in out
    assert unit.site.hostname == "stnmt.khanhhoa.gov.vn"
    assert unit.contact_emails == "stnmt@khanhhoa.gov.vn"
    assert_complete(unit)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"code": "Sở Y tế"}, "Mã đơn vị"),
        ({"host": "http://syt.khanhhoa.gov.vn"}, "Tên miền không hợp lệ"),
        ({"host": "a" * 300}, "Tên miền"),
        ({"host": "syt..vn"}, "Tên miền không hợp lệ"),
        ({"email": ["khong-phai-email"]}, "thư điện tử không hợp lệ"),
        ({"kind": "main"}, "Loại đơn vị"),
        ({"name_vi": "   "}, "Tên (tiếng Việt)"),
        ({"port": 0}, "Cổng HTTP"),
    ],
)
def test_command_refuses_bad_input_and_creates_nothing(db, options, message):
    base = {
        "code": "syt",
        "name_vi": "Sở Y tế",
        "name_en": "Department of Health",
        "name_ru": "Здравоохранение",
        "host": "syt.khanhhoa.gov.vn",
    }
    base.update(options)
    pages, sites = Page.objects.count(), Site.objects.count()
    with pytest.raises(CommandError, match=re.escape(message)):
        run(**base)
    assert (Page.objects.count(), Site.objects.count()) == (pages, sites)
    assert not Unit.objects.exists()


def test_command_refuses_taken_code_and_host(db):
    make_unit("syt", "department", hostname="syt.khanhhoa.gov.vn")
    with pytest.raises(CommandError, match="đã được dùng"):
        run(code="syt", name_vi="X", name_en="X", name_ru="X", host="other.khanhhoa.gov.vn")
    with pytest.raises(CommandError, match="đã được một cổng khác sử dụng"):
        run(code="khac", name_vi="X", name_en="X", name_ru="X", host="syt.khanhhoa.gov.vn")


@pytest.fixture
def manager_client(client, db):
    make_unit()
    user = UserFactory(username="quanly.cong")
    user.groups.add(ensure_management_group())
    client.force_login(user)
    return client


def test_admin_screen_creates_a_complete_subportal(manager_client):
    response = manager_client.get("/admin/subportals/new/")
    assert response.status_code == 200
    assert "Tạo cổng thành phần" in response.content.decode()
    response = manager_client.post("/admin/subportals/new/", GOOD)
    assert response.status_code == 302
    assert_complete(Unit.objects.get(code="stnmt"))


def test_admin_screen_keeps_input_on_error(manager_client):
    response = manager_client.post("/admin/subportals/new/", {**GOOD, "hostname": "khong hop le!"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tên miền không hợp lệ" in html
    assert GOOD["name_ru"] in html
    assert not Unit.objects.filter(code="stnmt").exists()


def test_editors_cannot_create_subportals(client, db):
    unit = make_unit("syt", "department")
    editor = UserFactory(username="bientap.syt")
    editor.groups.add(UnitGroup.objects.get(unit=unit, role=EditorialRole.BOARD_HEAD).group)
    client.force_login(editor)
    assert client.get("/admin/subportals/new/").status_code in (302, 403)
    response = client.post("/admin/subportals/new/", GOOD)
    assert response.status_code in (302, 403)
    assert not Unit.objects.filter(code="stnmt").exists()


def test_units_cannot_be_deleted_only_deactivated(manager_client, client):
    unit = make_unit("syt", "department")
    assert manager_client.post(f"/admin/snippets/subportals/unit/delete/{unit.pk}/").status_code in (302, 403)
    assert Unit.objects.filter(pk=unit.pk).exists()
    root_before = unit.site.root_page_id
    unit.is_active = False
    unit.save()
    assert client.get("/vi/", HTTP_HOST="syt.localhost").status_code == 404
    assert Page.objects.filter(pk=root_before).exists()
