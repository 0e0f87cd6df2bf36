"""The demo projects and tenders: main portal and the Department of Health, translated, with PDFs, seeded once."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from wagtail.models import Locale, Page, Revision

from portal.demo import extensions
from portal.demo.seed import DemoSeeder
from portal.procurement.demo import DATA_FILE
from portal.procurement.enums import ProjectStatus
from portal.procurement.models import ProjectPage

pytestmark = pytest.mark.django_db


def visit(client, page, query: str = ""):
    parts = urlsplit(page.full_url)
    response = client.get(parts.path + query, HTTP_HOST=parts.netloc)
    assert response.status_code == 200, parts
    return response.content.decode()


def test_demo_projects_are_published_translated_and_seeded_once(client, monkeypatch):
    monkeypatch.setattr(extensions, "SEEDERS", ["portal.procurement.demo:seed"])
    DemoSeeder("localhost", 80, log=lambda message: None).run([])
    projects = ProjectPage.objects.filter(locale__language_code="vi")
    main_home = Page.objects.get(depth=2, slug="khanhhoa", locale__language_code="vi")
    health_home = Page.objects.get(depth=2, slug="syt", locale__language_code="vi")
    specs = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert projects.count() == len(specs) >= 8
    assert projects.descendant_of(main_home).count() == 6
    assert projects.descendant_of(health_home).count() == 3
    assert not projects.filter(live=False).exists()
    assert {project.kind for project in projects} == {"du-an", "ke-hoach", "goi-thau", "mua-sam"}

    tender = projects.get(slug="goi-thau-05-thiet-bi-y-te-ninh-hoa")
    assert tender.status == ProjectStatus.BIDDING and tender.bid_close_at > tender.bid_open_at
    html = visit(client, tender)
    assert "23.480.000.000 đ" in html and "IB2600021376" in html
    document = tender.documents.first().document
    assert document.url in html and document.file_extension == "pdf"
    listing = visit(client, tender.get_parent().specific, "?status=moi-thau")
    assert "Gói thầu số 05" in listing

    highway = projects.get(slug="cao-toc-khanh-hoa-buon-ma-thuot")
    russian = highway.get_translation(Locale.objects.get(language_code="ru"))
    russian_html = visit(client, russian)
    assert "Скоростная автодорога" in russian_html and "11\u00a0265\u00a0000\u00a0000\u00a0000\u00a0VND" in russian_html
    hospital = projects.get(slug="benh-vien-da-khoa-tinh-co-so-2")
    assert "Khánh Hòa General Hospital" in visit(
        client, hospital.get_translation(Locale.objects.get(language_code="en"))
    )

    counts = (Page.objects.count(), Revision.objects.count())
    DemoSeeder("localhost", 80, log=lambda message: None).run([])
    assert (Page.objects.count(), Revision.objects.count()) == counts
