"""Choices of citizens' questions and feedback."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    QUESTION = "question", _("Câu hỏi")
    FEEDBACK = "feedback", _("Góp ý, kiến nghị")


class Topic(models.TextChoices):
    """What a question is about; the Q&A list filters on it."""

    LAND = "land", _("Đất đai")
    CONSTRUCTION = "construction", _("Xây dựng, nhà ở")
    EDUCATION = "education", _("Giáo dục, học phí")
    HEALTH = "health", _("Y tế, tiêm chủng")
    TRANSPORT = "transport", _("Giao thông, vận tải")
    PROCEDURES = "procedures", _("Thủ tục hành chính, dịch vụ công")
    LABOUR = "labour", _("Lao động, việc làm, bảo hiểm")
    TAX = "tax", _("Thuế, phí, lệ phí")
    ENVIRONMENT = "environment", _("Tài nguyên, môi trường")
    BUSINESS = "business", _("Đầu tư, doanh nghiệp")
    TOURISM = "tourism", _("Văn hóa, du lịch")
    DIGITAL = "digital", _("Thông tin, truyền thông, chuyển đổi số")
    OTHER = "other", _("Lĩnh vực khác")


class Status(models.TextChoices):
    RECEIVED = "received", _("Mới tiếp nhận")
    ASSIGNED = "assigned", _("Đã chuyển đơn vị xử lý")
    PENDING_APPROVAL = "pending", _("Chờ duyệt câu trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã đóng")


# Still owed an answer: these count towards the deadline.
OPEN_STATUSES = (Status.RECEIVED, Status.ASSIGNED, Status.PENDING_APPROVAL)


class CloseReason(models.TextChoices):
    """Why a question ends without an answer; the label is what the citizen sees on the lookup page."""

    DUPLICATE = "duplicate", _("Trùng với câu hỏi đã gửi")
    NOT_COMPETENT = "not_competent", _("Không thuộc thẩm quyền giải quyết của cơ quan hành chính tỉnh")
    INSUFFICIENT = "insufficient", _("Thiếu thông tin để trả lời")
    ABUSIVE = "abusive", _("Nội dung quảng cáo, thư rác hoặc vi phạm quy định")
    WITHDRAWN = "withdrawn", _("Người gửi rút lại")
    OTHER = "other", _("Lý do khác")


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Tiếp nhận")
    ASSIGNED = "assigned", _("Chuyển đơn vị xử lý")
    REASSIGNED = "reassigned", _("Chuyển sang đơn vị khác")
    RELEASED = "released", _("Đơn vị trả lại để chuyển đơn vị khác")
    DRAFT_SAVED = "draft", _("Lưu dự thảo trả lời")
    SUBMITTED = "submitted", _("Gửi duyệt câu trả lời")
    RETURNED = "returned", _("Trả lại dự thảo")
    APPROVED = "approved", _("Duyệt câu trả lời")
    PUBLICATION = "publication", _("Sửa nội dung công khai")
    CLOSED = "closed", _("Đóng")
    MAIL_SENT = "mail_sent", _("Đã gửi thư điện tử")
    MAIL_FAILED = "mail_failed", _("Gửi thư điện tử không thành công")
