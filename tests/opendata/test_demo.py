"""The demo datasets: real files that preview and chart, in two portals and three languages, seeded once."""

from __future__ import annotations

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from portal.opendata.demo import seed
from portal.opendata.models import DatasetPage
from portal.opendata.services import detail_context
from tests.opendata.factories import demo_seeder

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (Page.objects.count(), Revision.objects.count(), get_document_model().objects.count())


def test_demo_datasets(client):
    seeder = demo_seeder()
    seed(seeder)
    first = counts()
    seed(seeder)
    assert counts() == first, "seeding twice must change nothing"

    vi = DatasetPage.objects.filter(locale__language_code="vi")
    assert vi.count() == 7
    assert vi.filter(path__startswith=seeder.homes["syt"].path).count() == 1
    formats = {resource.file_format for page in vi for resource in page.resources.all()}
    assert formats == {"csv", "xlsx"}
    for dataset in vi:
        context = detail_context(dataset)
        assert context["preview"].ok, (dataset.slug, context["preview"].error)
        assert context["chart"] is not None, (dataset.slug, context.get("chart_message"))
    assert DatasetPage.objects.filter(locale__language_code="en").count() == 4
    assert DatasetPage.objects.filter(locale__language_code="ru").count() == 3

    html = client.get("/vi/du-lieu-thong-ke/du-lieu-mo/").content.decode()
    assert "Dân số trung bình phân theo huyện" in html and "6 bộ dữ liệu" in html
    page = client.get("/vi/du-lieu-thong-ke/du-lieu-mo/san-luong-thuy-san-2024/").content.decode()
    assert "Thị xã Ninh Hòa" in page and "TCVN3" in page
    english = client.get("/en/du-lieu-thong-ke/du-lieu-mo/dan-so-theo-huyen-2024/").content.decode()
    assert "Average population by district, 2024" in english and "Data table (CSV)" in english
    russian = client.get("/ru/du-lieu-thong-ke/du-lieu-mo/co-so-kham-chua-benh-2024/", HTTP_HOST="syt.localhost")
    assert russian.status_code == 200 and "Медицинские учреждения" in russian.content.decode()
