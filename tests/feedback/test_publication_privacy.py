"""No personal data of the citizen on the public Q&A: the approval refuses a published title, question
or answer that still holds the citizen's name, e-mail or phone number, and keeps what was typed."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from editorial.feedback import services
from editorial.feedback.enums import Status
from editorial.feedback.models import Feedback
from editorial.feedback.rules import normalise_phone, personal_data_in, personal_data_message
from tests.feedback.factories import form_data

SYT = {"HTTP_HOST": "syt.localhost"}
CODE_RE = re.compile(r'data-code="([2-9A-HJ-NP-Z]{10})"')
CITIZEN = {"name": "Nguyễn Văn Bình", "email": "binh.nguyen@example.com", "phone": "0905 123 456"}


# --- The rule, without HTTP ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Tôi là Nguyễn Văn Bình, ở phường Lộc Thọ.", ["name"]),
        ("tôi là NGUYỄN  VĂN   BÌNH", ["name"]),
        ("Toi la Nguyen Van Binh", ["name"]),
        ("Liên hệ Binh.Nguyen@Example.com nhé", ["email"]),
        ("Gọi 0905123456", ["phone"]),
        ("Gọi +84 905 123 456", ["phone"]),
        ("Gọi (+84) 905.123.456", ["phone"]),
        ("Gọi 84-905-123-456", ["phone"]),
        ("Gọi 0084 905 123 456", ["phone"]),
        ("Gọi 090 5123 456 hoặc viết binh.nguyen@example.com – Nguyễn Văn Bình", ["name", "email", "phone"]),
    ],
)
def test_the_citizens_data_is_found_whatever_the_spelling(text, kinds):
    assert personal_data_in({"published_question": text}, **CITIZEN) == {"published_question": kinds}


@pytest.mark.parametrize(
    "text",
    [
        "Trạm y tế tiêm vắc xin sởi vào ngày 25 hằng tháng.",
        "Hồ sơ số 10905123456 đã được tiếp nhận.",  # a longer number that merely contains the digits
        "Tổng đài 0905 123 457 hỗ trợ.",
        "Ông Nguyễn Văn Bìnhh",  # not a word boundary
        "Tình hình bình thường.",
    ],
)
def test_ordinary_text_is_not_taken_for_personal_data(text):
    assert personal_data_in({"answer": text}, **CITIZEN) == {}


def test_a_one_word_name_is_not_searched_for():
    assert personal_data_in({"answer": "Tình hình bình thường."}, name="Bình", email="", phone="") == {}


def test_a_foreign_number_is_compared_on_its_digits():
    found = personal_data_in({"answer": "Call +1 (202) 555-0147"}, name="", email="", phone="+1 202 555 0147")
    assert found == {"answer": ["phone"]}


def test_the_message_names_each_field_and_kind():
    message = personal_data_message({"published_title": ["name"], "answer": ["email", "phone"]})
    assert "Tiêu đề công khai còn chứa họ tên của người gửi" in message
    assert "Câu trả lời còn chứa địa chỉ thư điện tử, số điện thoại của người gửi" in message


@pytest.mark.parametrize(
    ("typed", "national"),
    [
        ("0905 123 456", "0905123456"),
        ("+84 905 123 456", "0905123456"),
        ("84905123456", "0905123456"),
        ("0084 905 123 456", "0905123456"),
        ("+84 258 382 2222", "02583822222"),
        ("+1 202 555 0147", "12025550147"),
        ("", ""),
    ],
)
def test_phone_numbers_in_their_national_form(typed, national):
    assert normalise_phone(typed) == national


# --- Through the admin ---------------------------------------------------------------------------


def _pending(client, world) -> Feedback:
    question = "Tôi là Nguyễn Văn Bình (0905 123 456). Xin hỏi lịch tiêm vắc xin sởi ở phường Lộc Thọ?"
    response = client.post("/vi/gop-y/", form_data(title="Nguyễn Văn Bình hỏi lịch tiêm sởi", question=question), **SYT)
    item = Feedback.objects.get(code=CODE_RE.search(response.content.decode()).group(1))
    client.force_login(world.manager)
    client.post(f"/admin/editorial/feedback/{item.pk}/assign/", {"unit": world.syt.pk})
    return item


@pytest.mark.django_db
def test_the_approval_form_refuses_personal_data_and_keeps_the_text(client, world):
    item = _pending(client, world)
    client.force_login(world.syt_head)
    # The form comes pre-filled with the raw title and question, «publish» ticked (the citizen consented).
    page = client.get(f"/admin/editorial/feedback/{item.pk}/").content.decode()
    assert "Nguyễn Văn Bình hỏi lịch tiêm sởi" in page
    answer = "Chào anh Nguyễn Văn Bình, trạm y tế tiêm sởi ngày 25 hằng tháng; hỏi thêm: binh.nguyen@example.com."
    data = {
        "answer": answer,
        "publish": "on",
        "published_title": "Nguyễn Văn Bình hỏi lịch tiêm sởi",
        "published_question": "Số của tôi là +84 905 123 456. Lịch tiêm sởi ở phường?",
    }
    response = client.post(f"/admin/editorial/feedback/{item.pk}/approve/", data)
    html = html_lib.unescape(response.content.decode())
    assert response.status_code == 409
    assert "Tiêu đề công khai còn chứa họ tên của người gửi" in html
    assert "Nội dung câu hỏi công khai còn chứa số điện thoại của người gửi" in html
    assert "Câu trả lời còn chứa họ tên, địa chỉ thư điện tử của người gửi" in html
    for typed in data.values():
        if typed != "on":
            assert typed in html  # the approver's text is kept
    item.refresh_from_db()
    assert item.status == Status.ASSIGNED
    assert not item.is_published and item.answer == ""
    # Cleaned, it goes through and the public page shows none of it.
    cleaned = {
        "answer": "Trạm y tế tiêm sởi ngày 25 hằng tháng.",
        "publish": "on",
        "published_title": "Lịch tiêm sởi",
        "published_question": "Lịch tiêm sởi ở phường?",
    }
    assert client.post(f"/admin/editorial/feedback/{item.pk}/approve/", cleaned).status_code == 302
    client.logout()
    public = client.get(f"/vi/hoi-dap/{item.code}/", **SYT).content.decode()
    for personal in ("Nguyễn Văn Bình", "0905", "binh.nguyen"):
        assert personal not in public


@pytest.mark.django_db
def test_a_private_answer_may_address_the_citizen_by_name(client, world):
    item = _pending(client, world)
    client.force_login(world.syt_head)
    response = client.post(
        f"/admin/editorial/feedback/{item.pk}/approve/",
        {"answer": "Chào anh Nguyễn Văn Bình, trạm y tế tiêm sởi ngày 25.", "published_title": "x"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.ANSWERED and not item.is_published


@pytest.mark.django_db
def test_publishing_later_is_checked_too(client, world):
    item = _pending(client, world)
    client.force_login(world.syt_head)
    client.post(f"/admin/editorial/feedback/{item.pk}/approve/", {"answer": "Tiêm sởi ngày 25."})
    response = client.post(
        f"/admin/editorial/feedback/{item.pk}/publication/",
        {"publish": "on", "published_title": "Lịch tiêm sởi", "published_question": "Gọi tôi: 0905.123.456"},
    )
    html = html_lib.unescape(response.content.decode())
    assert response.status_code == 409 and "Nội dung câu hỏi công khai còn chứa số điện thoại" in html
    assert "Gọi tôi: 0905.123.456" in html
    item.refresh_from_db()
    assert not item.is_published
    # An answer already sent with the citizen's name can never be published: the message says why.
    private = _pending(client, world)
    client.force_login(world.syt_head)
    named = {"answer": "Kính gửi ông Nguyễn Văn Bình: ngày 25."}
    client.post(f"/admin/editorial/feedback/{private.pk}/approve/", named)
    response = client.post(
        f"/admin/editorial/feedback/{private.pk}/publication/",
        {"publish": "on", "published_title": "Lịch tiêm sởi", "published_question": "Khi nào tiêm?"},
    )
    html = html_lib.unescape(response.content.decode())
    assert response.status_code == 409 and "Câu trả lời còn chứa họ tên" in html and "trả lời riêng" in html


@pytest.mark.django_db
def test_the_service_refuses_too(world):
    item = services.submit(
        services.Submission(
            site_unit=world.syt,
            title="Hỏi",
            question="Nội dung",
            name="Trần Thị Lan",
            email="lan@example.com",
            phone="+84 912 345 678",
            topic="health",
            consent_publish=True,
        ),
        notify=False,
    )
    services.assign(item, world.syt, world.manager, notify=False)
    with pytest.raises(services.FeedbackError, match="số điện thoại"):
        services.approve(
            item,
            world.syt_head,
            answer="Xin gọi lại số 0912345678.",
            publish=True,
            published_title="Hỏi",
            published_question="Nội dung",
            notify=False,
        )
