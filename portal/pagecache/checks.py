"""System check: a page cache in process memory cannot be invalidated across app servers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


@register()
def page_cache_is_shared(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if settings.DEBUG or not getattr(settings, "PAGE_CACHE_ENABLED", False):
        return []
    backend = settings.CACHES.get(settings.PAGE_CACHE_ALIAS, {}).get("BACKEND", "")
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The page cache lives in each process's memory: with several gunicorn workers or app "
                "servers, a publication stales the pages of one process only.",
                hint="Set REDIS_URL (docs/caching.md), or PAGE_CACHE_ENABLED=false.",
                id="portal.W001",
            )
        ]
    return []
