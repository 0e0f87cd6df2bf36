"""``/healthz/`` for the proxy: 200 when the database and the cache answer, 503 naming what does not."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db


def test_healthy(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_broken_cache_and_database_answer_503(client, monkeypatch):
    from portal import health

    monkeypatch.setattr(health.cache, "get", lambda *args, **kwargs: None)
    response = client.get("/healthz/")
    assert response.status_code == 503 and response.json()["cache"] == "error"

    def refuse(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(health.connection, "cursor", refuse)
    assert client.get("/healthz/").json() == {"status": "error", "database": "error", "cache": "error"}


def test_only_get(client):
    assert client.post("/healthz/").status_code == 405


def production_storages(extra: dict[str, str]) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("S3_")}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "khanhhoa.gov.vn",
            **extra,
        }
    )
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "from django.core.files.storage import storages; "
        "print(json.dumps(settings.STORAGES['default'])); print(type(storages['default']).__name__)"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=120)


def test_media_in_s3_compatible_storage_from_the_environment():
    result = production_storages(
        {
            "MEDIA_STORAGE_BACKEND": "storages.backends.s3.S3Storage",
            "S3_BUCKET": "khanhhoa-media",
            "S3_ENDPOINT_URL": "https://s3.khanhhoa.gov.vn",
            "S3_ACCESS_KEY": "AK",
            "S3_SECRET_KEY": "SK",
        }
    )
    assert result.returncode == 0, result.stderr
    config_line, class_line = result.stdout.strip().splitlines()[-2:]
    config = json.loads(config_line)
    assert config["OPTIONS"]["bucket_name"] == "khanhhoa-media"
    assert config["OPTIONS"]["endpoint_url"] == "https://s3.khanhhoa.gov.vn"
    assert config["OPTIONS"]["file_overwrite"] is False
    assert class_line == "S3Storage"
    missing = production_storages({"MEDIA_STORAGE_BACKEND": "storages.backends.s3.S3Storage"})
    assert missing.returncode != 0 and "S3_BUCKET must be set" in missing.stderr
