"""Numbers as Vietnamese tables write them ("1.234,5") and as the chart and the preview show them.

A statistics office writes thousands with a dot and decimals with a comma; software exports often do
the opposite. The rules, in order:

- ``1.234.567`` and ``1.234`` (groups of three after dots) are thousands: 1234567, 1234;
- ``1.234,5`` is 1234.5; ``12,5`` and ``1,234`` are decimals with a comma (the Vietnamese reading);
- ``1,234,567`` (two or more comma groups) and ``1,234.5`` are the English writing;
- ``12.5`` (not three digits after the dot) is a decimal with a dot;
- spaces inside numbers, a trailing ``%``, a leading ``+``/``-``/``−`` and ``(1.234)`` for negatives are accepted.

Anything else (text, "..", "-", "n/a", empty) is no number: the chart leaves a gap there.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_VI_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_VI_DECIMAL = re.compile(r"\d+(?:,\d+)?")
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:,\d{3})+\.\d+")
_DOT_DECIMAL = re.compile(r"\d+\.\d+")
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?[eE][+-]?\d{1,3}")
MAX_NUMBER_CHARS = 40

SEPARATORS = {"vi": (".", ","), "en": (",", "."), "ru": ("\u00a0", ",")}


def parse_number(value: Any) -> float | None:
    """The number in a cell (a number, or text in Vietnamese or English writing), or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        number = float(value)
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    text = _SPACES.sub("", value)
    if not text or len(text) > MAX_NUMBER_CHARS:
        return None
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    text = text.removesuffix("%")
    if text[:1] in ("-", "−", "+"):
        negative = negative or text[0] != "+"
        text = text[1:]
    number = _plain_number(text)
    if number is None:
        return None
    return -number if negative else number


def _plain_number(text: str) -> float | None:
    if _VI_GROUPED.fullmatch(text):
        digits = text.replace(".", "").replace(",", ".")
    elif _EN_GROUPED.fullmatch(text):
        digits = text.replace(",", "")
    elif _VI_DECIMAL.fullmatch(text):
        digits = text.replace(",", ".")
    elif _DOT_DECIMAL.fullmatch(text) or _SCIENTIFIC.fullmatch(text):
        digits = text
    else:
        return None
    try:
        number = float(Decimal(digits))
    except (InvalidOperation, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def format_number(value: float | int, language: str = "vi", decimals: int = 2) -> str:
    """``1234.5`` as "1.234,5" (vi), "1,234.5" (en) or "1 234,5" (ru); whole numbers without decimals."""
    thousands, point = SEPARATORS.get(language, SEPARATORS["vi"])
    number = float(value)
    if not math.isfinite(number):
        return ""
    text = f"{abs(number):,.{decimals}f}"
    whole, _sep, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    whole = whole.replace(",", thousands)
    sign = "-" if number < 0 and (whole.strip("0" + thousands) or fraction) else ""
    return sign + whole + (point + fraction if fraction else "")
