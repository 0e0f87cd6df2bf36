"""The client's IP address, trusting ``X-Forwarded-For`` only when our own reverse proxy sent the request.

Trust is tied to the TCP peer (``REMOTE_ADDR``): when it is one of ``TRUSTED_PROXIES``, the
client is the right-most address in ``X-Forwarded-For`` that is not itself a trusted proxy
(nginx appends the address it saw, so anything a client writes there stays on the left and is
ignored). From anywhere else the header is ignored entirely: it cannot be spoofed to dodge a
lockout.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Any

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address: Any, networks: tuple[Any, ...]) -> bool:
    return any(address in network for network in networks)


def client_ip(request: Any) -> str | None:
    meta = getattr(request, "META", {})
    peer = _parse(meta.get("REMOTE_ADDR", "") or "")
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if peer is None:
        return None
    if not networks or not _trusted(peer, networks):
        return str(peer)
    forwarded = [part for part in (meta.get("HTTP_X_FORWARDED_FOR", "") or "").split(",") if part.strip()]
    for candidate in reversed(forwarded[-20:]):
        address = _parse(candidate)
        if address is None:
            return str(peer)  # A malformed hop: trust nothing beyond our proxy.
        if not _trusted(address, networks):
            return str(address)
    return str(peer)
