"""Admin sessions: idle expiry with a warning, no persistent cookie, a new key at login."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    response = client.post(
        "/admin/login/",
        {"username": user.username, "password": PASSWORD, "remember": "on"},  # ignored on purpose
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    return response


def test_session_key_rotates_at_login_and_the_cookie_dies_with_the_browser(client, editor):
    client.get("/admin/login/")
    client.session["trace"] = "trước đăng nhập"
    client.session.save()
    before = client.session.session_key
    response = login(client, editor)
    cookie = response.cookies["sessionid"]
    assert client.session.session_key != before
    assert not cookie["expires"] and not cookie["max-age"]  # a browser-session cookie
    assert cookie["httponly"]


def test_ten_idle_minutes_end_the_admin_session(client, editor):
    login(client, editor)
    assert client.get("/admin/").status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_each_request_pushes_the_idle_limit_back(client, editor, settings):
    login(client, editor)
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    Session.objects.filter(session_key=key).update(expire_date=first - datetime.timedelta(minutes=9))
    assert client.get("/admin/security/keepalive/").status_code == 204
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 30)


def test_admin_pages_carry_the_idle_warning(client, editor, settings):
    login(client, editor)
    html = client.get("/admin/").content.decode()
    assert f'data-idle-seconds="{settings.SESSION_COOKIE_AGE}"' in html and settings.SESSION_COOKIE_AGE == 600
    assert "security/session-timeout.js" in html and "Phiên làm việc sắp kết thúc" in html


def test_login_form_tells_browsers_not_to_save_passwords(client, db):
    html = client.get("/admin/login/").content.decode()
    assert html.count('autocomplete="off"') >= 2 and "remember" not in html.split("<form", 1)[1].split("</form>")[0]


def test_hostile_login_input_is_refused_cleanly(client, db):
    for username, password in (("x" * 10_000, "y"), ("<script>alert(1)</script>", "a"), ("' OR 1=1 --", "' OR 1=1 --")):
        response = client.post("/admin/login/", {"username": username, "password": password})
        assert response.status_code in (200, 429)
        assert "<script>alert(1)</script>" not in response.content.decode()
