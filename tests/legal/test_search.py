"""Citizen search over every content type, with the content-type and legal-document filters."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from portal.legal.choices import DocumentType
from portal.legal.models import LegalDocumentPage
from portal.models import ArticlePage, ContentPage
from search import elastic, services
from search.query import clean_query
from tests.factories import ArticlePageFactory

from .factories import LegalDocumentPageFactory, body

pytestmark = pytest.mark.django_db


def results(client, **params) -> list[int]:
    response = client.get("/vi/tim-kiem/", params, HTTP_HOST="localhost")
    assert response.status_code == 200
    return [int(pk) for pk in re.findall(r'data-page="(\d+)"', response.content.decode())]


@pytest.fixture
def mixed(registers, portal):
    d = datetime.date
    article = ArticlePageFactory(
        parent=portal.section,
        title="Cổng thông tin điện tử tỉnh có giao diện mới",
        summary="Cổng thông tin điện tử tỉnh Khánh Hòa ra mắt giao diện mới.",
        publication_date=timezone.now() - datetime.timedelta(days=1),
    )
    decision = LegalDocumentPageFactory(
        parent=registers.main,
        number_symbol="26/2014/QĐ-UBND",
        issue_date=d(2014, 9, 5),
        effective_date=d(2014, 9, 15),
        title="Quyết định về Cổng thông tin điện tử tỉnh",
        summary="Ban hành Quy chế quản lý Cổng thông tin điện tử tỉnh Khánh Hòa.",
        publication_date=timezone.now() - datetime.timedelta(days=30),
    )
    resolution = LegalDocumentPageFactory(
        parent=registers.main,
        number_symbol="15/2024/NQ-HĐND",
        issue_date=d(2024, 7, 10),
        effective_date=d(2024, 7, 20),
        document_type=DocumentType.NGHI_QUYET,
        issuing_body=body("hdnd-tinh-khanh-hoa"),
        title="Nghị quyết về phí sử dụng Cổng thông tin điện tử",
        summary="Quy định phí khai thác dữ liệu trên cổng thông tin.",
        publication_date=timezone.now() - datetime.timedelta(days=10),
    )
    return {"article": article, "decision": decision, "resolution": resolution}


def test_searchable_models_are_every_content_page_type():
    models = services.searchable_models()
    assert models[0] is ArticlePage and LegalDocumentPage in models
    assert all(issubclass(model, ContentPage) and not model._meta.abstract for model in models)


def test_one_search_finds_articles_and_legal_documents(client, mixed):
    found = results(client, q="cong thong tin dien tu")
    assert {mixed["article"].pk, mixed["decision"].pk, mixed["resolution"].pk} <= set(found)
    html = client.get("/vi/tim-kiem/", {"q": "quy che"}, HTTP_HOST="localhost").content.decode()
    assert "Văn bản pháp luật 26/2014/QĐ-UBND" in html  # the type and number in the result line
    assert "<mark>Quy</mark> <mark>chế</mark>" in html  # the abstract is the snippet


def test_the_number_is_searchable(client, mixed):
    assert mixed["decision"].pk in results(client, q="26/2014/QĐ-UBND")
    assert mixed["decision"].pk in results(client, q="26/2014/qd-ubnd")


def test_content_type_filter(client, mixed):
    legal = results(client, q="cong thong tin", content_type="legal.legaldocumentpage")
    assert set(legal) == {mixed["decision"].pk, mixed["resolution"].pk}
    articles = results(client, q="cong thong tin", content_type="portal.articlepage")
    assert mixed["article"].pk in articles and mixed["decision"].pk not in articles
    html = client.get("/vi/tim-kiem/", HTTP_HOST="localhost").content.decode()
    assert '<option value="legal.legaldocumentpage">Văn bản pháp luật</option>' in html
    assert '<option value="portal.articlepage">Tin bài</option>' in html


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"document_type": "nghi_quyet"}, {"resolution"}),
        ({"issuing_body": "ubnd-tinh-khanh-hoa"}, {"decision"}),
        ({"number": "26/2014"}, {"decision"}),
        ({"number": "nq-hdnd"}, {"resolution"}),
        ({"year": "2024"}, {"resolution"}),
        ({"year": "2014", "document_type": "quyet_dinh"}, {"decision"}),
        ({"year": "2014", "document_type": "nghi_quyet"}, set()),
        ({"document_type": "quyet_dinh", "content_type": "portal.articlepage"}, set()),
    ],
)
def test_legal_filters_keep_legal_documents_only(client, mixed, params, expected):
    if "issuing_body" in params:
        params["issuing_body"] = str(body(params["issuing_body"]).pk)
    assert set(results(client, q="cong thong tin", **params)) == {mixed[key].pk for key in expected}


def test_newest_first_mixes_the_types_by_publication_date(client, mixed):
    newest = [pk for pk in results(client, q="cong thong tin", sort="newest") if pk in {p.pk for p in mixed.values()}]
    assert newest == [mixed["article"].pk, mixed["resolution"].pk, mixed["decision"].pk]
    oldest = [pk for pk in results(client, q="cong thong tin", sort="oldest") if pk in {p.pk for p in mixed.values()}]
    assert oldest == list(reversed(newest))


def test_the_generic_database_path_searches_every_type_too(client, mixed, monkeypatch):
    """Without the SQLite FTS shortcut (as on PostgreSQL), Wagtail's backend searches Page with the filters."""
    from search import sqlite_fts

    monkeypatch.setattr(sqlite_fts, "applies", lambda: False)
    found = results(client, q="cong thong tin dien tu")
    assert {mixed["article"].pk, mixed["decision"].pk, mixed["resolution"].pk} <= set(found)
    assert set(results(client, q="cong thong tin", document_type="nghi_quyet")) == {mixed["resolution"].pk}


@pytest.mark.parametrize(
    "query",
    [
        "q=cong&content_type=evil",
        "q=cong&document_type=evil",
        "q=cong&issuing_body=abc",
        "q=cong&year=abc",
        "q=cong&year=99999",
        "q=cong&number=" + "9" * 10_000,
        "q=cong&number=%27%20OR%201%3D1%20--",
    ],
)
def test_bad_legal_filters_are_dropped_with_a_notice(client, mixed, query):
    response = client.get(f"/vi/tim-kiem/?{query}", HTTP_HOST="localhost")
    assert response.status_code == 200
    html = response.content.decode()
    if "OR" in query:
        assert "kết quả" in html
    else:
        assert "bộ lọc không hợp lệ" in html


def test_elasticsearch_documents_and_queries_carry_the_legal_filters(mixed):
    decision = LegalDocumentPage.objects.get(pk=mixed["decision"].pk)
    doc = elastic.document(decision, "khanhhoa")
    assert doc["document_type"] == "quyet_dinh" and doc["issuing_body"] == "ubnd-tinh-khanh-hoa"
    assert doc["issue_year"] == 2014 and doc["number_search"] == "|26|2014|qd|ubnd|"
    assert doc["content_type"] == "legal.legaldocumentpage" and doc["body"] == ""
    article_doc = elastic.document(ArticlePage.objects.get(pk=mixed["article"].pk), "khanhhoa")
    assert "document_type" not in article_doc
    mapping = elastic.build_index("vi", "thu-vi").to_dict()["mappings"]["properties"]
    assert set(doc) <= set(mapping)  # "dynamic: strict" would refuse an unmapped field
    body_ = elastic.query_body(
        clean_query("cong"),
        language="vi",
        content_type="legal.legaldocumentpage",
        document_type="quyet_dinh",
        issuing_body="ubnd-tinh-khanh-hoa",
        issue_year=2014,
        number_tokens=["|26|", "|qd|"],
    )
    filters = body_["query"]["bool"]["filter"]
    assert {"term": {"document_type": "quyet_dinh"}} in filters and {"term": {"issue_year": 2014}} in filters
    assert {"wildcard": {"number_search": {"value": "*|26|*"}}} in filters


def test_page_text_copes_with_any_kind_of_body():
    from types import SimpleNamespace

    from wagtail.rich_text import RichText

    from search.folding import body_text, page_text

    assert body_text(SimpleNamespace()) == ""
    assert body_text(SimpleNamespace(body=None)) == ""
    assert body_text(SimpleNamespace(body="<p>Quy chế <b>mới</b></p>")) == "Quy chế mới"
    assert body_text(SimpleNamespace(body=RichText("<p>Phụ lục</p>"))) == "Phụ lục"
    assert body_text(SimpleNamespace(body=12)) == ""
    assert page_text(SimpleNamespace(summary="Trích yếu", body="<p>Toàn văn</p>")) == "Trích yếu Toàn văn"
