"""Import procedures from the national database's export (CSV or XLSX) into a procedure list.

Three steps, each a plain function:

- ``parse_upload(fileobj, name)``: read the file into rows with their errors (no database). CSV in
  UTF-8 with or without BOM, UTF-16, or a legacy Vietnamese encoding (TCVN3, VNI, …) converted by
  ``editorial.tcvn6909``; XLSX read-only through openpyxl. Size and row count are limited before
  anything big is read; header names match without diacritics or case; formulas are kept as text.
- ``plan_import(parsed, index, user)``: what would happen to each row (create, update, unchanged,
  skipped with the reason), read from the database without writing.
- ``run_import(parsed, index, user, dry_run=…)``: do it in one transaction. New procedures are created
  as drafts and existing ones (same code in that list) get a new draft revision: nothing is
  published without the editorial workflow. Any failure rolls everything back.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import itertools
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editorial.normalization import normalize_text
from editorial.tcvn6909 import segments
from editorial.tcvn6909.convert import C1_TO_CP1252
from search.folding import fold

from . import rules
from .blocks import paper_values

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 10
MAX_COLUMNS = 60
MAX_EMPTY_RUN = 200
MAX_PAPERS = 100
MAX_SHEETS = 20
DELIMITERS = (",", ";", "\t")
ENCODING_NAMES = {
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI",
    "viscii": "VISCII",
    "vps": "VPS",
    "viqr": "VIQR",
    "cp1258": "Windows-1258",
    "mojibake": "UTF-8 bị đọc nhầm",
}


def max_bytes() -> int:
    return int(getattr(settings, "PROCEDURE_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_rows() -> int:
    return int(getattr(settings, "PROCEDURE_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


# --------------------------------------------------------------------------------------------------
# Columns


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # as the national database's export names it
    aliases: tuple[str, ...]  # other names seen in exports, folded
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã thủ tục", ("ma tthc", "ma so thu tuc", "ma so", "ma"), required=True),
    Column("title", "Tên thủ tục", ("ten tthc", "ten thu tuc hanh chinh", "thu tuc hanh chinh"), required=True),
    Column("field", "Lĩnh vực", ("ten linh vuc",), required=True),
    Column("unit", "Cơ quan thực hiện", ("co quan giai quyet", "don vi thuc hien", "co quan"), required=True),
    Column("levels", "Cấp thực hiện", ("cap",), required=True),
    Column(
        "online",
        "Mức độ DVC",
        ("muc do", "muc do dich vu cong", "muc do dvctt", "muc do dich vu cong truc tuyen", "dich vu cong truc tuyen"),
        required=True,
    ),
    Column("time", "Thời hạn giải quyết", ("thoi gian giai quyet",)),
    Column("fees", "Phí, lệ phí", ("le phi", "phi", "phi le phi")),
    Column("papers", "Thành phần hồ sơ", ("ho so",)),
    Column("legal", "Căn cứ pháp lý", ("co so phap ly",)),
    Column("url", "Đường dẫn", ("link", "url", "lien ket", "duong dan dich vu cong")),
    Column("steps", "Trình tự thực hiện", ("trinh tu",)),
    Column("method", "Cách thức thực hiện", ("cach thuc",)),
    Column("summary", "Tóm tắt", ("mo ta",)),
)
REQUIRED_KEYS = tuple(column.key for column in COLUMNS if column.required)
LABELS = {column.key: column.label for column in COLUMNS}


def header_key(text: Any) -> str:
    """ "Phí, lệ phí (*)" → "phi le phi": no diacritics, case, punctuation or notes in brackets."""
    folded = fold(re.sub(r"\(.*?\)", " ", str(text or "")))
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


_HEADER_INDEX: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (header_key(_column.label), *_column.aliases):
        _HEADER_INDEX.setdefault(_name, _column.key)


def map_header(cells: list[str]) -> dict[int, str]:
    """Column position → key for the cells of a header row; the first of two equal headers wins."""
    mapping: dict[int, str] = {}
    for position, cell in enumerate(cells):
        key = _HEADER_INDEX.get(header_key(cell))
        if key and key not in mapping.values():
            mapping[position] = key
    return mapping


# --------------------------------------------------------------------------------------------------
# Results of reading


@dataclass
class ParsedRow:
    """One data row of the file: its cleaned values, or what is wrong with it."""

    line: int
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.values.get("code", "")

    @property
    def title(self) -> str:
        return self.values.get("title", "")


@dataclass
class ParsedFile:
    file_name: str
    kind: str = ""  # "csv" or "xlsx"
    encoding: str = ""
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # the file cannot be imported at all
    columns: list[str] = field(default_factory=list)  # optional keys present
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class FileRefused(Exception):
    """The whole file is refused; the message says why, in Vietnamese."""


# --------------------------------------------------------------------------------------------------
# Reading


def _size_of(fileobj: Any) -> int:
    size = getattr(fileobj, "size", None)
    if isinstance(size, int):
        return size
    position = fileobj.tell()
    fileobj.seek(0, os.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(position)
    return size


def parse_upload(fileobj: IO[bytes], name: str) -> ParsedFile:
    """Read an uploaded CSV or XLSX file; never raises for bad content, the errors are in the result."""
    display = os.path.basename(name or "") or _("(không tên)")
    parsed = ParsedFile(file_name=display)
    extension = os.path.splitext(display)[1].lower()
    try:
        size = _size_of(fileobj)
        limit = max_bytes()
        if size > limit:
            raise FileRefused(
                _("Tệp «%(name)s» quá lớn (%(size)s); tối đa %(max)s.")
                % {"name": display, "size": filesizeformat(size), "max": filesizeformat(limit)}
            )
        if size == 0:
            raise FileRefused(_("Tệp «%(name)s» rỗng.") % {"name": display})
        if extension == ".csv":
            parsed.kind = "csv"
            fileobj.seek(0)
            table = _read_csv(fileobj.read(limit + 1), parsed)
        elif extension == ".xlsx":
            parsed.kind = "xlsx"
            table = _read_xlsx(fileobj, display, parsed)
        else:
            raise FileRefused(_("Chỉ nhận tệp .csv hoặc .xlsx (tệp «%(name)s»).") % {"name": display})
        _rows_from_table(table, parsed)
    except FileRefused as refusal:
        parsed.errors.append(str(refusal))
        parsed.rows = []
    return parsed


def parse_path(path: str | os.PathLike[str]) -> ParsedFile:
    """The management command's entry: the size is checked before the file is opened for reading."""
    name = os.fspath(path)
    size = os.path.getsize(name)
    if size > max_bytes():
        parsed = ParsedFile(file_name=os.path.basename(name))
        parsed.errors.append(
            _("Tệp «%(name)s» quá lớn (%(size)s); tối đa %(max)s.")
            % {"name": parsed.file_name, "size": filesizeformat(size), "max": filesizeformat(max_bytes())}
        )
        return parsed
    with open(name, "rb") as handle:
        return parse_upload(handle, name)


def _kind_of(data: bytes) -> str:
    from security.uploads import sniff

    return sniff(io.BytesIO(data[:65536]))


def _not_a(kind: str, expected: str) -> FileRefused:
    from security.upload_signatures import label

    return FileRefused(
        _("Tệp thực chất là %(kind)s, không phải %(expected)s.") % {"kind": label(kind), "expected": expected}
    )


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the name of the encoding it was in."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise FileRefused(_("Tệp ghi là UTF-16 nhưng có byte không hợp lệ.")) from None
    if b"\x00" in data:
        raise FileRefused(_("Tệp chứa dữ liệu nhị phân (byte 0), không phải văn bản CSV."))
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 (có BOM)"
        except UnicodeDecodeError:
            raise FileRefused(_("Tệp ghi là UTF-8 (có BOM) nhưng có byte không hợp lệ.")) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    # One character per byte, as Windows hands legacy text over; then convert only the legacy parts.
    raw = data.decode("latin-1").translate(C1_TO_CP1252)
    sizes: dict[str, int] = {}
    pieces = []
    for segment in segments(raw):
        pieces.append(segment.converted)
        if segment.source != "unicode":
            sizes[segment.source] = sizes.get(segment.source, 0) + segment.end - segment.start
    if not sizes:
        return unicodedata.normalize("NFC", raw), "Windows-1252"
    source = max(sizes, key=lambda name: sizes[name])
    text = unicodedata.normalize("NFC", "".join(pieces))
    return text, _("mã cũ %(name)s, đã chuyển sang Unicode") % {"name": ENCODING_NAMES.get(source, source)}


def _csv_reader(text: str, delimiter: str) -> Any:
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)


def _choose_delimiter(text: str) -> str:
    """The delimiter whose first rows hold the best header; refuse when none holds one."""
    best, best_count = None, 0
    for delimiter in DELIMITERS:
        # The rows before a broken one still show the header; the full read reports the break.
        reader, sample = _csv_reader(text, delimiter), []
        try:
            for row in itertools.islice(reader, HEADER_SEARCH_ROWS):
                sample.append(row)
        except csv.Error:
            pass
        count = max((len(map_header(row)) for row in sample), default=0)
        if count > best_count:
            best, best_count = delimiter, count
    if best is None or best_count < 2:
        raise FileRefused(_header_missing_message(csv_file=True))
    return best


def _header_missing_message(*, csv_file: bool) -> str:
    names = ", ".join(LABELS[key] for key in REQUIRED_KEYS)
    message = _("Không tìm thấy dòng tiêu đề với các cột %(names)s trong %(rows)s dòng đầu.") % {
        "names": names,
        "rows": HEADER_SEARCH_ROWS,
    }
    if csv_file:
        message += " " + _("Các cột phải phân cách bằng dấu phẩy, dấu chấm phẩy hoặc tab.")
    return message


def _csv_problem(error: csv.Error, line: int) -> FileRefused:
    reason = str(error)
    if "end of data" in reason or "expected after" in reason or "field larger" in reason:
        detail = _('dấu ngoặc kép (") không khớp: một ô mở ngoặc kép mà không đóng, hoặc có ký tự ngay sau dấu đóng')
    else:
        detail = reason[:200]
    return FileRefused(_("Tệp CSV bị lỗi ở dòng %(line)s: %(detail)s.") % {"line": line, "detail": detail})


def _read_csv(data: bytes, parsed: ParsedFile) -> Iterator[tuple[int, list[Any]]]:
    kind = _kind_of(data)
    if kind not in ("text", "unknown"):
        raise _not_a(kind, _("tệp CSV"))
    text, parsed.encoding = decode_csv_bytes(data)
    if not text.strip():
        raise FileRefused(_("Tệp «%(name)s» không có nội dung.") % {"name": parsed.file_name})
    delimiter = _choose_delimiter(text)
    return _csv_rows(text, delimiter)


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[Any]]]:
    reader = _csv_reader(text, delimiter)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _csv_problem(error, start) from None
        yield start, row
        start = reader.line_num + 1


def _read_xlsx(fileobj: IO[bytes], name: str, parsed: ParsedFile) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    from security.uploads import check_document

    fileobj.seek(0)
    kind = _kind_of(fileobj.read(65536))
    fileobj.seek(0)
    if kind != "ooxml-excel":
        raise _not_a(kind, _("bảng tính Excel .xlsx"))
    try:
        check_document(fileobj, name)  # encrypted, macro-enabled or bomb archives
    except ValidationError as refusal:
        raise FileRefused(" ".join(refusal.messages)) from None
    parsed.encoding = "XLSX"
    try:
        # Formulas come back as their text ("=SUM(…)"), never evaluated.
        workbook = load_workbook(fileobj, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of errors on a damaged archive or XML
        raise FileRefused(_("Không đọc được tệp Excel «%(name)s»: tệp bị hỏng.") % {"name": name}) from None
    return _xlsx_rows(workbook, name)


def _xlsx_rows(workbook: Any, name: str) -> Iterator[tuple[int, list[Any]]]:
    """Rows of the first sheet that has the header; the reader is closed at the end."""
    try:
        for sheet in workbook.worksheets[:MAX_SHEETS]:
            rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
            head = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
            if not any(len(map_header([_cell_text(v) for v in row])) >= 2 for row in head):
                continue
            for number, row in enumerate(itertools.chain(head, rows), start=1):
                yield number, list(row)
            return
    except FileRefused:
        raise
    except Exception:  # a damaged sheet part shows only when it is read
        raise FileRefused(_("Không đọc được tệp Excel «%(name)s»: tệp bị hỏng.") % {"name": name}) from None
    finally:
        workbook.close()
    raise FileRefused(_header_missing_message(csv_file=False))


def _cell_text(value: Any, key: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, float):
        if key == "code" and 0 < value < 10:
            return f"{value:.6f}"  # Excel turned "2.000790" into the number 2.00079
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _rows_from_table(table: Iterable[tuple[int, list[Any]]], parsed: ParsedFile) -> None:
    iterator = iter(table)
    mapping: dict[int, str] = {}
    header_line = 0
    header_cells: list[Any] = []
    for line, cells in itertools.islice(iterator, HEADER_SEARCH_ROWS):
        candidate = map_header([_cell_text(cell) for cell in cells])
        if len(candidate) >= 2:
            mapping, header_line = candidate, line
            header_cells = cells
            break
    if not mapping:
        raise FileRefused(_header_missing_message(csv_file=parsed.kind == "csv"))
    missing = [LABELS[key] for key in REQUIRED_KEYS if key not in mapping.values()]
    if missing:
        raise FileRefused(_("Thiếu cột bắt buộc: %(names)s.") % {"names": ", ".join(missing)})
    parsed.columns = [key for key in mapping.values() if key not in REQUIRED_KEYS]
    parsed.ignored_columns = [
        _cell_text(cell)[:60] for position, cell in enumerate(header_cells) if position not in mapping and cell
    ]
    limit = max_rows()
    empty_run = 0
    for line, cells in iterator:
        texts = {key: _cell_text(cells[position], key) for position, key in mapping.items() if position < len(cells)}
        extra = [_cell_text(cell) for position, cell in enumerate(cells) if position >= len(header_cells) and cell]
        if not any(value.strip() for value in texts.values()) and not extra:
            empty_run += 1
            if parsed.kind == "xlsx" and empty_run > MAX_EMPTY_RUN:
                break
            continue
        empty_run = 0
        if len(parsed.rows) >= limit:
            raise FileRefused(
                _("Tệp có quá nhiều dòng: tối đa %(max)s thủ tục mỗi lần nhập; hãy chia nhỏ tệp.")
                % {"max": f"{limit:,}".replace(",", ".")}
            )
        row = build_row(line, texts)
        if extra:
            row.errors.append(
                _("Dòng có nhiều ô hơn dòng tiêu đề: kiểm tra dấu phân cách và dấu ngoặc kép trong các ô.")
            )
        parsed.rows.append(row)
    if header_line and not parsed.rows:
        raise FileRefused(_("Tệp không có dòng thủ tục nào sau dòng tiêu đề."))


# --------------------------------------------------------------------------------------------------
# One row


def _clean(value: str, *, lines: bool = False) -> str:
    """TCVN 6909 text; one line unless ``lines``, where each line is kept."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    if lines:
        parts = [normalize_text(" ".join(line.split())) for line in value.split("\n")]
        return "\n".join(part for part in parts if part)
    return normalize_text(" ".join(value.split()))


def build_row(line: int, cells: dict[str, str]) -> ParsedRow:
    """Check and clean the cells of one row; every problem is one Vietnamese message."""
    row = ParsedRow(line=line)
    errors, values = row.errors, row.values

    for key, text in cells.items():
        if text.lstrip().startswith("="):
            row.warnings.append(
                _("Ô «%(column)s» là công thức bảng tính: đã lấy nguyên văn, không tính.") % {"column": LABELS[key]}
            )

    def text(key: str, limit: int, *, required: bool = False, lines: bool = False) -> str:
        value = _clean(cells.get(key, ""), lines=lines)
        if required and not value:
            errors.append(_("Thiếu «%(column)s».") % {"column": LABELS[key]})
        elif len(value) > limit:
            errors.append(
                _("«%(column)s» dài quá %(limit)s ký tự (%(length)s).")
                % {"column": LABELS[key], "limit": limit, "length": len(value)}
            )
        return value

    raw_code = cells.get("code", "").strip()
    if not raw_code:
        errors.append(_("Thiếu «%(column)s».") % {"column": LABELS["code"]})
    else:
        try:
            values["code"] = rules.clean_national_code(raw_code)
        except ValidationError as error:
            errors.extend(error.messages)
            values["code"] = raw_code[:40]
    values["title"] = text("title", 255, required=True)
    values["field"] = text("field", 255, required=True)
    values["unit"] = text("unit", 300, required=True)

    levels_text = text("levels", 200, required=True)
    if levels_text:
        try:
            values["levels"] = sorted(str(level) for level in rules.parse_levels(levels_text))
        except ValueError as error:
            errors.append(str(error)[:1].upper() + str(error)[1:] + ".")
        else:
            if not values["levels"]:
                errors.append(_("Thiếu «%(column)s».") % {"column": LABELS["levels"]})
    online_text = text("online", 200, required=True)
    if online_text:
        try:
            values["online"] = str(rules.parse_online_level(online_text))
        except ValueError as error:
            errors.append(str(error)[:1].upper() + str(error)[1:] + ".")

    values["time"] = text("time", 500)
    days = rules.parse_processing_days(values["time"]) if values["time"] else None
    if days is not None and days > rules.MAX_PROCESSING_DAYS:
        row.warnings.append(_("Thời hạn hơn %(max)s ngày: không ghi số ngày.") % {"max": rules.MAX_PROCESSING_DAYS})
        days = None
    values["days"] = days
    values["fees"] = text("fees", 2000, lines=True)
    papers = rules.split_papers(text("papers", 20000, lines=True))
    if len(papers) > MAX_PAPERS:
        errors.append(_("Thành phần hồ sơ có hơn %(max)s giấy tờ.") % {"max": MAX_PAPERS})
    if any(len(paper) > 1000 for paper in papers):
        errors.append(_("Một giấy tờ trong thành phần hồ sơ dài quá 1000 ký tự."))
    values["papers"] = papers
    values["legal"] = text("legal", 5000, lines=True)
    url = cells.get("url", "").strip()
    if url:
        try:
            rules.validate_service_url(url)
        except ValidationError as error:
            errors.extend(error.messages)
        if len(url) > 500:
            errors.append(_("Đường dẫn dài quá 500 ký tự."))
    values["url"] = url
    if "steps" in cells or "method" in cells:
        values["steps"] = steps_html(text("steps", 20000, lines=True), text("method", 5000, lines=True))
    if "summary" in cells:
        values["summary"] = text("summary", rules.SUMMARY_LIMIT)
    return row


def steps_html(steps: str, method: str) -> str:
    """Plain lines as paragraphs (escaped: a file never brings markup)."""
    html = "".join(f"<p>{escape(line)}</p>" for line in steps.split("\n") if line)
    if method:
        html += f"<p><b>{escape(_('Cách thức thực hiện:'))}</b></p>"
        html += "".join(f"<p>{escape(line)}</p>" for line in method.split("\n") if line)
    return html


# --------------------------------------------------------------------------------------------------
# Planning and running


class Action:
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    SKIP = "skip"
    LABELS = {
        CREATE: gettext_lazy("Tạo mới (bản nháp)"),
        UPDATE: gettext_lazy("Cập nhật (bản nháp mới)"),
        UNCHANGED: gettext_lazy("Không thay đổi"),
        SKIP: gettext_lazy("Bỏ qua do lỗi"),
    }


@dataclass
class PlannedRow:
    row: ParsedRow
    action: str
    errors: list[str]
    page: Any = None  # the page to save: new, or the latest revision of the existing one
    new_field: str = ""  # a field name not yet in the vocabulary

    @property
    def label(self) -> str:
        return str(Action.LABELS[self.action])


@dataclass
class ImportReport:
    rows: list[dict[str, Any]]
    dry_run: bool = False

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row["action"] == action)

    @property
    def created(self) -> int:
        return self.count(Action.CREATE)

    @property
    def updated(self) -> int:
        return self.count(Action.UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(Action.UNCHANGED)

    @property
    def skipped(self) -> int:
        return self.count(Action.SKIP)

    def as_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "dry_run": self.dry_run}


class ImportFailed(Exception):
    """The import stopped; nothing was saved."""


# Model fields the importer sets itself or that only exist once the page is in the tree.
_NOT_VALIDATED = (
    "path",
    "depth",
    "numchild",
    "url_path",
    "field",
    "category",
    "locale",
    "owner",
    "content_type",
    "latest_revision",
    "live_revision",
    "locked_by",
    "alias_of",
)


def check_index(index: Any) -> None:
    """Only a list in the source language takes imports: English and Russian come by translation."""
    from portal.i18n import DEFAULT_LANGUAGE

    if index.locale.language_code != DEFAULT_LANGUAGE:
        raise ImportFailed(_("Chỉ nhập vào danh sách tiếng Việt; bản tiếng Anh, tiếng Nga được dịch từ danh sách đó."))


def procedure_slug(title: str, code: str, taken: set[str]) -> str:
    base = slugify(anyascii(title))[:70].strip("-") or "thu-tuc"
    slug = f"{base}-{code.replace('.', '-')}"
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _page_values(page: Any, keys: Iterable[str]) -> dict[str, Any]:
    """The values of a page that an import row sets, in the row's terms, to tell what would change."""
    values = {
        "title": page.title,
        "field": page.field.folded_name if page.field_id else "",
        "unit": page.competent_unit,
        "levels": sorted(page.levels),
        "online": page.online_level,
        "time": page.processing_time,
        "days": page.processing_days,
        "fees": page.fees,
        "papers": [name for name, _copies in paper_values(page.required_papers)],
        "legal": page.legal_basis,
        "url": page.national_portal_url,
        "steps": page.steps,
        "summary": page.summary,
    }
    return {key: values[key] for key in keys}


def _row_values(row: ParsedRow) -> dict[str, Any]:
    values = dict(row.values)
    values["field"] = fold(values["field"])
    values.pop("code", None)
    return values


def _apply(page: Any, row: ParsedRow, *, is_new: bool) -> None:
    values = row.values
    page.title = values["title"]
    page.national_code = values["code"]
    page.competent_unit = values["unit"]
    for level, name in rules.LEVEL_FIELDS.items():
        setattr(page, name, level in values["levels"])
    page.online_level = values["online"]
    page.processing_time = values["time"]
    page.processing_days = values["days"]
    page.fees = values["fees"]
    copies = dict(paper_values(page.required_papers)) if not is_new else {}
    page.required_papers = [("paper", {"name": name, "copies": copies.get(name, "")}) for name in values["papers"]]
    page.legal_basis = values["legal"]
    page.national_portal_url = values["url"]
    if "steps" in values:
        page.steps = values["steps"]
    if values.get("summary"):
        page.summary = values["summary"]
    elif is_new or not page.summary:
        page.summary = rules.default_summary(values["title"], values["unit"], values["time"])


def _validation_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{name}: {message}" for name, messages in error.message_dict.items() for message in messages]
    return list(error.messages)


def plan_import(parsed: ParsedFile, index: Any, user: Any = None) -> list[PlannedRow]:
    """What the import would do with each row; reads the database, writes nothing."""
    from portal.models import Category

    from .models import CATEGORY_CODE, ProcedureField, ProcedurePage

    index = index.specific
    children = {page.national_code: page for page in ProcedurePage.objects.child_of(index).select_related("field")}
    codes = [row.code for row in parsed.rows if row.code]
    elsewhere = {
        page.national_code: page
        for page in ProcedurePage.objects.filter(
            locale_id=index.locale_id,
            path__startswith=rules.site_path_of(index.path),
            national_code__in=codes,
        ).exclude(path__startswith=index.path)
    }
    fields = {item.folded_name: item for item in ProcedureField.objects.all()}
    category = Category.objects.get(code=CATEGORY_CODE)
    taken_slugs = set(index.get_children().values_list("slug", flat=True))
    seen: dict[str, int] = {}
    planned: list[PlannedRow] = []
    for row in parsed.rows:
        errors = list(row.errors)
        code = row.code
        if code and code in seen:
            errors.append(_("Trùng mã thủ tục với dòng %(line)s của tệp.") % {"line": seen[code]})
        elif code:
            seen[code] = row.line
        if code in elsewhere:
            errors.append(rules.duplicate_code_error(elsewhere[code]).messages[0])
        if errors:
            planned.append(PlannedRow(row, Action.SKIP, errors))
            continue
        field_obj = fields.get(fold(row.values["field"]))
        existing = children.get(code)
        if existing is not None:
            if user is not None and not existing.permissions_for_user(user).can_edit():
                planned.append(PlannedRow(row, Action.SKIP, [_("Bạn không có quyền sửa thủ tục này.")]))
                continue
            lock = existing.get_lock()
            if user is not None and lock is not None and lock.for_user(user):
                planned.append(
                    PlannedRow(row, Action.SKIP, [_("Thủ tục đang bị khóa hoặc đang chờ duyệt; để lần sau.")])
                )
                continue
            page = existing.get_latest_revision_as_object()
            keys = [key for key in _row_values(row) if key != "summary" or row.values.get("summary")]
            if _page_values(page, keys) == {key: _row_values(row)[key] for key in keys}:
                planned.append(PlannedRow(row, Action.UNCHANGED, [], page))
                continue
            action, is_new = Action.UPDATE, False
        else:
            page = ProcedurePage(
                slug=procedure_slug(row.values["title"], code, taken_slugs),
                locale_id=index.locale_id,
                category=category,
                live=False,
                owner=user,
            )
            action, is_new = Action.CREATE, True
        _apply(page, row, is_new=is_new)
        page.category = category
        if field_obj is not None:
            page.field = field_obj
        try:
            page.full_clean(exclude=_NOT_VALIDATED)
        except ValidationError as error:
            planned.append(PlannedRow(row, Action.SKIP, _validation_messages(error)))
            continue
        planned.append(PlannedRow(row, action, [], page, "" if field_obj else row.values["field"]))
    return planned


def _report(planned: list[PlannedRow], *, dry_run: bool) -> ImportReport:
    return ImportReport(
        rows=[
            {
                "line": item.row.line,
                "code": item.row.code,
                "title": item.row.title,
                "action": item.action,
                "messages": item.errors,
                "warnings": item.row.warnings,
                "page_id": getattr(item.page, "pk", None),
                "new_field": item.new_field,
            }
            for item in planned
        ],
        dry_run=dry_run,
    )


def run_import(
    parsed: ParsedFile,
    index: Any,
    user: Any = None,
    *,
    dry_run: bool = False,
    progress: Callable[[list[PlannedRow]], Iterable[PlannedRow]] = iter,
) -> ImportReport:
    """Import the rows into ``index`` in one transaction; with ``dry_run`` only say what would happen.

    Raises ``ImportFailed`` (nothing saved) when the file is unreadable or saving fails.
    """
    from .models import ProcedureField

    if not parsed.ok:
        raise ImportFailed(" ".join(parsed.errors))
    index = index.specific
    check_index(index)
    planned = plan_import(parsed, index, user)
    if dry_run:
        return _report(planned, dry_run=True)
    fields: dict[str, Any] = {}
    current: PlannedRow | None = None
    try:
        with transaction.atomic():
            for current in progress(planned):
                if current.action not in (Action.CREATE, Action.UPDATE):
                    continue
                page = current.page
                if current.new_field:
                    key = fold(current.new_field)
                    if key not in fields:
                        fields[key] = ProcedureField.objects.filter(folded_name=key).first() or (
                            ProcedureField.objects.create(name_vi=current.new_field)
                        )
                    page.field = fields[key]
                if current.action == Action.CREATE:
                    index.add_child(instance=page)
                elif page.live:
                    page.substantive_update = True  # new data from the national database: counts once approved
                page.save_revision(user=user, log_action=True)
    except ImportFailed:
        raise
    except Exception as error:
        line = current.row.line if current is not None else 0
        raise ImportFailed(
            _("Lỗi khi lưu dòng %(line)s (%(error)s): không thủ tục nào được nhập.")
            % {"line": line, "error": _error_text(error)}
        ) from error
    return _report(planned, dry_run=False)


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(_validation_messages(error))[:300]
    return f"{type(error).__name__}: {error}"[:300]


def template_csv() -> bytes:
    """An empty file with the header row, for editors who build the list by hand."""
    from editorial.documents.tabular import to_csv

    labels = [column.label for column in COLUMNS if column.key not in ("steps", "method", "summary")]
    return to_csv(labels, [])
