"""A citizen's attachment: a PDF or an image, checked on its content, images re-encoded without EXIF/GPS.

The size is checked before anything is read (an oversized upload never even reaches memory: see
``security.uploads.UploadSizeLimitHandler``); then what the bytes really are (a program renamed
``.pdf``, a text file named ``.png`` are refused), scripts in PDFs, polyglots, and the virus
scanner when one is configured. The stored bytes never go under /media/.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from security.uploads import UploadRejected, check_document, sanitise_image, scan_with_clamav

from .rules import clean_filename

PDF_EXTENSIONS = ("pdf",)
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp")
ALLOWED_EXTENSIONS = PDF_EXTENSIONS + IMAGE_EXTENSIONS
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
}


def max_bytes() -> int:
    return max(1, int(getattr(settings, "FEEDBACK_ATTACHMENT_MAX_MB", 5))) * 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _size(upload: Any) -> int:
    size = getattr(upload, "size", None)
    if isinstance(size, int):
        return size
    position = upload.tell()
    upload.seek(0, os.SEEK_END)
    size = upload.tell()
    upload.seek(position)
    return size


def check_attachment(upload: Any) -> CheckedFile:
    """The checked file ready to store, or ``UploadRejected`` with a Vietnamese message."""
    display = os.path.basename(getattr(upload, "name", "") or "") or _("(không tên)")
    size = _size(upload)
    if size > max_bytes():
        raise UploadRejected(
            _("Tệp «%(name)s» quá lớn (%(size)s); dung lượng tối đa là %(max)s.")
            % {"name": display, "size": filesizeformat(size), "max": filesizeformat(max_bytes())},
            code="file_too_large",
        )
    if size == 0:
        raise UploadRejected(_("Tệp «%(name)s» rỗng.") % {"name": display}, code="empty")
    extension = os.path.splitext(display)[1].lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise UploadRejected(
            _("Chỉ nhận tệp PDF hoặc ảnh (%(allowed)s); tệp «%(name)s» không thuộc các loại này.")
            % {"allowed": ", ".join(f".{e}" for e in ALLOWED_EXTENSIONS), "name": display},
            code="extension_not_allowed",
        )
    if extension in IMAGE_EXTENSIONS:
        cleaned = sanitise_image(upload, display)  # checks the content, then re-encodes
        content = cleaned.read()
    else:
        check_document(upload, display)
        upload.seek(0)
        content = upload.read()
    upload.seek(0)
    scan_with_clamav(upload, display)
    canonical = "jpg" if extension == "jpeg" else extension
    return CheckedFile(clean_filename(display, canonical), CONTENT_TYPES[canonical], content)
