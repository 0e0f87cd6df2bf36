"""CSV and XLSX rendering of report tables.

Both formats are opened by officials in Excel, so both guard against formula injection: a cell
typed by a user as `=HYPERLINK(...)` must show as text, never run as a formula.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

__all__ = ["sanitise_sheet_name", "to_csv", "to_xlsx"]

# Characters that make Excel (or LibreOffice) read a text cell as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_MAX = 31
DEFAULT_SHEET_NAME = "Báo cáo"

_NUMBER_TYPES = (int, float, Decimal)
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def _is_number(value: object) -> bool:
    return isinstance(value, _NUMBER_TYPES) and not isinstance(value, bool)


def _text(value: object) -> str:
    """Text of a non-numeric cell, NFC so that Vietnamese compares and sorts consistently in Excel."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value))


def _defuse(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would otherwise evaluate as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_cell(value: Any) -> Any:
    if _is_number(value):
        return value
    return _defuse(_text(value))


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]], title_lines: Sequence[str] = ()) -> bytes:
    """CSV in UTF-8 with a BOM (without it Excel reads Vietnamese as Windows-1252) and CRLF lines.

    Title lines come first, one cell each, followed by a blank row, then the header and the rows.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if title_lines:
        for line in title_lines:
            writer.writerow([csv_cell(line)])
        writer.writerow([])
    writer.writerow([csv_cell(label) for label in columns])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def sanitise_sheet_name(name: str) -> str:
    """A sheet name Excel accepts: no `[]:*?/\\`, no leading/trailing apostrophe, at most 31 characters."""
    name = _text(name).replace("/", "-").replace("\\", "-")
    name = re.sub(r"[\[\]:*?]", " ", name)
    name = ILLEGAL_CHARACTERS_RE.sub("", name)
    name = re.sub(r"\s+", " ", name).strip(" -'")
    name = name[:SHEET_NAME_MAX].rstrip(" -'")
    # "History" is reserved by Excel for change tracking.
    if not name or name.casefold() == "history":
        return DEFAULT_SHEET_NAME
    return name


def _xlsx_value(value: Any) -> Any:
    if value is None or _is_number(value) or isinstance(value, datetime.date):
        return value
    # openpyxl raises on control characters, which can only be noise in a report cell.
    return ILLEGAL_CHARACTERS_RE.sub("", _text(value))


def _set(cell: Any, value: Any) -> None:
    """Store `value`, keeping text that looks like a formula as text."""
    cell.value = _xlsx_value(value)
    if isinstance(cell.value, str):
        # openpyxl turns any string starting with "=" into a formula; force it back to text. The
        # quote prefix is what Excel sets for "'=…": the cell stays text even when edited.
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True


def _display_length(value: Any) -> int:
    if value is None:
        return 0
    text = _text(value)
    return max((len(line) for line in text.splitlines()), default=0)


def to_xlsx(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    title_lines: Sequence[str] = (),
    sheet_name: str = DEFAULT_SHEET_NAME,
    numeric_columns: Collection[int] = frozenset(),
    emphasised_rows: Collection[int] = frozenset(),
    column_widths: Sequence[float] | None = None,
    closing_lines: Sequence[str] = (),
    date_line: str = "",
    signatures: Sequence[Any] = (),
) -> bytes:
    """An XLSX workbook with one sheet: title lines, a filterable frozen header, then the rows.

    Numbers keep their type so officials can sum and sort them; `column_widths` are in Excel
    character units, computed from the content when omitted. Below the table, as in the PDF:
    `closing_lines`, then `date_line` above the last of the `signatures` (``Signature``s).
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sanitise_sheet_name(sheet_name)
    column_count = max([len(columns), 1, *(len(row) for row in rows)])
    last_column = get_column_letter(column_count)

    row_number = 1
    for line in title_lines:
        cell = sheet.cell(row=row_number, column=1)
        _set(cell, line)
        cell.font = Font(bold=True, size=13 if row_number == 1 else 12)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if column_count > 1:
            sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=column_count)
        row_number += 1
    if title_lines:
        row_number += 1  # a blank row between the titles and the table

    header_row = row_number
    for index, label in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=index)
        _set(cell, label)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    for row_index, row in enumerate(rows):
        excel_row = header_row + 1 + row_index
        bold = row_index in emphasised_rows
        for column_index in range(column_count):
            value = row[column_index] if column_index < len(row) else None
            cell = sheet.cell(row=excel_row, column=column_index + 1)
            _set(cell, value)
            cell.border = _BORDER
            right = column_index in numeric_columns or _is_number(value)
            cell.alignment = Alignment(horizontal="right" if right else "left", vertical="top", wrap_text=True)
            if bold:
                cell.font = Font(bold=True)

    last_row = header_row + len(rows)
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:{last_column}{last_row}"

    for column_index in range(column_count):
        if column_widths is not None and column_index < len(column_widths):
            width = float(column_widths[column_index])
        else:
            lengths = [_display_length(columns[column_index]) if column_index < len(columns) else 0]
            lengths += [_display_length(row[column_index]) for row in rows if column_index < len(row)]
            width = min(max(max(lengths) + 2, _MIN_WIDTH), _MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(column_index + 1)].width = width

    if closing_lines or signatures:
        _closing_block(sheet, last_row + 2, column_count, closing_lines, date_line, signatures)

    workbook.properties.title = _text(title_lines[0]) if title_lines else sheet.title
    workbook.properties.creator = "Cổng thông tin điện tử tỉnh Khánh Hòa"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _spans(width: int, parts: int) -> list[tuple[int, int]]:
    """First and last column of each of ``parts`` equal shares of ``width`` columns (1-based)."""
    return [(1 + index * width // parts, (index + 1) * width // parts) for index in range(parts)]


def _closing_block(
    sheet: Any, row: int, width: int, lines: Sequence[str], date_line: str, signatures: Sequence[Any]
) -> None:
    """Lines across the table's width, then the date and the signature blocks side by side."""

    def put(text: str, first: int, last: int, font: Font, horizontal: str = "left") -> None:
        cell = sheet.cell(row=row, column=first)
        _set(cell, text)
        cell.font = font
        cell.alignment = Alignment(horizontal=horizontal, vertical="top", wrap_text=True)
        if last > first:
            sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)

    for text in lines:
        put(text, 1, width, Font())
        row += 1
    if not signatures:
        return
    spans = _spans(width, len(signatures))
    row += 1
    if date_line:
        put(date_line, *spans[-1], Font(italic=True), "center")
        row += 1
    for signature, span in zip(signatures, spans, strict=True):
        put(signature.title, *span, Font(bold=True), "center")
    row += 1
    for signature, span in zip(signatures, spans, strict=True):
        put(signature.note, *span, Font(italic=True), "center")
