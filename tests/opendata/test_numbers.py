"""Numbers as Vietnamese tables write them, and as the chart and preview show them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from portal.opendata.numbers import format_number, parse_number


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("1.234,5", 1234.5),
        ("1.234.567", 1234567),
        ("1.234", 1234),
        ("12,5", 12.5),
        ("0,75", 0.75),
        ("1,234", 1.234),  # a single comma is the Vietnamese decimal point
        ("1,234,567", 1234567),
        ("1,234.5", 1234.5),
        ("12.5", 12.5),
        ("3.14159", 3.14159),
        ("435 100", 435100),
        ("435\u00a0100", 435100),
        ("-1.234,5", -1234.5),
        ("−12,5", -12.5),
        ("+7", 7),
        ("(1.234)", -1234),
        ("7,2%", 7.2),
        ("1.2E+05", 120000),
        (42, 42),
        (3.5, 3.5),
        (Decimal("2.5"), 2.5),
    ],
)
def test_numbers_are_read(cell, number):
    assert parse_number(cell) == pytest.approx(number)


@pytest.mark.parametrize(
    "cell", [None, "", " ", "-", "..", "n/a", "Nha Trang", "12a", "1.23.4", "1,2,3", True, float("nan"), "9" * 100, [1]]
)
def test_no_number(cell):
    assert parse_number(cell) is None


@pytest.mark.parametrize(
    ("value", "language", "text"),
    [
        (1234.5, "vi", "1.234,5"),
        (1234.5, "en", "1,234.5"),
        (1234.5, "ru", "1\u00a0234,5"),
        (1253970, "vi", "1.253.970"),
        (-40.25, "vi", "-40,25"),
        (0, "vi", "0"),
        (-0.0001, "vi", "0"),
    ],
)
def test_numbers_are_written_per_language(value, language, text):
    assert format_number(value, language) == text
