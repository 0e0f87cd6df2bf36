"""Reading settings from the environment, so one code base serves laptop and cluster."""

from __future__ import annotations

import os
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_env(default_sqlite_path: str) -> dict[str, Any]:
    """``DATABASE_URL`` when set (PostgreSQL in production), else the embedded SQLite file."""
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
        config["CONN_HEALTH_CHECKS"] = True
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": default_sqlite_path,
        # WAL lets the dev server read while a seed or an import writes.
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20},
    }


def cache_from_env() -> dict[str, Any]:
    """Redis when ``REDIS_URL`` is set (shared by several app servers), else local memory."""
    url = os.environ.get("REDIS_URL")
    prefix = env_str("CACHE_KEY_PREFIX", "khanhhoa")
    if url:
        redis = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url}
        options = {"OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"}}
        return {
            "default": {**redis, **options, "KEY_PREFIX": prefix},
            # Rendered pages for anonymous visitors (portal.pagecache), shared by every app server.
            "pages": {**redis, **options, "KEY_PREFIX": f"{prefix}:pages", "TIMEOUT": None},
        }
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 5000)},
        },
    }


def search_backends_from_env() -> dict[str, Any]:
    """Elasticsearch when ``ELASTICSEARCH_URL`` is set, else Wagtail's database backend."""
    url = os.environ.get("ELASTICSEARCH_URL")
    if url:
        return {
            "default": {
                "BACKEND": "wagtail.search.backends.elasticsearch8",
                "URLS": [url],
                "INDEX": env_str("ELASTICSEARCH_INDEX_PREFIX", "khanhhoa"),
                "TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 10),
                "OPTIONS": {},
                "INDEX_SETTINGS": {},
            }
        }
    return {"default": {"BACKEND": "wagtail.search.backends.database"}}
