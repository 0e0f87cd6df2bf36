"""The rules of a procedure's data, without HTTP: codes, links, levels, online service, days, papers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from portal.procedures import rules
from portal.procedures.rules import Level, OnlineLevel


@pytest.mark.parametrize("code", ["1.001612", "2.000794", " 3.000123 ", "1. 001612"])
def test_national_codes_of_the_national_database_are_accepted(code):
    assert rules.clean_national_code(code) == code.replace(" ", "")


@pytest.mark.parametrize(
    "code",
    [
        "",
        "1001612",
        "1.00161",
        "1.0016123",
        "0.001612",
        "a.001612",
        "1,001612",
        "BTP-KHA-277176",
        "1.001612;",
        "１.001612",
        "1.００1612",
    ],
)
def test_malformed_codes_are_refused_in_vietnamese(code):
    with pytest.raises(ValidationError) as caught:
        rules.clean_national_code(code)
    assert "không đúng dạng" in caught.value.messages[0]


@pytest.mark.parametrize(
    "url",
    [
        "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001612",
        "https://dichvucong.khanhhoa.gov.vn/thu-tuc/2.000794",
        "https://DICHVUCONG.GOV.VN/",
        "https://dichvucong.gov.vn:443/",
    ],
)
def test_links_to_the_public_service_portals_are_accepted(url):
    rules.validate_service_url(url)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://dichvucong.gov.vn/", "https://"),
        ("ftp://dichvucong.gov.vn/", "https://"),
        ("javascript:alert(1)", "https://"),
        ("https://dichvucong.gov.vn.lua-dao.com/", "không phải"),
        ("https://lua-dao.com/dichvucong.gov.vn", "không phải"),
        ("https://csdl.dichvucong.gov.vn/", "không phải"),
        ("https://dichvucong.gov.vn@lua-dao.com/", "tên đăng nhập"),
        ("https://user:pass@dichvucong.gov.vn/", "tên đăng nhập"),
        ("https://dichvucong.gov.vn:8443/", "cổng riêng"),
        ("https://dichvucong.gov.vn:99999/", "không hợp lệ"),
        ("https://[::1/", "không hợp lệ"),
    ],
)
def test_other_links_are_refused_in_vietnamese(url, words):
    with pytest.raises(ValidationError) as caught:
        rules.validate_service_url(url)
    assert words in caught.value.messages[0]


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("Cấp Tỉnh", {Level.PROVINCE}),
        ("Cấp Tỉnh, Cấp Huyện", {Level.PROVINCE, Level.DISTRICT}),
        ("cap huyen; cap xa", {Level.DISTRICT, Level.COMMUNE}),
        ("Cấp Xã", {Level.COMMUNE}),
        ("Thị xã", {Level.DISTRICT}),
        ("Thành phố thuộc tỉnh và Phường", {Level.DISTRICT, Level.COMMUNE}),
        ("Tỉnh / Huyện / Xã", {Level.PROVINCE, Level.DISTRICT, Level.COMMUNE}),
    ],
)
def test_levels_are_read_without_diacritics(text, levels):
    assert rules.parse_levels(text) == levels


def test_unknown_levels_are_named():
    with pytest.raises(ValueError, match=r"Cấp Bộ|cap bo"):
        rules.parse_levels("Cấp Tỉnh, Cấp Bộ")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Dịch vụ công trực tuyến toàn trình", OnlineLevel.FULL),
        ("DVC trực tuyến một phần", OnlineLevel.PARTIAL),
        ("Chỉ cung cấp thông tin", OnlineLevel.INFO),
        ("toan trinh", OnlineLevel.FULL),
        ("Mức độ 4", OnlineLevel.FULL),
        ("Mức độ 3", OnlineLevel.PARTIAL),
        ("Mức độ 2", OnlineLevel.INFO),
        ("1", OnlineLevel.INFO),
    ],
)
def test_online_levels_of_nd_42_and_the_old_levels(text, level):
    assert rules.parse_online_level(text) == level


@pytest.mark.parametrize("text", ["Mức độ 5", "cao", ""])
def test_unknown_online_levels_are_refused(text):
    with pytest.raises(ValueError):
        rules.parse_online_level(text)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", 15),
        ("03 ngày làm việc", 3),
        ("20 (hai mươi) ngày", 20),
        ("Trong ngày làm việc", 0),
        ("Theo thỏa thuận", None),
    ],
)
def test_processing_days_are_read_from_the_text(text, days):
    assert rules.parse_processing_days(text) == days


def test_required_papers_split_on_lines_or_semicolons_without_bullets():
    assert rules.split_papers("- Đơn đề nghị\n+ Bản sao CCCD\n\n3. Ảnh 4x6") == [
        "Đơn đề nghị",
        "Bản sao CCCD",
        "Ảnh 4x6",
    ]
    assert rules.split_papers("Tờ khai; Bản sao giấy khai sinh;") == ["Tờ khai", "Bản sao giấy khai sinh"]
    assert rules.split_papers("") == []


def test_default_link_is_the_national_portal_page_of_the_code():
    assert rules.national_detail_url("1.001612").startswith("https://dichvucong.gov.vn/")
    rules.validate_service_url(rules.national_detail_url("1.001612"))


def test_default_summary_is_bounded():
    summary = rules.default_summary("Thủ tục " * 200, "Sở Tư pháp", "10 ngày")
    assert len(summary) <= rules.SUMMARY_LIMIT
