"""TOTP two-factor authentication through HTTP: enrolment, the second step, throttling, the admin rule."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.models import AuditEntry
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _required(settings):
    settings.TOTP_REQUIRED_FOR_ADMINISTRATORS = True


def code_for(device: TOTPDevice, steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps * device.step
    return f"{totp.token():06d}"


def login(client: Client, user) -> None:
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


@pytest.fixture
def operator(db):
    return UserFactory(username="vanhanh", is_superuser=True)


def test_an_administrator_must_enrol_before_anything_else(client, operator):
    login(client, operator)
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/security/2fa/setup/")
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and re.search(r"<code>[A-Z2-7]{16,}</code>", page)
    device = TOTPDevice.objects.get(user=operator, confirmed=False)
    assert device.tolerance == 0
    wrong = client.post("/admin/security/2fa/setup/", {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 400 and "không đúng" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post("/admin/security/2fa/setup/", {"code": code_for(device), "next": "/admin/pages/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    assert TOTPDevice.objects.get(user=operator).confirmed
    assert AuditEntry.objects.filter(action="auth.2fa_enrolled", actor=operator).exists()


def test_every_login_then_asks_for_the_code_once(operator):
    device = TOTPDevice.objects.create(user=operator, name="điện thoại", confirmed=True, tolerance=0)
    client = Client()
    login(client, operator)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/security/2fa/verify/")
    code = code_for(device)
    assert client.post("/admin/security/2fa/verify/", {"code": code}).status_code == 302
    assert client.get("/admin/").status_code == 200
    # The same code cannot be replayed in another session.
    other = Client()
    login(other, operator)
    replay = other.post("/admin/security/2fa/verify/", {"code": code})
    assert replay.status_code == 400 and other.get("/admin/").status_code == 302


def test_codes_from_another_time_step_are_refused(operator):
    device = TOTPDevice.objects.create(user=operator, name="điện thoại", confirmed=True, tolerance=0)
    client = Client()
    login(client, operator)
    assert client.post("/admin/security/2fa/verify/", {"code": code_for(device, steps=-2)}).status_code == 400


def test_wrong_codes_are_throttled(operator):
    device = TOTPDevice.objects.create(user=operator, name="điện thoại", confirmed=True, tolerance=0)
    client = Client()
    login(client, operator)
    for _ in range(3):
        client.post("/admin/security/2fa/verify/", {"code": "123456"})
    throttled = client.post("/admin/security/2fa/verify/", {"code": code_for(device)})
    assert throttled.status_code == 400 and "đợi một lát" in throttled.content.decode()
    assert AuditEntry.objects.filter(action="auth.2fa_failed", actor=operator).count() >= 3


@pytest.mark.parametrize(
    "code", ["", "12345", "1234567", "abcdef", "１２３４５６", "<script>", "9" * 10_000, "' OR 1=1"]
)
def test_hostile_codes_get_a_clear_error(operator, code):
    TOTPDevice.objects.create(user=operator, name="điện thoại", confirmed=True)
    client = Client()
    login(client, operator)
    response = client.post("/admin/security/2fa/verify/", {"code": code})
    assert response.status_code == 400 and "help-critical" in response.content.decode()
    assert "<script>" not in response.content.decode().split("</form>")[0].split("<form", 1)[1]


def test_two_factor_is_optional_for_editors(editor):
    client = Client()
    login(client, editor)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/security/2fa/setup/").status_code == 200  # they may turn it on
    device = TOTPDevice.objects.get(user=editor)
    assert client.post("/admin/security/2fa/setup/", {"code": code_for(device)}).status_code == 302
    fresh = Client()
    login(fresh, editor)
    assert fresh.get("/admin/")["Location"].startswith("/admin/security/2fa/verify/")
