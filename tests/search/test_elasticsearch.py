"""Elasticsearch: the index definitions and request bodies we send (always), and a live round trip
against a real server when ``ELASTICSEARCH_URL`` is set (skipped otherwise; no fake server)."""

from __future__ import annotations

import datetime
import io
import os

import pytest
from django.core.management import CommandError, call_command

from search import elastic
from search.query import clean_query


def test_vietnamese_index_keeps_exact_and_folded_text():
    body = elastic.build_index("vi", "thu-vi").to_dict()
    analyzers = body["settings"]["analysis"]["analyzer"]
    assert analyzers["vi_folded"]["filter"] == ["lowercase", "asciifolding"]
    assert analyzers["vi_exact"]["filter"] == ["lowercase"]
    title = body["mappings"]["properties"]["title"]
    assert title["analyzer"] == "vi_exact"
    assert title["fields"]["folded"]["analyzer"] == "vi_folded" and title["fields"]["exact"]["analyzer"] == "vi_exact"
    assert body["mappings"]["dynamic"] == "strict"
    for keyword in ("unit", "category", "content_type", "locale", "number"):
        assert body["mappings"]["properties"][keyword]["type"] == "keyword"
    assert body["mappings"]["properties"]["details"]["fields"]["folded"]["analyzer"] == "vi_folded"


@pytest.mark.parametrize("language, stemmer", [("en", "english"), ("ru", "russian")])
def test_english_and_russian_get_their_stemmers(language, stemmer):
    body = elastic.build_index(language, f"thu-{language}").to_dict()
    analysis = body["settings"]["analysis"]
    assert body["mappings"]["properties"]["body"]["analyzer"] == f"{language}_text"
    assert any(f.get("language") == stemmer for f in analysis["filter"].values())


def test_query_body_asks_exact_first_then_folded_with_filters():
    body = elastic.query_body(
        clean_query("Khánh Hoà"),
        language="vi",
        units=["syt", "khanhhoa"],
        category="tin-tuc",
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 12, 31),
    )
    should = body["query"]["bool"]["should"]
    assert should[0]["multi_match"]["query"] == "khánh hòa"  # normalised to the house style
    assert should[0]["multi_match"]["fields"][0] == "title.exact^6"
    assert should[1]["multi_match"]["query"] == "khanh hoa"
    assert should[1]["multi_match"]["fields"][0] == "title.folded^3"
    assert all(clause["multi_match"]["operator"] == "and" for clause in should if "multi_match" in clause)
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"locale": "vi"}} in filters and {"terms": {"unit": ["khanhhoa", "syt"]}} in filters
    assert (body["from"], body["size"]) == (0, 10)


def test_query_body_asks_no_highlight():
    """Snippets and <mark> come from the pages themselves (services.snippet): nothing asked that is not used."""
    body = elastic.query_body(clean_query("khanh hoa"), language="vi")
    assert "highlight" not in body


def test_date_range_is_whole_days_in_the_portal_time_zone(settings):
    """Asia/Ho_Chi_Minh (UTC+7): a bare date would be read as UTC and miss the first 7 hours of the day."""
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    body = elastic.query_body(
        clean_query("khanh hoa"), language="vi", date_from=datetime.date(2026, 3, 1), date_to=datetime.date(2026, 3, 1)
    )
    bounds = {"gte": "2026-03-01T00:00:00+07:00", "lt": "2026-03-02T00:00:00+07:00"}
    assert {"range": {"publication_date": bounds}} in body["query"]["bool"]["filter"]
    only_to = elastic.query_body(clean_query("x"), language="vi", date_to=datetime.date(2026, 12, 31))
    assert {"range": {"publication_date": {"lt": "2027-01-01T00:00:00+07:00"}}} in only_to["query"]["bool"]["filter"]


def test_query_body_matches_a_whole_identifier_and_the_details_field():
    body = elastic.query_body(clean_query("26/2014/QĐ-UBND"), language="vi")
    should = body["query"]["bool"]["should"]
    assert {"term": {"number": {"value": "26 2014 qd ubnd", "boost": elastic.NUMBER_BOOST}}} in should
    assert "details.exact^2" in should[0]["multi_match"]["fields"]
    assert "details.folded^1" in should[1]["multi_match"]["fields"]
    assert body["query"]["bool"]["minimum_should_match"] == 1


def test_query_body_for_russian_adds_the_stemmed_fields_and_sorts_by_date():
    body = elastic.query_body(clean_query("новости"), language="ru", sort="newest", offset=20, size=10)
    assert any("body^1" in clause["multi_match"]["fields"] for clause in body["query"]["bool"]["should"])
    assert body["sort"] == [{"publication_date": {"order": "desc"}}]
    assert (body["from"], body["size"]) == (20, 10)


@pytest.mark.parametrize("raw", ['title:(a OR b)^3 "x', "\\*?~!{}[]", "a" * 10_000])
def test_hostile_queries_become_plain_words_in_the_body(raw):
    body = elastic.query_body(clean_query(raw), language="vi")
    text = body["query"]["bool"]["should"][0]["multi_match"]["query"]
    assert all(char.isalnum() or char == " " for char in text) and len(text) <= 200
    assert "query_string" not in str(body)


def test_reindex_without_a_server_says_so(db, settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL"):
        call_command("search_reindex")


live = pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set")


@live
@pytest.mark.elasticsearch
def test_live_reindex_folding_and_alias_swap(client, portal, settings):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = "khanhhoa-test"
    call_command("search_reindex", stdout=io.StringIO(), verbosity=0)
    es = elastic.client()
    first = set(es.indices.get_alias(name=elastic.alias_name("vi")))
    response = client.get("/vi/tim-kiem/", {"q": "khanh hoa"}, HTTP_HOST="localhost")
    assert f'data-page="{portal.article.pk}"' in response.content.decode()
    call_command("search_reindex", stdout=io.StringIO(), verbosity=0)
    second = set(es.indices.get_alias(name=elastic.alias_name("vi")))
    assert first != second and not any(es.indices.exists(index=name) for name in first)
    portal.article.unpublish()
    es.indices.refresh(index=elastic.alias_name("vi"))
    response = client.get("/vi/tim-kiem/", {"q": "khanh hoa"}, HTTP_HOST="localhost")
    assert f'data-page="{portal.article.pk}"' not in response.content.decode()
    for language in elastic.LANGUAGES:
        es.indices.delete(index=f"{elastic.alias_name(language)}-*", ignore_unavailable=True)


@pytest.fixture
def live_index(settings):
    """Point the portal at the real server and build the test indexes (call it once the content exists:
    a page published before the first reindex would otherwise have nowhere to go); removed afterwards."""
    started = []

    def start():
        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
        settings.ELASTICSEARCH_INDEX_PREFIX = "khanhhoa-test"
        call_command("search_reindex", stdout=io.StringIO(), verbosity=0)
        started.append(elastic.client())
        return started[0]

    yield start
    for es in started:
        for language in elastic.LANGUAGES:
            es.indices.delete(index=f"{elastic.alias_name(language)}-*", ignore_unavailable=True)


def live_results(es, query: str, **filters):
    es.indices.refresh(index=elastic.alias_name("vi"))
    return elastic.ElasticResults(clean_query(query), "vi", **filters)


@live
@pytest.mark.elasticsearch
def test_live_a_unit_switched_off_leaves_the_index_and_comes_back(portal, live_index):
    from subportals.enums import UnitKind
    from tests.factories import ArticlePageFactory, home_of, make_unit

    syt = make_unit("syt", UnitKind.DEPARTMENT)
    health = ArticlePageFactory(parent=home_of(syt), title="Sở Y tế tiêm chủng mở rộng")
    es = live_index()
    alias = elastic.alias_name("vi")
    assert [page.pk for page in live_results(es, "tiem chung", units=["khanhhoa", "syt"])[0:10]] == [health.pk]
    syt.is_active = False
    syt.save()
    es.indices.refresh(index=alias)
    assert es.count(index=alias, query={"term": {"unit": "syt"}})["count"] == 0  # gone, not only filtered
    syt.is_active = True
    syt.save()
    es.indices.refresh(index=alias)
    assert es.count(index=alias, query={"term": {"page_id": health.pk}})["count"] == 1


@live
@pytest.mark.elasticsearch
def test_live_a_view_restriction_takes_pages_out_of_the_count_and_back(portal, live_index):
    from wagtail.models import PageViewRestriction

    from tests.factories import ArticlePageFactory, SectionPageFactory

    section = SectionPageFactory(parent=portal.home, title="Thông báo", slug="thong-bao")
    notice = ArticlePageFactory(parent=section, title="Lịch trực hải đăng Hòn Lớn")
    es = live_index()
    assert live_results(es, "lich truc hai dang", units=["khanhhoa"]).count() == 1
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert live_results(es, "lich truc hai dang", units=["khanhhoa"]).count() == 0  # hits.total, not just the hits
    restriction.delete()
    results = live_results(es, "lich truc hai dang", units=["khanhhoa"])
    assert results.count() == 1 and [page.pk for page in results[0:10]] == [notice.pk]


@live
@pytest.mark.elasticsearch
def test_live_identifiers_signers_and_local_days(portal, typed, live_index):
    from django.utils import timezone

    from tests.factories import ArticlePageFactory

    early = ArticlePageFactory(
        parent=portal.section,
        title="Bắn pháo hoa đêm giao thừa",
        publication_date=timezone.make_aware(datetime.datetime(2026, 3, 1, 3, 0)),  # 20:00 UTC the day before
    )
    es = live_index()
    vi = portal.home.locale
    legal, procedure, project = (typed[kind][0].get_translation(vi) for kind in ("legal", "procedure", "project"))
    units = {"units": ["khanhhoa"]}
    assert [page.pk for page in live_results(es, "26/2014/QĐ-UBND", **units)[0:1]] == [legal.pk]
    assert legal.pk in [page.pk for page in live_results(es, "nguyen van thanh", **units)[0:10]]
    code = procedure.specific.national_code
    assert [page.pk for page in live_results(es, code, **units)[0:1]] == [procedure.pk]
    assert [page.pk for page in live_results(es, "IB2500123456", **units)[0:1]] == [project.pk]
    day = datetime.date(2026, 3, 1)
    assert [page.pk for page in live_results(es, "phao hoa", date_from=day, date_to=day, **units)[0:10]] == [early.pk]
