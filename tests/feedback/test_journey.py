"""The whole journey through HTTP: a citizen asks on a sub-portal, the unit answers, the Q&A is published."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from editorial.feedback.enums import EventKind, Status
from editorial.feedback.models import Feedback, FeedbackEvent
from tests.feedback.factories import PDF_BYTES, form_data

pytestmark = pytest.mark.django_db

SYT = {"HTTP_HOST": "syt.localhost"}
CODE_RE = re.compile(r'data-code="([2-9A-HJ-NP-Z]{10})"')


def submit(client, host: dict, language: str = "vi", files: dict | None = None, **overrides):
    data = form_data(**overrides)
    data.update(files or {})
    return client.post(f"/{language}/gop-y/", data, **host)


def code_in(response) -> str:
    match = CODE_RE.search(response.content.decode())
    assert match, response.content.decode()[:2000]
    return match.group(1)


def events(item: Feedback) -> list[str]:
    return list(FeedbackEvent.objects.filter(feedback=item).values_list("kind", flat=True))


def test_sub_portal_form_preselects_its_unit_and_main_portal_does_not(client, world):
    html = client.get("/vi/gop-y/", **SYT).content.decode()
    assert f'<option value="{world.syt.pk}" selected>' in html
    assert 'name="website"' in html and 'aria-hidden="true"' in html and 'name="form_token"' in html
    main = client.get("/vi/gop-y/", HTTP_HOST="localhost").content.decode()
    assert '<option value="" selected>' in main.split('name="unit"')[1].split("</select>")[0]


def test_the_whole_journey(client, world):
    # 1. A citizen asks on the Department of Health's sub-portal, with a PDF.
    question = (
        "Tôi là Nguyễn Văn Bình, số điện thoại 0905 123 456. Xin hỏi trạm y tế phường Lộc Thọ tiêm vắc xin "
        "sởi cho trẻ 9 tháng vào ngày nào?"
    )
    response = submit(
        client,
        SYT,
        question=question,
        unit=str(world.syt.pk),
        files={"attachment": SimpleUploadedFile("giay-hen.pdf", PDF_BYTES, "application/pdf")},
    )
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    code = code_in(response)
    item = Feedback.objects.get(code=code)
    assert item.site_unit == world.syt and item.requested_unit == world.syt and item.assigned_unit is None
    assert item.status == Status.RECEIVED and item.personal_ip == "127.0.0.1"
    assert item.attachments.get().filename == "giay-hen.pdf"
    [receipt] = mail.outbox
    assert receipt.to == ["binh.nguyen@example.com"] and code in receipt.subject
    assert f"http://syt.localhost/vi/gop-y/tra-cuu/?ma={code}" in receipt.body

    # 2. The citizen looks it up with the code (lower case, with a dash): status, dates, nothing personal.
    lookup = client.get(f"/vi/gop-y/tra-cuu/?ma={code[:5].lower()}-{code[5:]}", **SYT)
    html = lookup.content.decode()
    assert lookup.status_code == 200 and 'data-status="received"' in html and "Mới tiếp nhận" in html
    for personal in ("Nguyễn Văn Bình", "binh.nguyen@example.com", "0905 123 456", "127.0.0.1", "Lộc Thọ"):
        assert personal not in html

    # 3. The management unit sends it to the Department of Health; the unit is told by e-mail.
    client.force_login(world.manager)
    response = client.post(
        f"/admin/editorial/feedback/{item.pk}/assign/", {"unit": world.syt.pk, "note": "Chuyển Sở Y tế"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.ASSIGNED and item.assigned_unit == world.syt and item.unit_notified_at
    unit_mail = mail.outbox[-1]
    assert set(unit_mail.to) == {"banbientap@syt.khanhhoa.gov.vn", "syt.truongban@khanhhoa.gov.vn"}
    assert code in unit_mail.subject and f"/admin/editorial/feedback/{item.pk}/" in unit_mail.body
    assert "binh.nguyen@example.com" not in unit_mail.body and "0905" not in unit_mail.body

    # 4. The unit's editor sees it, downloads the attachment, drafts and sends the answer for approval.
    client.force_login(world.syt_editor)
    detail = client.get(f"/admin/editorial/feedback/{item.pk}/")
    assert detail.status_code == 200 and "Nguyễn Văn Bình" in detail.content.decode()
    attachment = item.attachments.get()
    download = client.get(f"/admin/editorial/feedback/{item.pk}/attachments/{attachment.pk}/")
    assert download.status_code == 200 and download.content == PDF_BYTES
    assert download["Content-Disposition"].startswith("attachment;") and download["Content-Type"] == "application/pdf"
    answer = "Trạm y tế phường tiêm vắc xin sởi vào ngày 25 hằng tháng; mang theo sổ tiêm chủng của trẻ."
    assert client.post(f"/admin/editorial/feedback/{item.pk}/draft/", {"answer": "Dự thảo"}).status_code == 302
    assert client.post(f"/admin/editorial/feedback/{item.pk}/submit/", {"answer": answer}).status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PENDING_APPROVAL and item.answered_by == world.syt_editor
    # An editor cannot approve.
    refused = client.post(
        f"/admin/editorial/feedback/{item.pk}/approve/", {"answer": answer, "publish": "on", "published_title": "x"}
    )
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    item.refresh_from_db()
    assert item.status == Status.PENDING_APPROVAL

    # 5. The board head approves, taking the citizen's name and phone out of the published question.
    client.force_login(world.syt_head)
    published_question = "Xin hỏi trạm y tế phường tiêm vắc xin sởi cho trẻ 9 tháng vào ngày nào?"
    response = client.post(
        f"/admin/editorial/feedback/{item.pk}/approve/",
        {
            "answer": answer,
            "publish": "on",
            "published_title": "Lịch tiêm vắc xin sởi cho trẻ 9 tháng",
            "published_question": published_question,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.ANSWERED and item.is_published and item.approved_by == world.syt_head
    answer_mail = mail.outbox[-1]
    assert answer_mail.to == ["binh.nguyen@example.com"] and answer in answer_mail.body
    assert f"http://syt.localhost/vi/hoi-dap/{code}/" in answer_mail.body
    assert item.citizen_notified_at is not None

    # 6. Published as Q&A on the sub-portal and the main portal, without any personal data.
    client.logout()
    for host in (SYT, {"HTTP_HOST": "localhost"}):
        listing = client.get("/vi/hoi-dap/", **host)
        assert listing.status_code == 200 and f'data-code="{code}"' in listing.content.decode()
        page = client.get(f"/vi/hoi-dap/{code}/", **host)
        html = page.content.decode()
        assert page.status_code == 200 and answer in html and published_question in html
        for personal in ("Nguyễn Văn Bình", "binh.nguyen@example.com", "0905 123 456", "127.0.0.1", "giay-hen"):
            assert personal not in html
    # Another sub-portal does not list the Department's answers.
    assert f'data-code="{code}"' not in client.get("/vi/hoi-dap/", HTTP_HOST="nhatrang.localhost").content.decode()
    assert client.get(f"/vi/hoi-dap/{code}/", HTTP_HOST="nhatrang.localhost").status_code == 404
    # The lookup now shows the answer.
    assert answer in client.get(f"/vi/gop-y/tra-cuu/?ma={code}", **SYT).content.decode()
    # English and Russian pages render (their interface is translated by the lead's catalogue).
    for language in ("en", "ru"):
        assert client.get(f"/{language}/hoi-dap/", **SYT).status_code == 200
        response = client.get(f"/{language}/hoi-dap/{code}/", **SYT)
        assert response.status_code == 200 and f'<html lang="{language}">' in response.content.decode()
        assert client.get(f"/{language}/gop-y/", **SYT).status_code == 200

    # 7. Every step is in the history, with who did it.
    assert events(item) == [
        EventKind.RECEIVED,
        EventKind.MAIL_SENT,
        EventKind.ASSIGNED,
        EventKind.MAIL_SENT,
        EventKind.DRAFT_SAVED,
        EventKind.SUBMITTED,
        EventKind.APPROVED,
        EventKind.MAIL_SENT,
    ]
    approved = FeedbackEvent.objects.get(feedback=item, kind=EventKind.APPROVED)
    assert approved.actor == world.syt_head and approved.note == answer


def test_a_refreshed_form_shows_the_same_receipt_and_stores_nothing_twice(client, world):
    data = form_data()
    first = client.post("/vi/gop-y/", data, **SYT)
    second = client.post("/vi/gop-y/", data, **SYT)
    assert code_in(first) == code_in(second)
    assert Feedback.objects.count() == 1 and len(mail.outbox) == 1


def test_submitting_in_english_answers_in_english(client, world):
    response = submit(client, SYT, language="en", question="When is the measles vaccination day in Lộc Thọ?")
    item = Feedback.objects.get(code=code_in(response))
    assert item.language == "en"
    assert "/en/gop-y/tra-cuu/" in mail.outbox[0].body


def test_reassignment_is_logged_and_the_first_unit_loses_access(client, world):
    item = Feedback.objects.get(code=code_in(submit(client, SYT)))
    client.force_login(world.manager)
    client.post(f"/admin/editorial/feedback/{item.pk}/assign/", {"unit": world.nt.pk})
    client.force_login(world.nt_editor)
    assert client.get(f"/admin/editorial/feedback/{item.pk}/").status_code == 200
    client.force_login(world.manager)
    response = client.post(
        f"/admin/editorial/feedback/{item.pk}/assign/", {"unit": world.syt.pk, "note": "Thuộc lĩnh vực y tế"}
    )
    assert response.status_code == 302
    moved = FeedbackEvent.objects.get(feedback=item, kind=EventKind.REASSIGNED)
    assert moved.from_unit == world.nt and moved.to_unit == world.syt and moved.actor == world.manager
    assert moved.note == "Thuộc lĩnh vực y tế"
    assert "banbientap@syt.khanhhoa.gov.vn" in mail.outbox[-1].to
    client.force_login(world.nt_editor)
    assert client.get(f"/admin/editorial/feedback/{item.pk}/").status_code == 404
    # The history screen shows both moves.
    client.force_login(world.manager)
    html = client.get(f"/admin/editorial/feedback/{item.pk}/").content.decode()
    assert html.count('data-event="assigned"') == 1 and html.count('data-event="reassigned"') == 1
    # Assigning to the unit it is already at is refused with a message, nothing logged.
    response = client.post(f"/admin/editorial/feedback/{item.pk}/assign/", {"unit": world.syt.pk})
    assert response.status_code == 409 and "Câu hỏi đang ở đơn vị" in response.content.decode()
    assert FeedbackEvent.objects.filter(feedback=item, kind__in=["assigned", "reassigned"]).count() == 2


def test_the_unit_hands_a_question_back_with_a_reason(client, world):
    item = Feedback.objects.get(code=code_in(submit(client, SYT)))
    client.force_login(world.manager)
    client.post(f"/admin/editorial/feedback/{item.pk}/assign/", {"unit": world.nt.pk})
    client.force_login(world.nt_editor)
    response = client.post(f"/admin/editorial/feedback/{item.pk}/release/", {"note": ""})
    assert response.status_code == 400 and "Hãy ghi lý do" in response.content.decode()
    response = client.post(f"/admin/editorial/feedback/{item.pk}/release/", {"note": "Thuộc thẩm quyền Sở Y tế"})
    assert response.status_code == 302 and response["Location"].endswith("/admin/editorial/feedback/")
    item.refresh_from_db()
    assert item.status == Status.RECEIVED and item.assigned_unit is None
    released = FeedbackEvent.objects.get(feedback=item, kind=EventKind.RELEASED)
    assert released.from_unit == world.nt and released.actor == world.nt_editor


def test_close_needs_a_reason_and_the_citizen_sees_it(client, world):
    item = Feedback.objects.get(code=code_in(submit(client, SYT)))
    client.force_login(world.manager)
    response = client.post(f"/admin/editorial/feedback/{item.pk}/close/", {"reason": "", "note": ""})
    assert response.status_code == 400
    response = client.post(f"/admin/editorial/feedback/{item.pk}/close/", {"reason": "other", "note": " "})
    assert response.status_code == 409 and "hãy ghi rõ lý do" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.RECEIVED
    response = client.post(
        f"/admin/editorial/feedback/{item.pk}/close/", {"reason": "duplicate", "note": "Trùng câu hỏi đã trả lời"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.CLOSED and item.close_reason == "duplicate" and item.closed_at
    closed = FeedbackEvent.objects.get(feedback=item, kind=EventKind.CLOSED)
    assert "Trùng với câu hỏi đã gửi" in closed.note and closed.actor == world.manager
    client.logout()
    html = client.get(f"/vi/gop-y/tra-cuu/?ma={item.code}", **SYT).content.decode()
    assert "Đã đóng" in html and "Trùng với câu hỏi đã gửi" in html
    assert "Trùng câu hỏi đã trả lời" not in html  # the internal note stays internal
    assert client.get(f"/vi/hoi-dap/{item.code}/", **SYT).status_code == 404
    # A closed question takes no more actions.
    client.force_login(world.manager)
    response = client.post(f"/admin/editorial/feedback/{item.pk}/assign/", {"unit": world.syt.pk})
    assert response.status_code in (302, 409)
    item.refresh_from_db()
    assert item.status == Status.CLOSED


def _assigned(client, world, **overrides) -> Feedback:
    item = Feedback.objects.get(code=code_in(submit(client, SYT, **overrides)))
    client.force_login(world.manager)
    client.post(f"/admin/editorial/feedback/{item.pk}/assign/", {"unit": world.syt.pk})
    return item


def test_without_consent_the_answer_is_sent_privately_and_never_published(client, world):
    item = _assigned(client, world, consent_publish=None)
    item.refresh_from_db()
    assert not item.consent_publish
    client.force_login(world.syt_head)
    data = {"answer": "Trả lời riêng.", "publish": "on", "published_title": "T", "published_question": "Q"}
    response = client.post(f"/admin/editorial/feedback/{item.pk}/approve/", data)
    assert response.status_code == 409 and "không đồng ý công khai" in response.content.decode()
    response = client.post(f"/admin/editorial/feedback/{item.pk}/approve/", {"answer": "Trả lời riêng."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.ANSWERED and not item.is_published
    assert mail.outbox[-1].to == ["binh.nguyen@example.com"] and "/hoi-dap/" not in mail.outbox[-1].body
    client.logout()
    assert client.get(f"/vi/hoi-dap/{item.code}/", **SYT).status_code == 404
    assert "Trả lời riêng." in client.get(f"/vi/gop-y/tra-cuu/?ma={item.code}", **SYT).content.decode()


def test_the_board_head_returns_a_draft_with_what_to_change(client, world):
    item = _assigned(client, world)
    client.force_login(world.syt_editor)
    client.post(f"/admin/editorial/feedback/{item.pk}/submit/", {"answer": "Bản nháp chưa đủ."})
    client.force_login(world.syt_head)
    assert client.post(f"/admin/editorial/feedback/{item.pk}/return/", {"note": ""}).status_code == 400
    response = client.post(f"/admin/editorial/feedback/{item.pk}/return/", {"note": "Bổ sung giờ tiêm"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.ASSIGNED and item.answer == "Bản nháp chưa đủ."
    assert FeedbackEvent.objects.get(feedback=item, kind=EventKind.RETURNED).note == "Bổ sung giờ tiêm"


def test_a_long_answer_refused_keeps_what_was_typed(client, world):
    item = _assigned(client, world)
    client.force_login(world.syt_editor)
    typed = "Câu trả lời rất dài " * 2000
    response = client.post(f"/admin/editorial/feedback/{item.pk}/draft/", {"answer": typed})
    assert response.status_code == 400
    html = response.content.decode()
    assert "quá dài" in html and typed.strip()[:200] in html


def test_edit_publication_after_approval_and_withdraw(client, world):
    item = _assigned(client, world)
    client.force_login(world.syt_head)
    client.post(
        f"/admin/editorial/feedback/{item.pk}/approve/",
        {"answer": "Ngày 25.", "publish": "on", "published_title": "Lịch tiêm", "published_question": "Khi nào?"},
    )
    response = client.post(
        f"/admin/editorial/feedback/{item.pk}/publication/",
        {"publish": "on", "published_title": "Lịch tiêm sởi", "published_question": "Tiêm sởi khi nào?"},
    )
    assert response.status_code == 302
    assert "Lịch tiêm sởi" in client.get(f"/vi/hoi-dap/{item.code}/", **SYT).content.decode()
    client.post(f"/admin/editorial/feedback/{item.pk}/publication/", {"published_title": "", "published_question": ""})
    item.refresh_from_db()
    assert not item.is_published and item.status == Status.ANSWERED
    assert client.get(f"/vi/hoi-dap/{item.code}/", **SYT).status_code == 404


def test_a_failed_send_never_loses_the_answer_and_is_retried(client, world, monkeypatch):
    from django.core.mail import EmailMessage
    from django.core.management import call_command

    item = _assigned(client, world)
    original = EmailMessage.send

    def broken(self, *args, **kwargs):
        raise OSError("SMTP unavailable")

    monkeypatch.setattr(EmailMessage, "send", broken)
    client.force_login(world.syt_head)
    response = client.post(f"/admin/editorial/feedback/{item.pk}/approve/", {"answer": "Ngày 25 hằng tháng."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.ANSWERED and item.answer == "Ngày 25 hằng tháng." and item.citizen_notified_at is None
    assert FeedbackEvent.objects.filter(feedback=item, kind=EventKind.MAIL_FAILED).exists()
    monkeypatch.setattr(EmailMessage, "send", original)
    outbox = len(mail.outbox)
    call_command("feedback_notify", stdout=io.StringIO())
    item.refresh_from_db()
    assert item.citizen_notified_at is not None and len(mail.outbox) == outbox + 1
    call_command("feedback_notify", stdout=io.StringIO())
    assert len(mail.outbox) == outbox + 1  # sent once
