"""Every page type renders in every language, with the right lang, title, meta and links."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

LANGUAGES = ["vi", "en", "ru"]


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_renders_in_every_language(client, portal, language):
    soup = soup_of(client.get(f"/{language}/"))
    assert soup.html["lang"] == language
    assert soup.find("meta", attrs={"name": "description"})["content"]
    assert soup.find("meta", property="og:locale")["content"].startswith(language)
    # The emblem area and the footer lines a state portal must carry.
    assert soup.select_one(".brand__emblem")["alt"]
    assert soup.select_one(".site-footer__facts")


@pytest.mark.parametrize("language", LANGUAGES)
def test_section_page_renders_in_every_language(client, portal, language):
    soup = soup_of(client.get(f"/{language}/tin-tuc-su-kien/"))
    assert soup.html["lang"] == language
    expected = {"vi": "Tin tức - Sự kiện", "en": "News and events", "ru": "Новости и события"}[language]
    assert soup.h1.get_text(strip=True) == expected


def test_article_page_renders_all_blocks(client, portal):
    soup = soup_of(client.get("/vi/tin-tuc-su-kien/khanh-hoa-don-khach/"))
    assert soup.h1.get_text(strip=True) == "Khánh Hòa đón khách quốc tế"
    assert soup.title.get_text().startswith("Khánh Hòa đón khách quốc tế – ")
    assert soup.find("meta", property="og:type")["content"] == "article"
    body = soup.select_one(".article__body")
    assert body.find("h2").get_text() == "Kết quả nổi bật"
    assert body.find("blockquote")
    assert [th.get_text() for th in body.select("thead th")] == ["Chỉ tiêu", "Kết quả"]
    assert "Minh Châu" in soup.select_one(".article__byline").get_text()
    crumbs = [a.get_text() for a in soup.select(".breadcrumbs a")]
    assert crumbs == ["Trang chủ", "Tin tức - Sự kiện"]


def test_translated_article_renders_in_english(client, portal):
    soup = soup_of(client.get("/en/tin-tuc-su-kien/khanh-hoa-don-khach/"))
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == "Khánh Hòa welcomes foreign visitors"
    hreflangs = {link["hreflang"] for link in soup.find_all("link", rel="alternate")}
    assert hreflangs == {"vi", "en"}


def test_article_missing_in_a_language_is_404(client, portal):
    response = client.get("/ru/tin-tuc-su-kien/khanh-hoa-don-khach/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode() or "не найдена" in response.content.decode().lower()


def test_article_date_uses_each_languages_format(client, portal):
    date = portal.article.publication_date
    from django.utils import timezone

    local = timezone.localtime(date)
    vi = soup_of(client.get("/vi/tin-tuc-su-kien/khanh-hoa-don-khach/")).select_one(".article__meta time").get_text()
    assert vi == local.strftime("%H:%M %d/%m/%Y")
    en = soup_of(client.get("/en/tin-tuc-su-kien/khanh-hoa-don-khach/")).select_one(".article__meta time").get_text()
    assert str(local.year) in en and local.strftime("%B") in en


def test_unpublished_article_is_not_public(client, portal):
    portal.article.unpublish()
    assert client.get("/vi/tin-tuc-su-kien/khanh-hoa-don-khach/").status_code == 404
    soup = soup_of(client.get("/vi/tin-tuc-su-kien/"))
    assert "Khánh Hòa đón khách quốc tế" not in soup.get_text()


def test_extra_path_after_article_is_404(client, portal):
    assert client.get("/vi/tin-tuc-su-kien/khanh-hoa-don-khach/extra/").status_code == 404


def test_root_redirects_by_accept_language(client, portal):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")["Location"] == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.8")["Location"] == "/vi/"
    assert client.get("/")["Location"] == "/vi/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="x" * 5000)["Location"] == "/vi/"


def test_admin_is_reachable(client, portal):
    response = client.get("/admin/login/")
    assert response.status_code == 200


@pytest.fixture
def fully_translated(portal):
    from tests.factories import translate

    translate(portal.article, "ru", title="Кханьхоа принимает иностранных туристов", summary="Туристы возвращаются.")
    return portal


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("vi", "Khánh Hòa đón khách quốc tế"),
        ("en", "Khánh Hòa welcomes foreign visitors"),
        ("ru", "Кханьхоа принимает иностранных туристов"),
    ],
)
def test_article_renders_in_every_language(client, fully_translated, language, title):
    soup = soup_of(client.get(f"/{language}/tin-tuc-su-kien/khanh-hoa-don-khach/"))
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == title
    # Synchronised fields stay the same in every language.
    assert soup.select_one(".article__category a")["href"] == f"/{language}/chuyen-muc/tin-tuc/"
    assert soup.select_one(".article__byline").get_text(strip=True) == "Minh Châu"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", ["chuyen-muc/", "chuyen-muc/tin-tuc/"])
def test_category_pages_render_in_every_language(client, fully_translated, language, path):
    soup = soup_of(client.get(f"/{language}/{path}"))
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True)
    assert soup.select(".breadcrumbs a")
