"""The rules of a procedure's data as plain functions: the model, the admin form and the importer share them.

Codes and links follow the national database of administrative procedures (csdl.dichvucong.gov.vn); the
levels of online service are those of NĐ 42/2022/NĐ-CP (Art. 11): "toàn trình", "một phần", or
information only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from search.folding import fold

if TYPE_CHECKING:
    from .models import ProcedurePage

# "1.001612", "2.000794": the national database's code, a digit, a dot and six digits.
NATIONAL_CODE_RE = re.compile(r"^[1-9]\.\d{6}$", re.ASCII)
# Links lead to the National Public Service Portal or the province's own procedures system (P-Art. 9).
SERVICE_HOSTS = ("dichvucong.gov.vn", "dichvucong.khanhhoa.gov.vn")
# Where the national portal shows a procedure, when the editor gives no link of their own.
NATIONAL_DETAIL_URL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"
MAX_PROCESSING_DAYS = 365
SUMMARY_LIMIT = 600


class OnlineLevel(models.TextChoices):
    """Levels of online public service under NĐ 42/2022/NĐ-CP."""

    FULL = "toan-trinh", _("Dịch vụ công trực tuyến toàn trình")
    PARTIAL = "mot-phan", _("Dịch vụ công trực tuyến một phần")
    INFO = "thong-tin", _("Chỉ cung cấp thông tin")


class Level(models.TextChoices):
    """Which tier of government handles the procedure; one procedure may be handled at several."""

    PROVINCE = "tinh", _("Cấp tỉnh")
    DISTRICT = "huyen", _("Cấp huyện")
    COMMUNE = "xa", _("Cấp xã")


# The page's boolean field for each level.
LEVEL_FIELDS: dict[str, str] = {
    Level.PROVINCE: "at_province",
    Level.DISTRICT: "at_district",
    Level.COMMUNE: "at_commune",
}


def clean_national_code(value: Any) -> str:
    """The code as stored: spaces removed; a ``ValidationError`` in Vietnamese when its form is wrong."""
    text = str(value or "").strip()
    code = re.sub(r"\s+", "", text)
    if not NATIONAL_CODE_RE.match(code):
        raise ValidationError(
            gettext(
                "Mã thủ tục «%(code)s» không đúng dạng của Cơ sở dữ liệu quốc gia về thủ tục hành chính: "
                "một chữ số, dấu chấm và sáu chữ số, ví dụ 1.001612 hoặc 2.000794."
            )
            % {"code": text[:40]},
            code="national_code",
        )
    return code


def validate_national_code(value: str) -> None:
    clean_national_code(value)


def validate_service_url(value: str) -> None:
    """Only https links to the national or the provincial public service portal (no other host, no login part)."""
    hosts = " hoặc ".join(SERVICE_HOSTS)
    try:
        parts = urlsplit(value or "")
        port = parts.port
    except ValueError:
        raise ValidationError(gettext("Đường dẫn không hợp lệ."), code="service_url") from None
    if parts.scheme.lower() != "https":
        raise ValidationError(
            gettext("Đường dẫn phải bắt đầu bằng https:// (kết nối bảo mật)."), code="service_url_scheme"
        )
    if parts.username is not None or parts.password is not None or port not in (None, 443):
        raise ValidationError(
            gettext("Đường dẫn không được chứa tên đăng nhập, mật khẩu hay cổng riêng."), code="service_url"
        )
    if (parts.hostname or "").lower() not in SERVICE_HOSTS:
        raise ValidationError(
            gettext(
                "Đường dẫn phải dẫn tới Cổng Dịch vụ công quốc gia hoặc Hệ thống thông tin giải quyết thủ tục "
                "hành chính của tỉnh (%(hosts)s), không phải «%(host)s»."
            )
            % {"hosts": hosts, "host": (parts.hostname or "")[:100]},
            code="service_url_host",
        )


def national_detail_url(code: str) -> str:
    return NATIONAL_DETAIL_URL.format(code=code)


_SPLIT_LEVELS = re.compile(r"[,;/\n]|\s+va\s+|\s+-\s+")


def parse_levels(text: str) -> set[str]:
    """ "Cấp Tỉnh, Cấp Huyện" → {"tinh", "huyen"}; ValueError naming what is not a level."""
    found: set[str] = set()
    unknown: list[str] = []
    for part in _SPLIT_LEVELS.split(fold(text)):
        part = part.strip(" .")
        if not part:
            continue
        bare = part.removeprefix("cap ").strip()
        # District names first: "thành phố thuộc tỉnh" and "thị xã" end like the other two levels.
        if bare in {"huyen", "quan", "thi xa", "thanh pho", "thanh pho thuoc tinh", "ubnd huyen"}:
            found.add(Level.DISTRICT)
        elif bare in {"tinh", "ubnd tinh"}:
            found.add(Level.PROVINCE)
        elif bare in {"xa", "phuong", "thi tran", "ubnd xa"}:
            found.add(Level.COMMUNE)
        else:
            unknown.append(part)
    if unknown:
        raise ValueError(
            gettext("không rõ cấp thực hiện «%(parts)s» (chỉ nhận cấp tỉnh, cấp huyện, cấp xã)")
            % {"parts": ", ".join(unknown)[:100]}
        )
    return found


def parse_online_level(text: str) -> str:
    """The NĐ 42/2022 level; the old "mức độ 1–4" of NĐ 43/2011 are mapped (4 → toàn trình, 3 → một phần)."""
    key = fold(text).strip(" .")
    key = re.sub(r"^(dich vu cong truc tuyen|dvc truc tuyen|dvctt|dvc)\s*", "", key)
    if "toan trinh" in key:
        return OnlineLevel.FULL
    if "mot phan" in key:
        return OnlineLevel.PARTIAL
    if "thong tin" in key:
        return OnlineLevel.INFO
    legacy = re.fullmatch(r"(?:muc do|muc)?\s*([1-4])", key)
    if legacy:
        return {"4": OnlineLevel.FULL, "3": OnlineLevel.PARTIAL}.get(legacy.group(1), OnlineLevel.INFO)
    raise ValueError(
        gettext("không rõ mức độ dịch vụ công «%(text)s» (toàn trình, một phần hoặc chỉ cung cấp thông tin)")
        % {"text": text[:60]}
    )


_DAYS = re.compile(r"(\d{1,4})\s*(?:\([^)]*\)\s*)?ngay")


def parse_processing_days(text: str) -> int | None:
    """ "15 ngày làm việc kể từ …" → 15; "trong ngày" → 0; None when the text gives no number of days."""
    folded = fold(text)
    match = _DAYS.search(folded)
    if match:
        return int(match.group(1))
    if re.search(r"\btrong (ngay|ngay lam viec)\b", folded):
        return 0
    return None


_BULLET = re.compile(r"^\s*(?:[-+•*–]|\(?\d{1,2}[.)]|\(?[a-zđ][.)])\s*", re.IGNORECASE)


def split_papers(text: str) -> list[str]:
    """One required paper per line (or per ";" when the cell is one line), bullets and numbers removed."""
    lines = [line for line in (text or "").split("\n") if line.strip()]
    if len(lines) == 1 and ";" in lines[0]:
        lines = lines[0].split(";")
    papers = [_BULLET.sub("", line).strip(" ;.") for line in lines]
    return [paper for paper in papers if paper]


def default_summary(title: str, competent_unit: str, processing_time: str) -> str:
    """A summary for an imported procedure: who handles it and how long it takes."""
    text = gettext("Thủ tục «%(title)s» do %(unit)s giải quyết.") % {"title": title, "unit": competent_unit}
    if processing_time:
        text += " " + gettext("Thời hạn giải quyết: %(time)s.") % {"time": processing_time.rstrip(".")}
    if len(text) > SUMMARY_LIMIT:
        text = text[: SUMMARY_LIMIT - 1].rstrip() + "…"
    return text


def folded_text(page: Any) -> str:
    """What the listing's text filter searches: code, name, field, unit, summary, without diacritics."""
    field = getattr(page, "field", None) if getattr(page, "field_id", None) else None
    parts = [
        page.national_code,
        page.title,
        field.name_vi if field is not None else "",
        page.competent_unit,
        page.summary,
    ]
    return fold(" ".join(part or "" for part in parts))


def site_path_of(page_path: str) -> str:
    """The tree path of the home page a page belongs to (each site and language has its own home)."""
    from wagtail.models import Page

    return page_path[: Page.steplen * 2]


def code_conflict(code: str, *, site_path: str, locale_id: int, exclude_pk: int | None = None) -> ProcedurePage | None:
    """Another procedure with this code in the same site and language, if any."""
    from .models import ProcedurePage

    queryset = ProcedurePage.objects.filter(national_code=code, locale_id=locale_id, path__startswith=site_path)
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.only("pk", "title", "path").first()


def duplicate_code_error(other: ProcedurePage) -> ValidationError:
    return ValidationError(
        gettext("Mã thủ tục này đã dùng cho «%(title)s» (trang số %(pk)s) trên cùng cổng.")
        % {"title": other.title[:120], "pk": other.pk},
        code="duplicate_national_code",
    )
