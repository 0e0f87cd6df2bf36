"""Spam defences of the public form, none needing a third-party service.

- A honeypot field people never see (and screen readers skip): a bot that fills every field is refused.
- A signed timestamp in the form: sent back sooner than ``FEEDBACK_MIN_FILL_SECONDS`` after the form
  was shown, it looks automatic; older than ``FEEDBACK_FORM_MAX_AGE_HOURS``, the form is stale. Its
  random nonce also makes a repeated submission (a refresh) show the first one's receipt.
- Limits per client address and per e-mail/phone, counted in the database over a sliding window.

Every refusal keeps what the citizen typed: the form is shown again with a fresh token.
"""

from __future__ import annotations

import datetime
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Feedback
from .rules import normalise_phone

SALT = "editorial.feedback.form"
HONEYPOT_FIELD = "website"


def min_fill_seconds() -> int:
    return max(0, int(getattr(settings, "FEEDBACK_MIN_FILL_SECONDS", 5)))


def max_age_seconds() -> int:
    return max(1, int(getattr(settings, "FEEDBACK_FORM_MAX_AGE_HOURS", 24))) * 3600


def issue_token(now: float | None = None) -> str:
    """A signed {nonce, time} for the hidden field; ``now`` lets tests and the demo date it."""
    return signing.dumps({"n": secrets.token_urlsafe(16), "t": int(time.time() if now is None else now)}, salt=SALT)


@dataclass(frozen=True)
class TokenCheck:
    nonce: str | None
    problem: str | None  # None when the token is good


def check_token(token: str, now: float | None = None) -> TokenCheck:
    now = time.time() if now is None else now
    try:
        data = signing.loads(token or "", salt=SALT)
        nonce, issued = str(data["n"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return TokenCheck(
            None,
            _("Biểu mẫu không hợp lệ hoặc đã bị thay đổi. Nội dung bạn nhập vẫn được giữ; vui lòng bấm «Gửi» lại."),
        )
    elapsed = now - issued
    if elapsed < min_fill_seconds() or elapsed < -300:
        return TokenCheck(
            nonce,
            _(
                "Biểu mẫu được gửi quá nhanh sau khi mở, giống như do máy tự động gửi. "
                "Vui lòng kiểm tra lại nội dung rồi bấm «Gửi» một lần nữa."
            ),
        )
    if elapsed > max_age_seconds():
        return TokenCheck(
            nonce,
            _("Biểu mẫu đã mở quá lâu nên hết hạn. Nội dung bạn nhập vẫn được giữ; vui lòng bấm «Gửi» lại."),
        )
    return TokenCheck(nonce, None)


def honeypot_message() -> str:
    return _(
        "Không gửi được: ô «Để trống ô này» đã được điền, như máy tự động thường làm. "
        "Nếu bạn là người gửi, hãy để trống ô đó rồi bấm «Gửi» lại."
    )


def _window() -> datetime.timedelta:
    return datetime.timedelta(hours=max(1, int(getattr(settings, "FEEDBACK_LIMIT_WINDOW_HOURS", 24))))


def rate_limit_message(
    ip: str | None, email: str = "", phone: str = "", now: datetime.datetime | None = None
) -> str | None:
    """Why this submission is over a limit, or None. Counts what was stored within the window."""
    since = (now or timezone.now()) - _window()
    recent = Feedback.objects.filter(received_at__gte=since)
    hours = int(_window().total_seconds() // 3600)
    ip_limit = int(getattr(settings, "FEEDBACK_LIMIT_PER_IP", 10))
    if ip and recent.filter(personal_ip=ip).count() >= ip_limit:
        return _(
            "Từ địa chỉ mạng của bạn đã có %(count)s câu hỏi được gửi trong %(hours)s giờ qua, bằng giới hạn "
            "cho phép. Vui lòng gửi lại sau; nội dung bạn nhập vẫn được giữ."
        ) % {"count": ip_limit, "hours": hours}
    contact_limit = int(getattr(settings, "FEEDBACK_LIMIT_PER_EMAIL", 5))
    over_email = email and recent.filter(personal_email__iexact=email).count() >= contact_limit
    number = normalise_phone(phone)
    over_phone = False
    if number and not over_email:
        # Stored as typed: compared in their national form, so +84 905… and 0905… are one number.
        phones = recent.exclude(personal_phone="").values_list("personal_phone", flat=True)[:1000]
        over_phone = sum(1 for value in phones if normalise_phone(value) == number) >= contact_limit
    if over_email or over_phone:
        return _(
            "Địa chỉ thư điện tử hoặc số điện thoại này đã gửi %(count)s câu hỏi trong %(hours)s giờ qua, bằng "
            "giới hạn cho phép. Vui lòng chờ câu trả lời hoặc gửi lại sau; nội dung bạn nhập vẫn được giữ."
        ) % {"count": contact_limit, "hours": hours}
    return None
