"""The language switcher goes to the same page's translation, else to that language's home."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def switcher_links(client, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {a["lang"]: a["href"] for a in soup.select(".lang-switcher a")}


def test_switcher_links_to_translation_when_it_exists(client, portal):
    links = switcher_links(client, "/vi/tin-tuc-su-kien/khanh-hoa-don-khach/")
    assert links["vi"] == "/vi/tin-tuc-su-kien/khanh-hoa-don-khach/"
    assert links["en"] == "/en/tin-tuc-su-kien/khanh-hoa-don-khach/"


def test_switcher_falls_back_to_home_without_translation(client, portal):
    links = switcher_links(client, "/vi/tin-tuc-su-kien/khanh-hoa-don-khach/")
    assert links["ru"] == "/ru/"


def test_switcher_ignores_draft_translations(client, portal):
    english = portal.article.get_translation(portal.article.locale.__class__.objects.get(language_code="en"))
    english.unpublish()
    links = switcher_links(client, "/vi/tin-tuc-su-kien/khanh-hoa-don-khach/")
    assert links["en"] == "/en/"


def test_switcher_marks_current_language(client, portal):
    response = client.get("/en/")
    soup = BeautifulSoup(response.content, "html.parser")
    current = soup.select('.lang-switcher a[aria-current="true"]')
    assert [a["lang"] for a in current] == ["en"]


def test_switcher_keeps_category_route(client, portal):
    links = switcher_links(client, "/vi/chuyen-muc/tin-tuc/")
    assert links == {
        "vi": "/vi/chuyen-muc/tin-tuc/",
        "en": "/en/chuyen-muc/tin-tuc/",
        "ru": "/ru/chuyen-muc/tin-tuc/",
    }


def test_switcher_on_section_page(client, portal):
    links = switcher_links(client, "/ru/tin-tuc-su-kien/")
    assert links == {"vi": "/vi/tin-tuc-su-kien/", "en": "/en/tin-tuc-su-kien/", "ru": "/ru/tin-tuc-su-kien/"}
