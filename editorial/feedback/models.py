"""Citizens' questions and feedback, their attachments and their history.

Personal data (name, e-mail, phone, IP address, attachment bytes) live in fields named
``personal_*``: the audit log never copies such fields (security/audit.py), and no public page or
Q&A shows them. The published title and question are separate copies the approver may edit.
Free text (title, question, answer, notes, file names) may hold personal data too: the audit log
records its length only: each model lists those columns in ``AUDIT_TEXT_FIELDS`` and names
itself in the log by its tracking code (``audit_repr``), both read by ``security.audit``.
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import OPEN_STATUSES, CloseReason, EventKind, Kind, Status, Topic

CODE_LENGTH = 10
TITLE_MAX = 200
QUESTION_MAX = 10_000
ANSWER_MAX = 20_000


class FeedbackQuerySet(models.QuerySet):
    def open(self) -> FeedbackQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None) -> FeedbackQuerySet:
        """Still owed an answer after the deadline day."""
        return self.open().filter(deadline__lt=today or timezone.localdate())

    def published(self) -> FeedbackQuerySet:
        return self.filter(status=Status.ANSWERED, is_published=True)


class Feedback(models.Model):
    """One question or piece of feedback from a citizen, from receipt to answer or closure."""

    AUDIT_TEXT_FIELDS = ("title", "question", "answer", "published_title", "published_question", "close_note")

    # Identifiers are SlugFields: the TCVN 6909 text layer leaves slugs alone (it would read "dd…" as VIQR "đ…").
    code = models.SlugField(_("mã tra cứu"), max_length=CODE_LENGTH, unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.QUESTION)
    topic = models.CharField(_("lĩnh vực"), max_length=20, choices=Topic.choices)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    # Where it came in (the site's unit) and in which language; which unit the citizen named.
    site_unit = models.ForeignKey(
        "subportals.Unit", verbose_name=_("gửi qua cổng"), on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    requested_unit = models.ForeignKey(
        "subportals.Unit",
        verbose_name=_("đơn vị người gửi chọn"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    assigned_unit = models.ForeignKey(
        "subportals.Unit",
        verbose_name=_("đơn vị xử lý"),
        on_delete=models.PROTECT,
        related_name="feedback_items",
        null=True,
        blank=True,
    )
    title = models.CharField(_("tiêu đề"), max_length=TITLE_MAX)
    question = models.TextField(_("nội dung"), max_length=QUESTION_MAX)
    # The citizen: never on a public page, never in the audit log.
    personal_name = models.CharField(_("họ và tên"), max_length=100)
    personal_email = models.EmailField(_("thư điện tử"), max_length=254, blank=True)
    personal_phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    personal_ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    consent_publish = models.BooleanField(_("đồng ý công khai"), default=False)
    submission_token = models.SlugField(max_length=40, unique=True, null=True, blank=True, editable=False)

    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), default=timezone.now, db_index=True)
    deadline = models.DateField(_("hạn trả lời"))
    assigned_at = models.DateTimeField(_("thời điểm chuyển đơn vị"), null=True, blank=True)

    answer = models.TextField(_("câu trả lời"), max_length=ANSWER_MAX, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người soạn trả lời"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # What the Q&A shows: edited by the approver to remove personal details.
    is_published = models.BooleanField(_("công khai trên mục hỏi đáp"), default=False, db_index=True)
    published_title = models.CharField(_("tiêu đề công khai"), max_length=TITLE_MAX, blank=True)
    published_question = models.TextField(_("nội dung câu hỏi công khai"), max_length=QUESTION_MAX, blank=True)
    published_at = models.DateTimeField(_("thời điểm công khai"), null=True, blank=True)

    closed_at = models.DateTimeField(_("thời điểm đóng"), null=True, blank=True)
    close_reason = models.CharField(_("lý do đóng"), max_length=20, choices=CloseReason.choices, blank=True)
    close_note = models.TextField(_("ghi chú khi đóng"), max_length=2000, blank=True)

    # E-mail delivery: set when sent; a failed send leaves them empty for ``feedback_notify`` to retry.
    unit_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    citizen_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("câu hỏi, góp ý")
        verbose_name_plural = _("câu hỏi, góp ý")
        indexes = [
            models.Index(fields=["assigned_unit", "status"], name="feedback_unit_status"),
            models.Index(fields=["status", "deadline"], name="feedback_status_deadline"),
            models.Index(fields=["is_published", "answered_at"], name="feedback_published"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and (today or timezone.localdate()) > self.deadline

    def audit_repr(self) -> str:
        return self.code

    @property
    def public_title(self) -> str:
        return self.published_title or self.title

    @property
    def public_question(self) -> str:
        return self.published_question or self.question


class FeedbackAttachment(models.Model):
    """A file sent with a question, kept in the database: never under /media/, read through the admin only."""

    AUDIT_TEXT_FIELDS = ("filename",)

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="attachments")
    filename = models.CharField(_("tên tệp"), max_length=150)
    content_type = models.CharField(_("kiểu tệp"), max_length=50)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.SlugField(max_length=64, db_index=False)
    personal_content = models.BinaryField(_("nội dung"))
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tệp đính kèm câu hỏi")
        verbose_name_plural = _("tệp đính kèm câu hỏi")

    def __str__(self) -> str:
        return self.filename

    def audit_repr(self) -> str:
        return f"{self.feedback.code}: #{self.pk} ({self.content_type})"

    @property
    def intact(self) -> bool:
        return hashlib.sha256(bytes(self.personal_content)).hexdigest() == self.sha256


class FeedbackEvent(models.Model):
    """One step in a question's history: who did what, when, between which units."""

    AUDIT_TEXT_FIELDS = ("note",)

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("việc"), max_length=20, choices=EventKind.choices)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=150, blank=True)
    from_unit = models.ForeignKey(
        "subportals.Unit",
        verbose_name=_("từ đơn vị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    to_unit = models.ForeignKey(
        "subportals.Unit",
        verbose_name=_("đến đơn vị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status_after = models.CharField(_("trạng thái sau"), max_length=10, choices=Status.choices, blank=True)
    note = models.TextField(_("ghi chú"), max_length=ANSWER_MAX, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("lịch sử xử lý câu hỏi")
        verbose_name_plural = _("lịch sử xử lý câu hỏi")

    def __str__(self) -> str:
        return f"{self.feedback.code}: {self.get_kind_display()}"

    def audit_repr(self) -> str:
        return f"{self.feedback.code}: {self.kind}"
