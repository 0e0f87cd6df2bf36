"""Rules of citizens' questions as plain functions: tracking codes, deadlines, phones, file names."""

from __future__ import annotations

import datetime
import os
import re
import secrets
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
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


# Vietnam's country code: +84 905 123 456, 84905123456 and 0084 905 123 456 are all 0905 123 456.
_VN_NATIONAL_LENGTHS = (10, 11)  # mobile 0 + 9 digits, landline 0 + 10 digits


def normalise_phone(value: str) -> str:
    """The digits of a phone number, a Vietnamese one in its national form (0…), so that one
    number written with +84, 84, 0084 or 0 and any separators compares equal."""
    text = (value or "").strip()
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0084"):
        return "0" + digits[4:]
    if digits.startswith("84") and (text.startswith("+") or len(digits) - 1 in _VN_NATIONAL_LENGTHS):
        return "0" + digits[2:]
    return digits


# --- Personal data left in what the Q&A would publish ----------------------------------------------

_SEPARATORS = r"[\s.\-()]*"


def _fold(text: str) -> str:
    """Lower case, no diacritics, đ as d, runs of spaces as one: «Nguyễn  Văn Bình» matches «nguyen van binh»."""
    decomposed = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def _phone_pattern(phone: str) -> re.Pattern[str] | None:
    """The citizen's number as it may be written in a text: any separators, a Vietnamese one with
    0, +84, 84, 0084 or no prefix; never part of a longer run of digits."""
    national = normalise_phone(phone)
    if len(national) < 8:
        return None
    if national.startswith("0") and len(national) in _VN_NATIONAL_LENGTHS:
        prefix = rf"(?:(?:\+|00)?\s*84{_SEPARATORS}|0{_SEPARATORS})?"
        significant = national[1:]
    else:
        prefix = r"\+?\s*"
        significant = national
    body = _SEPARATORS.join(significant)
    return re.compile(rf"(?<![\d+]){prefix}{body}(?!\d)")


def _contains_name(text: str, name: str) -> bool:
    """The citizen's full name (two words or more: one word alone is too often an ordinary word)."""
    folded = _fold(name)
    if len(folded.split()) < 2:
        return False
    return re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", _fold(text)) is not None


def personal_data_in(texts: dict[str, str], *, name: str, email: str, phone: str) -> dict[str, list[str]]:
    """Which of ``texts`` (field name → text) still hold the citizen's name, e-mail or phone number.

    The answer maps each field to the kinds found ("name", "email", "phone"), fields without any left out.
    Comparison ignores case, diacritics and spacing; phone numbers are compared on their digits.
    """
    phone_re = _phone_pattern(phone)
    email_folded = (email or "").strip().casefold()
    found: dict[str, list[str]] = {}
    for field, text in texts.items():
        kinds = []
        if name and _contains_name(text, name):
            kinds.append("name")
        if email_folded and email_folded in (text or "").casefold():
            kinds.append("email")
        if phone_re is not None and phone_re.search(text or ""):
            kinds.append("phone")
        if kinds:
            found[field] = kinds
    return found


PUBLISHED_FIELD_LABELS = {
    "published_title": _("tiêu đề công khai"),
    "published_question": _("nội dung câu hỏi công khai"),
    "answer": _("câu trả lời"),
}
PERSONAL_KIND_LABELS = {
    "name": _("họ tên"),
    "email": _("địa chỉ thư điện tử"),
    "phone": _("số điện thoại"),
}


def personal_data_message(found: dict[str, list[str]], *, answer_editable: bool = True) -> str:
    """One Vietnamese sentence naming each field and which of the citizen's data it holds."""
    parts = [
        capfirst(
            _("%(field)s còn chứa %(kinds)s của người gửi")
            % {
                "field": PUBLISHED_FIELD_LABELS.get(field, field),
                "kinds": ", ".join(str(PERSONAL_KIND_LABELS[kind]) for kind in kinds),
            }
        )
        for field, kinds in found.items()
    ]
    message = str(
        _(
            "Chưa công khai được vì mục Hỏi đáp không được hiện thông tin cá nhân: %(problems)s. "
            "Hãy lược bỏ rồi lưu lại."
        )
        % {"problems": "; ".join(parts)}
    )
    if "answer" in found and not answer_editable:
        message += " " + str(
            _(
                "Câu trả lời đã gửi người dân không sửa được nữa, "
                "nên câu hỏi này chỉ có thể trả lời riêng, không công khai."
            )
        )
    return message


_UNSAFE_NAME = re.compile(r"[^\w.\- ()]+", re.UNICODE)
FILENAME_MAX = 150


def clean_filename(name: str, extension: str) -> str:
    """A file name safe to show and to put in a download header; the extension is the real type's."""
    base = os.path.basename((name or "").replace("\\", "/"))
    stem = unicodedata.normalize("NFC", base.rsplit(".", 1)[0] if "." in base else base)
    stem = _UNSAFE_NAME.sub("_", stem).strip(" ._") or "tep-dinh-kem"
    return f"{stem[: FILENAME_MAX - len(extension) - 1]}.{extension}"
