"""Backups of the portal: one dated, checksummed archive holding a consistent database dump and the media.

Security rules of state systems ask for backups at least monthly, kept on separate storage and
restored in a test (SPEC.md). The archive (``khanhhoa-backup-YYYYmmdd-HHMMSS.tar.gz``) holds:

- ``manifest.json`` — when, which database engine, row counts per table, SHA-256 of every member;
- ``database.sqlite3`` (SQLite's online backup API: consistent while the site runs) or
  ``database.pgdump`` (``pg_dump --format=custom``, one transaction snapshot);
- ``media/…`` — every file of the default storage (local folder or S3 alike).

Next to it, ``<archive>.sha256`` in ``sha256sum`` format: an archive whose checksum does not match
is refused before anything is restored.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import connections
from django.utils import timezone

PREFIX = "khanhhoa-backup-"
SUFFIX = ".tar.gz"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
FORMAT_VERSION = 1

Progress = Callable[[Iterable[Any]], Iterator[Any]]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Vietnamese."""


@dataclass
class Manifest:
    created_at: str
    vendor: str
    database_member: str
    counts: dict[str, int]
    checksums: dict[str, str] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            raw = json.loads(data)
            return cls(**{key: raw[key] for key in cls.__dataclass_fields__})
        except (ValueError, KeyError, TypeError) as error:
            raise BackupError(f"Tệp manifest.json trong bản sao lưu bị hỏng: {error}") from None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _stream_sha256(handle: Any) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


# --- Database --------------------------------------------------------------------------------------


TABLES_SQL = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
}


def _counts(cursor: Any, vendor: str) -> dict[str, int]:
    cursor.execute(TABLES_SQL[vendor])
    counts = {}
    for (table,) in sorted(cursor.fetchall()):
        quoted = '"' + table.replace('"', '""') + '"'
        cursor.execute(f"SELECT COUNT(*) FROM {quoted}")
        counts[table] = cursor.fetchone()[0]
    return counts


def table_counts() -> dict[str, int]:
    """Rows per table of the site's database (Django's, Wagtail's and the search index alike)."""
    connection = connections["default"]
    with connection.cursor() as cursor:
        return _counts(cursor, connection.vendor)


def database_counts(database: dict[str, Any]) -> dict[str, int]:
    """Rows per table of another database, through a plain connection (no Django alias is created)."""
    if database["ENGINE"].endswith("sqlite3"):
        connection = sqlite3.connect(database["NAME"])
        try:
            return _counts(connection.cursor(), "sqlite")
        finally:
            connection.close()
    import psycopg

    keys = {"NAME": "dbname", "USER": "user", "PASSWORD": "password", "HOST": "host", "PORT": "port"}
    params = {target: str(database[key]) for key, target in keys.items() if database.get(key)}
    with psycopg.connect(**params) as connection, connection.cursor() as cursor:
        return _counts(cursor, "postgresql")


def _pg_env(database: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if database.get("HOST"):
        args += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        args += ["--port", str(database["PORT"])]
    if database.get("USER"):
        args += ["--username", str(database["USER"])]
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"Không tìm thấy chương trình {command[0]} (cài gói postgresql-client).") from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} báo lỗi: {result.stderr.strip()[:2000]}")


def dump_database(target: Path, alias: str = "default") -> str:
    """A consistent dump of the database into ``target``; returns the member name it belongs under."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return "database.sqlite3"
    if connection.vendor == "postgresql":
        args, env = _pg_env(connection.settings_dict)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args, "--file", str(target),
              connection.settings_dict["NAME"]], env)  # fmt: skip
        return "database.pgdump"
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")


def load_database(dump: Path, member: str, database: dict[str, Any]) -> None:
    """Restore a dump into an empty database described by a Django DATABASES entry."""
    if member == "database.sqlite3":
        name = Path(database["NAME"])
        if name.exists() and name.stat().st_size > 0 and _sqlite_tables(name):
            raise BackupError(f"Cơ sở dữ liệu {name} không trống: chỉ khôi phục vào cơ sở dữ liệu trống.")
        name.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(dump, name)
        return
    if member == "database.pgdump":
        if database_counts(database):
            raise BackupError(f"Cơ sở dữ liệu {database['NAME']} không trống: chỉ khôi phục vào cơ sở dữ liệu trống.")
        args, env = _pg_env(database)
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args, "--dbname",
              database["NAME"], str(dump)], env)  # fmt: skip
        return
    raise BackupError(f"Không nhận ra bản sao cơ sở dữ liệu «{member}».")


def _sqlite_tables(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    finally:
        connection.close()
    return [row[0] for row in rows]


# --- Media -----------------------------------------------------------------------------------------


def media_storage() -> Storage:
    return storages["default"]


def walk(storage: Storage, path: str = "") -> Iterator[str]:
    """Every file name of a storage, recursively (local folders and S3 buckets alike)."""
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:
        return  # A local media folder not created yet holds nothing.
    for name in sorted(files):
        if name == ".gitkeep":
            continue
        yield f"{path}/{name}" if path else name
    for directory in sorted(directories):
        yield from walk(storage, f"{path}/{directory}" if path else directory)


# --- Backup ----------------------------------------------------------------------------------------


def archive_name(now: datetime.datetime | None = None) -> str:
    now = timezone.localtime(now or timezone.now())
    return f"{PREFIX}{now:%Y%m%d-%H%M%S}{SUFFIX}"


def create_backup(
    directory: Path, *, keep: int = 12, progress: Progress = iter, storage: Storage | None = None
) -> Path:
    """Write the archive and its ``.sha256`` into ``directory``; keep the newest ``keep`` archives."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    storage = storage or media_storage()
    target = directory / archive_name()
    counter = 2
    while target.exists():  # Two backups in the same second keep both.
        target = directory / archive_name().replace(SUFFIX, f"-{counter}{SUFFIX}")
        counter += 1
    partial = target.with_name(target.name + ".partial")
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / "database"
        member = dump_database(dump)
        manifest = Manifest(
            created_at=timezone.now().isoformat(),
            vendor=connections["default"].vendor,
            database_member=member,
            counts=table_counts(),
        )
        manifest.checksums[member] = sha256_file(dump)
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(dump, arcname=member)
                for name in progress(list(walk(storage))):
                    with storage.open(name, "rb") as handle:
                        data = handle.read()
                    info = tarfile.TarInfo(f"media/{name}")
                    info.size, info.mtime = len(data), int(timezone.now().timestamp())
                    archive.addfile(info, io.BytesIO(data))
                    manifest.checksums[f"media/{name}"] = hashlib.sha256(data).hexdigest()
                data = manifest.to_json()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(timezone.now().timestamp())
                archive.addfile(info, io.BytesIO(data))
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    partial.rename(target)
    Path(f"{target}.sha256").write_text(f"{sha256_file(target)}  {target.name}\n", encoding="utf-8")
    prune(directory, keep)
    return target


def archives(directory: Path) -> list[Path]:
    return sorted(Path(directory).glob(f"{PREFIX}*{SUFFIX}"))


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` archives (and their checksum files)."""
    if keep < 1:
        raise BackupError("Phải giữ lại ít nhất một bản sao lưu.")
    removed = archives(directory)[:-keep]
    for path in removed:
        path.unlink(missing_ok=True)
        Path(f"{path}.sha256").unlink(missing_ok=True)
    return removed


def same_volume(directory: Path) -> list[str]:
    """What the backup directory shares a disk with (a backup on the same disk dies with it)."""
    directory = Path(directory)
    if not directory.exists():
        return []
    device = directory.stat().st_dev
    shared = []
    database = connections["default"].settings_dict
    places = {"media": Path(settings.MEDIA_ROOT)}
    if connections["default"].vendor == "sqlite":
        places["database"] = Path(database["NAME"]).parent
    for label, place in places.items():
        if place.exists() and place.stat().st_dev == device:
            shared.append(label)
    return shared


# --- Checking and restoring ------------------------------------------------------------------------


def check_archive(path: Path) -> Manifest:
    """The archive's manifest once the whole-file and per-member checksums match; else BackupError."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {path}.")
    sidecar = Path(f"{path}.sha256")
    if not sidecar.is_file():
        raise BackupError(f"Thiếu tệp kiểm tra {sidecar.name}: không khôi phục bản sao lưu chưa kiểm chứng được.")
    expected = sidecar.read_text(encoding="utf-8", errors="replace").split()[:1]
    if not expected or expected[0].lower() != sha256_file(path):
        raise BackupError(f"Mã kiểm tra SHA-256 của {path.name} không khớp: tệp đã bị hỏng hoặc bị sửa.")
    try:
        with tarfile.open(path, "r:gz") as archive:
            handle = archive.extractfile(MANIFEST)
            if handle is None:
                raise BackupError("Bản sao lưu thiếu manifest.json.")
            manifest = Manifest.from_json(handle.read())
            names = {member.name for member in archive.getmembers() if member.isfile()} - {MANIFEST}
            if names != set(manifest.checksums):
                raise BackupError("Danh sách tệp trong bản sao lưu không khớp với manifest.json.")
            for member in archive.getmembers():
                if member.name == MANIFEST or not member.isfile():
                    continue
                extracted = archive.extractfile(member)
                if extracted is None or _stream_sha256(extracted) != manifest.checksums[member.name]:
                    raise BackupError(f"Tệp {member.name} trong bản sao lưu không khớp mã kiểm tra.")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"Không đọc được bản sao lưu {path.name}: {error}") from None
    return manifest


def _safe_member(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def restore(
    path: Path,
    *,
    database: dict[str, Any] | None = None,
    storage: Storage | None = None,
    progress: Progress = iter,
) -> Manifest:
    """Restore into an empty database and an empty media storage, after checking every checksum."""
    manifest = check_archive(path)
    database = database or connections["default"].settings_dict
    storage = storage or media_storage()
    if any(True for _ in walk(storage)):
        raise BackupError("Thư mục ảnh và tài liệu (media) không trống: chỉ khôi phục vào nơi trống.")
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as scratch:
        members = [member for member in archive.getmembers() if member.name.startswith("media/") and member.isfile()]
        for member in members:  # Every name is checked before anything is written.
            if not _safe_member(member.name.removeprefix("media/")):
                raise BackupError(f"Tên tệp không an toàn trong bản sao lưu: {member.name}")
        dump = Path(scratch) / "database"
        with open(dump, "wb") as handle:
            source = archive.extractfile(manifest.database_member)
            if source is None:
                raise BackupError("Bản sao lưu thiếu bản sao cơ sở dữ liệu.")
            shutil.copyfileobj(source, handle)
        load_database(dump, manifest.database_member, database)
        for member in progress(members):
            name = member.name.removeprefix("media/")
            source = archive.extractfile(member)
            if source is None:
                continue
            saved = storage.save(name, File(source))
            if saved != name:
                raise BackupError(f"Không ghi được {name} đúng tên (đã có tệp trùng tên).")
    return manifest


@dataclass
class VerifyReport:
    manifest: Manifest
    counts: dict[str, int]
    files: int
    mismatched_tables: list[str]

    @property
    def ok(self) -> bool:
        return not self.mismatched_tables


def verify(path: Path, progress: Progress = iter) -> VerifyReport:
    """Restore into a scratch database and folder, compare row counts and file checksums, then drop both."""
    manifest = check_archive(path)
    base = connections["default"].settings_dict
    with tempfile.TemporaryDirectory() as scratch:
        media = FileSystemStorage(location=Path(scratch) / "media")
        if manifest.database_member == "database.sqlite3":
            database = {**base, "ENGINE": "django.db.backends.sqlite3", "NAME": str(Path(scratch) / "verify.sqlite3")}
        else:
            database = {**base, "NAME": f"khanhhoa_verify_{uuid.uuid4().hex[:8]}"}
            _create_pg_database(base, database["NAME"])
        try:
            restore(path, database=database, storage=media, progress=progress)
            counts = database_counts(database)
            files = 0
            for name in walk(media):
                with media.open(name, "rb") as handle:
                    if _stream_sha256(handle) != manifest.checksums.get(f"media/{name}"):
                        raise BackupError(f"Tệp {name} khôi phục ra không khớp mã kiểm tra.")
                files += 1
        finally:
            if manifest.database_member == "database.pgdump":
                _drop_pg_database(base, database["NAME"])
    mismatched = sorted(
        table for table in set(counts) | set(manifest.counts) if counts.get(table) != manifest.counts.get(table)
    )
    return VerifyReport(manifest, counts, files, mismatched)


def _create_pg_database(base: dict[str, Any], name: str) -> None:
    args, env = _pg_env(base)
    _run(["createdb", *args, name], env)


def _drop_pg_database(base: dict[str, Any], name: str) -> None:
    args, env = _pg_env(base)
    # A scratch database left behind is named khanhhoa_verify_…; failing to drop it is not a failed check.
    with contextlib.suppress(BackupError):
        _run(["dropdb", "--if-exists", *args, name], env)
