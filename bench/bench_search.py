"""Search latency on the database backend with 100,000 articles, next to fetching one page by primary key.

    .venv/bin/python bench/bench_search.py [--articles 100000] [--runs 50] [--database-url URL]

Builds a throw-away database (a temporary SQLite file by default; pass an empty PostgreSQL
database's URL for PostgreSQL), creates the articles in bulk from the demo texts (tree rows and
article rows inserted directly: Wagtail's one-by-one page creation would take hours), builds the
search index with a progress bar, then times the search the visitor's page runs (query cleaning,
the exact-or-folded search, the first page of 10 with the exact-first ranking and snippets) for a
set of queries with and without diacritics: median and p95, and the ratio to
``ArticlePage.objects.get(pk=…)`` in the same run. Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = [
    "khanh hoa",
    "Khánh Hòa",
    "uy ban nhan dan",
    "Ủy ban nhân dân tỉnh",
    "du lich",
    "tiêm chủng",
    "giao thông nông thôn",
    "nha trang",
    "chuyển đổi số",
    "dau tu cong",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50, help="timed runs per query")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory(prefix="bench-search-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch.name}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["ELASTICSEARCH_URL"] = ""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from tqdm import tqdm
    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    from bench.corpus import bulk_articles
    from portal.models import ArticlePage, Category, SectionPage
    from search import services
    from search.query import clean_query
    from subportals.enums import UnitKind
    from subportals.provisioning import UnitSpec, provision_unit

    print(f"database: {connection.vendor}")
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"{'migrate':<44}{time.perf_counter() - start:9.1f} s")

    unit = provision_unit(UnitSpec("khanhhoa", UnitKind.MAIN, "Cổng tỉnh", "Province", "Провинция", "localhost"))
    home = unit.site.root_page.specific
    section = SectionPage(title="Tin tức", slug="tin-tuc")
    home.add_child(instance=section)
    vi = Locale.objects.get(language_code="vi")
    category = Category.objects.get(code="tin-tuc")
    rng = random.Random(2026)
    start = time.perf_counter()
    bulk_articles([section], args.articles, category_ids=[category.pk])
    print(f"{'create ' + format(args.articles, ',') + ' articles':<44}{time.perf_counter() - start:9.1f} s")

    backend = get_search_backend()
    start = time.perf_counter()
    pks = list(ArticlePage.objects.values_list("pk", flat=True))
    for offset in tqdm(range(0, len(pks), 1000), desc="index", unit_scale=1000):
        backend.add_bulk(ArticlePage, list(ArticlePage.objects.filter(pk__in=pks[offset : offset + 1000])))
    print(f"{'build search index':<44}{time.perf_counter() - start:9.1f} s")

    filters = services.Filters()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        clean = clean_query(QUERIES[0])
        with cProfile.Profile() as profile:
            results, homes = services.run(clean, vi, filters)
            results.count()
            services.hits_for(list(results[:10]), clean, homes)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(18)
    timings: list[float] = []
    for query in QUERIES:
        clean = clean_query(query)
        for _run in range(args.runs):
            began = time.perf_counter()
            results, homes = services.run(clean, vi, filters)
            total = results.count()
            pages = list(results[:10])
            services.hits_for(pages, clean, homes)
            timings.append(time.perf_counter() - began)
        print(f"  {query!r:<30} {total:>7} hits")
    lookups: list[float] = []
    for _run in range(args.runs * len(QUERIES)):
        pk = pks[rng.randrange(len(pks))]
        began = time.perf_counter()
        ArticlePage.objects.get(pk=pk)
        lookups.append(time.perf_counter() - began)
    median, p95 = statistics.median(timings), percentile(timings, 0.95)
    base = statistics.median(lookups)
    print(f"{'search median':<44}{median * 1000:9.1f} ms")
    print(f"{'search p95':<44}{p95 * 1000:9.1f} ms")
    print(f"{'get one page by pk (median)':<44}{base * 1000:9.3f} ms")
    print(f"{'ratio search median / pk lookup':<44}{median / base:9.0f} x")
    scratch.cleanup()


if __name__ == "__main__":
    main()
