"""Account lifecycle: suspension of unused accounts, offboarding with handover, the quarterly review."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from portal.models import ArticlePage
from security.models import AuditEntry
from subportals.enums import EditorialRole, UnitKind
from subportals.provisioning import ensure_management_group
from tests.factories import ArticlePageFactory, SectionPageFactory, UserFactory, home_of, make_unit, member

pytestmark = pytest.mark.django_db
User = get_user_model()


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


def test_accounts_unused_for_180_days_are_suspended(db):
    now = timezone.now()
    idle = UserFactory(username="nghihuu", last_login=now - datetime.timedelta(days=181))
    never = UserFactory(username="chuadung")
    User.objects.filter(pk=never.pk).update(date_joined=now - datetime.timedelta(days=200), last_login=None)
    recent = UserFactory(username="moidung", last_login=now - datetime.timedelta(days=179))
    assert "[thử] nghihuu" in run("suspend_inactive_accounts", "--dry-run")
    assert User.objects.get(pk=idle.pk).is_active
    output = run("suspend_inactive_accounts")
    assert "Đã khóa 2 tài khoản" in output
    assert not User.objects.get(pk=idle.pk).is_active and not User.objects.get(pk=never.pk).is_active
    assert User.objects.get(pk=recent.pk).is_active
    assert AuditEntry.objects.filter(action="account.suspend").count() == 2


def test_offboarding_disables_the_account_and_hands_over_drafts(db):
    unit = make_unit("syt", UnitKind.DEPARTMENT)
    section = SectionPageFactory(parent=home_of(unit))
    leaver = member(unit, EditorialRole.EDITOR, "syt.nghiviec")
    heir = member(unit, EditorialRole.EDITOR, "syt.tiepnhan")
    draft = ArticlePageFactory(parent=section, owner=leaver, live=False)
    draft.save_revision(user=leaver)
    ArticlePage.objects.filter(pk=draft.pk).update(locked=True, locked_by=leaver)
    output = run("offboard_user", "syt.nghiviec", "--to", "syt.tiepnhan", "--reason", "Nghỉ hưu")
    assert "1 trang chuyển cho syt.tiepnhan" in output
    draft.refresh_from_db()
    leaver.refresh_from_db()
    assert draft.owner == heir and not draft.locked and not leaver.is_active and not leaver.groups.exists()
    entry = AuditEntry.objects.get(action="account.offboard")
    assert entry.changes["successor"] == "syt.tiepnhan" and entry.changes["reason"] == "Nghỉ hưu"


@pytest.mark.parametrize(
    "args, message",
    [
        (["khongco", "--to", "syt.tiepnhan"], "Không có tài khoản"),
        (["syt.nghiviec", "--to", "khongco"], "nhận bàn giao"),
        (["syt.nghiviec", "--to", "syt.nghiviec"], "tài khoản khác"),
        (["x" * 5000, "--to", "syt.tiepnhan"], "Không có tài khoản"),
    ],
)
def test_offboarding_bad_input_changes_nothing(db, args, message):
    unit = make_unit("syt", UnitKind.DEPARTMENT)
    leaver = member(unit, EditorialRole.EDITOR, "syt.nghiviec")
    member(unit, EditorialRole.EDITOR, "syt.tiepnhan")
    with pytest.raises(CommandError, match=message):
        call_command("offboard_user", *args)
    leaver.refresh_from_db()
    assert leaver.is_active and leaver.groups.exists()


def test_board_heads_review_their_own_unit_only(client, db):
    syt = make_unit("syt", UnitKind.DEPARTMENT)
    other = make_unit("nhatrang", UnitKind.DISTRICT)
    head = member(syt, EditorialRole.BOARD_HEAD, "syt.truongban")
    member(syt, EditorialRole.EDITOR, "syt.bientap")
    member(other, EditorialRole.EDITOR, "nhatrang.bientap")
    client.force_login(head)
    html = client.get("/admin/security/account-review/").content.decode()
    assert 'data-username="syt.bientap"' in html and 'data-username="nhatrang.bientap"' not in html
    response = client.get("/admin/security/account-review/?export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row[0] for row in rows[1:]} == {"syt.truongban", "syt.bientap"}
    assert AuditEntry.objects.filter(action="personal_data.export", actor=head).exists()


def test_editors_cannot_open_the_review_and_administrators_see_everyone(client, db):
    syt = make_unit("syt", UnitKind.DEPARTMENT)
    editor = member(syt, EditorialRole.EDITOR, "syt.bientap")
    client.force_login(editor)
    assert client.get("/admin/security/account-review/").status_code == 302
    manager = UserFactory(username="quanly")
    manager.groups.add(ensure_management_group())
    client.force_login(manager)
    assert 'data-username="syt.bientap"' in client.get("/admin/security/account-review/").content.decode()


def test_quarterly_review_mail_goes_to_each_units_heads(db, tmp_path):
    syt = make_unit("syt", UnitKind.DEPARTMENT)
    head = member(syt, EditorialRole.BOARD_HEAD, "syt.truongban")
    member(syt, EditorialRole.EDITOR, "syt.bientap")
    output = run("account_review", "--send", "--out", str(tmp_path / "tat-ca.csv"))
    [message] = [m for m in mail.outbox if "Sở" in m.subject or "syt" in m.subject]
    assert message.to == [head.email] and message.attachments[0][0] == "ra-soat-tai-khoan-syt.csv"
    assert "syt.bientap" in str(message.attachments[0][1])
    assert (tmp_path / "tat-ca.csv").exists() and "Đã ghi" in output
    with pytest.raises(CommandError):
        call_command("account_review")
