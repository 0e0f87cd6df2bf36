"""The field vocabulary: kept by the management unit, used by units, never deleted while procedures use it."""

from __future__ import annotations

import pytest
from django.utils import translation

from portal.procedures.models import ProcedureField
from subportals.provisioning import ensure_management_group
from tests.factories import UserFactory

from .factories import ProcedurePageFactory, make_field

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/procedures/procedurefield/add/"


@pytest.fixture
def manager(db):
    user = UserFactory(username="trungtam.quanly")
    user.groups.add(ensure_management_group())
    return user


def test_the_management_unit_adds_a_field_with_its_code_made_from_the_name(client, manager):
    client.force_login(manager)
    response = client.post(ADD_URL, {"name_vi": "Hộ tịch", "name_en": "Civil status", "name_ru": "", "code": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    field = ProcedureField.objects.get()
    assert (field.code, field.folded_name) == ("ho-tich", "ho tich")


def test_the_same_name_without_diacritics_is_refused(client, manager):
    make_field("Hộ tịch")
    client.force_login(manager)
    response = client.post(ADD_URL, {"name_vi": "HO TICH", "name_en": "", "name_ru": "", "code": ""})
    assert response.status_code == 200
    assert "Đã có lĩnh vực cùng tên" in response.content.decode()
    assert ProcedureField.objects.count() == 1


def test_a_units_editor_cannot_edit_the_vocabulary(client, lists):
    client.force_login(lists.main_editor)
    response = client.post(ADD_URL, {"name_vi": "Tôn giáo", "name_en": "", "name_ru": "", "code": ""})
    assert response.status_code in (302, 403) and "/admin/snippets/" not in response.get("Location", "")
    assert not ProcedureField.objects.exists()


def test_a_field_in_use_is_not_deleted(client, lists, manager):
    field = make_field("Hoạt động xây dựng")
    ProcedurePageFactory(parent=lists.main, field=field)
    client.force_login(manager)
    response = client.post(f"/admin/snippets/procedures/procedurefield/delete/{field.pk}/")
    assert response.status_code in (200, 302, 403)
    assert ProcedureField.objects.filter(pk=field.pk).exists()


def test_the_name_follows_the_active_language():
    field = ProcedureField(name_vi="Hộ tịch", name_en="Civil status", name_ru="")
    with translation.override("en"):
        assert field.name == "Civil status"
    with translation.override("ru"):
        assert field.name == "Hộ tịch"


def test_the_vocabulary_list_and_its_search_work(client, manager):
    make_field("Hộ tịch")
    make_field("Đất đai")
    client.force_login(manager)
    response = client.get("/admin/snippets/procedures/procedurefield/?q=dat")
    assert response.status_code == 200
    assert "Đất đai" in response.content.decode()
