"""Rules for the public contacts of a unit (P-Art. 8.7: directory of official e-mail and web addresses).

Plain functions, testable without HTTP: Vietnamese phone numbers, names of people, and duplicates
in a unit's list of named contacts.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editorial.tcvn6909 import fold

# Separators people type inside a number: spaces, dots, hyphens, parentheses.
_PHONE_NOISE = re.compile(r"[\s.\-()\u00a0]")
# Several numbers in one field: "0258 3822 000; 0905 123 456".
_PHONE_SPLIT = re.compile(r"\s*[;,/]\s*")
MAX_PHONES = 3
# A person's name: letters (any script), spaces, dots, apostrophes and hyphens, starting with a letter.
_NAME_RE = re.compile(r"^[^\W\d_][^\W\d_ .'\-]*(?:[ .'\-]+[^\W\d_]+)*\.?$")

validate_web_url = URLValidator(
    schemes=["http", "https"], message=_("Địa chỉ trang web phải bắt đầu bằng http:// hoặc https://.")
)


@dataclass(frozen=True)
class Phone:
    """One number as typed and as a ``tel:`` address (E.164, +84…)."""

    display: str
    uri: str


def _digits(number: str) -> str | None:
    """National digits of a Vietnamese number (0…), or None if it is not one."""
    compact = _PHONE_NOISE.sub("", number)
    if compact.startswith("+84"):
        compact = "0" + compact[3:]
    elif compact.startswith("0084"):
        compact = "0" + compact[4:]
    if not compact.isdigit():
        return None
    # Hotlines 1800/1900 + 4 or 6 digits.
    if re.fullmatch(r"1[89]00\d{4}(?:\d{2})?", compact):
        return compact
    # Mobile: 0 + 9 digits (03x, 05x, 07x, 08x, 09x).
    if re.fullmatch(r"0[35789]\d{8}", compact):
        return compact
    # Landline since 2017: 11 digits, area code 02x/02xx (0258 3 822 000 in Khánh Hòa; 024 3 xxx xxxx).
    if re.fullmatch(r"02\d{9}", compact):
        return compact
    return None


def parse_phones(value: str) -> list[Phone]:
    """The numbers of a phone field; raises ``ValidationError`` (in Vietnamese) for anything else."""
    value = (value or "").strip()
    if not value:
        return []
    parts = [part for part in _PHONE_SPLIT.split(value) if part.strip()]
    if len(parts) > MAX_PHONES:
        raise ValidationError(
            _("Nhập tối đa %(max)s số điện thoại, cách nhau bởi dấu chấm phẩy."),
            params={"max": MAX_PHONES},
            code="too_many_phones",
        )
    phones = []
    for part in parts:
        digits = _digits(part)
        if digits is None:
            raise ValidationError(
                _(
                    "Số điện thoại «%(number)s» không đúng định dạng Việt Nam: số cố định 0258 3 822 000, "
                    "di động 0905 123 456, tổng đài 1900 xxxx, hoặc +84…"
                ),
                params={"number": part.strip()[:40]},
                code="invalid_phone",
            )
        uri = "tel:" + (digits if digits.startswith("1") else "+84" + digits[1:])
        phones.append(Phone(display=part.strip(), uri=uri))
    return phones


def validate_phone(value: str) -> None:
    parse_phones(value)


def validate_person_name(value: str) -> None:
    """A full name of a person: letters, spaces, dots, apostrophes and hyphens (no digits or symbols)."""
    value = unicodedata.normalize("NFC", (value or "").strip())
    if len(value) < 2 or not _NAME_RE.match(value):
        raise ValidationError(
            _("Họ và tên «%(name)s» không hợp lệ: chỉ gồm chữ cái, dấu cách, dấu chấm, gạch nối."),
            params={"name": value[:60]},
            code="invalid_name",
        )


def validate_not_future(value: datetime.date | None) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError(_("Ngày xác nhận không thể ở tương lai."), code="future_date")


def clean_email(value: str) -> str:
    """E-mail addresses compare and display in lower case, without surrounding spaces."""
    return (value or "").strip().lower()


def is_official_email(value: str) -> bool:
    """Addresses of the state e-mail system end in .gov.vn; others are allowed but flagged."""
    return clean_email(value).endswith(".gov.vn")


def name_key(name: str) -> str:
    """Two spellings of one name ("Nguyễn Văn A", "nguyen van  a") are the same person."""
    return " ".join(fold(name or "").split())


@dataclass(frozen=True)
class ContactEntry:
    """What duplicate detection looks at in one row of the contacts list."""

    index: int
    full_name: str
    email: str


def duplicate_contacts(entries: Iterable[ContactEntry]) -> list[tuple[int, str, str]]:
    """Rows repeating an earlier row's person or e-mail: ``(index, field, message)`` for each."""
    seen_names: dict[str, str] = {}
    seen_emails: set[str] = set()
    problems: list[tuple[int, str, str]] = []
    for entry in entries:
        key = name_key(entry.full_name)
        email = clean_email(entry.email)
        if key and key in seen_names:
            problems.append(
                (
                    entry.index,
                    "full_name",
                    str(_("Người liên hệ «%(name)s» đã có trong danh sách.") % {"name": seen_names[key]}),
                )
            )
        elif email and email in seen_emails:
            problems.append(
                (
                    entry.index,
                    "email",
                    str(_("Địa chỉ %(email)s đã dùng cho người liên hệ khác của đơn vị.") % {"email": email}),
                )
            )
        if key:
            seen_names.setdefault(key, entry.full_name.strip())
        if email:
            seen_emails.add(email)
    return problems
