"""Test data for citizens' questions: units with boards, a valid form, real files built in memory."""

from __future__ import annotations

import io
import time
from typing import Any

from PIL import Image

from editorial.feedback import spam
from editorial.feedback.enums import Topic

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n160\n%%EOF\n"
)


def token(seconds_ago: float = 60) -> str:
    """A form token issued ``seconds_ago``: old enough to pass the minimum fill time."""
    return spam.issue_token(time.time() - seconds_ago)


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "question",
        "name": "Nguyễn Văn Bình",
        "email": "binh.nguyen@example.com",
        "phone": "0905 123 456",
        "topic": Topic.HEALTH,
        "unit": "",
        "title": "Hỏi về lịch tiêm chủng mở rộng",
        "question": "Xin hỏi trạm y tế phường Lộc Thọ tiêm vắc xin sởi cho trẻ 9 tháng vào ngày nào?",
        "consent_publish": "on",
        "agree": "on",
        "form_token": token(),
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def png_bytes(size: tuple[int, int] = (40, 30), exif: bool = False) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    extra = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "CameraMaker"  # Make
        extra["exif"] = data.tobytes()
    image.save(buffer, format="PNG", **extra)
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (32, 32), (10, 100, 10))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (12.0, 15.0, 0.0)}  # GPS latitude of Nha Trang
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()
