"""Who is acting and from where, for the audit log, carried by a context variable set per request."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass
from typing import Any

from .client_ip import client_ip


@dataclass(frozen=True)
class Actor:
    user: Any = None
    ip: str | None = None
    request: Any = None


_current: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("audit_actor", default=None)


def current() -> Actor:
    actor = _current.get()
    if actor is None:
        return Actor()
    if actor.request is not None:  # The user is known only after authentication middleware ran.
        return Actor(getattr(actor.request, "user", None), actor.ip, actor.request)
    return actor


def bind_request(request: Any) -> contextvars.Token:
    return _current.set(Actor(None, client_ip(request), request))


def reset(token: contextvars.Token) -> None:
    _current.reset(token)
