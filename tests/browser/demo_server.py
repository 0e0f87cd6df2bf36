"""A real server with the demo portal, for the browser and crawler tests.

The suite's own database cannot serve a second process, so this builds the demo into a
throw-away SQLite file (migrate, then ``seed_demo`` with one article per site and translation
set, as ``tests/portal/test_seed_demo.py`` does) and runs ``manage.py runserver`` on a free port
of 127.0.0.1 with the development settings (static files served, page cache off).
"""

from __future__ import annotations

import fcntl
import json
import os
import pickle
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HOSTS = ("localhost", "stttt.localhost", "syt.localhost", "nhatrang.localhost")
LANGUAGES = ("vi", "en", "ru")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _subset(data_dir: Path, target: Path) -> Path:
    """One demo article per site and per set of translations: every page type, seeded in seconds."""
    sys.path.insert(0, str(ROOT))
    chosen: dict[tuple[str, bool, bool], dict] = {}
    for path in sorted(data_dir.glob("*.json")):
        for spec in json.loads(path.read_text(encoding="utf-8")):
            chosen.setdefault((spec["site"], bool(spec.get("en")), bool(spec.get("ru"))), spec)
    target.mkdir(parents=True, exist_ok=True)
    subset = sorted(chosen.values(), key=lambda spec: spec["key"])
    (target / "mau.json").write_text(json.dumps(subset, ensure_ascii=False), encoding="utf-8")
    return target


@dataclass
class DemoServer:
    port: int
    process: subprocess.Popen
    workdir: Path
    database_url: str = ""

    def url(self, path: str, host: str = "localhost") -> str:
        return f"http://{host}:{self.port}{path}"

    def fetch(self, path: str, host: str = "localhost") -> tuple[int, dict[str, str], bytes]:
        """GET through 127.0.0.1 with the site's Host header (sub-portal names need no resolver)."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers={"Host": f"{host}:{self.port}"})
        opener = urllib.request.build_opener(_NoRedirect())
        try:
            with opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        _drop_database(self.database_url)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # the crawler follows redirects itself
        return None


def _database_url(workdir: Path) -> str:
    """The suite's own engine: a fresh ``<name>_demo`` database on PostgreSQL, else a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{workdir / 'demo.sqlite3'}"
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    name = f"{name.split('?')[0]}_demo_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return f"{base}/{name}"


def _drop_database(url: str) -> None:
    if url.startswith("postgres"):
        import psycopg
        from psycopg import sql

        base, _, name = url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def start(workdir: Path) -> DemoServer:
    port = _free_port()
    database_url = _database_url(workdir)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(workdir / "media"),
        "PAGE_CACHE_ENABLED": "false",
        "ELASTICSEARCH_URL": "",
        "REDIS_URL": "",
        "PYTHONWARNINGS": "ignore",
    }
    env.pop("REDIS_URL")
    manage = [sys.executable, str(ROOT / "manage.py")]
    data = _subset(ROOT / "portal" / "demo" / "data" / "articles", workdir / "data")
    for command in (
        ["migrate", "--no-input", "-v0"],
        ["seed_demo", "--data-dir", str(data), "--port", str(port), "-v0"],
    ):
        result = subprocess.run([*manage, *command], env=env, cwd=ROOT, capture_output=True, text=True)
        if result.returncode:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env, cwd=ROOT, stdout=log, stderr=log
    )
    server = DemoServer(port=port, process=process, workdir=workdir, database_url=database_url)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if server.fetch("/healthz/")[0] in (200, 503):
                return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"the demo server did not start: {(workdir / 'server.log').read_text()[-2000:]}")


STATE = "demo-server.json"


@contextmanager
def _locked(folder: Path):
    """One process at a time (xdist workers share the run's temporary folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "demo-server.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared(folder: Path) -> DemoServer:
    """The run's demo server: started by the first process that asks, reused by the others."""
    with _locked(folder):
        state = folder / STATE
        if state.exists():
            data = json.loads(state.read_text())
            return DemoServer(
                port=data["port"], process=None, workdir=Path(data["workdir"]), database_url=data["database_url"]
            )
        server = start(folder / "demo")
        state.write_text(
            json.dumps(
                {
                    "port": server.port,
                    "pid": server.process.pid,
                    "workdir": str(server.workdir),
                    "database_url": server.database_url,
                }
            )
        )
        return server


def once(path: Path, compute: Callable[[], Any]) -> Any:
    """Compute a result once per run and share it between processes through a pickle file."""
    with _locked(path.parent):
        if path.exists():
            return pickle.loads(path.read_bytes())
        value = compute()
        path.write_bytes(pickle.dumps(value))
        return value


def stop_shared(folder: Path) -> None:
    """Called by the main pytest process at the end of the run (tests/conftest.py)."""
    state = folder / STATE
    if not state.exists():
        return
    data = json.loads(state.read_text())
    with suppress(ProcessLookupError):
        os.kill(data["pid"], signal.SIGTERM)
    time.sleep(0.5)
    _drop_database(data["database_url"])
    state.unlink()
