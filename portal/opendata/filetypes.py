"""What a dataset file really is: CSV text or an XLSX workbook, judged on the bytes, never the name.

The document upload (``security.uploads.check_document``) already refuses programs, macros and
archive bombs; a dataset's resources are narrower still: CSV or XLSX only, and a CSV may be in a
legacy Vietnamese encoding (TCVN3, VNI…) that the preview converts.
"""

from __future__ import annotations

import os
import re
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from security.upload_signatures import EXECUTABLE_KINDS, MARKUP_KINDS, label
from security.uploads import UploadRejected, check_document, document_size_limit, sniff

CSV, XLSX = "csv", "xlsx"
FORMAT_LABELS = {CSV: "CSV", XLSX: "XLSX"}
# Control characters no Vietnamese encoding uses for a letter: their share marks binary data.
_NEVER_TEXT = re.compile("[\x00\x01\x07\x08\x0e\x0f\x7f]")
BINARY_RATIO = 0.01
TEXT_SAMPLE = 64 * 1024


def _size_of(fileobj: Any) -> int:
    size = getattr(fileobj, "size", None)
    if isinstance(size, int):
        return size
    position = fileobj.tell()
    fileobj.seek(0, os.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(position)
    return size


def looks_binary(text: str) -> bool:
    """NUL anywhere, or more than 1% of characters that no text encoding produces."""
    sample = text[:TEXT_SAMPLE]
    if "\x00" in sample:
        return True
    return bool(sample) and len(_NEVER_TEXT.findall(sample)) / len(sample) > BINARY_RATIO


def is_legacy_text(fileobj: IO[bytes]) -> bool:
    """8-bit text (TCVN3, VNI, VISCII, Windows-1258…): no NUL and hardly any control characters."""
    fileobj.seek(0)
    try:
        head = fileobj.read(TEXT_SAMPLE)
    finally:
        fileobj.seek(0)
    return bool(head.strip()) and not looks_binary(head.decode("latin-1"))


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def check_table_file(fileobj: IO[bytes], name: str) -> str:
    """``"csv"`` or ``"xlsx"`` when the file is one (and safe); otherwise ``ValidationError`` in Vietnamese."""
    name = os.path.basename(name or "") or _("(không tên)")
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    size = _size_of(fileobj)
    if size == 0:
        raise _refuse(_("Tệp «%(name)s» rỗng, không có dữ liệu.") % {"name": name}, "empty")
    limit = document_size_limit()
    if limit is not None and size > limit:
        raise _refuse(
            _("Tệp «%(name)s» quá lớn (%(size)s); dung lượng tối đa là %(max)s.")
            % {"name": name, "size": filesizeformat(size), "max": filesizeformat(limit)},
            "file_too_large",
        )
    try:
        kind = sniff(fileobj)
    finally:
        fileobj.seek(0)
    if kind in EXECUTABLE_KINDS or kind in MARKUP_KINDS:
        _check_with_upload_rules(fileobj, name)  # programs and script markup: the upload rules' own words
    if kind == "ooxml-excel" and extension == XLSX:
        _check_with_upload_rules(fileobj, name)
        return XLSX
    if extension == CSV and (kind == "text" or (kind == "unknown" and is_legacy_text(fileobj))):
        _check_with_upload_rules(fileobj, name, legacy=kind == "unknown")
        return CSV
    if extension not in (CSV, XLSX):
        raise _refuse(
            _("Tệp dữ liệu chỉ nhận định dạng CSV hoặc XLSX; tệp «%(name)s» không phải.") % {"name": name},
            "not_a_table",
        )
    what = _("dữ liệu nhị phân không đọc được") if kind == "unknown" else label(kind)
    raise _refuse(
        _("Tệp «%(name)s» thực chất là %(what)s, không phải bảng dữ liệu %(format)s; không được dùng.")
        % {"name": name, "what": what, "format": FORMAT_LABELS[extension]},
        "type_mismatch",
    )


def _check_with_upload_rules(fileobj: IO[bytes], name: str, *, legacy: bool = False) -> None:
    """The upload rules (archive bombs, macros, encryption, polyglots) for files that came in another way."""
    try:
        check_document(fileobj, name)
    except UploadRejected as rejection:
        if legacy and rejection.code == "not_utf8_text":
            return  # a legacy-encoded CSV: the preview converts it to Unicode
        raise _refuse(" ".join(rejection.messages), rejection.code or "upload_rejected") from None
    finally:
        fileobj.seek(0)
