"""The address rules of links and ads, as plain functions: what is refused, why, and what passes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from portal.links.validation import (
    MAX_URL_LENGTH,
    host_of,
    is_official_host,
    url_problems,
    validate_public_url,
)

SCHEME_ONLY = "Chỉ chấp nhận địa chỉ bắt đầu bằng http:// hoặc https://."
INTERNAL_IP = "Không được liên kết tới địa chỉ IP nội bộ"
PUBLIC_IP = "không dùng địa chỉ IP"
INTRANET = "Tên miền nội bộ"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("javascript:alert(1)", SCHEME_ONLY),
        ("JaVaScRiPt:alert(document.cookie)", SCHEME_ONLY),
        ("  javascript:alert(1)  ", SCHEME_ONLY),
        ("java\tscript:alert(1)", "khoảng trắng hoặc ký tự điều khiển"),
        ("java\nscript:alert(1)", "khoảng trắng hoặc ký tự điều khiển"),
        ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", SCHEME_ONLY),
        ("vbscript:msgbox(1)", SCHEME_ONLY),
        ("ftp://ftp.chinhphu.vn/vanban.pdf", SCHEME_ONLY),
        ("ftps://ftp.chinhphu.vn/", SCHEME_ONLY),
        ("file:///etc/passwd", SCHEME_ONLY),
        ("mailto:congthongtin@khanhhoa.gov.vn", SCHEME_ONLY),
        ("//chinhphu.vn", SCHEME_ONLY),
        ("chinhphu.vn", SCHEME_ONLY),
        ("/vi/lien-ket/", SCHEME_ONLY),
        ("http:/chinhphu.vn", SCHEME_ONLY),
        ("http://127.0.0.1", INTERNAL_IP),
        ("http://127.0.0.1:8000/admin/", INTERNAL_IP),
        ("http://127.1/", INTERNAL_IP),
        ("http://2130706433/", INTERNAL_IP),
        ("http://0x7f000001/", INTERNAL_IP),
        ("http://0x7f.0.0.1/", INTERNAL_IP),
        ("http://0177.0.0.1/", INTERNAL_IP),
        ("http://[::1]/", INTERNAL_IP),
        ("http://[::ffff:127.0.0.1]/", INTERNAL_IP),
        ("http://10.10.1.5/quan-tri", INTERNAL_IP),
        ("http://172.16.0.1/", INTERNAL_IP),
        ("https://192.168.1.1/", INTERNAL_IP),
        ("http://169.254.169.254/latest/meta-data/", INTERNAL_IP),
        ("http://0.0.0.0/", INTERNAL_IP),
        ("http://8.8.8.8/", PUBLIC_IP),
        ("http://localhost/", INTRANET),
        ("http://localhost:8000/admin/", INTRANET),
        ("http://congthongtin/", INTRANET),
        ("http://may-chu.local/", INTRANET),
        ("https://portal.khanhhoa.internal/", INTRANET),
        ("https://chinhphu.vn@evil.example/", "tên đăng nhập hoặc mật khẩu"),
        ("https://user:matkhau@chinhphu.vn/", "tên đăng nhập hoặc mật khẩu"),
        ("https://evil.example\\@chinhphu.vn/", "tên đăng nhập hoặc mật khẩu"),
        ("http://chinhphu.vn:99999/", "Cổng (port)"),
        ("http://chinhphu.vn:abc/", "Cổng (port)"),
        ("https:///duong-dan", "thiếu tên miền"),
        ("https://chinhphu.vn/\x00", "ký tự điều khiển"),
        ("https://chinhphu.vn/\u200b", "ký tự điều khiển"),
        ("https://chinh phu.vn/", "khoảng trắng"),
        ("https://-sai-.vn/", "không hợp lệ"),
        ("https://chinhphu..vn/", "không hợp lệ"),
        ("", "Hãy nhập địa chỉ"),
        ("   ", "Hãy nhập địa chỉ"),
    ],
)
def test_refused_addresses_say_why_in_vietnamese(value, expected):
    problems = url_problems(value)
    assert problems, value
    assert expected.lower() in " ".join(problems).lower(), problems
    with pytest.raises(ValidationError):
        validate_public_url(value)


def test_ten_thousand_characters_are_refused_with_the_count():
    value = "https://chinhphu.vn/" + "a" * 9980
    assert len(value) == 10_000
    assert url_problems(value) == [f"Địa chỉ quá dài: tối đa {MAX_URL_LENGTH} ký tự, đang có 10000."]
    # A model field's own max_length reports the length; the validator then says nothing more about it.
    validate_public_url(value)


def test_non_string_input_is_refused():
    for value in (None, 42, ["https://chinhphu.vn"]):
        assert url_problems(value) == ["Hãy nhập địa chỉ trang web."]


@pytest.mark.parametrize(
    "value",
    [
        "https://chinhphu.vn",
        "http://quochoi.vn/",
        "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
        "https://moh.gov.vn/web/guest/trang-chu?lang=vi&page=2#tin-moi",
        "https://khanhhoa.gov.vn:443/vi/",
        "HTTPS://VBPL.VN/TW/Pages/home.aspx",
        "https://baokhanhhoa.vn",
        "https://khánhhòa.vn/",
        "  https://chinhphu.vn  ",
    ],
)
def test_public_addresses_pass(value):
    assert url_problems(value) == []
    validate_public_url(value)


@pytest.mark.parametrize(
    ("host", "official"),
    [
        ("chinhphu.vn", True),
        ("www.chinhphu.vn", True),
        ("congbao.chinhphu.vn", True),
        ("mic.gov.vn", True),
        ("stttt.khanhhoa.gov.vn", True),
        ("quochoi.vn", True),
        ("vbpl.vn", True),
        ("CHINHPHU.VN.", True),
        ("baokhanhhoa.vn", False),
        ("gov.vn.evil.example", False),
        ("evilgov.vn", False),
        ("notchinhphu.vn", False),
        ("", False),
    ],
)
def test_official_hosts(host, official):
    assert is_official_host(host) is official


def test_official_domains_are_a_setting(settings):
    settings.LINKS_OFFICIAL_DOMAINS = ("gov.vn", "baokhanhhoa.vn")
    assert is_official_host("baokhanhhoa.vn")
    assert not is_official_host("chinhphu.vn")


def test_host_of():
    assert host_of("https://WWW.ChinhPhu.VN:443/a?b") == "www.chinhphu.vn"
    assert host_of("http://[::1") == ""
    assert host_of("khong-phai-dia-chi") == ""
