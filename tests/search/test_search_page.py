"""Citizen search through HTTP on a fixed corpus: folding, ranking, filters, scope, hostile queries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from portal.models import ArticlePage, Category
from subportals.enums import UnitKind
from tests.factories import ArticlePageFactory, SectionPageFactory, home_of, make_unit, translate

pytestmark = pytest.mark.django_db


def article(section, title: str, body: str = "", days_ago: int = 1, **fields):
    return ArticlePageFactory(
        parent=section,
        title=title,
        summary=fields.pop("summary", f"Tóm tắt: {title}"),
        body=[("paragraph", RichText(f"<p>{body or title}</p>"))],
        publication_date=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )


@pytest.fixture
def corpus(portal):
    syt = make_unit("syt", UnitKind.DEPARTMENT)
    health = SectionPageFactory(parent=home_of(syt), title="Tin y tế", slug="tin-y-te")
    pages = {
        "exact": article(portal.section, "Khánh Hòa đón 3 triệu lượt khách", "Du lịch Khánh Hòa tăng trưởng mạnh."),
        "modern": article(portal.section, "Thủy lợi Khánh Hoà vượt kế hoạch", "Công trình thuỷ lợi hoàn thành."),
        "ubnd": article(
            portal.section, "Ủy ban nhân dân tỉnh họp phiên thường kỳ", "Ủy ban thảo luận kinh tế.", days_ago=30
        ),
        "danang": article(portal.section, "Đoàn công tác Đà Nẵng thăm Nha Trang", "Hợp tác du lịch."),
        "health": article(health, "Sở Y tế Khánh Hòa tiêm chủng mở rộng", "Tiêm vắc-xin cho trẻ em."),
        "other": article(portal.section, "Giá xăng dầu điều chỉnh", "Không liên quan."),
    }
    translate(pages["exact"], "en", title="Khanh Hoa welcomes 3 million visitors", summary="Tourism grows strongly.")
    return {"portal": portal, "syt": syt, **pages}


def results(client, url="/vi/tim-kiem/", host="localhost", **params) -> list[int]:
    response = client.get(url, params, HTTP_HOST=host)
    assert response.status_code == 200
    return [int(pk) for pk in re.findall(r'data-page="(\d+)"', response.content.decode())]


def test_query_without_diacritics_finds_text_with_them(client, corpus):
    found = results(client, q="khanh hoa")
    assert {corpus["exact"].pk, corpus["modern"].pk, corpus["health"].pk} <= set(found)
    assert corpus["other"].pk not in found
    assert corpus["ubnd"].pk in results(client, q="uy ban")
    assert corpus["danang"].pk in results(client, q="da nang")


def test_classic_and_modern_tone_placement_find_each_other(client, corpus):
    assert corpus["modern"].pk in results(client, q="Khánh Hòa")
    assert corpus["exact"].pk in results(client, q="Khánh Hoà")
    assert corpus["modern"].pk in results(client, q="thủy lợi") and corpus["modern"].pk in results(client, q="thuỷ lợi")


def test_exact_diacritics_rank_above_folded_matches(client, portal):
    folded_only = article(portal.section, "Hoa hồng", "Vườn hoa ở Đà Lạt, hoa đẹp.")
    exact = article(portal.section, "Hòa bình", "Ngày hòa bình.")
    found = results(client, q="hòa")
    assert found.index(exact.pk) < found.index(folded_only.pk)


def test_each_language_searches_its_own_pages(client, corpus):
    english = results(client, url="/en/tim-kiem/", q="visitors")
    assert len(english) == 2 and corpus["exact"].pk not in english  # the two English translations
    assert set(results(client, url="/en/tim-kiem/", q="khanh hoa")) == set(english)


def test_filters_sort_and_count(client, corpus):
    news = Category.objects.get(code="tin-tuc")
    assert set(results(client, q="khanh hoa", unit=corpus["syt"].pk)) == {corpus["health"].pk}
    assert corpus["health"].pk in results(client, q="khanh hoa", category=news.pk)
    recent = (timezone.now() - datetime.timedelta(days=7)).date().isoformat()
    assert corpus["ubnd"].pk not in results(client, q="uy ban", date_from=recent)
    newest = results(client, q="khanh hoa", sort="newest")
    dates = dict(ArticlePage.objects.filter(pk__in=newest).values_list("pk", "publication_date"))
    assert newest == sorted(newest, key=lambda pk: dates[pk], reverse=True)
    page = client.get("/vi/tim-kiem/", {"q": "khanh hoa"}, HTTP_HOST="localhost").content.decode()
    expected = len(results(client, q="khanh hoa"))
    assert expected == 4  # three of the corpus and the portal fixture's own article
    assert f"{expected} kết quả cho «khanh hoa»" in page and "<mark>Khánh</mark>" in page


def test_subportal_search_searches_its_own_pages_first(client, corpus):
    own = results(client, host="syt.localhost", q="khanh hoa")
    assert own == [corpus["health"].pk]
    html = client.get("/vi/tim-kiem/", {"q": "khanh hoa"}, HTTP_HOST="syt.localhost").content.decode()
    assert "scope=all" in html
    everywhere = results(client, host="syt.localhost", q="khanh hoa", scope="all")
    assert corpus["exact"].pk in everywhere and corpus["health"].pk in everywhere


def test_only_live_public_pages_of_active_units(client, corpus):
    draft = corpus["other"]
    draft.title = "Khánh Hòa bản nháp"
    draft.save_revision()
    assert draft.pk not in results(client, q="ban nhap")
    corpus["exact"].unpublish()
    assert corpus["exact"].pk not in results(client, q="3 trieu luot khach")
    corpus["syt"].is_active = False
    corpus["syt"].save()
    assert corpus["health"].pk not in results(client, q="tiem chung")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"',
        "x" * 10_000,
        "!!! ??? ...",
        'title:(Khánh AND "Hòa") OR body:x^2~ *',
        "'; DROP TABLE wagtailcore_page; --",
        "<script>alert(1)</script>",
        "\x00\x01\x1f",
        "NOT AND OR NEAR",
    ],
)
def test_bad_queries_never_fail(client, corpus, query):
    response = client.get("/vi/tim-kiem/", {"q": query}, HTTP_HOST="localhost")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_invalid_utf8_and_bad_filters_in_the_url(client, corpus):
    url = "/vi/tim-kiem/?q=%C3%28%ff&unit=abc&category=-1&date_from=31/02/2026&sort=evil&page=99999"
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200
    assert "bộ lọc không hợp lệ" in response.content.decode()


def test_header_search_box_on_every_page(client, corpus):
    html = client.get("/vi/", HTTP_HOST="localhost").content.decode()
    assert 'role="search"' in html and 'action="/vi/tim-kiem/"' in html


def test_a_title_match_ranks_above_a_body_match(client, portal):
    body_only = article(portal.section, "Tin kinh tế", "Bài viết có nhắc đến cảng Cam Ranh một lần.")
    in_title = article(portal.section, "Cảng Cam Ranh đón tàu lớn", "Hoạt động cảng biển.")
    found = results(client, q="cam ranh")
    assert found.index(in_title.pk) < found.index(body_only.pk)


def test_fts_expression_quotes_every_word():
    from search.query import clean_query
    from search.sqlite_fts import match_expression

    expression = match_expression(clean_query('Khánh Hòa "OR" NEAR(a b)'))
    words = '"or" AND "near" AND "a" AND "b"'
    assert expression == f'{{title body}} : (("khánh" AND "hòa" AND {words}) OR ("khanh" AND "hoa" AND {words}))'


def test_very_common_words_say_more_than_and_keep_working(client, portal, monkeypatch):
    from search import sqlite_fts

    if not sqlite_fts.applies():
        pytest.skip("the FTS5 ranking path is SQLite's")
    monkeypatch.setattr(sqlite_fts, "MAX_MATCHES", 2)
    for number in range(3):
        article(portal.section, f"Biển Nha Trang số {number}")
    html = client.get("/vi/tim-kiem/", {"q": "nha trang"}, HTTP_HOST="localhost").content.decode()
    assert "Hơn 2 kết quả cho «nha trang»" in html


def test_english_and_russian_words_find_their_other_forms(client, portal):
    """Snowball stems: "provinces" finds "province", "документа" finds "документов"; Vietnamese is untouched."""
    page = article(portal.section, "Khánh Hòa đón khách", "Du lịch.")
    english = translate(page, "en", title="The province welcomes visitors", summary="Tourism is growing.")
    russian = translate(page, "ru", title="Обсуждение документов в районах", summary="Новые правила.")
    other = article(portal.section, "Giá xăng dầu điều chỉnh", "Không liên quan.")
    translate(other, "en", title="Fuel prices adjusted", summary="Unrelated.")
    assert results(client, url="/en/tim-kiem/", q="provinces") == [english.pk]
    assert results(client, url="/en/tim-kiem/", q="provinces fuel") == []  # every word still required
    assert results(client, url="/en/tim-kiem/", q="welcoming provinces") == [english.pk]
    assert results(client, url="/ru/tim-kiem/", q="документа") == [russian.pk]
    assert results(client, url="/ru/tim-kiem/", q="район") == [russian.pk]
    assert results(client, url="/ru/tim-kiem/", q="обсуждения районов") == [russian.pk]


def test_stems_are_only_added_for_english_and_russian():
    from search.folding import stem_index_text, stems

    assert stems("running documents", "en") == ["run", "document"]
    assert stems("Khánh Hòa", "vi") == []
    assert stem_index_text("documents document", "en") == ""  # "document" is already a word of the text
    assert stem_index_text("районах", "ru") == "район"
