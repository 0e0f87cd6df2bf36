"""The twelve categories are data with stable codes, and each has a paginated public listing."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db.models import ProtectedError

from portal.models import Category
from tests.factories import ArticlePageFactory, make_articles

pytestmark = pytest.mark.django_db

EXPECTED_CODES = [
    "gioi-thieu",
    "chinh-sach-hoat-dong",
    "to-chuc-bo-may",
    "van-ban-phap-luat",
    "thu-tuc-hanh-chinh",
    "pho-bien-phap-luat",
    "danh-ba",
    "du-an-dau-thau",
    "gop-y-hoi-dap",
    "du-lieu-thong-ke",
    "lien-ket",
    "tin-tuc",
]


def titles(response) -> list[str]:
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".article-list .card__title a")]


def test_migration_seeds_twelve_categories_in_three_languages():
    categories = list(Category.objects.all())
    assert [c.code for c in categories] == EXPECTED_CODES
    assert [c.number for c in categories] == list(range(1, 13))
    for category in categories:
        assert category.name_vi and category.name_en and category.name_ru


def test_category_name_follows_active_language():
    from django.utils import translation

    category = Category.objects.get(code="tin-tuc")
    with translation.override("ru"):
        assert category.name == "Новости и события"
    with translation.override("en"):
        assert category.name == "News and events"
    with translation.override("vi"):
        assert category.name == "Tin tức, sự kiện"


def test_category_in_use_cannot_be_deleted(portal):
    with pytest.raises(ProtectedError):
        Category.objects.get(code="tin-tuc").delete()


def test_category_listing_shows_only_its_articles(client, portal, settings):
    other = ArticlePageFactory(
        parent=portal.section, title="Quy hoạch tỉnh", category=Category.objects.get(code="pho-bien-phap-luat")
    )
    news = titles(client.get("/vi/chuyen-muc/tin-tuc/"))
    assert "Khánh Hòa đón khách quốc tế" in news and other.title not in news
    assert titles(client.get("/vi/chuyen-muc/pho-bien-phap-luat/")) == ["Quy hoạch tỉnh"]


def test_category_listing_is_per_language(client, portal):
    assert titles(client.get("/en/chuyen-muc/tin-tuc/")) == ["Khánh Hòa welcomes foreign visitors"]
    assert titles(client.get("/ru/chuyen-muc/tin-tuc/")) == []


def test_category_listing_paginates(client, portal, settings):
    settings.PORTAL_ARTICLES_PER_PAGE = 5
    make_articles(portal.section, 11)
    first = titles(client.get("/vi/chuyen-muc/tin-tuc/"))
    second = titles(client.get("/vi/chuyen-muc/tin-tuc/?page=2"))
    third = titles(client.get("/vi/chuyen-muc/tin-tuc/?page=3"))
    assert (len(first), len(second), len(third)) == (5, 5, 2)
    assert not set(first) & set(second)
    # Newest first.
    assert first[0] == "Khánh Hòa đón khách quốc tế" or first[0].startswith("Tỉnh Khánh Hòa")


@pytest.mark.parametrize("page", ["999", "-1", "abc", "1' OR '1'='1", "%00", "9" * 400])
def test_hostile_page_numbers_never_fail(client, portal, page):
    response = client.get("/vi/chuyen-muc/tin-tuc/", {"page": page})
    assert response.status_code == 200


@pytest.mark.parametrize("code", ["khong-co", "TIN-TUC", "a" * 300, "tin-tuc'--"])
def test_unknown_category_is_404(client, portal, code):
    assert client.get(f"/vi/chuyen-muc/{code}/").status_code == 404


def test_category_index_lists_all_twelve(client, portal):
    response = client.get("/en/chuyen-muc/")
    soup = BeautifulSoup(response.content, "html.parser")
    links = soup.select(".category-index a")
    assert len(links) == 12
    assert links[11]["href"] == "/en/chuyen-muc/tin-tuc/"
    assert links[11].get_text() == "News and events"


def test_home_shows_latest_news_per_category(client, portal):
    law = Category.objects.get(code="van-ban-phap-luat")
    ArticlePageFactory(parent=portal.section, title="Ban hành Quyết định 12/2026/QĐ-UBND", category=law)
    soup = BeautifulSoup(client.get("/vi/").content, "html.parser")
    blocks = {
        block.h2.get_text(strip=True): [a.get_text(strip=True) for a in block.select(".card__title a")]
        for block in soup.select(".category-block")
    }
    assert blocks["Văn bản quy phạm pháp luật"] == ["Ban hành Quyết định 12/2026/QĐ-UBND"]
    assert "Khánh Hòa đón khách quốc tế" in blocks["Tin tức, sự kiện"]
