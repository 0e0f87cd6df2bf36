"""The audit log follows every step of a question by its tracking code, units and lengths, and never
copies the text the citizen or the unit wrote, nor the citizen's name, e-mail or phone number."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from editorial.feedback.models import Feedback, FeedbackEvent
from security import audit
from security.models import AuditEntry
from tests.feedback.factories import PDF_BYTES, form_data

pytestmark = pytest.mark.django_db

SYT = {"HTTP_HOST": "syt.localhost"}
CODE_RE = re.compile(r'data-code="([2-9A-HJ-NP-Z]{10})"')
TITLE = "Hỏi về trợ cấp cho hộ gia đình Lê Thị Mai"
QUESTION = "Tôi là Lê Thị Mai, nhà số 12 Yersin, điện thoại 0914 222 333. Hồ sơ trợ cấp của tôi đến đâu rồi?"
DRAFT = "Chào chị Lê Thị Mai, hồ sơ đang được phòng Lao động xem xét."
ANSWER = "Chào chị Lê Thị Mai, hồ sơ trợ cấp đã được duyệt ngày 20/11."
SECRETS = (
    "Lê Thị Mai",
    "mai.le@example.com",
    "0914 222 333",
    "0914222333",
    "Yersin",
    "trợ cấp",
    "phòng Lao động",
    "CCCD-Le-Thi-Mai",
)


def _log_text(entries) -> str:
    return "\n".join(
        f"{entry.object_repr} {entry.actor_name} {json.dumps(entry.changes, ensure_ascii=False)}" for entry in entries
    )


def test_no_text_or_contact_details_in_the_audit_log(client, world):
    start = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
    response = client.post(
        "/vi/gop-y/",
        {
            **form_data(
                name="Lê Thị Mai", email="mai.le@example.com", phone="0914 222 333", title=TITLE, question=QUESTION
            ),
            "attachment": SimpleUploadedFile("CCCD-Le-Thi-Mai.pdf", PDF_BYTES, "application/pdf"),
        },
        **SYT,
    )
    item = Feedback.objects.get(code=CODE_RE.search(response.content.decode()).group(1))
    client.force_login(world.manager)
    client.post(f"/admin/editorial/feedback/{item.pk}/assign/", {"unit": world.syt.pk, "note": "Chuyển Sở"})
    client.force_login(world.syt_editor)
    client.post(f"/admin/editorial/feedback/{item.pk}/draft/", {"answer": DRAFT})
    client.post(f"/admin/editorial/feedback/{item.pk}/submit/", {"answer": ANSWER})
    attachment = item.attachments.get()
    assert client.get(f"/admin/editorial/feedback/{item.pk}/attachments/{attachment.pk}/").status_code == 200
    client.force_login(world.syt_head)
    response = client.post(
        f"/admin/editorial/feedback/{item.pk}/approve/",
        {"answer": ANSWER, "published_title": "Hồ sơ", "published_question": "Hồ sơ đến đâu?"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "answered" and item.answer == ANSWER
    # The history itself keeps the answer: it is the record of the case, read in the admin.
    assert FeedbackEvent.objects.filter(feedback=item, note__contains=ANSWER).exists()

    entries = list(AuditEntry.objects.filter(sequence__gt=start).order_by("sequence"))
    text = _log_text(entries)
    for secret in SECRETS:
        assert secret not in text, secret

    # Each step is still there, named by the tracking code, with units, status and lengths.
    own = [entry for entry in entries if entry.object_type.startswith("editorial.feedback")]
    created = next(e for e in own if e.action == "model.create" and e.object_type == "editorial.feedback")
    assert created.object_repr == item.code
    after = created.changes["after"]
    assert after["question_length"] == len(QUESTION) and after["title_length"] == len(TITLE)
    assert after["site_unit_id"] == world.syt.pk and "question" not in after and "title" not in after
    updates = [e for e in own if e.action == "model.update" and e.object_type == "editorial.feedback"]
    assert any(e.changes["changed"].get("assigned_unit_id") == [None, world.syt.pk] for e in updates)
    assert any(e.changes["changed"].get("answer_length") == [0, len(DRAFT)] for e in updates)
    assert any(e.changes["changed"].get("status") == ["pending", "answered"] for e in updates)
    events = [e for e in own if e.object_type == "editorial.feedbackevent"]
    assert {e.object_repr for e in events} >= {f"{item.code}: assigned", f"{item.code}: approved"}
    assert all("note" not in e.changes["after"] for e in events)
    export = next(e for e in entries if e.action == "personal_data.export")
    assert export.object_repr.startswith(item.code) and "CCCD" not in export.object_repr
    assert export.actor == world.syt_editor
    # The chain stays whole.
    assert list(audit.verify()) == []


def test_text_is_still_normalised_on_save(world):
    """The generic pre-save normaliser is skipped for these rows: the model applies it itself."""
    from editorial.feedback import services
    from editorial.tcvn6909 import encode

    item = services.submit(
        services.Submission(
            site_unit=world.syt,
            title=encode("Thủ tục cấp giấy phép", "tcvn3"),
            question="Nội dung",
            name="Lê Văn An",
            email="an@example.com",
            topic="health",
        ),
        notify=False,
    )
    item.refresh_from_db()
    assert item.title == "Thủ tục cấp giấy phép"
