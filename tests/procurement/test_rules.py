"""The rules of a project's data, without HTTP: amounts in đồng, e-procurement numbers and links, dates."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.procurement import rules
from portal.procurement.enums import ProjectKind, ProjectStatus


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234.567.890", 1_234_567_890),
        ("1.234.567.890 đ", 1_234_567_890),
        ("1 234 567 890 đồng", 1_234_567_890),
        ("1234567890", 1_234_567_890),
        ("1,234,567,890 VND", 1_234_567_890),
        ("1\u00a0234\u00a0567\u00a0890 ₫", 1_234_567_890),
        ("0", 0),
        ("+500.000", 500_000),
        ("1.000.000.000.000.000", 10**15),
        ("", None),
        ("   ", None),
        (None, None),
        (42, 42),
    ],
)
def test_amounts_are_read_as_whole_dong(text, value):
    assert rules.parse_vnd(text) == value


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("-5", "âm"),
        ("−1.000", "âm"),
        (-1, "âm"),
        ("1.000.000.000.000.001", "quá lớn"),
        ("9" * 40, "quá lớn"),
        (10**15 + 1, "quá lớn"),
        ("1.234,5", "phần lẻ"),
        ("1234.56", "phần lẻ"),
        ("12,5", "phần lẻ"),
        ("một tỷ", "không phải số tiền"),
        ("1.23.456", "không phải số tiền"),
        ("1e9", "không phải số tiền"),
        ("١٢٣", "không phải số tiền"),
        ("0x10", "không phải số tiền"),
    ],
)
def test_bad_amounts_are_refused_in_vietnamese(text, words):
    with pytest.raises(ValidationError) as caught:
        rules.parse_vnd(text)
    assert words in caught.value.messages[0]


@pytest.mark.parametrize(
    ("language", "text"),
    [("vi", "1.234.567.890 đ"), ("en", "1,234,567,890 VND"), ("ru", "1\u00a0234\u00a0567\u00a0890\u00a0VND")],
)
def test_amounts_are_shown_with_thousand_separators(language, text):
    assert rules.format_vnd(1_234_567_890, language) == text


def test_small_and_missing_amounts_are_shown():
    assert rules.format_vnd(0) == "0 đ"
    assert rules.format_vnd(999) == "999 đ"
    assert rules.format_vnd(None) == ""


@pytest.mark.parametrize(
    "number", ["IB2500123456", "IB2500123456-00", "PL2400031257", "20190712345-00", "ib2500123456"]
)
def test_egp_numbers_are_accepted(number):
    assert rules.clean_egp_number(number) == number.upper()


@pytest.mark.parametrize("number", ["IB25001234", "XX2500123456", "IB2500123456-0", "IB２500123456", "TBMT 123"])
def test_malformed_egp_numbers_are_refused(number):
    with pytest.raises(ValidationError, match="không đúng dạng"):
        rules.clean_egp_number(number)


@pytest.mark.parametrize(
    "url",
    [
        "https://muasamcong.mpi.gov.vn/web/guest/contractor-selection?notifyNo=IB2500123456",
        "https://MUASAMCONG.MPI.GOV.VN/",
    ],
)
def test_links_to_the_e_procurement_system_are_accepted(url):
    rules.validate_egp_url(url)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://muasamcong.mpi.gov.vn/", "https://"),
        ("https://muasamcong.mpi.gov.vn.gia-mao.vn/", "không phải"),
        ("https://dauthau.asia/", "không phải"),
        ("https://muasamcong.mpi.gov.vn@gia-mao.vn/", "tên đăng nhập"),
        ("https://muasamcong.mpi.gov.vn:8080/", "cổng riêng"),
        ("javascript:alert(1)", "https://"),
    ],
)
def test_other_links_are_refused(url, words):
    with pytest.raises(ValidationError) as caught:
        rules.validate_egp_url(url)
    assert words in caught.value.messages[0]


def at(year: int, month: int, day: int, hour: int = 8) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def errors(**overrides):
    values = {
        "start": datetime.date(2025, 1, 1),
        "end": datetime.date(2026, 1, 1),
        "bid_open": None,
        "bid_close": None,
        "kind": ProjectKind.INVESTMENT,
        "status": ProjectStatus.IN_PROGRESS,
    }
    values.update(overrides)
    return rules.date_errors(**values)


def test_consistent_dates_pass():
    assert errors() == {}
    assert errors(end=datetime.date(2025, 1, 1)) == {}  # a one-day purchase
    assert errors(bid_open=at(2026, 5, 4), bid_close=at(2026, 5, 25, 9)) == {}


def test_end_before_start_is_refused():
    assert "trước ngày bắt đầu" in errors(end=datetime.date(2024, 12, 31))["end_date"]


@pytest.mark.parametrize("close", [at(2026, 5, 4), at(2026, 5, 3)])
def test_bid_closing_not_after_opening_is_refused(close):
    assert "đóng thầu" in errors(bid_open=at(2026, 5, 4), bid_close=close)["bid_close_at"]


@pytest.mark.parametrize("field", ["start", "end"])
@pytest.mark.parametrize("year", [1899, 2201, 205])
def test_absurd_years_are_refused(field, year):
    result = errors(**{field: datetime.date(year, 1, 1), "end" if field == "start" else "start": None})
    assert "1990–2100" in result[f"{field}_date"]


def test_an_open_tender_needs_its_closing_time():
    result = errors(kind=ProjectKind.BID_PACKAGE, status=ProjectStatus.BIDDING, start=None, end=None)
    assert "cần có thời điểm đóng thầu" in result["bid_close_at"]
    assert errors(kind=ProjectKind.INVESTMENT, status=ProjectStatus.BIDDING) == {}


def test_listing_year_falls_back_from_start_to_tender_to_publication():
    assert rules.listing_year(datetime.date(2024, 5, 1), at(2025, 1, 1), at(2026, 1, 1)) == 2024
    assert rules.listing_year(None, at(2025, 1, 1), at(2026, 1, 1)) == 2025
    assert rules.listing_year(None, None, at(2026, 1, 1)) == 2026


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("thong-bao.pdf", True),
        ("QD.DOCX", True),
        ("du-toan.xlsx", True),
        ("cu.doc", True),
        ("ho-so.zip", False),
        ("bang.xls", False),
        ("anh.jpg", False),
        ("khong-duoi", False),
        ("documents/a.pdf.exe", False),
    ],
)
def test_only_pdf_doc_docx_xlsx_may_be_attached(name, ok):
    problem = rules.document_error(name)
    assert (problem is None) is ok
    if not ok:
        assert "PDF, DOC, DOCX hoặc XLSX" in problem
