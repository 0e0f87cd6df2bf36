"""The audit log through HTTP: an entry for each listed event, tamper detection, no edit door, retention."""

from __future__ import annotations

import datetime
import gzip
import hashlib
import io
import json
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from security import audit
from security.models import AuditArchive, AuditEntry
from subportals.provisioning import ensure_management_group
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("sequence"))


@pytest.fixture
def operator(db):
    return UserFactory(username="vanhanh", is_superuser=True)


def test_login_logout_and_failed_login_are_logged_with_the_address(editor):
    user = editor
    browser = Client(REMOTE_ADDR="203.0.113.5")
    browser.post("/admin/login/", {"username": user.username, "password": "sai"})
    browser.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    browser.post("/admin/logout/")
    [failed] = entries("auth.login_failed")
    assert (
        failed.object_repr == user.username and failed.ip == "203.0.113.5" and "sai" not in json.dumps(failed.changes)
    )
    [login] = entries("auth.login")
    assert login.actor == user and login.ip == "203.0.113.5"
    [logout] = entries("auth.logout")
    assert logout.actor == user


def test_model_changes_are_logged_with_before_and_after(client, operator):
    from editorial.compliance.models import CalendarDay

    client.force_login(operator)
    client.post("/admin/editorial/calendar/new/", {"date": "2027-02-20", "is_working_day": "on", "name": "Làm bù"})
    day = CalendarDay.objects.get(date=datetime.date(2027, 2, 20))
    client.post(
        f"/admin/editorial/calendar/edit/{day.pk}/",
        {"date": "2027-02-20", "name": "Làm bù Tết", "is_working_day": "on"},
    )
    client.post(f"/admin/editorial/calendar/delete/{day.pk}/")
    create, update, delete = (
        AuditEntry.objects.filter(object_type="editorial.calendarday", action=action).get()
        for action in ("model.create", "model.update", "model.delete")
    )
    assert create.actor == operator and create.ip == "127.0.0.1" and create.changes["after"]["name"] == "Làm bù"
    assert update.changes["changed"]["name"] == ["Làm bù", "Làm bù Tết"]
    assert delete.changes["before"]["name"] == "Làm bù Tết"


def test_passwords_never_reach_the_log(client, operator):
    user = UserFactory(username="bientap")
    user.set_password("Bi Mat#2027xyz")
    user.save()
    dump = json.dumps(list(AuditEntry.objects.values("changes")), ensure_ascii=False)
    assert "pbkdf2" not in dump and "argon2" not in dump and "Bi Mat" not in dump


def test_group_and_permission_changes_are_logged(client, operator):
    user = UserFactory(username="bientap")
    group = ensure_management_group()
    client.force_login(operator)
    user.groups.add(group)
    entry = entries("access.change")[-1]
    assert entry.object_repr == str(user) and entry.changes["items"] == [group.name]
    assert entry.changes["operation"] == "add"


def test_settings_views_and_report_exports_are_logged(client, operator):
    client.force_login(operator)
    client.get("/admin/settings/editorial/reportingsettings/1/")
    client.get("/admin/security/audit-log/?export=csv")
    assert entries("audit.export")
    assert AuditEntry.objects.filter(action="settings.view").exists()
    client.post("/admin/editorial/compliance/report/", {"period": "2026-10", "format": "csv"})
    assert entries("report.export")


def test_wagtail_content_actions_join_the_chain(client, portal):
    portal.article.save_revision().publish()
    assert AuditEntry.objects.filter(action="wagtail.publish", object_id=str(portal.article.pk)).exists()


def test_the_log_has_no_edit_or_delete_door(client, operator):
    client.force_login(operator)
    audit.record("test.event", object_repr="mục thử")
    entry = AuditEntry.objects.latest("sequence")
    entry.object_repr = "đã sửa"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert client.post("/admin/security/audit-log/", {"sequence": entry.sequence}).status_code in (200, 405)
    assert AuditEntry.objects.filter(pk=entry.pk, object_repr="mục thử").exists()


def test_only_operators_read_the_log(client, editor):
    client.force_login(editor)
    assert client.get("/admin/security/audit-log/").status_code == 302


def test_tampering_in_the_database_is_detected(db, capsys):
    for number in range(5):
        audit.record("test.event", object_repr=f"mục {number}")
    call_command("verify_audit_log")
    middle = AuditEntry.objects.filter(action="test.event").order_by("sequence")[2]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEntry._meta.db_table} SET object_repr = %s WHERE id = %s", ["giả mạo", middle.pk])
    with pytest.raises(CommandError, match="KHÔNG toàn vẹn"):
        call_command("verify_audit_log")
    assert f"Mục {middle.sequence}: nội dung đã bị sửa" in capsys.readouterr().err


def test_deleted_and_truncated_entries_are_detected(db):
    for number in range(5):
        audit.record("test.event", object_repr=f"mục {number}")
    rows = list(AuditEntry.objects.order_by("sequence"))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [rows[1].pk])
    assert any("thiếu mục" in p.message for p in audit.verify())
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [rows[-1].pk])
    assert any("các mục cuối đã bị xóa" in p.message for p in audit.verify())


def test_retention_archives_old_entries_and_keeps_the_chain(db, settings, tmp_path):
    settings.AUDIT_ARCHIVE_DIR = str(tmp_path)
    settings.AUDIT_LOG_RETENTION_DAYS = 5  # below the legal floor: 30 days apply
    forty_days_ago = timezone.now() - datetime.timedelta(days=40)
    twenty_days_ago = timezone.now() - datetime.timedelta(days=20)
    with mock.patch("django.utils.timezone.now", return_value=forty_days_ago):
        for number in range(4):
            audit.record("test.old", object_repr=f"cũ {number}")
    with mock.patch("django.utils.timezone.now", return_value=twenty_days_ago):
        audit.record("test.recent", object_repr="20 ngày trước")
    audit.record("test.new", object_repr="hôm nay")
    call_command("archive_audit_log", stdout=io.StringIO())
    archive = AuditArchive.objects.get()
    assert archive.entries == 4
    with gzip.open(archive.filename, "rt", encoding="utf-8") as stream:
        lines = [json.loads(line) for line in stream]
    assert [line["action"] for line in lines] == ["test.old"] * 4
    assert hashlib.sha256(Path(archive.filename).read_bytes()).hexdigest() == archive.sha256
    assert not AuditEntry.objects.filter(action="test.old").exists()
    assert AuditEntry.objects.filter(action="test.recent").exists()
    call_command("verify_audit_log", stdout=io.StringIO())  # the chain still verifies from the archive's anchor


def test_archiving_refuses_a_broken_chain(db, settings, tmp_path):
    settings.AUDIT_ARCHIVE_DIR = str(tmp_path)
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() - datetime.timedelta(days=400)):
        audit.record("test.old", object_repr="cũ")
        audit.record("test.old", object_repr="cũ 2")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEntry._meta.db_table} SET object_repr = %s WHERE sequence = 1", ["giả"])
    with pytest.raises(CommandError, match="không toàn vẹn"):
        call_command("archive_audit_log")
    assert not AuditArchive.objects.exists() and AuditEntry.objects.count() == 2


def test_wagtail_report_spreadsheets_are_logged_as_exports(client, operator):
    client.force_login(operator)
    response = client.get("/admin/reports/locked/?export=xlsx")
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action="report.export").latest("sequence")
    assert entry.actor == operator and entry.changes["format"] == "xlsx"
