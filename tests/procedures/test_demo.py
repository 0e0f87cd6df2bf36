"""The demo procedures: imported from the CSV files through the importer, published, translated, idempotent."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from wagtail.models import Locale, Page, Revision

from portal.demo import extensions
from portal.demo.seed import DemoSeeder
from portal.procedures import importing
from portal.procedures.demo import DATA_DIR, FILES
from portal.procedures.models import ProcedurePage

pytestmark = pytest.mark.django_db


def visit(client, page, query: str = ""):
    parts = urlsplit(page.full_url)
    response = client.get(parts.path + query, HTTP_HOST=parts.netloc)
    assert response.status_code == 200, parts
    return response.content.decode()


@pytest.mark.parametrize("name", sorted(FILES.values()))
def test_the_demo_files_import_without_errors(name):
    parsed = importing.parse_path(DATA_DIR / name)
    assert parsed.ok and parsed.encoding == "UTF-8 (có BOM)"
    assert all(not row.errors and not row.warnings for row in parsed.rows), [row.errors for row in parsed.rows]


def test_demo_procedures_are_published_translated_and_seeded_once(client, monkeypatch):
    monkeypatch.setattr(extensions, "SEEDERS", ["portal.procedures.demo:seed"])
    DemoSeeder("localhost", 80, log=lambda message: None).run([])
    procedures = ProcedurePage.objects.filter(locale__language_code="vi")
    main_home = Page.objects.get(depth=2, slug="khanhhoa", locale__language_code="vi")
    district_home = Page.objects.get(depth=2, slug="nhatrang", locale__language_code="vi")
    assert procedures.descendant_of(main_home).count() == 12
    assert procedures.descendant_of(district_home).count() == 4
    assert not procedures.filter(live=False).exists() and not procedures.filter(has_unpublished_changes=True).exists()
    # The same national code on two portals.
    assert procedures.filter(national_code="1.001193").count() == 2

    page = procedures.descendant_of(main_home).get(national_code="2.000488")
    html = visit(client, page)
    assert "Sở Tư pháp tỉnh Khánh Hòa" in html and "dichvucong.khanhhoa.gov.vn" in html
    index = page.get_parent().specific
    listing = visit(client, index, "?q=ly+lich+tu+phap")
    assert "2.000488" in listing and "1.009972" not in listing
    english = page.get_translation(Locale.objects.get(language_code="en"))
    assert "judicial record certificate" in visit(client, english)
    russian = page.get_translation(Locale.objects.get(language_code="ru"))
    russian_html = visit(client, russian)
    assert "справки о судимости" in russian_html and "2.000488" in russian_html
    assert "Справки о судимости" in visit(client, russian.get_parent())  # the field's Russian name
    district_page = procedures.descendant_of(district_home).get(national_code="2.000720")
    assert "Phòng Tài chính - Kế hoạch thành phố Nha Trang" in visit(client, district_page)
    assert district_page.get_translation(Locale.objects.get(language_code="ru")).live

    counts = (Page.objects.count(), Revision.objects.count())
    DemoSeeder("localhost", 80, log=lambda message: None).run([])
    assert (Page.objects.count(), Revision.objects.count()) == counts
