"""Bulk article data for the benchmarks: the demo's texts, inserted directly (not a benchmark itself).

Wagtail's one-by-one page creation takes hours for 100,000 pages; here tree rows and article rows
are inserted in batches, which is what the benchmarks need to time reading, not writing.
"""

from __future__ import annotations

import datetime
import json
import random
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def demo_texts() -> list[tuple[str, str, str]]:
    """(title, summary, body) of every Vietnamese demo article."""
    texts = []
    for path in sorted((ROOT / "portal" / "demo" / "data" / "articles").glob("*.json")):
        for spec in json.loads(path.read_text(encoding="utf-8")):
            body = " ".join(
                block.get("text", "") if isinstance(block, dict) else str(block) for block in spec["vi"]["body"]
            )
            texts.append((spec["vi"]["title"], spec["vi"]["summary"], body))
    return texts


def bulk_articles(
    sections: list[Any],
    count: int,
    *,
    category_ids: list[int],
    seed: int = 2026,
    batch: int = 2000,
    progress: bool = True,
) -> list[int]:
    """``count`` live Vietnamese articles spread round-robin over ``sections``; returns their ids."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from tqdm import tqdm
    from wagtail.models import Locale, Page

    from portal.models import ArticlePage, SectionPage

    texts = demo_texts()
    rng = random.Random(seed)
    vi = Locale.objects.get(language_code="vi")
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    children = {section.pk: section.numchild for section in sections}
    table = ArticlePage._meta.db_table
    ids: list[int] = []
    for offset in tqdm(range(0, count, batch), desc="articles", unit_scale=batch, disable=not progress):
        pages, rows = [], []
        with transaction.atomic():
            for number in range(offset, min(offset + batch, count)):
                section = sections[number % len(sections)]
                children[section.pk] += 1
                title, summary, body = texts[rng.randrange(len(texts))]
                slug = f"tin-{number}"
                when = now - datetime.timedelta(minutes=number)
                pages.append(
                    Page(
                        title=f"{title} ({number})",
                        draft_title=f"{title} ({number})",
                        slug=slug,
                        path=SectionPage._get_path(section.path, section.depth + 1, children[section.pk]),
                        depth=section.depth + 1,
                        numchild=0,
                        url_path=f"{section.url_path}{slug}/",
                        content_type=content_type,
                        locale=vi,
                        live=True,
                        first_published_at=when,
                        last_published_at=when,
                    )
                )
                rows.append((summary, body, category_ids[number % len(category_ids)], when))
            Page.objects.bulk_create(pages)
            created = dict(Page.objects.filter(path__in=[page.path for page in pages]).values_list("path", "pk"))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {table} (page_ptr_id, category_id, summary, publication_date, body, author,"
                    " source, featured_image_caption, is_featured, substantive_update)"
                    " VALUES (%s, %s, %s, %s, %s, '', '', '', %s, %s)",
                    [
                        (
                            created[page.path],
                            category_id,
                            summary,
                            when,
                            json.dumps(
                                [{"type": "paragraph", "value": f"<p>{body}</p>", "id": f"b{created[page.path]}"}],
                                ensure_ascii=False,
                            ),
                            index % 7 == 0,
                            False,
                        )
                        for index, (page, (summary, body, category_id, when)) in enumerate(
                            zip(pages, rows, strict=True), start=offset
                        )
                    ],
                )
            ids.extend(created[page.path] for page in pages)
    for section in sections:
        Page.objects.filter(pk=section.pk).update(numchild=children[section.pk])
    return ids
