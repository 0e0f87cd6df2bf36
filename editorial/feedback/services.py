"""The life of a question: received → assigned → answered (drafted, approved) → published, or closed.

Each step is one function: it re-reads the question under a row lock, checks the state and the
user's role (``permissions``), saves, logs a ``FeedbackEvent`` with who and when, and then sends
its e-mail outside the transaction, so a failed send never undoes the step.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from editorial.calendar import load_calendar
from subportals.models import Unit

from . import notifications, permissions
from .attachments import CheckedFile
from .enums import CloseReason, EventKind, Kind, Status
from .models import Feedback, FeedbackAttachment, FeedbackEvent
from .rules import deadline_for, new_code, personal_data_in, personal_data_message


class FeedbackError(Exception):
    """A step that cannot be taken now; the message says why, in Vietnamese."""


@dataclass
class Submission:
    """What the public form collected, already validated and normalised."""

    site_unit: Unit
    title: str
    question: str
    name: str
    topic: str
    kind: str = Kind.QUESTION
    requested_unit: Unit | None = None
    email: str = ""
    phone: str = ""
    consent_publish: bool = False
    language: str = "vi"
    ip: str | None = None
    nonce: str | None = None
    attachment: CheckedFile | None = None


def _actor_name(user: Any) -> str:
    if user is None:
        return ""
    return (user.get_full_name() or user.get_username())[:150]


def log(
    item: Feedback,
    kind: str,
    user: Any = None,
    *,
    note: str = "",
    from_unit: Unit | None = None,
    to_unit: Unit | None = None,
    at: datetime.datetime | None = None,
) -> FeedbackEvent:
    return FeedbackEvent.objects.create(
        feedback=item,
        kind=kind,
        actor=user,
        actor_name=_actor_name(user),
        from_unit=from_unit,
        to_unit=to_unit,
        status_after=item.status,
        note=note,
        at=at or timezone.now(),
    )


def _unique_code() -> str:
    for _attempt in range(20):
        code = new_code()
        if not Feedback.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free tracking code after 20 tries")  # 2^50 codes: never in practice


def submit(data: Submission, *, now: datetime.datetime | None = None, notify: bool = True) -> Feedback:
    """Store a citizen's question with its deadline and tracking code; a repeated form returns the first."""
    if data.nonce:
        existing = Feedback.objects.filter(submission_token=data.nonce).first()
        if existing is not None:
            return existing
    received_at = now or timezone.now()
    deadline = deadline_for(timezone.localdate(received_at), load_calendar())
    try:
        with transaction.atomic():
            item = Feedback.objects.create(
                code=_unique_code(),
                kind=data.kind,
                topic=data.topic,
                site_unit=data.site_unit,
                language=data.language,
                requested_unit=data.requested_unit,
                title=data.title,
                question=data.question,
                personal_name=data.name,
                personal_email=data.email,
                personal_phone=data.phone,
                personal_ip=data.ip,
                consent_publish=data.consent_publish,
                submission_token=data.nonce,
                received_at=received_at,
                deadline=deadline,
                published_title=data.title,
                published_question=data.question,
            )
            if data.attachment is not None:
                FeedbackAttachment.objects.create(
                    feedback=item,
                    filename=data.attachment.filename,
                    content_type=data.attachment.content_type,
                    size=len(data.attachment.content),
                    sha256=data.attachment.sha256,
                    personal_content=data.attachment.content,
                    uploaded_at=received_at,
                )
            log(item, EventKind.RECEIVED, to_unit=data.requested_unit, at=received_at)
    except IntegrityError:
        # The same form sent twice at the same moment: the other request stored it.
        existing = Feedback.objects.filter(submission_token=data.nonce).first() if data.nonce else None
        if existing is None:
            raise
        return existing
    if notify:
        notifications.send_receipt(item)
    return item


def _locked(item: Feedback) -> Feedback:
    return Feedback.objects.select_for_update(of=("self",)).select_related("assigned_unit").get(pk=item.pk)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _state_changed() -> FeedbackError:
    return FeedbackError(_("Câu hỏi đã được người khác xử lý trong lúc bạn thao tác; hãy xem lại trạng thái hiện tại."))


def _previous_unit(item: Feedback) -> Unit | None:
    """The unit the question was last with: the assigned one, or the one that handed it back."""
    if item.assigned_unit_id is not None:
        return item.assigned_unit
    released = (
        FeedbackEvent.objects.filter(feedback=item, kind=EventKind.RELEASED, from_unit__isnull=False)
        .select_related("from_unit")
        .order_by("-at", "-pk")
        .first()
    )
    return released.from_unit if released is not None else None


def _set_aside_draft(item: Feedback, previous: Unit | None) -> str:
    """The previous unit's draft, taken off the question so the new unit starts afresh; returned for the log."""
    if not item.answer and item.answered_by_id is None:
        return ""
    author = _actor_name(item.answered_by) or _("không rõ")
    kept = _("Dự thảo trả lời của %(unit)s (người soạn: %(author)s), gỡ khỏi câu hỏi khi chuyển đơn vị:") % {
        "unit": previous.name_vi if previous is not None else _("đơn vị trước"),
        "author": author,
    }
    text = f"{kept}\n{item.answer}" if item.answer else kept
    item.answer = ""
    item.answered_by = None
    return text


def assign(
    item: Feedback, unit: Unit, user: Any, *, note: str = "", now: datetime.datetime | None = None, notify: bool = True
) -> Feedback:
    """The management unit sends the question to a unit, or moves it to another one (logged).

    A move, also after the previous unit handed the question back, is logged as a reassignment from
    that unit; the previous unit's draft answer is taken off (the new unit must not see it credited to
    another unit's editor) and kept in the history.
    """
    with transaction.atomic():
        item = _locked(item)
        if not item.is_open:
            raise _state_changed()
        _require(permissions.can_assign(user, item))
        if not unit.is_active:
            raise FeedbackError(_("Đơn vị «%(unit)s» đã ngừng hoạt động.") % {"unit": unit.name_vi})
        if item.assigned_unit_id == unit.pk:
            raise FeedbackError(_("Câu hỏi đang ở đơn vị «%(unit)s».") % {"unit": unit.name_vi})
        previous = _previous_unit(item)
        moved = previous is not None and previous.pk != unit.pk
        draft = _set_aside_draft(item, previous) if moved else ""
        item.assigned_unit = unit
        item.assigned_at = now or timezone.now()
        item.status = Status.ASSIGNED
        item.unit_notified_at = None
        item.save()
        kind = EventKind.REASSIGNED if previous is not None else EventKind.ASSIGNED
        log_note = "\n\n".join(part for part in (note.strip(), draft) if part)
        log(item, kind, user, note=log_note, from_unit=previous, to_unit=unit, at=item.assigned_at)
    if notify:
        notifications.notify_unit(item)
    return item


def save_answer(
    item: Feedback, user: Any, answer: str, *, submit: bool = False, now: datetime.datetime | None = None
) -> Feedback:
    """A member of the assigned unit saves the draft answer, and may send it to the board head."""
    answer = (answer or "").strip()
    with transaction.atomic():
        item = _locked(item)
        if item.status != Status.ASSIGNED:
            raise _state_changed()
        _require(permissions.can_draft(user, item))
        if submit and not answer:
            raise FeedbackError(_("Hãy viết câu trả lời trước khi gửi duyệt."))
        item.answer = answer
        item.answered_by = user
        if submit:
            item.status = Status.PENDING_APPROVAL
        item.save()
        log(item, EventKind.SUBMITTED if submit else EventKind.DRAFT_SAVED, user, note=answer if submit else "", at=now)
    return item


def _check_publication(
    item: Feedback, publish: bool, title: str, question: str, answer: str, *, answer_editable: bool = True
) -> None:
    """Publication needs the citizen's consent, a title and a question, and none of the citizen's
    name, e-mail or phone number in what the Q&A would show (the answer included)."""
    if not publish:
        return
    if not item.consent_publish:
        raise FeedbackError(_("Người gửi không đồng ý công khai câu hỏi này; chỉ trả lời riêng cho người gửi."))
    if not title.strip() or not question.strip():
        raise FeedbackError(_("Khi công khai cần có tiêu đề và nội dung câu hỏi (đã lược bỏ thông tin cá nhân)."))
    found = personal_data_in(
        {"published_title": title, "published_question": question, "answer": answer},
        name=item.personal_name,
        email=item.personal_email,
        phone=item.personal_phone,
    )
    if found:
        raise FeedbackError(personal_data_message(found, answer_editable=answer_editable))


def approve(
    item: Feedback,
    user: Any,
    *,
    answer: str,
    publish: bool,
    published_title: str = "",
    published_question: str = "",
    now: datetime.datetime | None = None,
    notify: bool = True,
) -> Feedback:
    """The unit's board head approves the answer: the citizen is told; with consent it joins the Q&A."""
    answer = (answer or "").strip()
    with transaction.atomic():
        item = _locked(item)
        if item.status not in (Status.ASSIGNED, Status.PENDING_APPROVAL):
            raise _state_changed()
        _require(permissions.can_approve(user, item))
        if not answer:
            raise FeedbackError(_("Câu trả lời đang trống."))
        _check_publication(item, publish, published_title, published_question, answer)
        moment = now or timezone.now()
        item.answer = answer
        item.answered_by = item.answered_by or user
        item.approved_by = user
        item.answered_at = moment
        item.status = Status.ANSWERED
        item.citizen_notified_at = None
        if publish:
            item.published_title = published_title.strip()
            item.published_question = published_question.strip()
        item.is_published = publish
        item.published_at = moment if publish else None
        item.save()
        note = answer if publish else _("Trả lời riêng cho người gửi (không công khai).") + "\n\n" + answer
        log(item, EventKind.APPROVED, user, note=note, at=moment)
    if notify:
        notifications.notify_citizen(item)
    return item


def return_draft(item: Feedback, user: Any, note: str, *, now: datetime.datetime | None = None) -> Feedback:
    """The board head sends the draft back to the unit's staff with what to change."""
    if not (note or "").strip():
        raise FeedbackError(_("Khi trả lại dự thảo cần ghi rõ cần sửa gì."))
    with transaction.atomic():
        item = _locked(item)
        if item.status != Status.PENDING_APPROVAL:
            raise _state_changed()
        _require(permissions.can_return(user, item))
        item.status = Status.ASSIGNED
        item.save()
        log(item, EventKind.RETURNED, user, note=note.strip(), at=now)
    return item


def release(item: Feedback, user: Any, note: str, *, now: datetime.datetime | None = None) -> Feedback:
    """The unit hands the question back to the management unit to be sent elsewhere."""
    if not (note or "").strip():
        raise FeedbackError(_("Hãy ghi lý do trả lại (ví dụ: không thuộc thẩm quyền, đề nghị chuyển đơn vị nào)."))
    with transaction.atomic():
        item = _locked(item)
        if item.status not in (Status.ASSIGNED, Status.PENDING_APPROVAL):
            raise _state_changed()
        _require(permissions.can_release(user, item))
        previous = item.assigned_unit
        item.assigned_unit = None
        item.status = Status.RECEIVED
        item.save()
        log(item, EventKind.RELEASED, user, note=note.strip(), from_unit=previous, at=now)
    return item


def close(item: Feedback, user: Any, reason: str, note: str = "", *, now: datetime.datetime | None = None) -> Feedback:
    """End without an answer, with a reason the citizen sees on the lookup page."""
    if reason not in CloseReason.values:
        raise FeedbackError(_("Hãy chọn lý do đóng câu hỏi."))
    note = (note or "").strip()
    if reason == CloseReason.OTHER and not note:
        raise FeedbackError(_("Với «Lý do khác», hãy ghi rõ lý do."))
    with transaction.atomic():
        item = _locked(item)
        if not item.is_open:
            raise _state_changed()
        _require(permissions.can_close(user, item))
        item.status = Status.CLOSED
        item.closed_at = now or timezone.now()
        item.close_reason = reason
        item.close_note = note
        item.is_published = False
        item.save()
        label = CloseReason(reason).label
        log(item, EventKind.CLOSED, user, note=f"{label}. {note}".strip(), at=item.closed_at)
    return item


def update_publication(
    item: Feedback,
    user: Any,
    *,
    publish: bool,
    published_title: str,
    published_question: str,
    now: datetime.datetime | None = None,
) -> Feedback:
    """After approval: edit what the Q&A shows, or withdraw it (the citizen keeps the answer)."""
    with transaction.atomic():
        item = _locked(item)
        if item.status != Status.ANSWERED:
            raise _state_changed()
        _require(permissions.can_edit_publication(user, item))
        _check_publication(item, publish, published_title, published_question, item.answer, answer_editable=False)
        moment = now or timezone.now()
        if publish:
            item.published_title = published_title.strip()
            item.published_question = published_question.strip()
            item.published_at = item.published_at or moment
        item.is_published = publish
        item.save()
        note = _("Công khai trên mục hỏi đáp.") if publish else _("Không công khai trên mục hỏi đáp.")
        log(item, EventKind.PUBLICATION, user, note=note, at=moment)
    return item
