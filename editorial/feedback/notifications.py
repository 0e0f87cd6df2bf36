"""E-mails: the receipt and the answer to the citizen, the assignment to the unit.

Each send is recorded as an event. A failed send never undoes what was saved: the answer stays
approved, the assignment stays made, and ``manage.py feedback_notify`` retries what is still
unsent (``unit_notified_at`` / ``citizen_notified_at`` empty). Messages to units carry no personal
data of the citizen: the unit reads those in the admin.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from subportals.enums import UnitKind
from subportals.models import Unit
from subportals.services import board_head_emails

from .enums import EventKind
from .models import Feedback, FeedbackEvent

log = logging.getLogger("editorial.feedback")


def unit_recipients(unit: Unit) -> list[str]:
    """The unit's notification addresses (one per line) and its board heads, each once."""
    addresses = []
    for line in [*(unit.contact_emails or "").splitlines(), *board_head_emails(unit)]:
        address = line.strip()
        try:
            validate_email(address)
        except ValidationError:
            continue
        if address.lower() not in {a.lower() for a in addresses}:
            addresses.append(address)
    return addresses


def _public_site(item: Feedback) -> Any:
    """The site where the question was sent; the main portal's when that unit has none (any more)."""
    unit = item.site_unit if item.site_unit_id else None
    if unit is not None and unit.is_active and unit.site_id:
        return unit.site
    main = Unit.objects.filter(kind=UnitKind.MAIN, site__isnull=False).select_related("site").first()
    return main.site if main is not None else None


def public_url(item: Feedback, suffix: str) -> str:
    """An address on the site where the question was sent, in the citizen's language.

    That site's Q&A shows the question once published, whichever unit answered it
    (``public._published``); the main portal, which shows everything, stands in for a site that is gone.
    """
    site = _public_site(item)
    if site is None:
        return ""
    home = site.root_page
    locale = Locale.objects.filter(language_code=item.language).first()
    if locale is not None:
        home = home.get_translation_or_none(locale) or home
    base = home.get_full_url() or f"{site.root_url}/{item.language}/"
    return base + suffix


def lookup_url(item: Feedback) -> str:
    return public_url(item, f"gop-y/tra-cuu/?ma={item.code}")


def qa_url(item: Feedback) -> str:
    return public_url(item, f"hoi-dap/{item.code}/")


def admin_url(item: Feedback) -> str:
    base = str(getattr(settings, "WAGTAILADMIN_BASE_URL", "")).rstrip("/")
    return base + reverse("editorial_feedback_detail", args=[item.pk])


def _subject(text: str) -> str:
    return " ".join(text.split())[:200]


def _send(item: Feedback, subject: str, body: str, recipients: list[str], audience: str) -> bool:
    """Send one message and record it; never raises."""
    try:
        EmailMessage(_subject(subject), body, to=recipients).send()
    except Exception as error:  # SMTP down, refused, timeout: recorded, retried later
        log.warning("Feedback %s: e-mail to %s failed: %s", item.code, audience, error)
        FeedbackEvent.objects.create(
            feedback=item, kind=EventKind.MAIL_FAILED, note=f"{audience}: {type(error).__name__}"
        )
        return False
    FeedbackEvent.objects.create(feedback=item, kind=EventKind.MAIL_SENT, note=audience)
    return True


def send_receipt(item: Feedback) -> bool:
    """The tracking code to the citizen, when an e-mail address was given."""
    if not item.personal_email:
        return False
    with translation.override(item.language):
        context = {"item": item, "lookup_url": lookup_url(item)}
        subject = _("Đã tiếp nhận câu hỏi của bạn – mã tra cứu %(code)s") % {"code": item.code}
        body = render_to_string("editorial/feedback/email/receipt.txt", context)
        return _send(item, subject, body, [item.personal_email], _("Người gửi: xác nhận tiếp nhận"))


def notify_unit(item: Feedback) -> bool:
    """Tell the assigned unit it has a question to answer, and by when."""
    unit = item.assigned_unit
    if unit is None:
        return False
    recipients = unit_recipients(unit)
    if not recipients:
        FeedbackEvent.objects.create(
            feedback=item,
            kind=EventKind.MAIL_FAILED,
            to_unit=unit,
            note=_("Đơn vị chưa khai báo địa chỉ thư điện tử nhận thông báo."),
        )
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {"item": item, "unit": unit, "admin_url": admin_url(item)}
        subject = _("Câu hỏi %(code)s được chuyển đến đơn vị, hạn trả lời %(deadline)s") % {
            "code": item.code,
            "deadline": f"{item.deadline:%d/%m/%Y}",
        }
        body = render_to_string("editorial/feedback/email/assigned.txt", context)
        audience = _("Đơn vị %(unit)s: %(emails)s") % {"unit": unit.name_vi, "emails": ", ".join(recipients)}
    if _send(item, subject, body, recipients, audience):
        Feedback.objects.filter(pk=item.pk).update(unit_notified_at=timezone.now())
        return True
    return False


def notify_citizen(item: Feedback) -> bool:
    """The approved answer to the citizen, in the language the question was sent in."""
    if not item.personal_email:
        return False
    with translation.override(item.language):
        context: dict[str, Any] = {
            "item": item,
            "lookup_url": lookup_url(item),
            "qa_url": qa_url(item) if item.is_published else "",
        }
        subject = _("Trả lời câu hỏi của bạn – mã tra cứu %(code)s") % {"code": item.code}
        body = render_to_string("editorial/feedback/email/answered.txt", context)
        audience = _("Người gửi: câu trả lời")
    if _send(item, subject, body, [item.personal_email], audience):
        Feedback.objects.filter(pk=item.pk).update(citizen_notified_at=timezone.now())
        return True
    return False
