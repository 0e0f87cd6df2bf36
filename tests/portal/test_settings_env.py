"""Settings come from the environment: SQLite by default, PostgreSQL/Redis/Elasticsearch when set."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings import env


def test_sqlite_is_the_default(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.database_from_env("/tmp/portal.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/tmp/portal.sqlite3"


def test_database_url_selects_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://portal:secret@db.internal:5433/khanhhoa")
    config = env.database_from_env("/unused")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == (
        "db.internal",
        5433,
        "khanhhoa",
        "portal",
    )
    assert config["CONN_HEALTH_CHECKS"] is True


def test_redis_url_selects_redis_cache(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    assert env.cache_from_env()["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    monkeypatch.delenv("REDIS_URL")
    assert env.cache_from_env()["default"]["BACKEND"].endswith("LocMemCache")


def test_elasticsearch_url_selects_elasticsearch(monkeypatch):
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://search.internal:9200")
    backend = env.search_backends_from_env()["default"]
    assert backend["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert backend["URLS"] == ["http://search.internal:9200"]
    monkeypatch.delenv("ELASTICSEARCH_URL")
    assert env.search_backends_from_env()["default"]["BACKEND"] == "wagtail.search.backends.database"


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("NO", False), ("off", False), ("", False)])
def test_booleans(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env.env_bool("SOME_FLAG") is expected


@pytest.mark.parametrize(("function", "raw"), [(env.env_bool, "maybe"), (env.env_int, "ten")])
def test_bad_values_are_refused_with_the_variable_name(monkeypatch, function, raw):
    monkeypatch.setenv("SOME_SETTING", raw)
    with pytest.raises(ImproperlyConfigured, match="SOME_SETTING"):
        function("SOME_SETTING", 1) if function is env.env_int else function("SOME_SETTING")


def test_lists(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " khanhhoa.gov.vn, .khanhhoa.gov.vn ,,")
    assert env.env_list("ALLOWED_HOSTS") == ["khanhhoa.gov.vn", ".khanhhoa.gov.vn"]


def run_production_check(extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    import os

    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update({"DJANGO_SETTINGS_MODULE": "portal.settings.production", **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_production_check({"ALLOWED_HOSTS": "khanhhoa.gov.vn"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_production_check(
        {"SECRET_KEY": "x" * 60 + "AbC123!@#" * 3, "ALLOWED_HOSTS": "khanhhoa.gov.vn,.khanhhoa.gov.vn"}
    )
    assert result.returncode == 0, result.stdout + result.stderr
