"""Uploads are checked on their content, not their name (S-LC 4.6: no executable files; S-HD 15.6: scanned).

Plain functions, usable without HTTP:

- ``sniff(fileobj)``: what the bytes really are (a kind such as ``"pdf"``, ``"ooxml-word"``, ``"pe"``).
- ``check_document(fileobj, name)``: refuse (``UploadRejected``) what a document upload must not be.
- ``check_image(fileobj, name)`` and ``sanitise_image(fileobj, name)``: the same for images, then a
  re-encoded copy without EXIF/GPS/XMP/ICC data or comments.
- ``scan_with_clamav(fileobj, name)``: the virus scanner hook (``UPLOAD_VIRUS_SCANNER``), failing closed.
- ``UploadSizeLimitHandler``: an upload handler that never stores more than the largest upload limit.

Every check reads the size first and refuses an oversized file before reading any of its content.
Every function leaves the file at position 0.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import socket
import struct
import tempfile
import uuid
import warnings
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, ImageSequence

from .upload_signatures import (
    DANGEROUS_MEMBER_EXTENSIONS,
    DOCUMENT_FAMILIES,
    EXECUTABLE_KINDS,
    IMAGE_FAMILIES,
    MACRO_MEMBER_EXTENSIONS,
    MARKUP_KINDS,
    PILLOW_FORMATS,
    label,
    match_signature,
)

log = logging.getLogger("security.uploads")

HEAD_SIZE = 8192
CHUNK_SIZE = 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
# An archive may expand to at most this many times the document upload limit...
MAX_EXPANSION_FACTOR = 10
# ...and compress at most this well; small archives (under RATIO_FLOOR unpacked) are left alone,
# since a few kilobytes of repetitive XML compress far better than 100:1 and harm no one.
MAX_COMPRESSION_RATIO = 100
RATIO_FLOOR = 1024 * 1024
# A ZIP inside a ZIP inside a ZIP... is opened this deep, and refused deeper.
MAX_NESTING = 3
# What a browser or an interpreter would run if it found it in a file that is "only" an image or a PDF.
ACTIVE_CONTENT = (b"<script", b"<?php", b"<html")
MACRO_STORAGES = frozenset({"macros", "_vba_project_cur", "vba", "_vba_project"})
ENCRYPTION_STREAMS = frozenset({"encryptedpackage", "encryptioninfo"})
MSI_CLASS_IDS = frozenset(
    uuid.UUID(value).bytes_le
    for value in ("000c1084-0000-0000-c000-000000000046", "000c1086-0000-0000-c000-000000000046")
)
PDF_ACTIONS = re.compile(rb"/(?:JavaScript|JS|Launch)(?![A-Za-z0-9_.#-])")
PDF_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
PDF_ESCAPED_NAME = re.compile(rb"/[A-Za-z0-9_.#-]*#[0-9A-Fa-f]{2}[A-Za-z0-9_.#-]*")
MARKUP_SCRIPT = re.compile(rb"<script|javascript:|\son[a-z]+\s*=")


class UploadRejected(ValidationError):
    """An upload that must not be stored; the message says why, in Vietnamese, to the editor."""

    def __init__(self, message: str, code: str = "upload_rejected") -> None:
        super().__init__(message, code=code)
        log.warning("Upload refused (%s): %s", code, message)


# --------------------------------------------------------------------------------------------------
# Small helpers


def _display_name(name: str | None) -> str:
    return os.path.basename(name or "") or _("(không tên)")


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def _size_of(fileobj: Any) -> int:
    size = getattr(fileobj, "size", None)
    if isinstance(size, int):
        return size
    position = fileobj.tell()
    fileobj.seek(0, os.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(position)
    return size


def _read_head(fileobj: IO[bytes], size: int = HEAD_SIZE) -> bytes:
    fileobj.seek(0)
    head = fileobj.read(size)
    fileobj.seek(0)
    return head


def _chunks(fileobj: IO[bytes], size: int = CHUNK_SIZE) -> Iterable[bytes]:
    fileobj.seek(0)
    while chunk := fileobj.read(size):
        yield chunk


def _search(fileobj: IO[bytes], pattern: re.Pattern[bytes], *, lower: bool = False) -> re.Match[bytes] | None:
    """The first match of pattern anywhere in the file, read a chunk at a time (with an overlap)."""
    tail = b""
    try:
        for chunk in _chunks(fileobj):
            data = tail + chunk
            match = pattern.search(data.lower() if lower else data)
            if match:
                return match
            tail = data[-256:]
        return None
    finally:
        fileobj.seek(0)


def _contains_any(fileobj: IO[bytes], needles: Iterable[bytes]) -> bytes | None:
    """The first of the needles found in the file (case-insensitive), or None."""
    match = _search(fileobj, re.compile(b"|".join(re.escape(n.lower()) for n in needles)), lower=True)
    return match.group(0) if match else None


def _number(value: int) -> str:
    """1.234.567, as numbers are written in Vietnamese."""
    return f"{value:,}".replace(",", ".")


def _check_size(fileobj: Any, name: str, limit: int | None) -> None:
    if limit is None:
        return
    size = _size_of(fileobj)
    if size > limit:
        raise UploadRejected(
            _("Tệp «%(name)s» quá lớn (%(size)s); dung lượng tối đa là %(max)s.")
            % {"name": name, "size": filesizeformat(size), "max": filesizeformat(limit)},
            code="file_too_large",
        )


def document_size_limit() -> int | None:
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)


def image_size_limit() -> int | None:
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)


# --------------------------------------------------------------------------------------------------
# OLE2 (legacy Office) containers: just enough of the Compound File format to list the directory.

FREE_SECTORS = 0xFFFFFFFA  # this and above: free, end of chain, FAT or DIFAT sector markers


@dataclass
class _OleEntry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    start: int
    size: int
    class_id: bytes


@dataclass
class _OleFile:
    fileobj: IO[bytes]
    sector_size: int
    mini_cutoff: int
    fat: list[int] = field(default_factory=list)
    entries: list[_OleEntry] = field(default_factory=list)

    def sector(self, number: int) -> bytes:
        self.fileobj.seek((number + 1) * self.sector_size)
        return self.fileobj.read(self.sector_size)

    def first_sector_of(self, name: str) -> bytes | None:
        """The first sector of a stream kept in the main FAT (streams of at least mini_cutoff bytes)."""
        for entry in self.entries:
            if entry.kind == 2 and entry.name.lower() == name and entry.size >= self.mini_cutoff:
                return self.sector(entry.start) if entry.start < FREE_SECTORS else None
        return None


def _read_ole(fileobj: IO[bytes]) -> _OleFile | None:
    """The directory of an OLE2 compound file, or None when its structure cannot be followed."""
    try:
        header = _read_head(fileobj, 512)
        if len(header) < 512 or header[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            return None
        sector_shift = struct.unpack_from("<H", header, 30)[0]
        if sector_shift not in (9, 12):
            return None
        sector_size = 1 << sector_shift
        file_sectors = _size_of(fileobj) // sector_size
        fat_count, first_directory = struct.unpack_from("<II", header, 44)
        (mini_cutoff,) = struct.unpack_from("<I", header, 56)
        first_difat, difat_count = struct.unpack_from("<II", header, 68)
        ole = _OleFile(fileobj, sector_size, mini_cutoff or 4096)

        fat_sectors = [s for s in struct.unpack_from("<109I", header, 76) if s < FREE_SECTORS]
        sector, seen = first_difat, 0
        while sector < FREE_SECTORS and seen < difat_count and seen <= file_sectors:
            values = struct.unpack(f"<{sector_size // 4}I", ole.sector(sector))
            fat_sectors.extend(s for s in values[:-1] if s < FREE_SECTORS)
            sector, seen = values[-1], seen + 1
        for number in fat_sectors[:fat_count]:
            data = ole.sector(number)
            if len(data) < sector_size:
                return None
            ole.fat.extend(struct.unpack(f"<{sector_size // 4}I", data))

        visited: set[int] = set()
        sector = first_directory
        while sector < FREE_SECTORS:
            if sector in visited or sector >= len(ole.fat) or len(visited) > file_sectors:
                return None  # a loop or a chain out of the file
            visited.add(sector)
            data = ole.sector(sector)
            for offset in range(0, len(data) - 127, 128):
                entry = data[offset : offset + 128]
                name_length, kind = struct.unpack_from("<HB", entry, 64)
                if kind == 0 or not 2 <= name_length <= 64:
                    continue
                start, size = struct.unpack_from("<II", entry, 116)
                name = entry[: name_length - 2].decode("utf-16-le", "replace")
                ole.entries.append(_OleEntry(name, kind, start, size, entry[80:96]))
            sector = ole.fat[sector]
        return ole if ole.entries else None
    except (struct.error, OSError, ValueError):
        return None
    finally:
        fileobj.seek(0)


def _legacy_office_encrypted(ole: _OleFile) -> bool:
    """A .doc or .xls protected by a password (RC4/XOR), seen in its first record."""
    word = ole.first_sector_of("worddocument")
    if word and len(word) >= 12 and word[:2] == b"\xec\xa5":
        (flags,) = struct.unpack_from("<H", word, 10)
        if flags & 0x0100:  # FIB fEncrypted
            return True
    book = ole.first_sector_of("workbook") or ole.first_sector_of("book")
    if book and len(book) >= 8:
        record, length = struct.unpack_from("<HH", book, 0)
        if record == 0x0809 and len(book) >= 8 + length:  # BOF, then FILEPASS when encrypted
            (following,) = struct.unpack_from("<H", book, 4 + length)
            return following == 0x002F
    return False


def _ole_kind(fileobj: IO[bytes]) -> str:
    ole = _read_ole(fileobj)
    if ole is None:
        return "ole2"
    names = {entry.name.lower() for entry in ole.entries}
    if any(entry.kind == 5 and entry.class_id in MSI_CLASS_IDS for entry in ole.entries):
        return "msi"
    if names & ENCRYPTION_STREAMS:
        return "ole2-encrypted"
    if "worddocument" in names:
        return "ole2-word"
    if names & {"workbook", "book"}:
        return "ole2-excel"
    return "ole2"


# --------------------------------------------------------------------------------------------------
# Sniffing


def _zip_kind(fileobj: IO[bytes]) -> str:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            lowered = {n.lower() for n in names}
            if "[content_types].xml" in lowered:
                if any(n.startswith("word/") for n in lowered):
                    return "ooxml-word"
                if any(n.startswith("xl/") for n in lowered):
                    return "ooxml-excel"
                return "ooxml-other"
            if "mimetype" in names:
                try:
                    with archive.open("mimetype") as member:
                        mimetype = member.read(200).strip()
                except (RuntimeError, zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, EOFError):
                    return "zip"
                if mimetype == b"application/vnd.oasis.opendocument.text":
                    return "odf-text"
                if mimetype == b"application/vnd.oasis.opendocument.spreadsheet":
                    return "odf-spreadsheet"
                if mimetype.startswith(b"application/vnd.oasis.opendocument."):
                    return "odf-other"
            return "zip"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error, NotImplementedError):
        return "zip"
    finally:
        fileobj.seek(0)


def _text_head(head: bytes) -> str:
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, encoding in boms:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, "ignore")
    return head.decode("utf-8", "ignore")


def _markup_kind(head: bytes) -> str | None:
    text = _text_head(head).lstrip().lower()
    if not text.startswith("<"):
        return None
    if "<svg" in text:
        return "svg"
    if text.startswith(("<!doctype html", "<html")) or "<html" in text or "<script" in text:
        return "html"
    if text.startswith("<?xml"):
        return "xml"
    return None


def _is_text(fileobj: IO[bytes]) -> bool:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM, and no NUL character anywhere."""
    head = _read_head(fileobj, 4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        for chunk in _chunks(fileobj):
            if "\x00" in decoder.decode(chunk):
                return False
        decoder.decode(b"", final=True)
        return True
    except UnicodeDecodeError:
        return False
    finally:
        fileobj.seek(0)


def sniff(fileobj: IO[bytes]) -> str:
    """What the bytes really are: a kind named in ``upload_signatures.LABELS``.

    Containers are opened: a ZIP is told apart as OOXML (``ooxml-word``, ``ooxml-excel``), ODF
    (``odf-text``, ``odf-spreadsheet``) or a plain ``zip``; an OLE2 file as ``ole2-word``,
    ``ole2-excel``, ``ole2-encrypted`` (a password-protected .docx/.xlsx) or ``msi``.
    Text is ``text`` only if it decodes as UTF-8 (or UTF-16 with a BOM) and has no NUL byte.
    """
    head = _read_head(fileobj)
    kind = match_signature(head)
    if kind == "zip":
        return _zip_kind(fileobj)
    if kind == "ole2":
        return _ole_kind(fileobj)
    if kind:
        return kind
    markup = _markup_kind(head)
    if markup:
        return markup
    return "text" if _is_text(fileobj) else "unknown"


# --------------------------------------------------------------------------------------------------
# Refusals shared by documents and images


def _refuse_dangerous(fileobj: IO[bytes], name: str, kind: str) -> None:
    """Programs, scripts and markup with script are refused whatever the file is called."""
    if kind == "script":
        raise UploadRejected(
            _("Tệp «%(name)s» thực chất là tập lệnh (script) chạy được; không được phép tải lên.") % {"name": name},
            code="script",
        )
    if kind in EXECUTABLE_KINDS:
        raise UploadRejected(
            _("Tệp «%(name)s» thực chất là tệp chương trình (%(what)s); không được phép tải lên.")
            % {"name": name, "what": label(kind)},
            code="executable",
        )
    if kind in MARKUP_KINDS and _search(fileobj, MARKUP_SCRIPT, lower=True):
        raise UploadRejected(
            _("Tệp «%(name)s» thực chất là %(what)s có chứa mã script; không được phép tải lên.")
            % {"name": name, "what": label(kind)},
            code="markup_script",
        )


def _is_zip_polyglot(fileobj: IO[bytes]) -> bool:
    """A ZIP that a ZIP reader would find at the end of the file (a GIFAR, a PDF with an archive)."""
    try:
        if not zipfile.is_zipfile(fileobj):
            return False
        with zipfile.ZipFile(fileobj) as archive:
            return bool(archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error, NotImplementedError):
        return False
    finally:
        fileobj.seek(0)


def _refuse_polyglot(fileobj: IO[bytes], name: str, kind: str) -> None:
    hidden = None
    if _is_zip_polyglot(fileobj):
        hidden = _("một tệp nén ZIP")
    elif _contains_any(fileobj, ACTIVE_CONTENT):
        hidden = _("mã script hoặc HTML")
    if hidden:
        raise UploadRejected(
            _(
                "Tệp «%(name)s» là %(what)s nhưng còn giấu %(hidden)s bên trong (tệp đa định dạng); "
                "không được phép tải lên."
            )
            % {"name": name, "what": label(kind), "hidden": hidden},
            code="polyglot",
        )


def _mismatch(name: str, kind: str, extension: str) -> UploadRejected:
    if extension in ("csv", "txt") and kind == "unknown":
        return UploadRejected(
            _(
                "Tệp «%(name)s» không phải văn bản UTF-8 (hoặc UTF-16 có BOM), hoặc có chứa ký tự NUL; "
                "hãy lưu lại với bảng mã UTF-8 rồi tải lên lại."
            )
            % {"name": name},
            code="not_utf8_text",
        )
    return UploadRejected(
        _("Tệp «%(name)s» thực chất là %(what)s, không khớp với phần mở rộng .%(ext)s; không được phép tải lên.")
        % {"name": name, "what": label(kind), "ext": extension},
        code="type_mismatch",
    )


def _refuse_extension(name: str, allowed: Iterable[str]) -> UploadRejected:
    return UploadRejected(
        _("Không được phép tải lên tệp «%(name)s»: chỉ nhận các định dạng %(allowed)s.")
        % {"name": name, "allowed": ", ".join(f".{e}" for e in allowed)},
        code="extension_not_allowed",
    )


def _macro(name: str) -> UploadRejected:
    return UploadRejected(
        _("Tệp «%(name)s»: tệp Office có macro không được phép tải lên; hãy lưu lại dưới dạng .docx/.xlsx không macro.")
        % {"name": name},
        code="macro",
    )


def _encrypted_archive(name: str) -> UploadRejected:
    return UploadRejected(
        _("Tệp «%(name)s»: tệp nén có mật khẩu không kiểm tra được nên không được phép tải lên.") % {"name": name},
        code="encrypted_archive",
    )


def _encrypted_office(name: str) -> UploadRejected:
    return UploadRejected(
        _(
            "Tệp «%(name)s»: tài liệu Office có mật khẩu không kiểm tra được nên không được phép tải lên; "
            "hãy gỡ mật khẩu rồi tải lên lại."
        )
        % {"name": name},
        code="encrypted_office",
    )


def _unreadable(name: str, what: str) -> UploadRejected:
    return UploadRejected(
        _("Tệp «%(name)s» bị hỏng hoặc không đọc được như %(what)s nên không kiểm tra được.")
        % {"name": name, "what": what},
        code="unreadable",
    )


# --------------------------------------------------------------------------------------------------
# Containers


class _Budget:
    """How many bytes may still be unpacked from one upload, nested archives included."""

    def __init__(self, name: str, limit: int) -> None:
        self.name, self.limit, self.used = name, limit, 0

    def spend(self, amount: int) -> None:
        self.used += amount
        if self.used > self.limit:
            raise _bomb(self.name, self.used, None)


def _bomb(name: str, unpacked: int, ratio: int | None) -> UploadRejected:
    if ratio is None:
        message = _("Tệp «%(name)s» là tệp nén bất thường (bung ra hơn %(size)s); không được phép tải lên.")
    else:
        message = _(
            "Tệp «%(name)s» là tệp nén bất thường (bung ra %(size)s, gấp %(ratio)s lần); không được phép tải lên."
        )
    return UploadRejected(
        message % {"name": name, "size": filesizeformat(unpacked), "ratio": _number(ratio or 0)},
        code="zip_bomb",
    )


ZIP_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
    ValueError,
    struct.error,
)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    with archive.open(info) as member:
        return member.read(limit)


def _check_zip(fileobj: IO[bytes], name: str, budget: _Budget, depth: int = 0) -> None:
    try:
        archive = zipfile.ZipFile(fileobj)
        infos = archive.infolist()
    except ZIP_READ_ERRORS:
        fileobj.seek(0)
        raise _unreadable(name, label("zip")) from None
    try:
        if len(infos) > MAX_ZIP_ENTRIES:
            raise UploadRejected(
                _("Tệp «%(name)s» chứa quá nhiều tệp con (%(count)s; tối đa %(max)s); không được phép tải lên.")
                % {"name": name, "count": _number(len(infos)), "max": _number(MAX_ZIP_ENTRIES)},
                code="too_many_entries",
            )
        if any(info.flag_bits & 0x1 for info in infos):
            raise _encrypted_archive(name)
        unpacked = sum(info.file_size for info in infos)
        packed = sum(info.compress_size for info in infos)
        ratio = unpacked // max(packed, 1)
        if unpacked > budget.limit - budget.used or (unpacked > RATIO_FLOOR and ratio > MAX_COMPRESSION_RATIO):
            raise _bomb(name, unpacked, ratio)

        by_name = {info.filename.lower(): info for info in infos}
        if any(n.endswith("vbaproject.bin") or n.endswith("vbadata.xml") for n in by_name):
            raise _macro(name)
        try:
            content_types = by_name.get("[content_types].xml")
            if content_types and b"macroenabled" in _read_member(archive, content_types, 4 * 1024 * 1024).lower():
                raise _macro(name)
            if "mimetype" in by_name:  # OpenDocument: macros live in Basic/ or Scripts/
                if any(n.startswith(("basic/", "scripts/")) for n in by_name):
                    raise _macro(name)
                manifest = by_name.get("meta-inf/manifest.xml")
                if manifest and b"encryption-data" in _read_member(archive, manifest, 4 * 1024 * 1024):
                    raise _encrypted_office(name)
        except ZIP_READ_ERRORS:
            raise _unreadable(name, label("zip")) from None

        for info in infos:
            if info.is_dir():
                continue
            extension = _extension(info.filename)
            if extension in MACRO_MEMBER_EXTENSIONS:
                raise _macro(name)
            if extension in DANGEROUS_MEMBER_EXTENSIONS:
                raise _executable_member(name, info.filename, f".{extension}")
            _check_member(archive, info, name, budget, depth)
    finally:
        archive.close()
        fileobj.seek(0)


def _executable_member(name: str, member: str, what: str) -> UploadRejected:
    return UploadRejected(
        _("Tệp «%(name)s» chứa tệp chương trình «%(member)s» (%(what)s); không được phép tải lên.")
        % {"name": name, "member": os.path.basename(member.rstrip("/")) or member, "what": what},
        code="executable_member",
    )


def _check_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: _Budget, depth: int) -> None:
    """Unpack one member (zipfile checks its CRC and declared size); look at what it is."""
    try:
        with archive.open(info) as member:
            head = member.read(HEAD_SIZE)
            budget.spend(len(head))
            kind = match_signature(head)
            if kind in EXECUTABLE_KINDS:
                raise _executable_member(name, info.filename, label(kind))
            if kind not in ("zip", "ole2"):
                while chunk := member.read(CHUNK_SIZE):
                    budget.spend(len(chunk))
                return
            if depth + 1 >= MAX_NESTING:
                raise UploadRejected(
                    _("Tệp «%(name)s» chứa tệp nén lồng nhau quá nhiều tầng nên không kiểm tra được.") % {"name": name},
                    code="too_deep",
                )
            with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as nested:
                nested.write(head)
                while chunk := member.read(CHUNK_SIZE):
                    budget.spend(len(chunk))
                    nested.write(chunk)
                nested.seek(0)
                if kind == "zip":
                    _check_zip(nested, name, budget, depth + 1)
                else:
                    _check_ole(nested, name)
    except ZIP_READ_ERRORS:
        raise _unreadable(name, label("zip")) from None


def _check_ole(fileobj: IO[bytes], name: str) -> None:
    ole = _read_ole(fileobj)
    if ole is None:
        raise _unreadable(name, label("ole2"))
    try:
        names = {entry.name.lower() for entry in ole.entries}
        if any(entry.kind == 5 and entry.class_id in MSI_CLASS_IDS for entry in ole.entries):
            raise UploadRejected(
                _("Tệp «%(name)s» thực chất là tệp chương trình (%(what)s); không được phép tải lên.")
                % {"name": name, "what": label("msi")},
                code="executable",
            )
        if names & ENCRYPTION_STREAMS or _legacy_office_encrypted(ole):
            raise _encrypted_office(name)
        if names & MACRO_STORAGES:
            raise _macro(name)
    finally:
        fileobj.seek(0)


def _check_container(fileobj: IO[bytes], name: str, kind: str) -> None:
    if kind == "zip" or kind.startswith(("ooxml-", "odf-")):
        limit = document_size_limit() or _size_of(fileobj)
        _check_zip(fileobj, name, _Budget(name, MAX_EXPANSION_FACTOR * limit))
    elif kind.startswith("ole2"):
        _check_ole(fileobj, name)


def _pdf_dictionary_text(data: bytes) -> Iterable[bytes]:
    """Where a PDF's dictionaries are: between its streams, and inside object streams (inflated).

    Stream data itself (images, fonts, page content) is skipped: random compressed bytes would now
    and then spell "/JS" followed by a delimiter.
    """
    position, budget = 0, MAX_EXPANSION_FACTOR * (document_size_limit() or len(data))
    while True:
        start = PDF_STREAM.search(data, position)
        if start is None:
            yield data[position:]
            return
        yield data[position : start.start()]
        end = data.find(b"endstream", start.end())
        if end < 0:
            return
        dictionary = data[max(position, start.start() - 4096) : start.start()]
        if (header := dictionary.rfind(b"obj")) >= 0:
            dictionary = dictionary[header + 3 :]
        if b"/ObjStm" in dictionary and b"/FlateDecode" in dictionary and budget > 0:
            try:
                inflated = zlib.decompressobj().decompress(data[start.end() : end], budget)
            except zlib.error:
                inflated = b""
            budget -= len(inflated)
            yield inflated
        position = end + len(b"endstream")


def _pdf_has_active_content(data: bytes) -> bool:
    for text in _pdf_dictionary_text(data):
        if PDF_ACTIONS.search(text):
            return True
        # Names may be written with #xx escapes (/J#61vaScript) to slip past a plain search.
        for escaped in PDF_ESCAPED_NAME.finditer(text):
            plain = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), escaped.group(0))
            if PDF_ACTIONS.fullmatch(plain):
                return True
    return False


def _check_pdf(fileobj: IO[bytes], name: str) -> None:
    _refuse_polyglot(fileobj, name, "pdf")
    fileobj.seek(0)
    data = fileobj.read()  # at most the document upload limit: the size was checked first
    fileobj.seek(0)
    if _pdf_has_active_content(data):
        raise UploadRejected(
            _("Tệp PDF «%(name)s» có chứa mã JavaScript hoặc lệnh chạy chương trình; không được phép tải lên.")
            % {"name": name},
            code="pdf_active_content",
        )


def _check_rtf(fileobj: IO[bytes], name: str) -> None:
    if _contains_any(fileobj, (b"\\objdata", b"\\objupdate")):
        raise UploadRejected(
            _(
                "Tệp RTF «%(name)s» có nhúng đối tượng OLE (cách phát tán mã độc thường gặp); "
                "hãy lưu lại dưới dạng .docx hoặc .pdf."
            )
            % {"name": name},
            code="rtf_object",
        )


# --------------------------------------------------------------------------------------------------
# Documents


def allowed_document_extensions() -> list[str]:
    configured = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or list(DOCUMENT_FAMILIES)
    return [e.lower().lstrip(".") for e in configured]


def stored_document_problem(file: Any, name: str) -> str | None:
    """What is wrong with a document already in storage (an import, the shell, older checks), or None.

    For models that point at stored documents (legal attachments, tender files): the same checks as
    an upload, answered as a message for the form instead of an exception.
    """
    try:
        with file.open("rb") as handle:
            check_document(handle, name)
    except UploadRejected as error:
        return " ".join(error.messages)
    except (OSError, ValueError):
        return _("Không đọc được tệp «%(name)s»; hãy tải tệp lên lại.") % {"name": name}
    return None


def check_document(fileobj: IO[bytes], name: str) -> None:
    """Refuse a document upload that is not what its extension says, or is dangerous in itself.

    Order: size (before reading anything), what the bytes are, programs and scripts (whatever the
    name), the extension's allow-list, containers (encryption, bombs, macros, members), the
    extension's family, then per-type checks (PDF actions and polyglots, RTF objects).
    """
    name = _display_name(name)
    try:
        _check_size(fileobj, name, document_size_limit())
        kind = sniff(fileobj)
        _refuse_dangerous(fileobj, name, kind)
        extension = _extension(name)
        allowed = allowed_document_extensions()
        if extension not in allowed or extension not in DOCUMENT_FAMILIES:
            raise _refuse_extension(name, [e for e in allowed if e in DOCUMENT_FAMILIES])
        _check_container(fileobj, name, kind)
        if kind not in DOCUMENT_FAMILIES[extension]:
            raise _mismatch(name, kind, extension)
        if kind == "pdf":
            _check_pdf(fileobj, name)
        elif kind == "rtf":
            _check_rtf(fileobj, name)
    finally:
        fileobj.seek(0)


# --------------------------------------------------------------------------------------------------
# Images


def allowed_image_extensions() -> list[str]:
    configured = getattr(settings, "WAGTAILIMAGES_EXTENSIONS", None) or list(IMAGE_FAMILIES)
    return [e.lower().lstrip(".") for e in configured]


def _max_pixels() -> int | None:
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000)


def _too_many_pixels(name: str, pixels: int | None, limit: int) -> UploadRejected:
    return UploadRejected(
        _("Ảnh «%(name)s» quá lớn (%(pixels)s điểm ảnh); tối đa %(max)s điểm ảnh.")
        % {"name": name, "pixels": _number(pixels) if pixels else _("không rõ số"), "max": _number(limit)},
        code="too_many_pixels",
    )


class _PillowLimits:
    """Pillow's decompression-bomb limit set from WAGTAILIMAGES_MAX_IMAGE_PIXELS, its warning an error.

    Image.MAX_IMAGE_PIXELS is process-wide: it is set (not restored) to the configured value, which
    is also what Wagtail's own check compares with, so every thread sees the same limit.
    """

    def __enter__(self) -> None:
        limit = _max_pixels()
        if limit:
            Image.MAX_IMAGE_PIXELS = limit
        self._warnings = warnings.catch_warnings()
        self._warnings.__enter__()
        warnings.simplefilter("error", Image.DecompressionBombWarning)

    def __exit__(self, *exc_info: object) -> None:
        self._warnings.__exit__(*exc_info)


def _bomb_pixels(error: Exception) -> int | None:
    match = re.search(r"\((\d+) pixels\)", str(error))
    return int(match.group(1)) if match else None


def check_image(fileobj: IO[bytes], name: str) -> str:
    """Refuse an image upload that is not a real JPEG/PNG/GIF/WEBP matching its name; return Pillow's format."""
    name = _display_name(name)
    try:
        _check_size(fileobj, name, image_size_limit())
        kind = sniff(fileobj)
        _refuse_dangerous(fileobj, name, kind)
        extension = _extension(name)
        allowed = [e for e in allowed_image_extensions() if e in IMAGE_FAMILIES]
        if extension not in allowed:
            raise _refuse_extension(name, allowed)
        if kind not in IMAGE_FAMILIES[extension]:
            raise _mismatch(name, kind, extension)
        _refuse_polyglot(fileobj, name, kind)

        limit = _max_pixels()
        try:
            with _PillowLimits(), Image.open(fileobj) as image:
                image_format = image.format
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
                if limit and width * height * frames > limit:
                    raise _too_many_pixels(name, width * height * frames, limit)
                image.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels(name, _bomb_pixels(error), limit or Image.MAX_IMAGE_PIXELS) from None
        except UploadRejected:
            raise
        except Exception:  # anything Pillow cannot read is not an image we accept
            raise _unreadable(name, label(kind)) from None
        if image_format != PILLOW_FORMATS[kind]:
            raise _mismatch(name, str(image_format).lower(), extension)
        return image_format
    finally:
        fileobj.seek(0)


def _to_srgb(image: Image.Image) -> Image.Image:
    """Colours kept when the ICC profile is dropped: converted from the embedded profile to sRGB."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(BytesIO(icc))
        target = ImageCms.createProfile("sRGB")
        converted = ImageCms.profileToProfile(
            image, source, target, outputMode="RGBA" if image.mode == "RGBA" else "RGB"
        )
        return converted or image
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image


def _clean_still(image: Image.Image, image_format: str, out: BytesIO) -> None:
    transparency = image.info.get("transparency")
    try:
        image = ImageOps.exif_transpose(image) or image
    except (OSError, ValueError, SyntaxError, struct.error):  # unreadable EXIF: the pixels as they are
        image = image.copy()
    image = _to_srgb(image)
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.info = {}
        image.save(out, "JPEG", quality=90, optimize=True)
        return
    if image_format == "WEBP":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.mode or transparency is not None else "RGB")
        image.info = {}
        image.save(out, "WEBP", quality=90)
        return
    image.info = {}
    extra = {"transparency": transparency} if transparency is not None and image.mode in ("P", "L", "RGB") else {}
    image.save(out, image_format, **extra)


def _clean_animated(image: Image.Image, image_format: str, out: BytesIO) -> None:
    """Every frame kept (Pillow gives them composited), with their durations and the loop count."""
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(int(frame.info.get("duration", 100) or 100))
        copy = frame.convert("RGBA") if image_format == "WEBP" else frame.copy()
        copy.info = {}
        frames.append(copy)
    params: dict[str, Any] = {
        "save_all": True,
        "append_images": frames[1:],
        "duration": durations,
        "loop": int(image.info.get("loop", 0) or 0),
    }
    if image_format == "WEBP":
        params["quality"] = 90
    frames[0].save(out, image_format, **params)


def sanitise_image(fileobj: IO[bytes], name: str) -> ContentFile:
    """The image re-encoded by Pillow: same format, orientation applied, no EXIF/GPS/XMP/ICC or comments.

    JPEG at quality 90 (after ``ImageOps.exif_transpose``, so the picture stays the right way up);
    PNG and GIF losslessly with their transparency; WEBP at quality 90. An ICC profile is not copied:
    the pixels are converted to sRGB first so that colours stay right. Animated GIF and WEBP keep all
    their frames, durations and loop count (their EXIF orientation is not applied: cameras do not make
    animations). Re-encoding also drops whatever was hidden after the image data.
    """
    display = _display_name(name)
    image_format = check_image(fileobj, name)
    out = BytesIO()
    try:
        with _PillowLimits(), Image.open(fileobj) as image:
            image.load()
            if getattr(image, "is_animated", False) and image_format in ("GIF", "WEBP"):
                _clean_animated(image, image_format, out)
            else:
                _clean_still(image, image_format, out)
    except UploadRejected:
        raise
    except Exception:  # a decoding error past the header: the image is broken
        raise _unreadable(display, label(image_format.lower())) from None
    finally:
        fileobj.seek(0)
    return ContentFile(out.getvalue(), name=display)


# --------------------------------------------------------------------------------------------------
# Virus scanning (S-HD 15.6)


class ScannerUnavailable(OSError):
    """The virus scanner could not be reached or did not answer."""


def _clamd_socket() -> socket.socket:
    timeout = float(getattr(settings, "CLAMAV_TIMEOUT", 30))
    path = getattr(settings, "CLAMAV_SOCKET", None)
    if path:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(path)
        except OSError:
            sock.close()
            raise
        return sock
    host = getattr(settings, "CLAMAV_HOST", None) or "127.0.0.1"
    port = int(getattr(settings, "CLAMAV_PORT", None) or 3310)
    return socket.create_connection((host, port), timeout=timeout)


def clamd_instream(fileobj: IO[bytes], chunk_size: int = 64 * 1024) -> str:
    """Send the file to clamd with the INSTREAM command; return its reply (``stream: OK``, ``... FOUND``).

    The protocol: ``zINSTREAM\\0``, then chunks each prefixed by its length (4 bytes, big-endian),
    then a zero length; clamd answers one NUL-terminated line.
    """
    try:
        with _clamd_socket() as sock:
            sock.sendall(b"zINSTREAM\0")
            try:
                for chunk in _chunks(fileobj, chunk_size):
                    sock.sendall(struct.pack("!L", len(chunk)) + chunk)
                sock.sendall(struct.pack("!L", 0))
            except OSError:
                pass  # clamd closes the stream early past its StreamMaxLength; its reply says so
            reply = b""
            while not reply.endswith(b"\0") and len(reply) < 65536:
                data = sock.recv(4096)
                if not data:
                    break
                reply += data
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error
    finally:
        fileobj.seek(0)
    if not reply:
        raise ScannerUnavailable("clamd closed the connection without an answer")
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def _scanner_unavailable(name: str) -> UploadRejected:
    return UploadRejected(
        _(
            "Không quét được mã độc cho tệp «%(name)s» vì dịch vụ quét virus đang không hoạt động; "
            "tệp chưa được lưu, vui lòng thử lại sau."
        )
        % {"name": name},
        code="scanner_unavailable",
    )


def scan_with_clamav(fileobj: IO[bytes], name: str | None = None) -> None:
    """Scan the upload when ``UPLOAD_VIRUS_SCANNER`` is set; refuse it if infected, or if unscannable.

    ``UPLOAD_VIRUS_SCANNER``: None (no scanning), ``"clamd"`` (``CLAMAV_SOCKET``, or ``CLAMAV_HOST``
    and ``CLAMAV_PORT``; ``CLAMAV_TIMEOUT`` seconds), or the dotted path of a callable
    ``scanner(fileobj, name)`` that raises ``UploadRejected``. A configured scanner that cannot answer
    refuses the upload (fail closed).
    """
    scanner = getattr(settings, "UPLOAD_VIRUS_SCANNER", None)
    if not scanner:
        return
    name = _display_name(name or getattr(fileobj, "name", None))
    if scanner != "clamd":
        try:
            hook = import_string(scanner)
        except ImportError:
            log.error("UPLOAD_VIRUS_SCANNER %r cannot be imported", scanner)
            raise _scanner_unavailable(name) from None
        try:
            hook(fileobj, name)
        finally:
            fileobj.seek(0)
        return
    try:
        reply = clamd_instream(fileobj)
    except ScannerUnavailable as error:
        log.error("clamd unavailable: %s", error)
        raise _scanner_unavailable(name) from None
    if reply.endswith(" OK") or reply == "OK":
        return
    if reply.endswith(" FOUND"):
        signature = reply.removesuffix(" FOUND").split(":", 1)[-1].strip()
        raise UploadRejected(
            _("Tệp «%(name)s» bị phát hiện mã độc (%(virus)s); không được phép tải lên.")
            % {"name": name, "virus": signature},
            code="virus_found",
        )
    log.error("clamd could not scan %s: %s", name, reply)
    raise _scanner_unavailable(name)


# --------------------------------------------------------------------------------------------------
# Upload handler: an oversized file is never stored


def upload_hard_limit() -> int:
    """The largest file any form accepts: ``UPLOAD_MAX_FILE_SIZE`` or the largest Wagtail limit."""
    configured = getattr(settings, "UPLOAD_MAX_FILE_SIZE", None)
    if configured:
        return int(configured)
    return max(document_size_limit() or 0, image_size_limit() or 0) or 20 * 1024 * 1024


class OversizedUpload(UploadedFile):
    """Stands for a file that was larger than any limit: its real size, no content.

    Forms refuse it on its size; code that would read it anyway gets an error, never an empty file.
    """

    def __init__(self, name: str, content_type: str | None, size: int, charset: str | None, extra: Any) -> None:
        super().__init__(BytesIO(b""), name, content_type, size, charset, extra)

    def read(self, *args: Any, **kwargs: Any) -> bytes:
        raise OSError(f"{self.name}: the upload was larger than {upload_hard_limit()} bytes and was not kept")

    def chunks(self, chunk_size: int | None = None) -> Any:
        return self.read()

    def multiple_chunks(self, chunk_size: int | None = None) -> bool:
        return True


class UploadSizeLimitHandler(FileUploadHandler):
    """First of ``FILE_UPLOAD_HANDLERS``: past the hard limit, nothing more of a file is kept.

    The handlers after it (memory, temporary file) receive at most ``upload_hard_limit()`` bytes of
    any file; the rest of the request is read and thrown away, and the form receives an
    ``OversizedUpload`` with the real size, which its size check refuses with a clear message.
    (A front proxy's ``client_max_body_size`` should stop such a request even earlier.)
    """

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = upload_hard_limit()
        self.oversized = False
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.oversized = False
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received = start + len(raw_data)
        if self.oversized:
            return None
        if self.received > self.limit:
            self.oversized = True
            log.warning("Upload %r passed %d bytes: no longer kept", self.file_name, self.limit)
            return None
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.oversized:
            return OversizedUpload(
                self.file_name, self.content_type, self.received, self.charset, self.content_type_extra
            )
        return None
