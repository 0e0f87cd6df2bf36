"""Demo procedures: imported through the real importer from the CSV files in ``demo_data/``, then published.

The main portal lists provincial procedures, the Nha Trang sub-portal district and commune ones (the
same national code may appear on both: a code is unique per portal). A few are translated.
Seeding twice changes nothing: the second import finds every row unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from portal.demo import sites
from portal.translation import ensure_translation

from . import importing
from .models import ProcedureField, ProcedureIndexPage, ProcedurePage

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
SECTION_SLUG = "dich-vu-cong"
INDEX_SLUG = "thu-tuc-hanh-chinh"
FILES = {sites.MAIN_CODE: "khanhhoa.csv", "nhatrang": "nhatrang.csv"}


def load_texts() -> dict[str, Any]:
    return json.loads((DATA_DIR / "translations.json").read_text(encoding="utf-8"))


def seed(seeder: Any) -> None:
    texts = load_texts()
    for unit_code, file_name in FILES.items():
        index = ensure_index(seeder, unit_code, texts["index"])
        parsed = importing.parse_path(DATA_DIR / file_name)
        if not parsed.ok or any(row.errors for row in parsed.rows):
            problems = [*parsed.errors, *(f"{row.line}: {e}" for row in parsed.rows for e in row.errors)]
            raise ValueError(f"Tệp thủ tục mẫu {file_name} không hợp lệ: {'; '.join(problems)}")
        report = importing.run_import(parsed, index)
        for page in ProcedurePage.objects.child_of(index):
            if not page.live or page.has_unpublished_changes:
                page.get_latest_revision().publish()
        translate_procedures(seeder, index, texts["procedures"].get(unit_code, {}))
        seeder.log(f"Thủ tục hành chính ({unit_code}): {report.created} mới, {report.unchanged} không đổi.")
    name_fields(texts["fields"])


def ensure_index(seeder: Any, unit_code: str, titles: dict[str, list[str]]) -> ProcedureIndexPage:
    section = seeder.sections[(unit_code, SECTION_SLUG)]
    index = ProcedureIndexPage.objects.child_of(section).filter(slug=INDEX_SLUG).first()
    if index is None:
        index = ProcedureIndexPage(title=titles["vi"][0], slug=INDEX_SLUG, intro=titles["vi"][1])
        section.add_child(instance=index)
        index.save_revision().publish()
    for language in ("en", "ru"):
        title, intro = titles[language]
        ensure_translation(index, seeder.locales[language], title=title, intro=intro)
    return index


def translate_procedures(seeder: Any, index: ProcedureIndexPage, texts: dict[str, dict[str, Any]]) -> None:
    for code, languages in texts.items():
        page = ProcedurePage.objects.child_of(index).get(national_code=code)
        for language, fields in languages.items():
            values = {name: value for name, value in fields.items() if name != "papers"}
            if "papers" in fields:
                values["required_papers"] = [("paper", {"name": name, "copies": ""}) for name in fields["papers"]]
            ensure_translation(page, seeder.locales[language], **values)


def name_fields(names: dict[str, list[str]]) -> None:
    """English and Russian names of the fields the demo uses (the vocabulary keeps one column per language)."""
    for field in ProcedureField.objects.filter(name_vi__in=list(names)):
        english, russian = names[field.name_vi]
        if (field.name_en, field.name_ru) != (english, russian):
            field.name_en, field.name_ru = english, russian
            field.save()
