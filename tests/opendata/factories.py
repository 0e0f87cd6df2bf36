"""Datasets for tests: real CSV/XLSX bytes stored as Wagtail documents, index and dataset pages."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

from django.core.files.base import ContentFile
from openpyxl import Workbook
from wagtail.documents import get_document_model

from editorial.tcvn6909 import encode
from portal.opendata.models import DatasetIndexPage, DatasetPage, DatasetResource

POPULATION_ROWS = [
    ["Đơn vị hành chính", "Diện tích (km²)", "Dân số trung bình (người)"],
    ["Thành phố Nha Trang", "254,6", "435.100"],
    ["Thành phố Cam Ranh", "327,5", "131.900"],
    ["Thị xã Ninh Hòa", "1.196,8", "246.800"],
    ["Huyện Vạn Ninh", "557,3", "137.600"],
    ["Huyện Diên Khánh", "337,0", "147.900"],
    ["Huyện Khánh Vĩnh", "1.165,2", "40.300"],
]


def csv_text(rows: list[list[str]], delimiter: str = ";") -> str:
    return "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"


def csv_bytes(rows: list[list[str]] = POPULATION_ROWS, delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    text = csv_text(rows, delimiter)
    if encoding in ("tcvn3", "vni"):
        return encode(text, encoding).encode("latin-1")
    return text.encode(encoding)


def xlsx_bytes(rows: list[list[Any]], *, formulas: dict[str, str] | None = None, title_rows: int = 0) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    for index in range(title_rows):
        sheet.append([f"BẢNG {index + 1}: SỐ LIỆU THỐNG KÊ"])
    for row in rows:
        sheet.append(row)
    for cell, formula in (formulas or {}).items():
        sheet[cell] = formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb_xlsx(size: int = 8 * 1024 * 1024) -> bytes:
    """An "xlsx" whose sheet unpacks to megabytes of zeros (compression ratio about 1000:1)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b"0" * (1024 * 1024)
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def make_document(data: bytes, name: str, collection: Any = None, title: str | None = None) -> Any:
    """A Wagtail document holding ``data``, stored as the admin stores it (size and hash set)."""
    Document = get_document_model()
    document = Document(title=title or name, collection=collection) if collection else Document(title=title or name)
    document.file = ContentFile(data, name=name)
    document._set_document_file_metadata()
    document.save()
    return document


def make_index(parent: Any, title: str = "Dữ liệu mở", slug: str = "du-lieu-mo") -> DatasetIndexPage:
    index = DatasetIndexPage(title=title, slug=slug)
    parent.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_dataset(index: DatasetIndexPage, documents: list[Any] = (), **fields: Any) -> DatasetPage:
    defaults = {
        "title": "Dân số trung bình theo huyện năm 2024",
        "slug": "dan-so-theo-huyen-2024",
        "summary": "Dân số trung bình của 9 huyện, thị xã, thành phố tỉnh Khánh Hòa năm 2024.",
        "publisher": "Cục Thống kê tỉnh Khánh Hòa",
        "topic": "dan-so-lao-dong",
        "updated_on": datetime.date(2025, 3, 15),
        "period_start": datetime.date(2024, 1, 1),
        "period_end": datetime.date(2024, 12, 31),
        "chart_kind": "bar",
        "chart_label_column": 1,
        "chart_value_column": 3,
    }
    defaults.update(fields)
    dataset = DatasetPage(**defaults)
    for number, document in enumerate(documents, start=1):
        dataset.resources.add(DatasetResource(title=f"Tệp số {number}", document=document))
    index.add_child(instance=dataset)
    dataset.save_revision().publish()
    return dataset


def localize(page: Any, language: str, strings: dict[str, str]) -> Any:
    """Translate ``page`` as a translator does in wagtail-localize: source, strings, then save the target.

    ``strings`` maps source text to its translation; untranslated strings fall back to the source.
    Calling it again after the source changed synchronises the translation (settings follow the source).
    """
    from django.test import TestCase
    from wagtail.models import Locale
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    locale = Locale.objects.get(language_code=language)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    source.update_from_db()
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = strings.get(segment.string.data)
        if text is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": "manual"},
            )
    # wagtail-localize publishes on commit; the test's transaction never commits, so run the callbacks now.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)
    return page.get_translation(locale).specific


def demo_seeder(now: datetime.datetime | None = None) -> Any:
    """The demo's units, home pages and sections, as ``seed_demo`` leaves them before the extensions run."""
    from django.utils import timezone

    from portal.demo import sites
    from portal.demo.seed import DemoSeeder
    from portal.models import Category
    from portal.translation import ensure_locales
    from subportals.provisioning import provision_unit

    seeder = DemoSeeder(domain="localhost", port=80, now=now or timezone.now(), log=lambda _message: None)
    seeder.locales = ensure_locales()
    seeder.categories = {category.code: category for category in Category.objects.all()}
    for spec in sites.unit_specs("localhost", 80):
        unit = provision_unit(spec)
        seeder.homes[unit.code] = unit.site.root_page.specific
    seeder._sections()
    return seeder
