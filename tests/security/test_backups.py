"""Issue 12: ``backup`` → wipe → ``restore`` gives back the same pages, revisions, users, images and documents.

Runs on the suite's database (SQLite, or PostgreSQL when DATABASE_URL says so, through pg_dump and
pg_restore). The data is committed (transactional test) because pg_dump reads from its own session.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db import connections
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from security import backups
from tests.factories import ArticlePageFactory, SectionPageFactory, UserFactory, home_of, make_unit

# Only the round trip needs committed rows (pg_dump reads from its own session); the checks of broken
# archives work on a dump of whatever is committed, in ordinary (fast) tests.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)
pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def small_dump(monkeypatch, media):
    """For the archive checks: a tiny real SQLite file stands in for the site's dump (the round trip uses the real one).

    The site's database is inside the test's transaction here, which neither SQLite's backup API nor
    pg_dump can read; the checks below are about the archive, not the database.
    """
    import sqlite3

    def dump(target: Path, alias: str = "default") -> str:
        connection = sqlite3.connect(target)
        connection.execute("CREATE TABLE mau (ten TEXT)")
        connection.execute("INSERT INTO mau VALUES ('Khánh Hòa')")
        connection.commit()
        connection.close()
        return "database.sqlite3"

    (media / "documents").mkdir()
    (media / "documents" / "quyet-dinh.pdf").write_bytes(b"%PDF-1.4\n% mau\n")
    monkeypatch.setattr(backups, "dump_database", dump)
    monkeypatch.setattr(backups, "table_counts", lambda: {"mau": 1})


@pytest.fixture
def content(media):
    unit = make_unit()
    section = SectionPageFactory(parent=home_of(unit), title="Tin tức", slug="tin-tuc")
    article = ArticlePageFactory(parent=section, title="Khánh Hòa sao lưu dữ liệu")
    article.save_revision().publish()
    UserFactory(username="bientap.saoluu")
    image = get_image_model().objects.create(title="Vịnh Nha Trang", file=ImageFile(io.BytesIO(png()), name="vinh.png"))
    document = get_document_model().objects.create(
        title="Quyết định 26/2014", file=ContentFile(b"%PDF-1.4\n% demo\n", name="qd-26-2014.pdf")
    )
    return {"article": article, "image": image, "document": document}


def backup(tmp_path: Path, **options) -> Path:
    call_command("backup", dir=tmp_path / "backups", stdout=io.StringIO(), stderr=io.StringIO(), **options)
    return backups.archives(tmp_path / "backups")[-1]


def scratch_database(tmp_path: Path) -> dict:
    base = connections["default"].settings_dict
    if connections["default"].vendor == "sqlite":
        return {**base, "NAME": str(tmp_path / "restored.sqlite3")}
    name = f"khanhhoa_restore_{uuid.uuid4().hex[:8]}"
    backups._create_pg_database(base, name)
    return {**base, "NAME": name}


def rows(database: dict | None, sql: str) -> list[tuple]:
    """Rows of the site's database (None) or of the restored one, through a plain connection."""
    if database is None:
        with connections["default"].cursor() as cursor:
            cursor.execute(sql)
            return sorted(tuple(row) for row in cursor.fetchall())
    if database["ENGINE"].endswith("sqlite3"):
        import sqlite3

        connection = sqlite3.connect(database["NAME"])
        try:
            return sorted(tuple(row) for row in connection.execute(sql).fetchall())
        finally:
            connection.close()
    import psycopg

    with psycopg.connect(
        dbname=database["NAME"],
        user=database.get("USER") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
    ) as connection:
        return sorted(tuple(row) for row in connection.execute(sql).fetchall())


@committed
def test_backup_wipe_restore_gives_the_same_content(tmp_path, content, media):
    archive = backup(tmp_path)
    assert archive.name.startswith("khanhhoa-backup-") and Path(f"{archive}.sha256").is_file()
    out = io.StringIO()
    call_command("restore", str(archive), verify=True, stdout=out, stderr=io.StringIO())
    assert "Khôi phục thử thành công" in out.getvalue() and "tệp media khớp" in out.getvalue()
    manifest = backups.check_archive(archive)
    assert manifest.counts["wagtailcore_page"] >= 4 and manifest.counts["auth_user"] >= 1
    queries = {
        "pages": "SELECT id, title, live FROM wagtailcore_page",
        "revisions": "SELECT id, object_id FROM wagtailcore_revision",
        "users": "SELECT username, password FROM auth_user",
        "images": "SELECT title, file FROM wagtailimages_image",
        "documents": "SELECT title, file FROM wagtaildocs_document",
    }
    before = {name: rows(None, sql) for name, sql in queries.items()}
    files_before = {p.relative_to(media): p.read_bytes() for p in media.rglob("*") if p.is_file()}
    assert files_before and any(title == "Khánh Hòa sao lưu dữ liệu" for _, title, _ in before["pages"])

    # Wipe: a fresh empty database and an empty media folder; then restore into them.
    database = scratch_database(tmp_path)
    restored_media = tmp_path / "restored-media"
    try:
        backups.restore(archive, database=database, storage=FileSystemStorage(location=restored_media))
        after = {name: rows(database, sql) for name, sql in queries.items()}
        assert after == before
        files_after = {p.relative_to(restored_media): p.read_bytes() for p in restored_media.rglob("*") if p.is_file()}
        assert files_after == files_before
        # Restoring over what is now a full database is refused.
        with pytest.raises(backups.BackupError, match="không trống"):
            backups.restore(archive, database=database, storage=FileSystemStorage(location=tmp_path / "other"))
        with pytest.raises(backups.BackupError, match="không trống"):
            backups.restore(
                archive, database=scratch_database(tmp_path / "x"), storage=FileSystemStorage(location=restored_media)
            )
    finally:
        if connections["default"].vendor == "postgresql":
            backups._drop_pg_database(connections["default"].settings_dict, database["NAME"])


def rewrite(archive: Path, change) -> None:
    """Rebuild the archive with ``change(name, data) -> (name, data)`` applied, and a matching .sha256."""
    with tarfile.open(archive, "r:gz") as source:
        members = [(m.name, source.extractfile(m).read()) for m in source.getmembers() if m.isfile()]
    with tarfile.open(archive, "w:gz") as target:
        for name, data in members:
            name, data = change(name, data)
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    Path(f"{archive}.sha256").write_text(f"{backups.sha256_file(archive)}  {archive.name}\n")


def test_a_corrupted_or_tampered_archive_is_refused(tmp_path, media, small_dump):
    archive = backup(tmp_path)
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("restore", str(archive), verify=True, stdout=io.StringIO(), stderr=io.StringIO())

    archive = backup(tmp_path / "again")
    # A member changed and the whole-file checksum recomputed: the manifest's own checksums catch it.
    rewrite(archive, lambda name, data: (name, b"sai" if name.startswith("media/") else data))
    with pytest.raises(backups.BackupError, match="không khớp mã kiểm tra"):
        backups.check_archive(archive)

    Path(f"{archive}.sha256").unlink()
    with pytest.raises(backups.BackupError, match="Thiếu tệp kiểm tra"):
        backups.check_archive(archive)
    with pytest.raises(backups.BackupError, match="Không tìm thấy"):
        backups.check_archive(tmp_path / "khong-co.tar.gz")


def test_hostile_archives_are_refused_before_anything_is_written(tmp_path, media, small_dump):
    archive = backup(tmp_path)

    def escape(name: str, data: bytes) -> tuple[str, bytes]:
        if name == backups.MANIFEST:
            manifest = json.loads(data)
            manifest["checksums"] = {
                ("media/../../evil.txt" if key.startswith("media/") else key): value
                for key, value in manifest["checksums"].items()
            }
            return name, json.dumps(manifest).encode()
        return ("media/../../evil.txt" if name.startswith("media/") else name), data

    rewrite(archive, escape)
    target = tmp_path / "scratch-media"
    scratch = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "scratch.sqlite3")}
    with pytest.raises(backups.BackupError, match="không an toàn"):
        backups.restore(archive, database=scratch, storage=FileSystemStorage(location=target))
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "scratch.sqlite3").exists()

    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"\x00" * 1000)
    Path(f"{junk}.sha256").write_text(f"{hashlib.sha256(b'x').hexdigest()}  junk.tar.gz\n")
    with pytest.raises(backups.BackupError):
        backups.check_archive(junk)
    Path(f"{junk}.sha256").write_text(f"{backups.sha256_file(junk)}  junk.tar.gz\n")
    with pytest.raises(backups.BackupError, match="Không đọc được"):
        backups.check_archive(junk)


def test_retention_keeps_the_newest_archives(tmp_path, media, small_dump):
    directory = tmp_path / "backups"
    directory.mkdir()
    for stamp in ("20260101-020000", "20260201-020000", "20260301-020000"):
        (directory / f"khanhhoa-backup-{stamp}.tar.gz").write_bytes(b"old")
        (directory / f"khanhhoa-backup-{stamp}.tar.gz.sha256").write_text("x")
    newest = backup(tmp_path, keep=2)
    assert [path.name for path in backups.archives(directory)] == [
        "khanhhoa-backup-20260301-020000.tar.gz",
        newest.name,
    ]
    assert not (directory / "khanhhoa-backup-20260101-020000.tar.gz.sha256").exists()
    with pytest.raises(CommandError, match="--keep"):
        backup(tmp_path, keep=0)
