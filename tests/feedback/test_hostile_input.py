"""Hostile input in every field: scripts, 1 MB text, legacy encodings, broken bytes, fake attachments."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from editorial.feedback import services
from editorial.feedback.models import Feedback, FeedbackAttachment
from editorial.tcvn6909 import encode
from tests.feedback.factories import PDF_BYTES, form_data, jpeg_with_gps, png_bytes

pytestmark = pytest.mark.django_db

SYT = {"HTTP_HOST": "syt.localhost"}
SCRIPT = '<script>alert("xss")</script>'
IMG = "<img src=x onerror=alert(1)>"


def post(client, files: dict | None = None, **overrides):
    data = form_data(**overrides)
    data.update(files or {})
    return client.post("/vi/gop-y/", data, **SYT)


def stored() -> Feedback:
    return Feedback.objects.get()


def assert_no_live_markup(html: str) -> None:
    assert SCRIPT not in html and IMG not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")


def test_scripts_in_every_field_are_kept_as_text_and_escaped_everywhere(client, world):
    response = post(client, name=f"Bình {SCRIPT}", title=f"Hỏi {IMG}", question=f"Nội dung {SCRIPT} {IMG}")
    assert response.status_code == 200
    item = stored()
    assert SCRIPT in item.personal_name and IMG in item.title and SCRIPT in item.question
    assert_no_live_markup(response.content.decode())
    # Invalid contact fields with markup are refused and shown back escaped.
    refused = post(client, email='"><script>@x.com', phone=SCRIPT, form_token=form_data()["form_token"])
    html = refused.content.decode()
    assert refused.status_code == 400 and "Số điện thoại không hợp lệ" in html and "thư điện tử không hợp lệ" in html
    assert_no_live_markup(html)
    # The admin shows it as text.
    client.force_login(world.manager)
    html = client.get(f"/admin/editorial/feedback/{item.pk}/").content.decode()
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html
    assert_no_live_markup(html)
    assert_no_live_markup(client.get("/admin/editorial/feedback/").content.decode())
    # Published with markup in the answer too: the public pages escape it.
    services.assign(item, world.syt, world.manager)
    services.approve(
        item,
        world.syt_head,
        answer=f"Trả lời {SCRIPT}",
        publish=True,
        published_title=f"Tiêu đề {IMG}",
        published_question=f"Hỏi {SCRIPT}",
    )
    client.logout()
    for url in ("/vi/hoi-dap/", f"/vi/hoi-dap/{item.code}/", f"/vi/gop-y/tra-cuu/?ma={item.code}"):
        page = client.get(url, **SYT)
        assert page.status_code == 200
        assert_no_live_markup(page.content.decode())
    assert "&lt;script&gt;" in client.get(f"/vi/hoi-dap/{item.code}/", **SYT).content.decode()
    # E-mails are plain text: nothing to interpret.
    assert all(message.content_subtype == "plain" for message in mail.outbox)


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("question", "Nội dung quá dài: tối đa 10000 ký tự"),
        ("title", "Tiêu đề quá dài: tối đa 200 ký tự"),
        ("name", "Họ và tên quá dài: tối đa 100 ký tự"),
    ],
)
def test_one_megabyte_of_text_is_refused_clearly_and_kept(client, world, field, message):
    huge = "Khánh Hòa " * 100_000  # about 1 MB
    response = post(client, **{field: huge})
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert huge.strip()[:5000] in html  # what was typed comes back
    assert Feedback.objects.count() == 0


def test_a_request_larger_than_the_server_accepts_is_a_400_not_a_500(client, world):
    response = post(client, question="ữ" * 1_200_000)  # 3.6 MB of UTF-8, over DATA_UPLOAD_MAX_MEMORY_SIZE
    assert response.status_code == 400
    assert Feedback.objects.count() == 0


def test_legacy_encodings_are_normalised_to_tcvn_6909(client, world):
    name = "Nguyễn Thị Hồng Nhung"
    title = "Thủ tục cấp giấy chứng nhận quyền sử dụng đất"
    question = "Tôi muốn hỏi về hồ sơ cấp đổi giấy chứng nhận quyền sử dụng đất ở Nha Trang."
    response = post(client, name=encode(name, "tcvn3"), title=encode(title, "vni"), question=encode(question, "tcvn3"))
    assert response.status_code == 200
    item = stored()
    assert (item.personal_name, item.title, item.question) == (name, title, question)


def test_decomposed_unicode_and_invisible_characters_are_cleaned(client, world):
    import unicodedata

    title = "Hỏi về học phí năm học mới"
    post(client, title=unicodedata.normalize("NFD", title) + "\u200b", name="  Lê   Văn\tAn  ")
    item = stored()
    assert item.title == title and item.personal_name == "Lê Văn An"


def test_broken_utf8_bytes_never_cause_a_server_error(client, world):
    body = (
        b"kind=question&name=%FF%FE%C3%28&email=a%40example.com&topic=health&title=%E0%A4&"
        b"question=" + b"%C0%AF" * 50 + b"&agree=on&form_token=x"
    )
    response = client.post("/vi/gop-y/", body, content_type="application/x-www-form-urlencoded", **SYT)
    assert response.status_code == 400
    raw = client.post(
        "/vi/gop-y/", b"name=\xff\xfe\xfa&title=\xc3", content_type="application/x-www-form-urlencoded", **SYT
    )
    assert raw.status_code == 400
    assert Feedback.objects.count() == 0


def test_nul_characters_are_refused_with_a_message(client, world):
    response = post(client, title="Hỏi\x00đáp")
    assert response.status_code == 400 and Feedback.objects.count() == 0


def test_header_injection_through_the_email_is_refused(client, world):
    response = post(client, email="a@example.com\nBcc: victim@example.com")
    assert response.status_code == 400 and Feedback.objects.count() == 0 and not mail.outbox


def _refused_upload(client, name: str, content: bytes, message: str) -> None:
    response = post(client, files={"attachment": SimpleUploadedFile(name, content)})
    html = response.content.decode()
    assert response.status_code == 400, html[:300]
    assert message in html, re.findall(r'<ul class="errorlist"[^>]*>.*?</ul>', html, re.S)
    assert "tệp đính kèm cần được chọn lại" in html
    assert 'value="Nguyễn Văn Bình"' in html
    assert Feedback.objects.count() == 0 and FeedbackAttachment.objects.count() == 0


def test_a_program_renamed_pdf_is_refused(client, world):
    _refused_upload(client, "giay-to.pdf", b"MZ\x90\x00" + b"\x00" * 2000, "tệp chương trình")


def test_a_text_file_named_png_is_refused(client, world):
    _refused_upload(client, "anh-chup.png", "Đây là văn bản, không phải ảnh.\n".encode() * 20, "không khớp")


def test_an_html_page_named_jpg_is_refused(client, world):
    _refused_upload(client, "anh.jpg", b"<html><script>alert(1)</script></html>", "script")


def test_a_pdf_with_javascript_is_refused(client, world):
    evil = PDF_BYTES.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>")
    _refused_upload(client, "don.pdf", evil, "JavaScript")


def test_an_office_document_is_not_accepted(client, world):
    _refused_upload(client, "don.docx", b"PK\x03\x04" + b"\x00" * 100, "Chỉ nhận tệp PDF hoặc ảnh")


def test_a_file_over_the_limit_is_refused(client, world, settings):
    settings.FEEDBACK_ATTACHMENT_MAX_MB = 5
    _refused_upload(client, "ho-so.pdf", PDF_BYTES + b"0" * (6 * 1024 * 1024), "quá lớn")


def test_a_file_over_every_upload_limit_is_never_kept(client, world):
    _refused_upload(client, "ho-so.pdf", PDF_BYTES + b"0" * (21 * 1024 * 1024), "quá lớn")


def test_an_empty_file_is_refused(client, world):
    response = post(client, files={"attachment": SimpleUploadedFile("rong.pdf", b"")})
    assert response.status_code == 400 and Feedback.objects.count() == 0


def test_a_real_photo_is_kept_without_its_gps_data(client, world):
    response = post(client, files={"attachment": SimpleUploadedFile("IMG_2041.JPEG", jpeg_with_gps())})
    assert response.status_code == 200
    attachment = FeedbackAttachment.objects.get()
    assert attachment.filename == "IMG_2041.jpg" and attachment.content_type == "image/jpeg"
    with Image.open(io.BytesIO(bytes(attachment.personal_content))) as image:
        assert not image.getexif()
    assert attachment.intact


def test_a_strange_file_name_is_made_safe(client, world):
    name = '../../etc/pass"wd<script>.png'
    assert post(client, files={"attachment": SimpleUploadedFile(name, png_bytes())}).status_code == 200
    attachment = FeedbackAttachment.objects.get()
    assert "/" not in attachment.filename and '"' not in attachment.filename and "<" not in attachment.filename
    assert attachment.filename.endswith(".png")
    client.force_login(world.manager)
    item = attachment.feedback
    response = client.get(f"/admin/editorial/feedback/{item.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200 and "\n" not in response["Content-Disposition"]


@pytest.mark.parametrize(
    "query",
    [
        "?topic=<script>&unit=abc&page=-1",
        "?topic=land&unit=999999&page=99999",
        "?unit=1%27%20OR%201%3D1&page=abc",
        "?topic=" + "x" * 5000,
    ],
)
def test_hostile_querystrings_on_the_qa_list(client, world, query):
    response = client.get("/vi/hoi-dap/" + query, **SYT)
    assert response.status_code == 200
    assert "<script>&" not in response.content.decode()


@pytest.mark.parametrize("code", ["<script>alert(1)</script>", "x" * 5000, "' OR 1=1 --", "\x00", "ABCDEFGHJ0"])
def test_hostile_lookups_answer_with_a_message(client, world, code):
    response = client.get("/vi/gop-y/tra-cuu/", {"ma": code}, **SYT)
    html = response.content.decode()
    assert response.status_code == 200 and "<script>alert(1)" not in html
    assert 'class="errorlist"' in html


def test_q_and_a_urls_accept_only_codes(client, world):
    assert client.get("/vi/hoi-dap/abcdefghjk/", **SYT).status_code == 404
    assert client.get("/vi/hoi-dap/ABCDEFGHJK/", **SYT).status_code == 404
    assert client.get("/vi/hoi-dap/..%2F..%2Fetc/", **SYT).status_code == 404


def test_hostile_filters_on_the_admin_list(client, world):
    client.force_login(world.manager)
    for query in (
        "?status=evil&unit=zz&date_from=notadate&date_to=2026-13-45&p=9999",
        "?q=" + "%27" * 300 + "&overdue=maybe",
        "?q=<script>alert(1)</script>",
    ):
        response = client.get("/admin/editorial/feedback/" + query)
        assert response.status_code == 200
        assert "<script>alert(1)" not in response.content.decode()


def test_every_admin_text_field_refuses_huge_input_and_keeps_it(client, world):
    post(client)
    item = stored()
    client.force_login(world.manager)
    huge = "Trung tâm " * 30_000
    response = client.post(f"/admin/editorial/feedback/{item.pk}/assign/", {"unit": world.syt.pk, "note": huge})
    assert response.status_code == 400 and huge[:1000] in response.content.decode()
    response = client.post(f"/admin/editorial/feedback/{item.pk}/close/", {"reason": "other", "note": huge})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.status == "received"


# --- Contact details, select fields, legacy encodings, broken bytes, polyglots ---------------------


def test_a_form_without_email_or_phone_is_refused_and_kept(client, world):
    response = post(client, email="", phone="")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Hãy nhập thư điện tử hoặc số điện thoại để cơ quan trả lời bạn." in html
    data = form_data()
    for typed in (data["name"], data["title"], data["question"]):
        assert typed in html
    assert Feedback.objects.count() == 0 and not mail.outbox


HOSTILE_VALUES = {
    "10k": "x" * 10_000,
    "10k-digits": "9" * 10_000,
    "4k-digits": "9" * 4_000,
    "huge-int": "99999999999999999999999",
    "negative": "-1",
    "script": SCRIPT,
    "nul": "1\x00",
    "only-nul": "\x00" * 50,
}


@pytest.mark.parametrize("field", ["topic", "unit", "kind", "email", "phone"])
@pytest.mark.parametrize("value", list(HOSTILE_VALUES.values()), ids=list(HOSTILE_VALUES))
def test_hostile_values_in_select_and_contact_fields_are_refused_with_a_message(client, world, field, value):
    response = post(client, **{field: value})
    html = response.content.decode()
    assert response.status_code == 400, html[:300]
    assert f'id="id_{field}_error"' in html or f"id_{field}_error" in html, field
    assert_no_live_markup(html)
    assert value[:200] not in html.split('class="errorlist"', 1)[-1].split("</ul>", 1)[0]  # not echoed in errors
    assert 'value="Nguyễn Văn Bình"' in html  # the rest is kept
    assert Feedback.objects.count() == 0 and not mail.outbox


def _legacy(text: str, encoding: str) -> str:
    """``text`` as it reaches the form from a document in ``encoding``."""
    if encoding == "cp1258-decoded":
        # Read with the right code page: Windows-1258 keeps the tone marks as combining characters.
        return encode(text, "cp1258").encode("latin-1").decode("cp1258")
    return encode(text, encoding)  # the bytes shown with a Western code page, as pasted from a legacy font


@pytest.mark.parametrize("encoding", ["viscii", "viqr", "cp1258", "cp1258-decoded"])
def test_viscii_viqr_and_cp1258_are_normalised_to_tcvn_6909(client, world, encoding):
    import unicodedata

    name = "Nguyễn Thị Hồng Nhung"
    title = "Thủ tục cấp giấy chứng nhận quyền sử dụng đất"
    question = "Tôi muốn hỏi về hồ sơ cấp đổi giấy chứng nhận quyền sử dụng đất ở Nha Trang."
    typed = {"name": name, "title": title, "question": question}
    encoded = {key: _legacy(value, encoding) for key, value in typed.items()}
    if encoding == "cp1258-decoded":
        assert any(unicodedata.combining(ch) for ch in encoded["title"])
    assert encoded["title"] != title
    response = post(client, **encoded)
    assert response.status_code == 200, response.content.decode()[:500]
    item = stored()
    assert (item.personal_name, item.title, item.question) == (name, title, question)
    assert all(unicodedata.is_normalized("NFC", text) for text in (item.personal_name, item.title, item.question))


def _urlencoded(data: dict, raw: dict[str, bytes]) -> bytes:
    from urllib.parse import quote_plus

    parts = [f"{quote_plus(key)}={quote_plus(str(value))}".encode() for key, value in data.items() if key not in raw]
    parts += [quote_plus(key).encode() + b"=" + value for key, value in raw.items()]
    return b"&".join(parts)


@pytest.mark.parametrize(
    "raw",
    [
        {"question": b"Xin h%E1%BB%8Fi %C3%28 %FF%FE ng%C3y n%E0o"},  # percent-encoded broken UTF-8
        {"title": b"H\xe1\xbb\x8fi \xc3\x28 \xff"},  # raw broken bytes
        {"name": b"Nguy%E1%BB n B%C3nh"},  # truncated sequences
    ],
    ids=["percent-encoded", "raw-bytes", "truncated"],
)
def test_broken_utf8_in_an_otherwise_valid_form_is_refused_clearly(client, world, raw):
    body = _urlencoded(form_data(), raw)
    response = client.post("/vi/gop-y/", body, content_type="application/x-www-form-urlencoded", **SYT)
    html = response.content.decode()
    assert response.status_code == 400, html[:300]
    assert "không đọc được" in html
    assert 'value="binh.nguyen@example.com"' in html  # the rest is kept, correctly decoded
    if "title" not in raw:
        assert 'value="Hỏi về lịch tiêm chủng mở rộng"' in html
    assert Feedback.objects.count() == 0


def test_broken_utf8_in_a_multipart_form_is_refused_clearly(client, world):
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    data = form_data(question="@@BROKEN@@")
    body = encode_multipart(BOUNDARY, data).replace(b"@@BROKEN@@", b"Xin h\xe1\xbb\x8fi \xc3\x28 ng\xff")
    response = client.generic("POST", "/vi/gop-y/", body, content_type=MULTIPART_CONTENT, **SYT)
    html = response.content.decode()
    assert response.status_code == 400 and "không đọc được" in html
    assert 'value="Nguyễn Văn Bình"' in html and "Xin hỏi" in html
    assert Feedback.objects.count() == 0


def _png_with(suffix: bytes) -> bytes:
    return png_bytes() + suffix


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("anh.png", _png_with(b"<html><body><script>alert(document.cookie)</script></body></html>")),
        ("anh.png", _png_with(b"<HTML><SCRIPT>alert(1)</SCRIPT>")),
        ("anh.png", _png_with(b'<?php system($_GET["c"]); ?>')),
    ],
    ids=["png-html-script", "png-upper-case", "png-php"],
)
def test_an_image_with_hidden_html_or_script_is_refused(client, world, name, content):
    _refused_upload(client, name, content, "tệp đa định dạng")


def _zip_bytes() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload/index.html", "<h1>hidden</h1>")
    return buffer.getvalue()


def test_a_pdf_with_an_embedded_zip_is_refused(client, world):
    _refused_upload(client, "don.pdf", PDF_BYTES + _zip_bytes(), "tệp đa định dạng")


def test_a_gif_with_an_appended_zip_is_refused(client, world):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 0, 255)).save(buffer, format="GIF")
    _refused_upload(client, "anh.gif", buffer.getvalue() + _zip_bytes(), "tệp đa định dạng")


def test_an_image_with_other_trailing_bytes_is_stored_without_them(client, world):
    """Trailing data that is neither markup nor an archive is dropped: the image is re-encoded."""
    content = _png_with(b"\x00TRAILING-DATA-" * 20)
    assert post(client, files={"attachment": SimpleUploadedFile("anh.png", content)}).status_code == 200
    stored_bytes = bytes(FeedbackAttachment.objects.get().personal_content)
    assert b"TRAILING-DATA" not in stored_bytes
    with Image.open(io.BytesIO(stored_bytes)) as image:
        assert image.format == "PNG" and image.size == (40, 30)
