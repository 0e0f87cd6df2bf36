"""Password rules through HTTP: history, expiry with warning, forced change, e-mail reset with one-use links."""

from __future__ import annotations

import datetime
import itertools
import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from security.models import AccountState, PasswordHistory
from subportals.enums import EditorialRole, UnitKind
from tests.factories import PASSWORD, UserFactory, make_unit, member

pytestmark = pytest.mark.django_db
NEW = "Nha Trang#2027bien"


def change(client, old: str, new: str, next_url: str = "/admin/"):
    return client.post(
        "/admin/security/password/",
        {"old_password": old, "new_password1": new, "new_password2": new, "next": next_url},
    )


def test_board_heads_and_administrators_need_ten_characters(db):
    unit = make_unit("syt", UnitKind.DEPARTMENT)
    head = member(unit, EditorialRole.BOARD_HEAD, "syt.truongban")
    editor = member(unit, EditorialRole.EDITOR, "syt.bientap")
    validate_password("Bi#Mat202", editor)
    with pytest.raises(ValidationError, match="ít nhất 10 ký tự"):
        validate_password("Bi#Mat202", head)
    admin = UserFactory(username="vanhanh", is_superuser=True)
    with pytest.raises(ValidationError, match="ít nhất 10 ký tự"):
        validate_password("Bi#Mat202", admin)
    validate_password("Bi#Mat2026x", head)


def test_the_last_five_passwords_cannot_come_back(client, editor):
    user = editor
    user.set_password("Cam Lam#2027z")
    user.save()
    client.force_login(user)
    passwords = [
        "Cam Lam#2027z",
        "Cam Ranh#2027a",
        "Ninh Hoa#2027b",
        "Van Ninh#2027c",
        "Dien Khanh#2027d",
        "Khanh Son#2027e",
    ]
    for old, new in itertools.pairwise(passwords):
        assert change(client, old, new).status_code == 302
    response = change(client, passwords[-1], passwords[1])
    assert response.status_code == 400 and "Không được dùng lại 5 mật khẩu gần nhất" in response.content.decode()
    response = change(client, passwords[-1], passwords[-1])
    assert response.status_code == 400
    # The sixth-oldest is allowed again.
    assert change(client, passwords[-1], passwords[0]).status_code == 302
    assert PasswordHistory.objects.filter(user=user).count() == 8


def test_weak_or_hostile_new_passwords_are_refused_with_reasons(client, editor):
    user = editor
    client.force_login(user)
    for bad in ("12345678", "matkhau", "x" * 5000, "<script>alert(1)</script>", "thảo nguyễn"):
        response = change(client, PASSWORD, bad)
        assert response.status_code == 400
        html = response.content.decode()
        assert "help-critical" in html and "<script>alert(1)</script>" not in html
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_an_administrator_set_password_must_be_changed_at_first_login(client, unit):
    from subportals.models import UnitGroup

    editors = UnitGroup.objects.get(unit=unit, role=EditorialRole.EDITOR).group
    admin = UserFactory(username="vanhanh", is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/admin/users/new/",
        {
            "username": "nhanvienmoi",
            "email": "nhanvienmoi@khanhhoa.gov.vn",
            "first_name": "Lan",
            "last_name": "Trần",
            "password1": "Lan#Khanh2026",
            "password2": "Lan#Khanh2026",
            "is_active": "on",
            "groups": [str(editors.pk)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AccountState.objects.get(user__username="nhanvienmoi").must_change_password
    newcomer = Client()
    assert newcomer.post("/admin/login/", {"username": "nhanvienmoi", "password": "Lan#Khanh2026"}).status_code == 302
    blocked = newcomer.get("/admin/pages/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/admin/security/password/")
    assert change(newcomer, "Lan#Khanh2026", NEW, "/admin/pages/")["Location"] == "/admin/pages/"
    assert newcomer.get("/admin/pages/").status_code == 200
    assert not AccountState.objects.get(user__username="nhanvienmoi").must_change_password


def test_an_administrator_reset_forces_a_change_too(client, editor):
    user = editor
    user.set_password(NEW)
    user.save()  # done by code, not by an administrator: no forced change
    assert not AccountState.objects.get(user=user).must_change_password
    admin = UserFactory(username="vanhanh", is_superuser=True)
    client.force_login(admin)
    edit = client.get(f"/admin/users/edit/{user.pk}/")
    assert edit.status_code == 200
    response = client.post(
        f"/admin/users/edit/{user.pk}/",
        {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "password1": "Reset#Khanh2026",
            "password2": "Reset#Khanh2026",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AccountState.objects.get(user=user).must_change_password


def test_expired_passwords_block_the_admin_until_changed(client, editor):
    user = editor
    AccountState.objects.filter(user=user).update(password_changed_at=timezone.now() - datetime.timedelta(days=181))
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/security/password/" in response["Location"]
    follow = client.get(response["Location"]).content.decode()
    assert "180 ngày" in follow
    assert change(client, PASSWORD, NEW).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_administrators_expire_after_ninety_days(client, db):
    admin = UserFactory(username="vanhanh", is_superuser=True)
    AccountState.objects.filter(user=admin).update(password_changed_at=timezone.now() - datetime.timedelta(days=91))
    client.force_login(admin)
    assert client.get("/admin/").status_code == 302
    editor = member(make_unit("syt", UnitKind.DEPARTMENT), EditorialRole.EDITOR, "syt.bientap")
    AccountState.objects.filter(user=editor).update(password_changed_at=timezone.now() - datetime.timedelta(days=91))
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_a_warning_fourteen_days_before_expiry(client, editor):
    AccountState.objects.filter(user=editor).update(password_changed_at=timezone.now() - datetime.timedelta(days=170))
    response = client.post("/admin/login/", {"username": editor.username, "password": PASSWORD}, follow=True)
    assert "sẽ hết hạn sau" in response.content.decode()


def test_self_service_reset_link_works_once_and_expires(client, editor, settings):
    user = editor
    assert client.post("/admin/password_reset/", {"email": user.email}).status_code == 302
    [message] = mail.outbox
    link = re.search(r"https?://[^\s]+/admin/password_reset/confirm/[^\s]+/", message.body)[0]
    path = link.split("://", 1)[1].split("/", 1)[1]
    form = client.get("/" + path, follow=True)
    assert form.status_code == 200
    set_url = form.redirect_chain[-1][0] if form.redirect_chain else "/" + path
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW) and not AccountState.objects.get(user=user).must_change_password
    # The same link again: refused.
    again = client.get("/" + path, follow=True).content.decode()
    assert 'name="new_password1"' not in again
    # A fresh link that has outlived PASSWORD_RESET_TIMEOUT: refused.
    mail.outbox.clear()
    client.post("/admin/password_reset/", {"email": user.email})
    link = re.search(r"https?://[^\s]+/admin/password_reset/confirm/[^\s]+/", mail.outbox[0].body)[0]
    settings.PASSWORD_RESET_TIMEOUT = -1
    late = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True).content.decode()
    assert 'name="new_password1"' not in late


def test_unknown_or_hostile_reset_requests_reveal_nothing(client, db):
    for email in ("khongco@khanhhoa.gov.vn", "<script>@x", "a" * 5000 + "@x.vn", "' OR 1=1 --"):
        response = client.post("/admin/password_reset/", {"email": email})
        assert response.status_code in (200, 302)
    assert mail.outbox == []
