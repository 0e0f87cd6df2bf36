"""Plain rules: tracking codes, phones, file names, attachment checks."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError

from editorial.feedback.attachments import check_attachment
from editorial.feedback.rules import CODE_ALPHABET, clean_filename, new_code, normalise_code, validate_citizen_phone
from security.uploads import UploadRejected
from tests.feedback.factories import PDF_BYTES, png_bytes


def test_codes_are_ten_unambiguous_characters():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) == 10 and set(code) <= set(CODE_ALPHABET)
    assert not set("01IO") & set(CODE_ALPHABET)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("k7m2x-q9pab", "K7M2XQ9PAB"),
        (" K7M2X Q9PAB ", "K7M2XQ9PAB"),
        ("K7M2X.Q9PAB", "K7M2XQ9PAB"),
        ("K7M2XQ9PA0", None),  # 0 is never in a code
        ("K7M2XQ9PA", None),
        ("", None),
        ("<script>", None),
        ("K" * 100, None),
    ],
)
def test_codes_as_typed(typed, expected):
    assert normalise_code(typed) == expected


@pytest.mark.parametrize("phone", ["0905 123 456", "+84 905 123 456", "(0258) 3 822 000", "+7 916 123-45-67"])
def test_phones_accepted(phone):
    validate_citizen_phone(phone)


@pytest.mark.parametrize("phone", ["123", "abc", "0905<script>", "1" * 20, "+84 905 123 456 789 000"])
def test_phones_refused(phone):
    with pytest.raises(ValidationError):
        validate_citizen_phone(phone)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Giấy hẹn.PDF", "Giấy hẹn.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\an\\ảnh chụp.jpeg", "ảnh chụp.jpg"),
        ('a"b<c>.png', "a_b_c.png"),
        (".pdf", "tep-dinh-kem.pdf"),
        ("x" * 400 + ".pdf", "x" * 146 + ".pdf"),
    ],
)
def test_file_names(name, expected):
    extension = "jpg" if name.endswith("jpeg") else name.rsplit(".", 1)[-1].lower()
    assert clean_filename(name, extension) == expected


def _upload(name: str, content: bytes):
    handle = io.BytesIO(content)
    handle.name = name
    handle.size = len(content)
    return handle


def test_check_attachment_accepts_pdf_and_images():
    pdf = check_attachment(_upload("don.pdf", PDF_BYTES))
    assert pdf.content == PDF_BYTES and pdf.content_type == "application/pdf" and len(pdf.sha256) == 64
    image = check_attachment(_upload("anh.png", png_bytes()))
    assert image.content.startswith(b"\x89PNG") and image.content_type == "image/png"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.pdf", b"MZ" + b"\x00" * 500),
        ("anh.png", b"day la van ban" * 10),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("trang.html", b"<html></html>"),
        ("anh.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("rong.pdf", b""),
    ],
)
def test_check_attachment_refuses(name, content):
    with pytest.raises(UploadRejected):
        check_attachment(_upload(name, content))


def test_check_attachment_refuses_before_reading_a_huge_file(settings):
    settings.FEEDBACK_ATTACHMENT_MAX_MB = 1

    class Huge(io.BytesIO):
        size = 50 * 1024 * 1024
        name = "lon.pdf"

        def read(self, *args):
            raise AssertionError("read a file that is too large")

    with pytest.raises(UploadRejected, match="quá lớn"):
        check_attachment(Huge())


@pytest.mark.django_db
def test_identifiers_are_never_read_as_vietnamese_text(world):
    """The TCVN text layer reads a leading "dd" as VIQR "đ": codes, tokens and checksums must not change."""
    from editorial.feedback import services
    from editorial.feedback.attachments import CheckedFile
    from editorial.feedback.enums import Topic
    from editorial.feedback.models import FeedbackAttachment

    content = next(
        data
        for data in (f"%PDF-1.4 {n}".encode() for n in range(100_000))
        if hashlib.sha256(data).hexdigest().startswith("dd")
    )
    item = services.submit(
        services.Submission(
            site_unit=world.syt,
            title="Hỏi",
            question="Nội dung",
            name="An",
            topic=Topic.HEALTH,
            nonce="Ddo-3ZTj-34WhmPJ6hCX2w",
            attachment=CheckedFile("a.pdf", "application/pdf", content),
        ),
        notify=False,
    )
    item.refresh_from_db()
    assert item.submission_token == "Ddo-3ZTj-34WhmPJ6hCX2w"
    attachment = FeedbackAttachment.objects.get()
    assert attachment.sha256.startswith("dd") and attachment.intact
