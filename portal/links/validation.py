"""Rules for the addresses the portal links to (government links and advertisements).

A public link is a promise to citizens that it leads to the site it names. So only ``http`` and
``https`` are accepted (never ``javascript:``, ``data:``, ``ftp:``, relative or protocol-less
addresses), with a real domain name: no IP address (an internal one would expose the
province's network, a public one cannot be recognised by a reader), no intranet names
(``localhost``, ``*.local``, single words), no user name or password before ``@`` (a classic
disguise: ``https://chinhphu.vn@evil.example``). Government sites are expected under
``.gov.vn`` and a few official domains; other domains are allowed once the editor confirms them
(see ``is_official_host``).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

MAX_URL_LENGTH = 500
ALLOWED_SCHEMES = ("http", "https")
# Official domains outside .gov.vn (override with settings.LINKS_OFFICIAL_DOMAINS).
DEFAULT_OFFICIAL_DOMAINS: tuple[str, ...] = (
    "gov.vn",
    "chinhphu.vn",
    "quochoi.vn",
    "dangcongsan.vn",
    "baochinhphu.vn",
    "vbpl.vn",
)
INTRANET_SUFFIXES = (".localhost", ".local", ".internal", ".intranet", ".lan", ".home.arpa", ".corp", ".test")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]")
# Hosts made only of digits, dots and hex: the forms browsers read as IPv4 (127.1, 0x7f.0.0.1, 2130706433).
_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]*))*$", re.IGNORECASE)
_django_url_validator = URLValidator(schemes=list(ALLOWED_SCHEMES))


def official_domains() -> tuple[str, ...]:
    return tuple(getattr(settings, "LINKS_OFFICIAL_DOMAINS", DEFAULT_OFFICIAL_DOMAINS))


def host_of(url: str) -> str:
    """The lower-case host name of an address (no port, no trailing dot), or "" when there is none."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".").lower()


def address_key(url: str) -> str:
    """What makes two addresses the same link: ``HTTPS://ChinhPhu.vn/`` and ``http://chinhphu.vn`` are one.

    The scheme (http or https of the same page), the case of the host, a trailing dot, the default port
    and trailing slashes of the path do not count; the path's case, the query and the fragment do.
    """
    value = (url or "").strip()
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return value
    host = (parts.hostname or "").rstrip(".").lower()
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    key = host + parts.path.rstrip("/")
    if parts.query:
        key += "?" + parts.query
    if parts.fragment:
        key += "#" + parts.fragment
    return key


def is_official_host(host: str, domains: tuple[str, ...] | None = None) -> bool:
    """``*.gov.vn`` or one of the official domains (the domain itself or a sub-domain of it)."""
    host = host.rstrip(".").lower()
    return bool(host) and any(host == domain or host.endswith("." + domain) for domain in domains or official_domains())


def _ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address a host name stands for when it is written as one (in any form browsers accept)."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    if _NUMERIC_HOST.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def url_problems(value: str, *, check_length: bool = True) -> list[str]:
    """What is wrong with an address, in Vietnamese, or an empty list when it may be published.

    ``check_length=False`` when a field's own maximum length already reports an overlong value.
    """
    if not isinstance(value, str) or not value.strip():
        return [str(_("Hãy nhập địa chỉ trang web."))]
    value = value.strip()
    if len(value) > MAX_URL_LENGTH:
        if not check_length:
            return []
        message = _("Địa chỉ quá dài: tối đa %(max)s ký tự, đang có %(count)s.")
        return [str(message % {"max": MAX_URL_LENGTH, "count": len(value)})]
    if _CONTROL_OR_SPACE.search(value):
        return [str(_("Địa chỉ không được chứa khoảng trắng hoặc ký tự điều khiển."))]
    try:
        parts = urlsplit(value)
    except ValueError:
        return [str(_("Địa chỉ trang web không hợp lệ."))]
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not value.lower().startswith(("http://", "https://")):
        return [str(_("Chỉ chấp nhận địa chỉ bắt đầu bằng http:// hoặc https://."))]
    if "@" in parts.netloc:
        return [str(_("Địa chỉ không được chứa tên đăng nhập hoặc mật khẩu (phần đứng trước dấu @)."))]
    try:
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in range
    except ValueError:
        return [str(_("Cổng (port) trong địa chỉ không hợp lệ."))]
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return [str(_("Địa chỉ thiếu tên miền."))]
    ip = _ip_literal(host)
    if ip is not None:
        if not ip.is_global:
            return [str(_("Không được liên kết tới địa chỉ IP nội bộ (%(ip)s).") % {"ip": ip})]
        return [str(_("Hãy dùng tên miền của trang (ví dụ https://chinhphu.vn), không dùng địa chỉ IP."))]
    if host == "localhost" or host.endswith(INTRANET_SUFFIXES) or "." not in host:
        return [str(_("Tên miền nội bộ (%(host)s) không được phép; hãy dùng tên miền công khai.") % {"host": host})]
    try:
        _django_url_validator(value)
    except ValidationError:
        return [str(_("Địa chỉ trang web không hợp lệ."))]
    return []


def validate_public_url(value: str) -> None:
    """Model field validator: the field's ``max_length`` reports an overlong address itself."""
    problems = url_problems(value, check_length=False)
    if problems:
        raise ValidationError(problems, code="invalid_url")
