"""Phone numbers, names and duplicates of public contacts: plain rules, no HTTP."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from subportals.contacts import (
    ContactEntry,
    duplicate_contacts,
    is_official_email,
    parse_phones,
    validate_not_future,
    validate_person_name,
)


@pytest.mark.parametrize(
    ("typed", "uri"),
    [
        ("(0258) 3 822 000", "tel:+842583822000"),
        ("0258.3822000", "tel:+842583822000"),
        ("0258-382-2000", "tel:+842583822000"),
        ("+84 258 3822 000", "tel:+842583822000"),
        ("0084 258 3822 000", "tel:+842583822000"),
        ("024 3823 4567", "tel:+842438234567"),
        ("0905 123 456", "tel:+84905123456"),
        ("0905.123.456", "tel:+84905123456"),
        ("+84 905 123 456", "tel:+84905123456"),
        ("1900 1234", "tel:19001234"),
        ("1800 123 456", "tel:1800123456"),
    ],
)
def test_vietnamese_phone_formats(typed, uri):
    phones = parse_phones(typed)
    assert [phone.uri for phone in phones] == [uri]
    assert phones[0].display == typed


def test_several_numbers_in_one_field():
    phones = parse_phones("(0258) 3 822 000; 0905 123 456")
    assert [phone.uri for phone in phones] == ["tel:+842583822000", "tel:+84905123456"]


@pytest.mark.parametrize(
    "typed",
    [
        "12345",
        "0258 382",  # too short
        "0123 456 789",  # old 11-digit mobile prefix, gone since 2018
        "0905 123 4567",  # one digit too many
        "abc",
        "0905 123 456 ext",
        "+1 415 555 0100",  # not a Vietnamese number
        "<script>alert(1)</script>",
        "0258 3822000; 0905123456; 0905123457; 0905123458",  # more than three
        "9" * 500,
    ],
)
def test_bad_phone_numbers_are_refused_in_vietnamese(typed):
    with pytest.raises(ValidationError) as refused:
        parse_phones(typed)
    message = " ".join(refused.value.messages)
    assert "số điện thoại" in message.lower()


def test_empty_phone_is_allowed():
    assert parse_phones("") == []
    assert parse_phones("   ") == []


@pytest.mark.parametrize("name", ["Nguyễn Văn An", "Lê Thị Thu-Hà", "H'Hen Niê", "Trần T. Bình", "Phạm Minh Ðức"])
def test_person_names(name):
    validate_person_name(name)


@pytest.mark.parametrize("name", ["", "A", "Nguyễn Văn 2", '=HYPERLINK("http://x")', "<b>An</b>", "@admin", "---"])
def test_bad_person_names(name):
    with pytest.raises(ValidationError):
        validate_person_name(name)


def test_decomposed_name_is_accepted():
    import unicodedata

    validate_person_name(unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung"))


def test_confirmation_date_cannot_be_in_the_future():
    validate_not_future(timezone.localdate())
    validate_not_future(None)
    with pytest.raises(ValidationError):
        validate_not_future(timezone.localdate() + datetime.timedelta(days=1))


def test_official_addresses():
    assert is_official_email("SoYTe@KhanhHoa.gov.vn ")
    assert not is_official_email("soyte.khanhhoa@gmail.com")


def test_duplicates_by_name_whatever_the_spelling_and_by_email():
    rows = [
        ContactEntry(0, "Nguyễn Văn An", "nvan@khanhhoa.gov.vn"),
        ContactEntry(1, "nguyen van  an", "khac@khanhhoa.gov.vn"),
        ContactEntry(2, "Trần Thị Bình", "NVAN@khanhhoa.gov.vn"),
        ContactEntry(3, "Lê Văn Cường", ""),
        ContactEntry(4, "Phạm Thị Dung", ""),
    ]
    problems = duplicate_contacts(rows)
    assert [(index, field) for index, field, _message in problems] == [(1, "full_name"), (2, "email")]
    assert "Nguyễn Văn An" in problems[0][2]
    assert "nvan@khanhhoa.gov.vn" in problems[1][2]
