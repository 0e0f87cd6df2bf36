"""Rules of citizens' questions as plain functions: tracking codes, deadlines, phones, file names."""

from __future__ import annotations

import datetime
import os
import re
import secrets
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from editorial.calendar import WorkingCalendar

from .models import CODE_LENGTH

# No 0/O, 1/I: a code read aloud on the phone or copied from paper is typed right.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_PATTERN = f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}"
_CODE_RE = re.compile(rf"^{CODE_PATTERN}$")
_CODE_NOISE = re.compile(r"[\s\-.]")


def new_code() -> str:
    """Ten characters from 32: 2^50 codes, so a code cannot be guessed."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str | None:
    """The code as typed by a citizen (any case, spaces or dashes), or None when it cannot be one."""
    if not text or len(text) > 40:
        return None
    code = _CODE_NOISE.sub("", text).upper()
    return code if _CODE_RE.match(code) else None


def answer_working_days() -> int:
    return max(1, int(getattr(settings, "FEEDBACK_ANSWER_WORKING_DAYS", 10)))


def deadline_for(received_on: datetime.date, calendar: WorkingCalendar, days: int | None = None) -> datetime.date:
    """The answer is due ``days`` working days after the day it was received (holidays skipped)."""
    return calendar.add_working_days(received_on, answer_working_days() if days is None else days)


def working_days_taken(received_on: datetime.date, answered_on: datetime.date, calendar: WorkingCalendar) -> int:
    """Working days after the day of receipt up to the day of the answer (0 when answered the same day)."""
    return calendar.working_days_between(received_on, answered_on)


# A phone number as citizens write it, at home or abroad: digits with the usual separators.
_PHONE_RE = re.compile(r"^\+?[\d\s.\-()]{6,30}$")


def validate_citizen_phone(value: str) -> None:
    digits = re.sub(r"\D", "", value or "")
    if not _PHONE_RE.match(value or "") or not 8 <= len(digits) <= 15:
        raise ValidationError(
            _("Số điện thoại không hợp lệ: nhập 8 đến 15 chữ số, ví dụ 0905 123 456 hoặc +84 905 123 456."),
            code="phone",
        )


def clean_phone(value: str) -> str:
    return " ".join((value or "").split())


_UNSAFE_NAME = re.compile(r"[^\w.\- ()]+", re.UNICODE)
FILENAME_MAX = 150


def clean_filename(name: str, extension: str) -> str:
    """A file name safe to show and to put in a download header; the extension is the real type's."""
    base = os.path.basename((name or "").replace("\\", "/"))
    stem = unicodedata.normalize("NFC", base.rsplit(".", 1)[0] if "." in base else base)
    stem = _UNSAFE_NAME.sub("_", stem).strip(" ._") or "tep-dinh-kem"
    return f"{stem[: FILENAME_MAX - len(extension) - 1]}.{extension}"
