"""Date lines in the form Nghị định 30/2020/NĐ-CP prescribes for administrative documents."""

from __future__ import annotations

import datetime

__all__ = ["date_line", "vietnamese_date"]


def vietnamese_date(day: datetime.date) -> str:
    """Return "ngày 05 tháng 01 năm 2026".

    NĐ 30/2020 (Phụ lục I, mục II.5.b) pads days below 10 and months 1 and 2 with a zero, so
    that a typed date cannot later be extended ("ngày 1" → "ngày 15", "tháng 1" → "tháng 12");
    months 3–12 are written without padding.
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def date_line(place: str, day: datetime.date) -> str:
    """Return the place-and-date line under the national motto: "Khánh Hòa, ngày 24 tháng 11 năm 2026"."""
    place = place.strip()
    if not place:
        text = vietnamese_date(day)
        return text[0].upper() + text[1:]
    return f"{place}, {vietnamese_date(day)}"
