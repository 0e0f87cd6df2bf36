"""The rules of a project's data as plain functions: amounts in đồng, e-procurement numbers and links, dates.

Amounts are whole đồng (the đồng has no subunit in use) written the Vietnamese way, "1.234.567.890 đ".
Notices live on the national e-procurement system (Hệ thống mạng đấu thầu quốc gia,
muasamcong.mpi.gov.vn), where a tender notice (TBMT) is numbered "IB" + 10 digits and a contractor
selection plan "PL" + 10 digits (11 digits on the system before 2022), with "-00" for the version.
"""

from __future__ import annotations

import datetime
import os
import re
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from .enums import ProjectKind, ProjectStatus

MAX_VALUE_VND = 10**15  # a million billion đồng: more than any provincial project, so a typing error
EGP_HOST = "muasamcong.mpi.gov.vn"
EGP_NUMBER_RE = re.compile(r"^(?:(?:IB|PL)\d{10}|\d{11})(?:-\d{2})?$", re.ASCII)
NBSP = "\u00a0"
EARLIEST_DATE = datetime.date(1990, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)

_CURRENCY = re.compile(r"(?:đồng|đ|vnđ|vnd|₫)\.?$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def parse_vnd(text: Any) -> int | None:
    """ "1.234.567.890 đ", "1 234 567 890", "1234567890" → 1234567890; None when empty.

    Refused with a Vietnamese message: negatives, fractions of a đồng, anything that is not a number,
    and amounts above 10^15 đồng.
    """
    if text is None:
        return None
    if isinstance(text, int) and not isinstance(text, bool):
        return check_vnd(text)
    value = _SPACES.sub("", _CURRENCY.sub("", _SPACES.sub(" ", str(text)).strip()).strip())
    if not value:
        return None
    if value.startswith(("-", "−")):
        raise ValidationError(gettext("Giá trị không được âm."), code="negative")
    value = value.lstrip("+")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", value, re.ASCII):
        digits = value.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+", value, re.ASCII):
        digits = value.replace(",", "")
    elif re.fullmatch(r"\d+", value, re.ASCII):
        digits = value
    elif re.fullmatch(r"\d[\d.,]*[.,]\d{1,2}", value, re.ASCII):
        raise ValidationError(
            gettext("Giá trị tính bằng đồng, không có phần lẻ: bỏ phần sau dấu phẩy."), code="fraction"
        )
    else:
        raise ValidationError(
            gettext("Giá trị «%(value)s» không phải số tiền; nhập số đồng, ví dụ 1.234.567.890.")
            % {"value": str(text)[:40]},
            code="invalid",
        )
    if len(digits) > 20:
        raise _too_large()
    return check_vnd(int(digits))


def _too_large() -> ValidationError:
    return ValidationError(
        gettext("Giá trị quá lớn (hơn 10^15 đồng): kiểm tra lại số chữ số."),
        code="too_large",
    )


def check_vnd(value: int) -> int:
    if value < 0:
        raise ValidationError(gettext("Giá trị không được âm."), code="negative")
    if value > MAX_VALUE_VND:
        raise _too_large()
    return value


def validate_vnd(value: int | None) -> None:
    if value is not None:
        check_vnd(value)


def group_digits(value: int, separator: str) -> str:
    return f"{value:,}".replace(",", separator)


def format_vnd(value: int | None, language: str = "vi") -> str:
    """The amount as each language writes it: "1.234.567.890 đ", "1,234,567,890 VND", "1 234 567 890 VND"."""
    if value is None:
        return ""
    if language == "en":
        return f"{group_digits(value, ',')} VND"
    if language == "ru":
        return group_digits(value, NBSP) + NBSP + "VND"
    return group_digits(value, ".") + " đ"


def clean_egp_number(value: Any) -> str:
    number = re.sub(r"\s+", "", str(value or "")).upper()
    if number and not EGP_NUMBER_RE.match(number):
        raise ValidationError(
            gettext(
                "Số hiệu «%(number)s» không đúng dạng của Hệ thống mạng đấu thầu quốc gia: số thông báo mời thầu "
                "IB và 10 chữ số (ví dụ IB2500123456), số kế hoạch lựa chọn nhà thầu PL và 10 chữ số, "
                "có thể kèm phiên bản -00."
            )
            % {"number": number[:40]},
            code="egp_number",
        )
    return number


def validate_egp_number(value: str) -> None:
    clean_egp_number(value)


def egp_duplicate_error(number: str, title: str, unit: Any, pk: int, *, live: bool) -> str:
    """The message naming the project that already carries the number, and where to find it."""
    place = unit.name_vi if unit is not None else gettext("trang số %(pk)s") % {"pk": pk}
    return gettext(
        "Số hiệu %(number)s đã dùng cho «%(title)s» (%(place)s%(state)s). Mỗi số hiệu trên Hệ thống mạng "
        "đấu thầu quốc gia chỉ ứng với một dự án, gói thầu; hãy kiểm tra lại số hoặc sửa trang đã có."
    ) % {
        "number": number,
        "title": title,
        "place": place,
        "state": "" if live else gettext(", chưa xuất bản"),
    }


def validate_egp_url(value: str) -> None:
    """Only https links to the national e-procurement system."""
    try:
        parts = urlsplit(value or "")
        port = parts.port
    except ValueError:
        raise ValidationError(gettext("Đường dẫn không hợp lệ."), code="egp_url") from None
    if parts.scheme.lower() != "https":
        raise ValidationError(gettext("Đường dẫn phải bắt đầu bằng https:// (kết nối bảo mật)."), code="egp_url")
    if parts.username is not None or parts.password is not None or port not in (None, 443):
        raise ValidationError(
            gettext("Đường dẫn không được chứa tên đăng nhập, mật khẩu hay cổng riêng."), code="egp_url"
        )
    if (parts.hostname or "").lower() != EGP_HOST:
        raise ValidationError(
            gettext("Đường dẫn phải dẫn tới Hệ thống mạng đấu thầu quốc gia (%(host)s), không phải «%(other)s».")
            % {"host": EGP_HOST, "other": (parts.hostname or "")[:100]},
            code="egp_url_host",
        )


def _day(value: datetime.date | datetime.datetime | None) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def date_errors(
    *,
    start: datetime.date | None,
    end: datetime.date | None,
    bid_open: datetime.datetime | None,
    bid_close: datetime.datetime | None,
    kind: str,
    status: str,
) -> dict[str, str]:
    """Field name → what is wrong with the project's dates (empty when they hold together)."""
    errors: dict[str, str] = {}
    for name, value in (
        ("start_date", start),
        ("end_date", end),
        ("bid_open_at", bid_open),
        ("bid_close_at", bid_close),
    ):
        day = _day(value)
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            errors[name] = gettext("Ngày %(day)s nằm ngoài khoảng 1990–2100: kiểm tra lại năm.") % {
                "day": day.strftime("%d/%m/%Y")
            }
    if "end_date" not in errors and start and end and end < start:
        errors["end_date"] = gettext("Ngày kết thúc không được trước ngày bắt đầu.")
    if "bid_close_at" not in errors and bid_open and bid_close and bid_close <= bid_open:
        errors["bid_close_at"] = gettext("Thời điểm đóng thầu phải sau thời điểm phát hành hồ sơ mời thầu.")
    tender = kind in (ProjectKind.BID_PACKAGE, ProjectKind.PURCHASE)
    if tender and status == ProjectStatus.BIDDING and not bid_close and "bid_close_at" not in errors:
        errors["bid_close_at"] = gettext("Gói thầu đang mời thầu cần có thời điểm đóng thầu.")
    return errors


def listing_year(
    start: datetime.date | None, bid_open: datetime.datetime | None, published: datetime.datetime | None
) -> int | None:
    """The year a citizen files the project under: its start, else its tender, else its publication."""
    for value in (start, bid_open, published):
        day = _day(value)
        if day is not None:
            return day.year
    return None


ALLOWED_DOCUMENT_EXTENSIONS = ("pdf", "doc", "docx", "xlsx")


def document_error(file_name: str) -> str | None:
    """Only PDF, DOC, DOCX and XLSX are attached to a project (by name; ``document_problem`` checks the content)."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension in ALLOWED_DOCUMENT_EXTENSIONS:
        return None
    return gettext("Chỉ đính kèm tệp PDF, DOC, DOCX hoặc XLSX; «%(name)s» không được nhận.") % {
        "name": file_name.rsplit("/", 1)[-1][:100]
    }


def document_problem(document: Any) -> str | None:
    """Why a Wagtail document cannot be attached to a project, or None.

    The type by name first, then the upload checks of ``security.uploads`` once more (size limit, what
    the bytes really are, active content): a document may have been stored by an import, the shell or
    before those checks existed, and an executable or HTML page named ``.pdf`` must not reach a tender.
    """
    from security.uploads import stored_document_problem

    name = os.path.basename(getattr(document.file, "name", "") or "") or str(document.title)
    problem = document_error(name)
    if problem:
        return problem
    return stored_document_problem(document.file, name)
