"""Số, ký hiệu (number and symbol) of Vietnamese documents: parse, check against type and year, normalise.

The forms (Nghị định 30/2020/NĐ-CP Điều 8 and Phụ lục III; Luật Ban hành văn bản quy phạm pháp luật):

- ``26/2014/QĐ-UBND``: number / year / type abbreviation - issuer (normative documents);
- ``59/2020/QH14``: laws and resolutions of the National Assembly: no type abbreviation, the
  issuer is ``QH`` and its term;
- ``01/CT-UBND``: number / type abbreviation - issuer, without a year (non-normative documents,
  numbered anew every year);
- ``1234/UBND-VP``: official letters (công văn): issuer - drafting unit, no type abbreviation.

Input is tolerated as people type it: "Số: 26 / 2014 / qđ – ubnd", full-width digits, the
Icelandic "Ð" of legacy fonts for "Đ", missing diacritics ("QD" is "QĐ"). ``validate`` returns the
parsed number with its canonical spelling (``26/2014/QĐ-UBND``) or raises a ``ValidationError``
whose messages say, in Vietnamese, what to fix. Plain functions; no database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from editorial.tcvn6909 import fold

from .choices import DocumentType

MIN_YEAR = 1945
MAX_YEAR = 2100
MAX_NUMBER_DIGITS = 6
MAX_LENGTH = 60

# Type abbreviations of Nghị định 30/2020 (Phụ lục III) and of normative documents, as written.
ABBREVIATIONS: dict[str, str] = {
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "QĐ": "Quyết định",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "L": "Lệnh",
}
_BY_UPPER = {abbr.upper(): abbr for abbr in ABBREVIATIONS}
_BY_FOLDED: dict[str, list[str]] = {}
for _abbr in ABBREVIATIONS:
    _BY_FOLDED.setdefault(fold(_abbr).upper(), []).append(_abbr)
# Issuer abbreviations that keep a lower-case letter (Thủ tướng Chính phủ: "QĐ-TTg").
MIXED_CASE = {"TTG": "TTg"}


@dataclass(frozen=True)
class TypeRule:
    """What the symbol of one document type must look like."""

    abbreviations: tuple[str, ...] = ()  # empty: the type has no abbreviation (and must not carry one)
    year_required: bool = False
    number_required: bool = True
    issuer_pattern: str = ""  # for types without abbreviation: the issuer the symbol must name
    bare_issuers: str = ""  # for types with one: issuers that may omit it (resolutions of the QH)
    example: str = ""
    any_symbol: bool = False


LEGISLATURE = r"(?:QH|UBTVQH)\d{0,2}"
RULES: dict[str, TypeRule] = {
    DocumentType.HIEN_PHAP: TypeRule(number_required=False, any_symbol=True),
    DocumentType.LUAT: TypeRule(year_required=True, issuer_pattern=r"QH\d{0,2}", example="59/2020/QH14"),
    DocumentType.PHAP_LENH: TypeRule(year_required=True, issuer_pattern=r"UBTVQH\d{0,2}", example="02/2022/UBTVQH15"),
    DocumentType.NGHI_QUYET: TypeRule(("NQ", "NQLT"), bare_issuers=LEGISLATURE, example="15/2024/NQ-HĐND"),
    DocumentType.NGHI_DINH: TypeRule(("NĐ",), year_required=True, example="45/2025/NĐ-CP"),
    DocumentType.QUYET_DINH: TypeRule(("QĐ",), example="26/2014/QĐ-UBND"),
    DocumentType.THONG_TU: TypeRule(("TT", "TTLT"), year_required=True, example="12/2024/TT-BTTTT"),
    DocumentType.CHI_THI: TypeRule(("CT",), example="01/CT-UBND"),
    DocumentType.CONG_VAN: TypeRule(example="1234/UBND-VP"),
    DocumentType.KE_HOACH: TypeRule(("KH",), example="125/KH-UBND"),
    DocumentType.THONG_BAO: TypeRule(("TB",), example="45/TB-UBND"),
    DocumentType.HUONG_DAN: TypeRule(("HD",), example="03/HD-SYT"),
    DocumentType.KHAC: TypeRule(any_symbol=True, example="12/BC-UBND"),
}

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d_"), "-")
_SLASHES = dict.fromkeys(map(ord, "\u2044\u2215\u29f8\uff0f"), "/")
_LOOKALIKES = {ord("Ð"): "Đ", ord("ð"): "đ", ord("Ɖ"): "Đ", ord("ɖ"): "đ"}
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff]")
_PREFIX = re.compile(r"^\s*(?:số|so|no\.?|№)\s*[:.]?\s*", re.IGNORECASE)
_AROUND_SEPARATORS = re.compile(r"\s*([/-])\s*")
_PART = r"[^\W_]+(?:&[^\W_]+)*"
_FORM = re.compile(rf"^(?P<number>\d+)(?:/(?P<year>\d{{4}}))?/(?P<symbol>{_PART}(?:-{_PART})*)$")
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class ParsedNumber:
    number: int
    number_text: str  # as written ("01")
    year: int | None
    type_abbreviation: str | None  # canonical ("QĐ"), None when the symbol has none
    issuer: str  # the rest of the symbol ("UBND", "UBND-VP", "QH14", "BTC-BNV")

    @property
    def symbol(self) -> str:
        return "-".join(part for part in (self.type_abbreviation, self.issuer) if part)

    @property
    def canonical(self) -> str:
        year = f"/{self.year}" if self.year is not None else ""
        return f"{self.number_text}{year}/{self.symbol}"

    @property
    def issuer_parts(self) -> list[str]:
        return self.issuer.split("-") if self.issuer else []


def clean_text(raw: str) -> str:
    """The number as typed, with compatibility forms, dashes, slashes, look-alikes and spacing unified."""
    text = unicodedata.normalize("NFKC", str(raw or ""))
    text = _INVISIBLE.sub("", text).translate(_DASHES).translate(_SLASHES).translate(_LOOKALIKES)
    text = unicodedata.normalize("NFC", text)
    text = _PREFIX.sub("", text).strip().rstrip(".").strip()
    text = _AROUND_SEPARATORS.sub(r"\1", text)
    text = re.sub(r"-{2,}", "-", text)
    return re.sub(r"\s+", "-", text)  # "QĐ UBND" is "QĐ-UBND"


def _canonical_abbreviation(part: str) -> str | None:
    """The known type abbreviation a symbol part stands for ("qđ", "QD" → "QĐ"), or None."""
    exact = _BY_UPPER.get(part.upper())
    if exact:
        return exact
    folded = _BY_FOLDED.get(fold(part).upper(), [])
    return folded[0] if len(folded) == 1 else None


def _canonical_issuer_part(part: str) -> str:
    upper = part.upper()
    return MIXED_CASE.get(upper, upper)


def _format_error(text: str) -> ValidationError:
    return ValidationError(
        _(
            "Số, ký hiệu «%(text)s» không đúng dạng «số/năm/ký hiệu» (ví dụ 26/2014/QĐ-UBND) "
            "hoặc «số/ký hiệu» (ví dụ 01/CT-UBND, 1234/UBND-VP)."
        )
        % {"text": text[:MAX_LENGTH]},
        code="number_format",
    )


def parse(raw: str) -> ParsedNumber:
    """The parts of a number and symbol; raises ``ValidationError`` when it has no recognisable form."""
    text = clean_text(raw)
    if not text:
        raise ValidationError(_("Chưa nhập số, ký hiệu văn bản."), code="number_required")
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("Số, ký hiệu dài quá %(max)s ký tự.") % {"max": MAX_LENGTH},
            code="number_too_long",
        )
    match = _FORM.match(text)
    if match is None:
        raise _format_error(text)
    number_text = match["number"]
    if len(number_text) > MAX_NUMBER_DIGITS:
        raise ValidationError(
            _("Số văn bản «%(number)s» quá lớn (tối đa %(digits)s chữ số).")
            % {"number": number_text[:20], "digits": MAX_NUMBER_DIGITS},
            code="number_too_large",
        )
    number = int(number_text)
    if number < 1:
        raise ValidationError(_("Số văn bản phải là số nguyên dương (từ 1 trở lên)."), code="number_not_positive")
    year = int(match["year"]) if match["year"] else None
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            _("Năm %(year)s trong số, ký hiệu không hợp lệ.") % {"year": year},
            code="number_year_invalid",
        )
    parts = match["symbol"].split("-")
    if not any(char.isalpha() for char in parts[0]):
        raise _format_error(text)
    abbreviation = _canonical_abbreviation(parts[0])
    issuer_parts = parts[1:] if abbreviation else parts
    if not issuer_parts:
        raise ValidationError(
            _("Ký hiệu «%(symbol)s» thiếu chữ viết tắt tên cơ quan ban hành (ví dụ %(symbol)s-UBND).")
            % {"symbol": abbreviation},
            code="number_issuer_missing",
        )
    return ParsedNumber(
        number=number,
        number_text=number_text,
        year=year,
        type_abbreviation=abbreviation,
        issuer="-".join(_canonical_issuer_part(part) for part in issuer_parts),
    )


def _type_label(document_type: str) -> str:
    try:
        return str(DocumentType(document_type).label)
    except ValueError:
        return document_type


def _type_errors(parsed: ParsedNumber, document_type: str) -> list[ValidationError]:
    rule = RULES.get(document_type)
    if rule is None or rule.any_symbol:
        return []
    errors: list[ValidationError] = []
    label = _type_label(document_type)
    if rule.year_required and parsed.year is None:
        errors.append(
            ValidationError(
                _("Văn bản loại %(type)s phải có năm ban hành trong số, ký hiệu (ví dụ %(example)s).")
                % {"type": label, "example": rule.example},
                code="number_year_required",
            )
        )
    found = parsed.type_abbreviation
    if rule.abbreviations:
        bare_ok = (
            found is None
            and bool(rule.bare_issuers)
            and re.fullmatch(rule.bare_issuers, parsed.issuer_parts[0]) is not None
        )
        if found in rule.abbreviations or bare_ok:
            return errors
        expected = " hoặc ".join(rule.abbreviations)
        if found:
            message = _(
                "Chữ viết tắt «%(found)s» là của loại %(other)s, không khớp với loại văn bản đã chọn "
                "(%(type)s cần «%(expected)s», ví dụ %(example)s)."
            ) % {
                "found": found,
                "other": ABBREVIATIONS[found],
                "type": label,
                "expected": expected,
                "example": rule.example,
            }
        else:
            message = _(
                "Ký hiệu thiếu chữ viết tắt tên loại văn bản: %(type)s cần «%(expected)s» (ví dụ %(example)s)."
            ) % {"type": label, "expected": expected, "example": rule.example}
        errors.append(ValidationError(message, code="number_type_mismatch"))
        return errors
    if found:
        errors.append(
            ValidationError(
                _(
                    "Văn bản loại %(type)s không có chữ viết tắt tên loại trong ký hiệu; «%(found)s» là của "
                    "loại %(other)s (ví dụ đúng: %(example)s)."
                )
                % {"type": label, "found": found, "other": ABBREVIATIONS[found], "example": rule.example},
                code="number_type_mismatch",
            )
        )
    elif rule.issuer_pattern and not re.fullmatch(rule.issuer_pattern, parsed.issuer_parts[0]):
        errors.append(
            ValidationError(
                _("Ký hiệu của %(type)s có dạng «số/năm/%(issuer)s…» (ví dụ %(example)s).")
                % {"type": label, "issuer": rule.issuer_pattern.split("\\")[0], "example": rule.example},
                code="number_issuer_mismatch",
            )
        )
    return errors


def issuer_matches(parsed: ParsedNumber, body_abbreviation: str) -> bool:
    """Whether the symbol names the issuing body (any issuer part starting with its abbreviation)."""
    wanted = fold(body_abbreviation or "").upper().replace(" ", "")
    if not wanted:
        return True
    return any(fold(part).upper().startswith(wanted) for part in parsed.issuer_parts)


def validate(
    raw: str,
    document_type: str | None = None,
    issue_year: int | None = None,
    body_abbreviation: str = "",
) -> ParsedNumber:
    """The parsed number if it fits the type, the year of issue and the issuing body; else ``ValidationError``."""
    parsed = parse(raw)
    errors: list[ValidationError] = []
    if parsed.year is not None and issue_year is not None and parsed.year != issue_year:
        errors.append(
            ValidationError(
                _("Năm trong số, ký hiệu (%(year)s) phải trùng với năm ban hành (%(issue_year)s).")
                % {"year": parsed.year, "issue_year": issue_year},
                code="number_year_mismatch",
            )
        )
    if document_type:
        errors.extend(_type_errors(parsed, document_type))
    if body_abbreviation and not issuer_matches(parsed, body_abbreviation):
        errors.append(
            ValidationError(
                _("Ký hiệu «%(symbol)s» không có chữ viết tắt của cơ quan ban hành đã chọn («%(abbr)s»).")
                % {"symbol": parsed.symbol, "abbr": body_abbreviation},
                code="number_issuer_mismatch",
            )
        )
    if errors:
        raise ValidationError(errors)
    return parsed


def uniqueness_key(parsed: ParsedNumber, issue_year: int | None) -> str:
    """Equal for the same document however it is typed; numbers without a year restart every year.

    ``26/2014/QĐ-UBND`` and ``26/2014/qd-ubnd`` → ``26/2014/QD-UBND``; ``01/CT-UBND`` issued in
    2024 → ``1/CT-UBND@2024`` (a different document from the ``01/CT-UBND`` of 2025).
    """
    symbol = fold(parsed.symbol).upper()
    if parsed.year is not None:
        return f"{parsed.number}/{parsed.year}/{symbol}"
    return f"{parsed.number}/{symbol}@{issue_year or ''}"


def tokens(text: str) -> list[str]:
    """Folded words and numbers of a number or a query ("26/2014/QĐ-UBND" → 26, 2014, qd, ubnd)."""
    found = _TOKEN.findall(fold(clean_text(text).replace("-", " ").replace("/", " ")))
    return [(token.lstrip("0") or "0") if token.isdigit() else token for token in found]


def word_tokens(text: str) -> list[str]:
    """The words and numbers of a text, without punctuation."""
    return _TOKEN.findall(text)


def search_key(text: str) -> str:
    """What the listing's number search matches: every token between bars ("|26|2014|qd|ubnd|")."""
    found = tokens(text)
    return "|" + "|".join(found) + "|" if found else ""


MAX_QUERY_TOKENS = 8


def query_tokens(query: str) -> list[str]:
    """The bounded tokens a number query must all contain: "qd-ubnd 26" → ["|qd|", "|ubnd|", "|26|"]."""
    return [f"|{token}|" for token in tokens(query)[:MAX_QUERY_TOKENS]]
