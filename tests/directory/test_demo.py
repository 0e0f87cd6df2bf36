"""The demo contacts and directory pages: every demo unit has a public address and named contacts."""

from __future__ import annotations

import pytest

from portal.directory.demo import seed
from portal.directory.models import DirectoryPage
from subportals.models import Unit, UnitContact
from tests.opendata.factories import demo_seeder

pytestmark = pytest.mark.django_db


def test_demo_contacts_and_directories(client):
    seeder = demo_seeder()
    seed(seeder)
    before = (UnitContact.objects.count(), DirectoryPage.objects.count())
    seed(seeder)
    assert (UnitContact.objects.count(), DirectoryPage.objects.count()) == before

    for unit in Unit.objects.all():
        assert unit.public_email.endswith("@khanhhoa.gov.vn") and unit.public_phone and unit.public_address
        contacts = list(unit.contacts.all())
        assert 2 <= len(contacts) <= 4, unit.code
        for contact in contacts:
            contact.full_clean()  # the demo data passes the admin's own checks
        unit.full_clean()
    assert DirectoryPage.objects.filter(locale__language_code="vi").count() == 2

    html = client.get("/vi/gioi-thieu/danh-ba/").content.decode()
    for email in ("congthongtin@khanhhoa.gov.vn", "syt@khanhhoa.gov.vn", "ubndnhatrang@khanhhoa.gov.vn"):
        assert f"mailto:{email}" in html
    english = client.get("/en/gioi-thieu/danh-ba/").content.decode()
    assert "Directory of official e-mail and web addresses" in english and "Deputy Director" in english
    own = client.get("/ru/gioi-thieu/danh-ba/", HTTP_HOST="nhatrang.localhost").content.decode()
    assert "Контакты Народного комитета города Нячанг" in own
    assert "ubndnhatrang@khanhhoa.gov.vn" in own and "syt@khanhhoa.gov.vn" not in own
