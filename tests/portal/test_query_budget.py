"""Home, category, article, search and sub-portal home pages: the same number of queries with few or many."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models import Category
from tests.factories import ArticlePageFactory, make_articles

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    """Queries of a warm request: the first request creates image renditions and fills caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_articles(portal, count: int) -> None:
    """Every other article in "tin-tuc" (the fixture article's category), the rest spread over all."""
    categories = list(Category.objects.all())
    news = Category.objects.get(code="tin-tuc")
    for index in range(count):
        category = news if index % 2 == 0 else categories[index % len(categories)]
        ArticlePageFactory(parent=portal.section, category=category, is_featured=index % 3 == 0)


@pytest.mark.parametrize(
    "url",
    [
        "/vi/",
        "/en/",
        "/vi/chuyen-muc/tin-tuc/",
        "/vi/chuyen-muc/",
        "/vi/tin-tuc-su-kien/",
        "/vi/tin-tuc-su-kien/khanh-hoa-don-khach/",
    ],
)
def test_query_count_does_not_grow_with_articles(client, portal, url, with_images):
    add_articles(portal, 3)
    with_images(portal)
    small = count_queries(client, url)
    add_articles(portal, 40)
    with_images(portal)
    large = count_queries(client, url)
    assert large == small, f"{url}: {small} queries with few articles, {large} with many"


def test_related_articles_do_not_add_queries_per_article(client, portal, with_images):
    make_articles(portal.section, 2)
    with_images(portal)
    url = "/vi/tin-tuc-su-kien/khanh-hoa-don-khach/"
    few = count_queries(client, url)
    make_articles(portal.section, 8)
    with_images(portal)
    assert count_queries(client, url) == few


def test_search_page_query_count_does_not_grow_with_matches(client, portal, with_images):
    url = "/vi/tim-kiem/?q=kh%C3%A1nh+h%C3%B2a"
    ArticlePageFactory(parent=portal.section, title="Khánh Hòa mở đường bay mới")
    with_images(portal)
    small = count_queries(client, url)
    for index in range(30):
        ArticlePageFactory(parent=portal.section, title=f"Khánh Hòa tin số {index}")
    with_images(portal)
    response = client.get(url)
    assert "tin số" in response.content.decode()
    assert count_queries(client, url) == small


def test_subportal_home_query_count_does_not_grow_with_articles(client, portal, with_images):
    from subportals.enums import UnitKind
    from tests.factories import SectionPageFactory, home_of, make_unit

    unit = make_unit("soyte", UnitKind.DEPARTMENT)
    section = SectionPageFactory(parent=home_of(unit), title="Tin y tế", slug="tin-y-te")
    host = {"HTTP_HOST": "soyte.localhost"}

    def count() -> int:
        assert client.get("/vi/", **host).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/vi/", **host).status_code == 200
        return len(queries)

    ArticlePageFactory(parent=section, title="Tiêm chủng mở rộng")
    with_images(portal)
    small = count()
    for index in range(30):
        ArticlePageFactory(parent=section, title=f"Y tế cơ sở {index}", is_featured=index % 4 == 0)
    with_images(portal)
    assert count() == small
