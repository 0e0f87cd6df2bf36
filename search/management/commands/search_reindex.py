"""``manage.py search_reindex``: build fresh Elasticsearch indexes (one per language) and swap the aliases.

Visitors keep searching the old index until the new one is complete; then one atomic alias update
switches them over and the old index is deleted. Needs ``ELASTICSEARCH_URL``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from search import elastic
from search.services import active_units, public_pages, searchable_models, unit_of, units_by_home_path


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
        units = active_units()
        quiet = options.get("verbosity", 1) < 1
        for code in [language] if language else elastic.LANGUAGES:
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None:
                continue
            index = elastic.build_index(code)
            index.create(using=es)
            homes = units_by_home_path(locale, units)
            documents = []
            for model in searchable_models():
                pages = public_pages(model, locale, homes).select_related("locale", "category")
                for page in tqdm(pages.iterator(chunk_size=500), total=pages.count(), desc=code, disable=quiet):
                    documents.append(elastic.document(page, getattr(unit_of(page, homes), "code", "")))
            actions = elastic.bulk_actions(index._name, documents)
            ok = sum(1 for success, _info in streaming_bulk(es, actions) if success)
            es.indices.refresh(index=index._name)
            for name in elastic.swap_alias(es, code, index._name):
                es.indices.delete(index=name, ignore_unavailable=True)
            alias = elastic.alias_name(code)
            self.stdout.write(self.style.SUCCESS(f"{code}: {ok} trang trong {index._name} (bí danh {alias})."))
