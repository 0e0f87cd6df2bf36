"""Moving a question between units: the new unit starts without the old draft (kept in the history),
and a move after the unit handed the question back is logged as a reassignment from that unit."""

from __future__ import annotations

import re

import pytest

from editorial.feedback.enums import EventKind, Status
from editorial.feedback.models import Feedback, FeedbackEvent
from tests.feedback.factories import form_data

pytestmark = pytest.mark.django_db

SYT = {"HTTP_HOST": "syt.localhost"}
CODE_RE = re.compile(r'data-code="([2-9A-HJ-NP-Z]{10})"')
DRAFT = "Dự thảo của phòng quản lý đô thị: giấy phép cấp trong 15 ngày."


def _asked(client) -> Feedback:
    response = client.post("/vi/gop-y/", form_data(), **SYT)
    return Feedback.objects.get(code=CODE_RE.search(response.content.decode()).group(1))


def _assign(client, world, item: Feedback, unit, note: str = "") -> None:
    client.force_login(world.manager)
    response = client.post(f"/admin/editorial/feedback/{item.pk}/assign/", {"unit": unit.pk, "note": note})
    assert response.status_code == 302


def test_reassigning_a_question_awaiting_approval_clears_the_old_draft_and_keeps_it_in_the_history(client, world):
    item = _asked(client)
    _assign(client, world, item, world.nt)
    client.force_login(world.nt_editor)
    assert client.post(f"/admin/editorial/feedback/{item.pk}/submit/", {"answer": DRAFT}).status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PENDING_APPROVAL and item.answered_by == world.nt_editor

    _assign(client, world, item, world.syt, note="Thuộc lĩnh vực y tế")
    item.refresh_from_db()
    assert item.status == Status.ASSIGNED and item.assigned_unit == world.syt
    assert item.answer == "" and item.answered_by is None
    moved = FeedbackEvent.objects.get(feedback=item, kind=EventKind.REASSIGNED)
    assert moved.from_unit == world.nt and moved.to_unit == world.syt
    assert moved.note.startswith("Thuộc lĩnh vực y tế") and DRAFT in moved.note
    assert world.nt.name_vi in moved.note and world.nt_editor.get_full_name() in moved.note

    # The new unit's screens show an empty answer form, not the other unit's draft credited to its editor.
    client.force_login(world.syt_editor)
    html = client.get(f"/admin/editorial/feedback/{item.pk}/").content.decode()
    answer_box = re.search(r'<textarea name="answer"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert DRAFT not in answer_box
    # The new unit's board head approves their own answer: credited to them, not to the first unit's editor.
    client.force_login(world.syt_head)
    client.post(f"/admin/editorial/feedback/{item.pk}/approve/", {"answer": "Trả lời của Sở Y tế."})
    item.refresh_from_db()
    assert item.answered_by == world.syt_head and item.answer == "Trả lời của Sở Y tế."


def test_a_move_after_the_unit_handed_the_question_back_is_a_reassignment(client, world):
    item = _asked(client)
    _assign(client, world, item, world.nt)
    client.force_login(world.nt_editor)
    client.post(f"/admin/editorial/feedback/{item.pk}/draft/", {"answer": DRAFT})
    response = client.post(f"/admin/editorial/feedback/{item.pk}/release/", {"note": "Thuộc thẩm quyền Sở Y tế"})
    assert response.status_code == 302

    _assign(client, world, item, world.syt)
    kinds = list(
        FeedbackEvent.objects.filter(feedback=item, kind__in=["assigned", "reassigned", "released"]).values_list(
            "kind", flat=True
        )
    )
    assert kinds == [EventKind.ASSIGNED, EventKind.RELEASED, EventKind.REASSIGNED]
    moved = FeedbackEvent.objects.get(feedback=item, kind=EventKind.REASSIGNED)
    assert moved.from_unit == world.nt and moved.to_unit == world.syt and moved.actor == world.manager
    item.refresh_from_db()
    assert item.answer == "" and item.answered_by is None and DRAFT in moved.note
    client.force_login(world.manager)
    html = client.get(f"/admin/editorial/feedback/{item.pk}/").content.decode()
    assert html.count('data-event="assigned"') == 1 and html.count('data-event="reassigned"') == 1


def test_handed_back_and_sent_again_to_the_same_unit_keeps_its_draft(client, world):
    item = _asked(client)
    _assign(client, world, item, world.nt)
    client.force_login(world.nt_editor)
    client.post(f"/admin/editorial/feedback/{item.pk}/draft/", {"answer": DRAFT})
    client.post(f"/admin/editorial/feedback/{item.pk}/release/", {"note": "Nhầm, xin chuyển lại sau"})
    _assign(client, world, item, world.nt)
    item.refresh_from_db()
    assert item.answer == DRAFT and item.answered_by == world.nt_editor
    moved = FeedbackEvent.objects.filter(feedback=item, kind=EventKind.REASSIGNED).get()
    assert moved.from_unit == world.nt and moved.to_unit == world.nt


def test_a_first_assignment_is_logged_as_such(client, world):
    item = _asked(client)
    _assign(client, world, item, world.syt)
    event = FeedbackEvent.objects.get(feedback=item, kind__in=["assigned", "reassigned"])
    assert event.kind == EventKind.ASSIGNED and event.from_unit is None and event.to_unit == world.syt
