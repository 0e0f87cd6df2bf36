"""``manage.py search_reindex``: build fresh Elasticsearch indexes (one per language) and swap the aliases.

Visitors keep searching the old index until the new one is complete; then one atomic alias update
switches them over and the old index is deleted. While the new index is built, publications,
unpublications and restrictions go to the old one (through the alias): right before the swap the
command brings the new index up to date with them (``search.indexing.catch_up``). Needs
``ELASTICSEARCH_URL``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from search import elastic, indexing
from search.services import searchable_models


class Command(BaseCommand):
    help = "Dựng lại chỉ mục Elasticsearch cho từng ngôn ngữ rồi chuyển bí danh (không gián đoạn tìm kiếm)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--language", choices=elastic.LANGUAGES, help="Chỉ một ngôn ngữ.")

    def handle(self, *args: Any, language: str | None, **options: Any) -> None:
        if not elastic.enabled():
            raise CommandError("Chưa cấu hình ELASTICSEARCH_URL: cổng đang dùng tìm kiếm trong cơ sở dữ liệu.")
        from elasticsearch.helpers import streaming_bulk
        from wagtail.models import Locale

        es = elastic.client()
        quiet = options.get("verbosity", 1) < 1
        for code in [language] if language else elastic.LANGUAGES:
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None:
                continue
            index = elastic.build_index(code)
            index.create(using=es)
            # A little earlier than now: a publication whose transaction is still open is caught up too.
            started = timezone.now() - indexing.CATCH_UP_MARGIN
            homes = indexing.current_homes(locale)
            documents = []
            for model in searchable_models():
                pages = indexing.model_pages(model, locale, homes)
                bar = tqdm(pages.iterator(chunk_size=indexing.CHUNK), total=pages.count(), desc=code, disable=quiet)
                documents += indexing.documents(bar, homes)
            actions = elastic.bulk_actions(index._name, documents)
            ok = sum(1 for success, _info in streaming_bulk(es, actions) if success)
            # Pages published, unpublished or restricted during the build went to the old index.
            changes = indexing.catch_up(locale, {doc["page_id"] for doc in documents}, started)
            elastic.apply(es, changes, index._name)
            es.indices.refresh(index=index._name)
            for name in elastic.swap_alias(es, code, index._name):
                es.indices.delete(index=name, ignore_unavailable=True)
            alias = elastic.alias_name(code)
            self.stdout.write(
                self.style.SUCCESS(
                    f"{code}: {ok} trang trong {index._name} (bí danh {alias}); "
                    f"cập nhật trong lúc dựng: {len(changes.documents)} ghi lại, {len(changes.drop)} bỏ."
                )
            )
