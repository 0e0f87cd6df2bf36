"""Requests per second and latency of public pages under load, cached and uncached, next to a trivial view.

    .venv/bin/python bench/bench_load.py [--articles 100000] [--subportals 40] [--duration 10]
        [--connections 16] [--workers 2] [--database-url URL] [--rebuild]

Builds (once; ``--rebuild`` starts again) a PostgreSQL database with the main portal and
``--subportals`` sub-portals and ``--articles`` articles of the demo's texts spread over them and
over the 12 categories, then serves it with gunicorn on 127.0.0.1 and loads it with wrk:
- with the page cache off: the home, a category and 200 different articles rendered every time;
- with the page cache on (Redis when it answers on 127.0.0.1:6379, else each worker's memory):
  the same pages, all warmed first.
Each run also loads the trivial view before and after the pages; the better of the two is the
ceiling. Prints requests/s, p50 and p99 per case and its share of that ceiling. Figures only:
nothing is asserted; a missing wrk or PostgreSQL skips with a message.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/khanhhoa_bench"
ARTICLE_SAMPLE = 200


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_database(url: str, *, rebuild: bool) -> None:
    """Create the benchmark's database (dropped first with ``--rebuild``)."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def build(articles: int, subportals: int) -> list[str]:
    """Migrate and fill the database unless it already holds the data; return article paths to load."""
    from django.core.management import call_command
    from django.db import connection
    from tqdm import tqdm

    from bench.corpus import bulk_articles
    from portal.models import ArticlePage, Category, SectionPage
    from subportals.enums import UnitKind
    from subportals.models import Unit
    from subportals.provisioning import UnitSpec, provision_unit

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"{'migrate':<48}{time.perf_counter() - started:9.1f} s")
    have = ArticlePage.objects.count()
    if have < articles:
        if have:
            raise SystemExit(f"{have} articles already there, fewer than {articles}: run again with --rebuild")
        started = time.perf_counter()
        specs = [UnitSpec("khanhhoa", UnitKind.MAIN, "Cổng tỉnh Khánh Hòa", "Khanh Hoa", "Кханьхоа", "127.0.0.1")]
        specs += [
            UnitSpec(
                f"donvi{number:02d}",
                UnitKind.DEPARTMENT,
                f"Sở số {number}",
                f"Dept {number}",
                f"Деп {number}",
                f"donvi{number:02d}.localhost",
            )
            for number in range(1, subportals + 1)
        ]
        sections = []
        for spec in tqdm(specs, desc="sites", unit="site"):
            home = provision_unit(spec).site.root_page.specific
            section = SectionPage(title="Tin tức", slug="tin-tuc")
            home.add_child(instance=section)
            sections.append(section)
        print(f"{'provision ' + str(len(specs)) + ' sites':<48}{time.perf_counter() - started:9.1f} s")
        started = time.perf_counter()
        bulk_articles(sections, articles, category_ids=list(Category.objects.values_list("pk", flat=True)))
        print(f"{'create ' + format(articles, ',') + ' articles':<48}{time.perf_counter() - started:9.1f} s")
    with connection.cursor() as cursor:  # settle the bulk insert (and any earlier run) before timing
        cursor.execute("VACUUM ANALYZE")
    main_home = Unit.objects.get(kind=UnitKind.MAIN).site.root_page
    paths = (
        ArticlePage.objects.filter(path__startswith=main_home.path).order_by("-pk").values_list("url_path", flat=True)
    )
    # url_path starts with the home's slug; the public URL is the language prefix plus the rest.
    home_prefix = main_home.url_path
    print(f"{'articles / sub-portals':<48}{ArticlePage.objects.count():>9,} / {Unit.objects.count() - 1}")
    return ["/vi/" + path[len(home_prefix) :] for path in paths[:ARTICLE_SAMPLE]]


class Server:
    """gunicorn on a free port of 127.0.0.1 with the benchmark's settings."""

    def __init__(self, env: dict[str, str], workers: int) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "gthread",
                "--threads",
                "2",
                "--log-level",
                "warning",
                "--chdir",
                str(ROOT),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/bench/trivial/", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not answer within 60 s")

    def get(self, path: str) -> int:
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            response.read()
            return response.status

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def wrk(base: str, paths: list[str], duration: int, connections: int, scratch: Path) -> dict[str, float]:
    """Run wrk over these paths in turn; requests/s, p50 and p99 in ms, and failed requests."""
    script = scratch / f"paths-{uuid.uuid4().hex}.lua"
    listed = ", ".join('"' + path.replace('"', '\\"') + '"' for path in paths)
    script.write_text(
        f"local paths = {{{listed}}}\nlocal i = 0\n"
        'request = function()\n  i = i + 1\n  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n',
        encoding="utf-8",
    )
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "-s", str(script), base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(percent: str) -> float:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")

    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*", output)
    return {
        "rps": float(rate.group(1)) if rate else 0.0,
        "p50": latency("50"),
        "p99": latency("99"),
        "failed": float(errors.group(1)) if errors else 0.0,
        "socket": socket_errors.group(0) if socket_errors else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--subportals", type=int, default=40)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per case")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (2 threads each)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    if shutil.which("wrk") is None:
        print("skipped: wrk is not installed (Debian: apt-get install wrk)")
        return
    if not args.database_url.startswith("postgres") or not reachable("127.0.0.1", 5432):
        print(f"skipped: PostgreSQL is needed ({args.database_url})")
        return
    ensure_database(args.database_url, rebuild=args.rebuild)
    redis = reachable("127.0.0.1", 6379)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": args.database_url,
        "ELASTICSEARCH_URL": "",
        "CACHE_KEY_PREFIX": f"bench-{uuid.uuid4().hex[:8]}",
        "PYTHONPATH": str(ROOT),
    }
    if redis:
        env["REDIS_URL"] = "redis://127.0.0.1:6379/14"
    else:
        env.pop("REDIS_URL", None)
    os.environ.update({key: value for key, value in env.items() if key != "PYTHONPATH"})
    if not redis:
        os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.db import connections

    print(f"database: PostgreSQL {args.database_url}; cache: {'Redis' if redis else 'local memory per worker'}")
    articles = build(args.articles, args.subportals)
    connections.close_all()
    pages = {
        "home": ["/vi/"],
        "category": ["/vi/chuyen-muc/tin-tuc/"],
        "article": articles,
    }
    results: list[tuple[str, dict[str, float], float]] = []
    with tempfile.TemporaryDirectory(prefix="bench-load-") as scratch:
        for cached in (False, True):
            server = Server({**env, "PAGE_CACHE_ENABLED": "true" if cached else "false"}, args.workers)
            try:
                label = "cached" if cached else "uncached"
                for paths in pages.values():  # warm: the cache, the workers' imports and connections
                    for path in paths:
                        server.get(path)
                wrk(server.base, ["/bench/trivial/"], 2, args.connections, Path(scratch))  # discarded
                # The ceiling is measured before and after the pages; the better of the two counts
                # (a single run on a shared 2-core machine varies by a factor of two).
                before = wrk(server.base, ["/bench/trivial/"], args.duration, args.connections, Path(scratch))
                measured = [
                    (f"{name} {label}", wrk(server.base, paths, args.duration, args.connections, Path(scratch)))
                    for name, paths in pages.items()
                ]
                after = wrk(server.base, ["/bench/trivial/"], args.duration, args.connections, Path(scratch))
                ceiling = max(before["rps"], after["rps"])
                results.append((f"trivial view, {label} run, before", before, ceiling))
                results.append((f"trivial view, {label} run, after", after, ceiling))
                results.extend((name, figures, ceiling) for name, figures in measured)
            finally:
                server.stop()
    print(f"\n{'case':<36}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'of trivial':>12}{'failed':>8}")
    for name, figures, ceiling in results:
        share = figures["rps"] / ceiling * 100 if ceiling else 0.0
        print(
            f"{name:<36}{figures['rps']:>10.0f}{figures['p50']:>10.2f}{figures['p99']:>10.2f}"
            f"{share:>11.0f}%{int(figures['failed']):>8}"
        )
        if figures["socket"]:
            print(f"{'':<36}{figures['socket']}")
    print(
        f"\n{args.workers} gunicorn workers × 2 threads, wrk 1 thread × {args.connections} connections, "
        f"{args.duration} s per case; {len(articles)} different articles in the article cases"
    )


if __name__ == "__main__":
    main()
