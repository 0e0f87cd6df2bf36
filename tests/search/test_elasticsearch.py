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
    for keyword in ("unit", "category", "content_type", "locale"):
        assert body["mappings"]["properties"][keyword]["type"] == "keyword"


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
        unit="syt",
        category="tin-tuc",
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 12, 31),
    )
    should = body["query"]["bool"]["should"]
    assert should[0]["multi_match"]["query"] == "khánh hòa"  # normalised to the house style
    assert should[0]["multi_match"]["fields"][0] == "title.exact^6"
    assert should[1]["multi_match"]["query"] == "khanh hoa"
    assert should[1]["multi_match"]["fields"][0] == "title.folded^3"
    assert all(clause["multi_match"]["operator"] == "and" for clause in should)
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"locale": "vi"}} in filters and {"term": {"unit": "syt"}} in filters
    assert {"range": {"publication_date": {"gte": "2026-01-01", "lte": "2026-12-31"}}} in filters
    assert body["highlight"]["pre_tags"] == ["<mark>"] and body["highlight"]["encoder"] == "html"
    assert (body["from"], body["size"]) == (0, 10)


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
