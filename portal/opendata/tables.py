"""A safe preview of a dataset file: the first rows and columns of a CSV or XLSX, as plain values.

Plain functions (``read_preview``) plus one cached entry point per Wagtail document
(``preview_for_document``). A broken, huge or hostile file never raises: the preview carries an
error code, and ``error_message`` says what went wrong in Vietnamese, in place of the table.

- CSV: UTF-8 with or without BOM, UTF-16 with BOM, or a legacy Vietnamese encoding (TCVN3, VNI,
  VISCII, Windows-1258…) converted by ``editorial.tcvn6909``; delimiter sniffed among comma,
  semicolon and tab; quotes parsed strictly (an unbalanced quote is an error, not a silent merge).
- XLSX: the upload rules first (archive bombs, macros, encryption), then openpyxl in read-only mode
  with ``data_only=True``: a formula shows the value Excel stored with it and is never evaluated.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import hashlib
import logging
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.cache import cache
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from editorial.tcvn6909 import detect, to_unicode

from .filetypes import CSV, XLSX, _size_of, looks_binary
from .numbers import format_number

log = logging.getLogger("portal.opendata")

PREVIEW_ROWS = 20
PREVIEW_COLUMNS = 20
CELL_CHARS = 120
# Bytes of a line the delimiter sniffer looks at.
SNIFF_CHARS = 64 * 1024
DELIMITERS = (",", ";", "\t")
CACHE_VERSION = 1

Cell = str | int | float | None


def preview_max_bytes() -> int:
    """Files above this size get a message instead of a preview (``OPENDATA_PREVIEW_MAX_BYTES``)."""
    return int(getattr(settings, "OPENDATA_PREVIEW_MAX_BYTES", 5 * 1024 * 1024))


def xlsx_max_unpacked() -> int:
    """The most an XLSX may unpack to for a preview (``OPENDATA_XLSX_MAX_UNPACKED_BYTES``)."""
    return int(getattr(settings, "OPENDATA_XLSX_MAX_UNPACKED_BYTES", 50 * 1024 * 1024))


@dataclass
class Preview:
    """The head of a table, or why there is none (``error``: a code, see ``error_message``)."""

    file_format: str = ""
    header: list[Cell] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    total_columns: int = 0
    more_rows: bool = False
    encoding: str = ""
    delimiter: str = ""
    error: str = ""
    error_params: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def shown_columns(self) -> int:
        return min(self.total_columns, PREVIEW_COLUMNS)

    @property
    def columns_cut(self) -> bool:
        return self.total_columns > PREVIEW_COLUMNS

    def column(self, number: int) -> list[Cell]:
        """Values of the 1-based column ``number`` in the previewed rows (None where a row is short)."""
        return [row[number - 1] if number - 1 < len(row) else None for row in self.rows]

    def header_name(self, number: int) -> str:
        value = self.header[number - 1] if 0 < number <= len(self.header) else None
        return str(value) if value not in (None, "") else _("Cột %(number)s") % {"number": number}


def failed(code: str, **params: Any) -> Preview:
    return Preview(error=code, error_params=params)


def error_message(preview: Preview) -> str:
    """What to tell a reader instead of the table, in the active language (msgids in Vietnamese)."""
    params = dict(preview.error_params)
    for key in ("size", "max"):
        if isinstance(params.get(key), int):
            params[key] = filesizeformat(params[key])
    reasons = {
        "zip_bomb": _("tệp nén bung ra quá lớn"),
        "too_many_entries": _("chứa quá nhiều tệp con"),
        "too_deep": _("tệp nén lồng nhau nhiều tầng"),
        "macro": _("có macro"),
        "encrypted_office": _("có mật khẩu"),
    }
    if "reason" in params:
        params["reason"] = reasons.get(params["reason"], _("không kiểm tra được"))
    messages = {
        "missing": _("Không mở được tệp dữ liệu để xem trước; vui lòng tải tệp về hoặc báo cho quản trị cổng."),
        "too_large": _("Tệp lớn (%(size)s) nên không xem trước được trên trang (tối đa %(max)s); hãy tải tệp về."),
        "empty": _("Tệp không có dữ liệu để xem trước."),
        "binary": _("Tệp không phải văn bản CSV (có dữ liệu nhị phân) nên không xem trước được."),
        "not_table": _("Tệp không phải bảng dữ liệu CSV hoặc XLSX nên không xem trước được."),
        "malformed_csv": _(
            "Tệp CSV bị lỗi định dạng ở dòng %(line)s (thường do dấu ngoặc kép không đóng); hãy tải tệp về để xem."
        ),
        "unsafe_xlsx": _("Tệp Excel có cấu trúc bất thường (%(reason)s) nên không được mở để xem trước."),
        "unreadable_xlsx": _("Tệp Excel bị hỏng hoặc không đọc được nên không xem trước được; hãy tải tệp về."),
        "no_sheet": _("Tệp Excel không có trang tính nào."),
    }
    message = messages.get(preview.error, _("Không xem trước được tệp dữ liệu này."))
    try:
        return message % params if "%(" in message else message
    except (KeyError, TypeError, ValueError):
        return _("Không xem trước được tệp dữ liệu này.")


# --------------------------------------------------------------------------------------------------
# Cells


def _truncate(text: str, limit: int = CELL_CHARS) -> str:
    text = " ".join(text.split()) if ("\n" in text or "\r" in text or "\t" in text) else text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _strip_controls(text: str) -> str:
    """Control characters left after decoding are noise in a table cell (never shown, never stored)."""
    return "".join(ch if ch >= " " or ch in "\t\n" else " " for ch in text)


def _to_unicode_cells(rows: list[list[Cell]]) -> tuple[list[list[Cell]], str]:
    """Legacy-encoded text cells converted to NFC Unicode, a row per line so the detector has context.

    Returns the rows and the legacy encoding found ("" when the text was Unicode already).
    """
    lines = []
    for row in rows:
        lines.append("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row if isinstance(cell, str)))
    text = "\n".join(lines)
    if not text.strip():
        return rows, ""
    if text.isascii():
        return rows, ""
    encoding = detect(text)
    if encoding == "unicode":
        return [[unicodedata.normalize("NFC", c) if isinstance(c, str) else c for c in row] for row in rows], ""
    converted_lines = to_unicode(text, "auto").split("\n")
    result = []
    for row, line in zip(rows, converted_lines, strict=False):
        converted = iter(line.split("\t"))
        text_cells = sum(isinstance(cell, str) for cell in row)
        if len(line.split("\t")) != text_cells:  # the conversion moved a separator: one cell at a time
            converted = iter(to_unicode(cell, "auto") for cell in row if isinstance(cell, str))
        result.append([next(converted, cell) if isinstance(cell, str) else cell for cell in row])
    return result, encoding


def _trim(row: list[Cell]) -> list[Cell]:
    """Trailing empty cells are not columns."""
    end = len(row)
    while end and row[end - 1] in (None, ""):
        end -= 1
    return row[:end]


def _finish(file_format: str, records: list[list[Cell]], more: bool, delimiter: str = "") -> Preview:
    """Header, rows (cut to the preview size, cells truncated) and legacy text converted."""
    records = [_trim(row) for row in records]
    records = [row for row in records if row]
    if not records:
        return failed("empty")
    total_columns = max(len(row) for row in records)
    cut = [
        [_truncate(c, CELL_CHARS * 2) if isinstance(c, str) else c for c in row[:PREVIEW_COLUMNS]] for row in records
    ]
    cut, encoding = _to_unicode_cells(cut)
    cut = [[_truncate(_strip_controls(c)) if isinstance(c, str) else c for c in row] for row in cut]
    header, rows = cut[0], cut[1 : PREVIEW_ROWS + 1]
    return Preview(
        file_format=file_format,
        header=header,
        rows=rows,
        total_columns=total_columns,
        more_rows=more or len(cut) > PREVIEW_ROWS + 1,
        encoding=encoding,
        delimiter=delimiter,
    )


# --------------------------------------------------------------------------------------------------
# CSV


def _decode(data: bytes) -> tuple[str, str]:
    """The text and how it was read: "utf-8", "utf-16", or "legacy" (one character per byte)."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return data[len(codecs.BOM_UTF8) :].decode("latin-1"), "legacy"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "legacy"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # TCVN3, VNI, VISCII… arrive one character per byte; the converter reads them from there.
        return data.decode("latin-1"), "legacy"


def _lines(text: str) -> Iterator[str]:
    """Lines split on "\\n" only: VISCII and VPS put letters on 1C–1E, which ``splitlines`` breaks on."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the first lines into the most consistent columns."""
    sample = []
    size = 0
    for line in _lines(text):
        sample.append(line)
        size += len(line)
        if len(sample) >= 10 or size >= SNIFF_CHARS:
            break
    best, best_score = ",", (-1, -1, -1)
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(sample, delimiter=delimiter) if row]
        except csv.Error:
            continue
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        if mode < 2:
            continue
        score = (counts.count(mode), mode, -DELIMITERS.index(delimiter))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(data: bytes, header_row: int = 1) -> Preview:
    if not data.strip():
        return failed("empty")
    text, _how = _decode(data)
    if looks_binary(text):
        return failed("binary")
    delimiter = sniff_delimiter(text)
    wanted = PREVIEW_ROWS + 2  # the header, the rows shown, and one more to know there are more
    records: list[list[Cell]] = []
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    skipped = 0
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if skipped < header_row - 1:
                skipped += 1
                continue
            records.append(list(record))
            if len(records) >= wanted:
                break
    except csv.Error:
        return failed("malformed_csv", line=reader.line_num)
    return _finish(CSV, records[: wanted - 1], len(records) >= wanted, delimiter=delimiter)


# --------------------------------------------------------------------------------------------------
# XLSX


def _xlsx_cell(value: Any) -> Cell:
    if value is None or (isinstance(value, str | int | float) and not isinstance(value, bool)):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        return f"{value:%d/%m/%Y %H:%M}" if (value.hour, value.minute) != (0, 0) else f"{value:%d/%m/%Y}"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    return str(value)


def _unpacked_size(fileobj: IO[bytes]) -> int | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        fileobj.seek(0)


def read_xlsx(fileobj: IO[bytes], header_row: int = 1) -> Preview:
    from openpyxl import load_workbook

    from security.uploads import UploadRejected, check_document

    try:
        check_document(fileobj, "preview.xlsx")
    except UploadRejected as rejection:
        if rejection.code in ("zip_bomb", "too_many_entries", "too_deep", "macro", "encrypted_office"):
            return failed("unsafe_xlsx", reason=rejection.code)
        return failed("unreadable_xlsx")
    finally:
        fileobj.seek(0)
    unpacked = _unpacked_size(fileobj)
    if unpacked is None:
        return failed("unreadable_xlsx")
    if unpacked > xlsx_max_unpacked():
        return failed("too_large", size=unpacked, max=xlsx_max_unpacked())
    workbook = None
    wanted = PREVIEW_ROWS + 2
    records: list[list[Cell]] = []
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True, keep_links=False)
        if not workbook.worksheets:
            return failed("no_sheet")
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(min_row=max(header_row, 1), values_only=True):
            cells = [_xlsx_cell(value) for value in row]
            if not any(cell not in (None, "") for cell in cells):
                continue
            records.append(_trim(cells))
            if len(records) >= wanted:
                break
    except Exception:  # openpyxl raises anything from KeyError to XML errors on a broken file
        log.info("XLSX preview failed", exc_info=True)
        return failed("unreadable_xlsx")
    finally:
        if workbook is not None:
            workbook.close()
        fileobj.seek(0)
    return _finish(XLSX, records[: wanted - 1], len(records) >= wanted)


# --------------------------------------------------------------------------------------------------
# Entry points


def read_preview(fileobj: IO[bytes], name: str = "", header_row: int = 1) -> Preview:
    """The preview of an open binary file; never raises for bad content."""
    from security.uploads import sniff

    header_row = min(max(int(header_row or 1), 1), 1000)
    size = _size_of(fileobj)
    if size > preview_max_bytes():
        return failed("too_large", size=size, max=preview_max_bytes())
    if size == 0:
        return failed("empty")
    try:
        kind = sniff(fileobj)
    finally:
        fileobj.seek(0)
    if kind == "ooxml-excel":
        return read_xlsx(fileobj, header_row)
    if kind not in ("text", "unknown"):
        return failed("not_table")
    fileobj.seek(0)
    data = fileobj.read(size + 1)
    fileobj.seek(0)
    return read_csv(data, header_row)


def cache_key(document: Any, header_row: int = 1) -> str:
    """Per document and stored file: a replaced file (new name, hash or size) gets a new preview."""
    identity = f"{document.file.name}|{document.file_hash}|{document.file_size}|{header_row}"
    digest = hashlib.sha1(identity.encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"opendata:preview:v{CACHE_VERSION}:{document.pk}:{digest}"


def preview_for_document(document: Any, header_row: int = 1) -> Preview:
    """The cached preview of a Wagtail document; parsed at most once per file version."""
    if document is None:
        return failed("missing")
    key = cache_key(document, header_row)
    cached = cache.get(key)
    if isinstance(cached, Preview):
        return cached
    try:
        with document.open_file() as handle:
            preview = read_preview(handle, document.filename, header_row)
    except (OSError, ValueError):
        log.warning("Dataset file of document %s cannot be opened", document.pk)
        preview = failed("missing")
    timeout = int(getattr(settings, "OPENDATA_PREVIEW_CACHE_SECONDS", 24 * 3600))
    cache.set(key, preview, timeout if preview.error != "missing" else 300)
    return preview


def display_cell(value: Cell, language: str = "vi") -> str:
    """A cell as text: numbers from XLSX in the reader's number format, text as stored."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value, language, decimals=4)
    return str(value)
