"""A yearly update-frequency report for 100 units and 500,000 recorded updates.

    .venv/bin/python bench/bench_compliance.py [--units 100] [--updates 500000] [--database-url URL]

Builds a throwaway database (a temporary SQLite file by default; pass an empty PostgreSQL
database's URL to time PostgreSQL), migrates it, creates the units and their updates spread over
2026, then times building the report, each file format and the dashboard, and counts queries.
Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(label: str, func: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = func()
    print(f"{label:<42}{time.perf_counter() - start:9.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--updates", type=int, default=500_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory(prefix="bench-compliance-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch.name}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from tqdm import tqdm
    from wagtail.models import Page, Site

    from editorial.compliance import exports
    from editorial.compliance.models import UpdateRecord
    from editorial.compliance.report import build_report, status_lines
    from editorial.compliance.rules import parse_period
    from subportals.models import Unit

    print(f"database: {connection.vendor} ({os.environ['DATABASE_URL'].split('@')[-1]})")
    timed("migrate", lambda: call_command("migrate", verbosity=0))
    root = Page.get_first_root_node()
    units = []
    for index in range(args.units):
        site = Site.objects.create(hostname=f"u{index}.bench.local", port=80, root_page=root)
        units.append(
            Unit.objects.create(
                code=f"u{index}",
                name_vi=f"Đơn vị thử {index}",
                site=site,
                kind="main" if index == 0 else "department",
                update_rule="working_daily" if index == 0 else "per_week",
                min_updates=1 if index == 0 else 2,
                monitoring_start=datetime.date(2025, 1, 1),
            )
        )
    rng = random.Random(2026)
    # One unit in five publishes rarely, so that the report has failing units to sort and list.
    weights = [0.005 if rng.random() < 0.2 else 1.0 for _unit in units]
    picks = rng.choices(range(len(units)), weights=weights, k=args.updates)
    start = timezone.make_aware(datetime.datetime(2026, 1, 1, 7))
    batch: list[UpdateRecord] = []
    for number in tqdm(range(args.updates), desc="updates", unit="rec", mininterval=1):
        moment = start + datetime.timedelta(minutes=rng.randrange(365 * 24 * 60))
        batch.append(
            UpdateRecord(
                unit=units[picks[number]],
                page_title=f"Tin {number}",
                language="vi",
                kind="first",
                went_live_at=moment,
                live_date=timezone.localtime(moment).date(),
            )
        )
        if len(batch) == 20_000:
            UpdateRecord.objects.bulk_create(batch)
            batch.clear()
    UpdateRecord.objects.bulk_create(batch)
    print(f"units: {Unit.objects.count()}, updates: {UpdateRecord.objects.count():,}")

    period = parse_period("2026")
    today = datetime.date(2027, 1, 15)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        report = timed("build_report (year 2026)", lambda: build_report(period, today=today))
    print(f"{'queries for the report':<42}{len(queries):9d}")
    print(f"{'failing units':<42}{len(report.failing):9d}")
    for fmt in ("csv", "xlsx", "pdf"):
        content = timed(f"render {fmt}", lambda fmt=fmt: exports.render(report, fmt))
        print(f"{'  size':<42}{len(content):9,d} B")
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        timed("dashboard (12 months, all units)", lambda: status_lines(today=datetime.date(2026, 12, 31)))
    print(f"{'queries for the dashboard':<42}{len(queries):9d}")
    scratch.cleanup()


if __name__ == "__main__":
    main()
