"""Password rules of state systems: complexity for all, 10+ characters for administrators."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password", ["ngan1!A", "khongcohoa1!", "KHONGCOTHUONG1!", "KhongCoSo!!", "KhongDacBiet12", "12345678"]
)
def test_weak_passwords_are_refused(password):
    with translation.override("vi"), pytest.raises(ValidationError):
        validate_password(password, UserFactory.build(username="bientap"))


def test_message_says_what_is_missing_in_vietnamese():
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        validate_password("chuthuongthoi", UserFactory.build(username="bientap"))
    text = " ".join(error.value.messages)
    assert "một chữ in hoa" in text and "một chữ số" in text and "một ký tự đặc biệt" in text


def test_message_in_english():
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_password("chuthuongthoi", UserFactory.build(username="bientap"))
    assert "one upper-case letter" in " ".join(error.value.messages)


def test_strong_password_is_accepted_for_editor():
    validate_password("Bien#Tap9x", UserFactory.build(username="editor1"))


def test_administrators_need_ten_characters():
    admin = UserFactory.build(username="quantri2", is_superuser=True)
    with pytest.raises(ValidationError):
        validate_password("Ab1!xyzQ", admin)
    validate_password("Ab1!xyzQwe", admin)


def test_huge_and_unicode_passwords_do_not_crash():
    validate_password("Mật#Khẩu9" + "ư" * 5000, UserFactory.build(username="x1"))
