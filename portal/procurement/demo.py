"""Demo projects and tenders of the main portal and the Department of Health, from ``demo_data/projects.json``.

Tender dates are set from the day of seeding, so the open tenders are open when the demo is shown.
A project that exists (by its slug) is left as it is: seeding twice changes nothing.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from portal.demo import sites
from portal.translation import ensure_translation

from .models import ProjectDocument, ProjectIndexPage, ProjectPage

DATA_FILE = Path(__file__).resolve().parent / "demo_data" / "projects.json"
SECTION_SLUG = "dau-tu-du-an"
INDEX_SLUG = "du-an-dau-thau"
INDEX_TEXT = {
    "vi": (
        "Dự án, đầu tư, đấu thầu",
        "<p>Dự án đầu tư công, kế hoạch lựa chọn nhà thầu, gói thầu và mua sắm công.</p>",
    ),
    "en": (
        "Projects and tenders",
        "<p>Public investment projects, contractor selection plans, tenders and purchases.</p>",
    ),
    "ru": (
        "Проекты и торги",
        "<p>Проекты государственных инвестиций, планы выбора подрядчиков, тендеры и закупки.</p>",
    ),
}
TRANSLATED_FIELDS = ("title", "summary", "investor", "location")


def seed(seeder: Any) -> None:
    specs = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for spec in specs:
        unit_code = sites.MAIN_CODE if spec["site"] == "khanhhoa" else spec["site"]
        index = ensure_index(seeder, unit_code)
        page = ensure_project(seeder, index, spec)
        for language in ("en", "ru"):
            if language in spec:
                fields = {name: spec[language][name] for name in TRANSLATED_FIELDS if name in spec[language]}
                ensure_translation(page, seeder.locales[language], **fields)


def ensure_index(seeder: Any, unit_code: str) -> ProjectIndexPage:
    section = seeder.sections[(unit_code, SECTION_SLUG)]
    index = ProjectIndexPage.objects.child_of(section).filter(slug=INDEX_SLUG).first()
    if index is None:
        title, intro = INDEX_TEXT["vi"]
        index = ProjectIndexPage(title=title, slug=INDEX_SLUG, intro=intro)
        section.add_child(instance=index)
        index.save_revision().publish()
    for language in ("en", "ru"):
        title, intro = INDEX_TEXT[language]
        ensure_translation(index, seeder.locales[language], title=title, intro=intro)
    return index


def _at(seeder: Any, days: int, hour: int) -> datetime.datetime:
    day = timezone.localtime(seeder.now).date() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _datetime(text: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


def ensure_project(seeder: Any, index: ProjectIndexPage, spec: dict[str, Any]) -> ProjectPage:
    page = ProjectPage.objects.child_of(index).filter(slug=spec["key"]).first()
    if page is not None:
        return page
    vi = spec["vi"]
    page = ProjectPage(
        title=vi["title"],
        slug=spec["key"],
        summary=vi["summary"],
        investor=vi["investor"],
        location=vi.get("location", ""),
        description=vi.get("description", ""),
        kind=spec["kind"],
        status=spec["status"],
        sector=spec["sector"],
        value_vnd=spec.get("value_vnd"),
        funding_source=spec["funding_source"],
        start_date=datetime.date.fromisoformat(spec["start_date"]) if "start_date" in spec else None,
        end_date=datetime.date.fromisoformat(spec["end_date"]) if "end_date" in spec else None,
        egp_number=spec.get("egp_number", ""),
        egp_url=spec.get("egp_url", ""),
        publication_date=seeder.now - datetime.timedelta(days=spec["days_ago"]),
    )
    if "bid_open_days" in spec:
        page.bid_open_at = _at(seeder, spec["bid_open_days"], 8)
        page.bid_close_at = _at(seeder, spec["bid_close_days"], 9)
    elif "bid_open" in spec:
        page.bid_open_at, page.bid_close_at = _datetime(spec["bid_open"]), _datetime(spec["bid_close"])
    index.add_child(instance=page)
    for order, document in enumerate(spec.get("documents", [])):
        ProjectDocument.objects.create(page=page, document=_pdf(seeder, index, document), sort_order=order)
    page.save_revision().publish()
    return page


def _pdf(seeder: Any, index: ProjectIndexPage, spec: dict[str, Any]) -> Any:
    """A small PDF of the decision or notice, in the unit's collection (found again on a second run)."""
    from editorial.documents import AdministrativeDocument, Signature, render_pdf
    from subportals.permissions import unit_of_page

    Document = get_document_model()
    unit = unit_of_page(index)
    collection = unit.collection if unit is not None else None
    existing = Document.objects.filter(title=spec["title"], collection=collection).first()
    if existing is not None:
        return existing
    if "date_days" in spec:
        date = timezone.localtime(seeder.now).date() + datetime.timedelta(days=spec["date_days"])
    else:
        date = datetime.date.fromisoformat(spec["date"])
    issuer = unit.name_vi.upper() if unit is not None and not unit.is_main else "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"
    data = render_pdf(
        AdministrativeDocument(
            issuer_parent="" if unit is None or unit.is_main else "UBND TỈNH KHÁNH HÒA",
            issuer=issuer,
            number=spec["number"],
            place="Khánh Hòa",
            date=date,
            kind=spec["kind"],
            title=spec["title"],
            body=[
                spec["title"] + ".",
                "Tài liệu mẫu của bản trình diễn Cổng thông tin điện tử tỉnh Khánh Hòa; nội dung chỉ để minh họa.",
            ],
            signatures=[Signature(title="THỦ TRƯỞNG ĐƠN VỊ", name="", note="(Đã ký)")],
        )
    )
    document = Document(title=spec["title"], collection=collection)
    document.file = ContentFile(data, name=f"{spec['file']}.pdf")
    document._set_document_file_metadata()
    document.save()
    return document
