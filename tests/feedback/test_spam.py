"""Spam defences without third parties: honeypot, minimum fill time, per-address and per-e-mail limits."""

from __future__ import annotations

import time

import pytest
from django.core import mail, signing

from editorial.feedback import spam
from editorial.feedback.models import Feedback
from tests.feedback.factories import form_data, token

pytestmark = pytest.mark.django_db

SYT = {"HTTP_HOST": "syt.localhost"}


def post(client, ip: str = "203.113.1.10", **overrides):
    return client.post("/vi/gop-y/", form_data(**overrides), REMOTE_ADDR=ip, **SYT)


def assert_refused_and_kept(response, status: int, message: str, email: str = "binh.nguyen@example.com") -> None:
    html = response.content.decode()
    assert response.status_code == status, html[:500]
    assert message in html
    # Nothing the citizen typed is lost.
    assert 'value="Nguyễn Văn Bình"' in html and "tiêm vắc xin sởi cho trẻ 9 tháng" in html
    assert f'value="{email}"' in html


def test_a_filled_honeypot_is_refused(client, world):
    response = post(client, website="http://spam.example")
    assert_refused_and_kept(response, 400, "Để trống ô này")
    assert Feedback.objects.count() == 0 and not mail.outbox


def test_a_form_sent_too_fast_is_refused_and_can_be_sent_again(client, world):
    response = post(client, form_token=spam.issue_token())
    assert_refused_and_kept(response, 400, "quá nhanh")
    assert Feedback.objects.count() == 0
    # The page carries a new token; sent after the minimum time, it goes through.
    assert 'name="form_token" value="' in response.content.decode()
    assert post(client, form_token=token(10)).status_code == 200
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize(
    "value",
    ["", "not-a-token", signing.dumps({"n": "x", "t": 0}, salt="another.salt"), token(60)[:-3] + "abc"],
    # Fixed ids: signed values carry a timestamp, and xdist workers must collect the same tests.
    ids=["empty", "garbage", "other-salt", "bad-signature"],
)
def test_a_missing_or_forged_token_is_refused(client, world, value):
    assert_refused_and_kept(post(client, form_token=value), 400, "không hợp lệ")
    assert Feedback.objects.count() == 0


def test_a_stale_form_is_refused_with_a_clear_message(client, world):
    assert_refused_and_kept(post(client, form_token=token(3 * 24 * 3600)), 400, "hết hạn")


def test_a_token_from_the_future_is_refused(client, world):
    assert post(client, form_token=spam.issue_token(time.time() + 3600)).status_code == 400


def test_limit_per_client_address(client, world, settings):
    settings.FEEDBACK_LIMIT_PER_IP = 2
    for number in range(2):
        assert post(client, email=f"nguoi{number}@example.com").status_code == 200
    response = post(client, email="nguoi9@example.com")
    assert_refused_and_kept(response, 429, "địa chỉ mạng của bạn", email="nguoi9@example.com")
    assert Feedback.objects.count() == 2
    # Another address is not affected, and a forged X-Forwarded-For does not help (no trusted proxy).
    assert post(client, ip="203.113.1.11", email="khac@example.com").status_code == 200
    forged = client.post(
        "/vi/gop-y/",
        form_data(email="gia@example.com"),
        REMOTE_ADDR="203.113.1.10",
        HTTP_X_FORWARDED_FOR="8.8.8.8",
        **SYT,
    )
    assert forged.status_code == 429


def test_limit_per_email_whatever_the_address_and_the_case(client, world, settings):
    settings.FEEDBACK_LIMIT_PER_EMAIL = 2
    assert post(client, ip="10.0.0.1", email="Binh.Nguyen@example.com").status_code == 200
    assert post(client, ip="10.0.0.2", email="binh.nguyen@example.com").status_code == 200
    response = post(client, ip="10.0.0.3", email="BINH.NGUYEN@EXAMPLE.COM")
    assert response.status_code == 429 and "thư điện tử hoặc số điện thoại" in response.content.decode()
    assert Feedback.objects.count() == 2


def test_limit_per_phone_written_differently(client, world, settings):
    settings.FEEDBACK_LIMIT_PER_EMAIL = 2
    assert post(client, ip="10.0.0.1", email="", phone="0905 123 456").status_code == 200
    assert post(client, ip="10.0.0.2", email="", phone="0905.123.456").status_code == 200
    assert post(client, ip="10.0.0.3", email="", phone="0905123456").status_code == 429


def test_the_window_slides(client, world, settings):
    import datetime

    settings.FEEDBACK_LIMIT_PER_IP = 1
    assert post(client).status_code == 200
    Feedback.objects.update(received_at=Feedback.objects.get().received_at - datetime.timedelta(hours=25))
    assert post(client).status_code == 200


def test_token_checks_as_plain_functions(settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 5
    now = time.time()
    assert spam.check_token(spam.issue_token(now - 6), now).problem is None
    assert spam.check_token(spam.issue_token(now - 2), now).problem
    assert spam.check_token("", now).nonce is None


def test_limit_per_phone_with_or_without_the_country_code(client, world, settings):
    settings.FEEDBACK_LIMIT_PER_EMAIL = 2
    assert post(client, ip="10.0.0.1", email="", phone="+84 905 123 456").status_code == 200
    assert post(client, ip="10.0.0.2", email="", phone="0905123456").status_code == 200
    response = post(client, ip="10.0.0.3", email="", phone="84 905 123 456")
    assert response.status_code == 429 and "thư điện tử hoặc số điện thoại" in response.content.decode()
    assert post(client, ip="10.0.0.4", email="", phone="0084905123456").status_code == 429
    assert Feedback.objects.count() == 2
    # Another number is not affected.
    assert post(client, ip="10.0.0.5", email="", phone="+84 905 123 457").status_code == 200
