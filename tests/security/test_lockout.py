"""Brute force through the real login form: lock by user name and by address, expiry, proxies, unlock."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client

from security.models import AuditEntry
from subportals.provisioning import ensure_management_group
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


def attempt(client: Client, username: str, password: str = "sai-mat-khau", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_five_failures_lock_the_account_even_with_the_right_password(client, editor):
    for _ in range(4):
        assert attempt(client, editor.username).status_code == 200
    assert attempt(client, editor.username).status_code == 429
    locked = attempt(client, editor.username, PASSWORD)
    assert locked.status_code == 429 and not logged_in(locked)
    assert "_auth_user_id" not in client.session
    actions = list(AuditEntry.objects.order_by("sequence").values_list("action", flat=True))
    assert actions.count("auth.login_failed") >= 5 and "auth.lockout" in actions
    lockout = AuditEntry.objects.filter(action="auth.lockout").earliest("sequence")
    assert lockout.object_repr == editor.username and lockout.ip == "127.0.0.1"


def test_failures_are_consecutive_a_success_resets_them(client, editor):
    for _ in range(4):
        attempt(client, editor.username)
    assert logged_in(attempt(client, editor.username, PASSWORD))
    client.logout()
    for _ in range(4):
        assert attempt(client, editor.username).status_code == 200
    assert logged_in(attempt(client, editor.username, PASSWORD))


def test_lock_expires_after_thirty_minutes(client, editor):
    for _ in range(5):
        attempt(client, editor.username)
    assert attempt(client, editor.username, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=31))
    assert logged_in(attempt(client, editor.username, PASSWORD))


def test_one_address_trying_many_accounts_is_locked(client, db):
    for number in range(5):
        attempt(client, f"khong-ton-tai-{number}")
    other = UserFactory(username="nhatrang.bientap")
    assert attempt(client, other.username, PASSWORD).status_code == 429
    # From another address the same user logs in normally.
    assert logged_in(attempt(Client(REMOTE_ADDR="203.0.113.50"), other.username, PASSWORD))


def test_spoofed_forwarded_for_does_not_dodge_the_lock(client, editor, settings):
    # Not behind a trusted proxy: the header is ignored.
    for number in range(5):
        attempt(client, f"ai-do-{number}", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    assert attempt(client, editor.username, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_behind_our_proxy_the_real_client_is_locked_whatever_it_writes(editor, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    for number in range(5):
        # The attacker's own header value is on the left; nginx appends the address it saw.
        attempt(proxy, f"ai-do-{number}", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 203.0.113.7")
    assert attempt(proxy, editor.username, PASSWORD, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7").status_code == 429
    # A colleague behind the same proxy, from another address, is not locked out.
    colleague = attempt(proxy, editor.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert logged_in(colleague)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_an_administrator_unlocks_and_the_unlock_is_logged(client, editor):
    for _ in range(5):
        attempt(client, editor.username)
    admin = UserFactory(username="quanly")
    admin.groups.add(ensure_management_group())
    manager = Client()
    manager.force_login(admin)
    page = manager.get("/admin/security/lockouts/").content.decode()
    assert editor.username in page
    assert manager.post("/admin/security/lockouts/", {"username": editor.username}).status_code == 302
    assert logged_in(attempt(Client(REMOTE_ADDR="203.0.113.9"), editor.username, PASSWORD))
    entry = AuditEntry.objects.get(action="auth.unlock")
    assert entry.actor == admin and entry.object_repr == editor.username


def test_editors_cannot_see_or_lift_lockouts(client, editor):
    """The editor opens the admin but not the lockout screen."""
    other = UserFactory(username="khac")
    for _ in range(5):
        attempt(Client(REMOTE_ADDR="203.0.113.20"), other.username)
    client.force_login(editor)
    assert client.get("/admin/security/lockouts/").status_code == 302
    client.post("/admin/security/lockouts/", {"username": other.username})
    assert AccessAttempt.objects.filter(username=other.username).exists()
