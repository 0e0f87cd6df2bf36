"""Citizen search on Elasticsearch (when ``ELASTICSEARCH_URL`` is set), through elasticsearch-dsl.

One index per language behind an alias (``<prefix>-pages-vi`` → ``<prefix>-pages-vi-<stamp>``),
so a reindex builds a new index and swaps the alias without downtime. Vietnamese text is indexed
twice: ``exact`` (lower case, diacritics kept) and ``folded`` (``asciifolding``: "Khánh Hòa" →
"khanh hoa", đ → d); the query asks both, the exact match boosted, so a query without
diacritics finds the text and an exact query ranks exact text first. English and Russian get
their own stemmers. Only live, public pages of active units are ever indexed, and every query
also keeps to the active units (``units``), so a unit switched off is gone at once even if its
pages were not yet dropped. Besides title, summary and body, each type's own words (a legal
document's number, signer and issuing body, a procedure's code and field, a project's
e-procurement number: the model's ``search_details``) are the ``details`` field, and the
identifier alone is the keyword ``number``, so "26/2014/QĐ-UBND" typed whole matches it exactly.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.utils import timezone
from elasticsearch_dsl import Date, Index, Integer, Keyword, Mapping, Q, Search, Text, analyzer, token_filter

from .folding import body_text, html_to_text, joined
from .query import CleanQuery, clean_query, start_of_day

LANGUAGES = ("vi", "en", "ru")

_vi_exact = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])
_vi_folded = analyzer("vi_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
_en = analyzer(
    "en_text",
    tokenizer="standard",
    filter=[
        token_filter("en_possessive", "stemmer", language="possessive_english"),
        "lowercase",
        token_filter("en_stop", "stop", stopwords="_english_"),
        token_filter("en_stemmer", "stemmer", language="english"),
    ],
)
_ru = analyzer(
    "ru_text",
    tokenizer="standard",
    filter=[
        "lowercase",
        token_filter("ru_stop", "stop", stopwords="_russian_"),
        token_filter("ru_stemmer", "stemmer", language="russian"),
    ],
)
TEXT_ANALYZERS = {"vi": _vi_exact, "en": _en, "ru": _ru}
TEXT_FIELDS = ("title", "summary", "body", "details")
FIELD_BOOSTS = {"title": 3, "summary": 2, "body": 1, "details": 1}
# A query that is a page's whole identifier (number and symbol, procedure code, e-procurement number).
NUMBER_BOOST = 10


def prefix() -> str:
    return getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "khanhhoa")


def alias_name(language: str) -> str:
    return f"{prefix()}-pages-{language}"


def text_field(language: str) -> Text:
    """Every language's text with its analyzer; every language also gets the exact and folded sub-fields."""
    return Text(
        analyzer=TEXT_ANALYZERS[language],
        fields={"exact": Text(analyzer=_vi_exact), "folded": Text(analyzer=_vi_folded)},
    )


def build_index(language: str, name: str | None = None) -> Index:
    """The index definition (settings, analyzers, mapping) for one language."""
    index = Index(name or f"{alias_name(language)}-{timezone.now():%Y%m%d%H%M%S%f}")
    index.settings(number_of_shards=1, number_of_replicas=int(getattr(settings, "ELASTICSEARCH_REPLICAS", 1)))
    for used in (_vi_exact, _vi_folded, TEXT_ANALYZERS[language]):
        index.analyzer(used)
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    for field in TEXT_FIELDS:
        mapping.field(field, text_field(language))
    mapping.field("page_id", Integer())
    mapping.field("url", Keyword(index=False))
    for name in ("unit", "category", "content_type", "locale"):
        mapping.field(name, Keyword())
    mapping.field("publication_date", Date())
    # The identifier in the query's own normal form ("26 2014 qd ubnd"): absent from pages without one.
    mapping.field("number", Keyword())
    # Filters of one content type (legal documents): absent from the other types' documents.
    for name in ("document_type", "issuing_body", "number_search"):
        mapping.field(name, Keyword())
    mapping.field("issue_year", Integer())
    index.mapping(mapping)
    return index


EXTRA_FIELDS = ("document_type", "issuing_body", "number_search", "issue_year")


def number_key(raw: str) -> str:
    """An identifier as a query makes it (words only, folded): "26/2014/QĐ-UBND" → "26 2014 qd ubnd"."""
    return clean_query(raw).folded if raw else ""


def details_text(page: Any) -> str:
    """A page's own searchable words beyond title, summary and body (the model's ``search_details``).

    Articles have none of their own: their author and tags, which the database backend indexes too.
    """
    details = getattr(page, "search_details", None)
    if details is not None:
        return details()
    tags = getattr(page, "tags", None)
    names = [tag.name for tag in tags.all()] if tags is not None and page.pk else []  # prefetched by indexing
    return joined(getattr(page, "author", ""), *names)


def document(page: Any, unit_code: str) -> dict[str, Any]:
    """The indexed form of a page (its text, where it belongs, when it was published, its type's filters)."""
    extra = getattr(page, "search_filter_values", None)
    extra_values = {key: value for key, value in (extra() if extra else {}).items() if key in EXTRA_FIELDS}
    number = getattr(page, "search_number", None)
    if number is not None and number_key(number()):
        extra_values["number"] = number_key(number())
    return extra_values | {
        "page_id": page.pk,
        "url": page.url_path,
        "title": html_to_text(page.title),
        "summary": getattr(page, "summary", "") or "",
        "body": body_text(page),
        "details": details_text(page),
        "unit": unit_code,
        "category": getattr(getattr(page, "category", None), "code", ""),
        "content_type": page._meta.label_lower,
        "publication_date": (getattr(page, "publication_date", None) or page.first_published_at).isoformat(),
        "locale": page.locale.language_code,
    }


def query_body(
    clean: CleanQuery,
    *,
    language: str,
    units: list[str] | None = None,
    category: str | None = None,
    content_type: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    sort: str = "relevance",
    offset: int = 0,
    size: int = 10,
    document_type: str | None = None,
    issuing_body: str | None = None,
    issue_year: int | None = None,
    number_tokens: list[str] | None = None,
) -> dict[str, Any]:
    """The search request: exact, folded (and stemmed) branches, the whole identifier, filters, paging.

    ``units`` are the codes of the units searched (the active ones, or the one chosen): a unit
    switched off leaves every search at once, before its pages are dropped from the index.
    Snippets are made from the pages themselves (``services.snippet``), so no highlight is asked.
    """
    exact_fields = [f"{field}.exact^{FIELD_BOOSTS[field] * 2}" for field in TEXT_FIELDS]
    folded_fields = [f"{field}.folded^{FIELD_BOOSTS[field]}" for field in TEXT_FIELDS]
    stemmed_fields = [f"{field}^{FIELD_BOOSTS[field]}" for field in TEXT_FIELDS]
    should = [
        Q("multi_match", query=clean.text, fields=exact_fields, operator="and", type="best_fields"),
        Q("multi_match", query=clean.folded, fields=folded_fields, operator="and", type="best_fields"),
    ]
    if language != "vi":
        should.append(Q("multi_match", query=clean.text, fields=stemmed_fields, operator="and"))
    should.append(Q("term", number={"value": clean.folded, "boost": NUMBER_BOOST}))
    filters = [Q("term", locale=language)]
    if units is not None:
        filters.append(Q("terms", unit=sorted(units)))
    if category:
        filters.append(Q("term", category=category))
    if content_type:
        filters.append(Q("term", content_type=content_type))
    if document_type:
        filters.append(Q("term", document_type=document_type))
    if issuing_body:
        filters.append(Q("term", issuing_body=issuing_body))
    if issue_year:
        filters.append(Q("term", issue_year=issue_year))
    for token in number_tokens or []:  # "|26|", "|qd|": whole tokens of the number (portal.legal.numbering)
        filters.append(Q("wildcard", number_search={"value": f"*{token}*"}))
    if date_from or date_to:
        # Whole local days (TIME_ZONE), as the database backend reads them: a bare date would be UTC.
        bounds = {}
        if date_from:
            bounds["gte"] = start_of_day(date_from).isoformat()
        if date_to:
            bounds["lt"] = start_of_day(date_to + datetime.timedelta(days=1)).isoformat()
        filters.append(Q("range", publication_date=bounds))
    search = Search().query(Q("bool", should=should, minimum_should_match=1, filter=filters))
    if sort == "newest":
        search = search.sort("-publication_date")
    elif sort == "oldest":
        search = search.sort("publication_date")
    return search[offset : offset + size].to_dict()


def client() -> Any:
    from elasticsearch import Elasticsearch

    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=30)


def bulk_actions(index_name: str, documents: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for doc in documents:
        yield {"_index": index_name, "_id": doc["page_id"], "_source": doc}


def change_actions(index_name: str, changes: Any) -> Iterator[dict[str, Any]]:
    """Bulk actions of ``indexing.Changes``: documents written, then pages dropped."""
    yield from bulk_actions(index_name, changes.documents)
    for page_id in sorted(changes.drop):
        yield {"_op_type": "delete", "_index": index_name, "_id": page_id}


def apply(es: Any, changes: Any, index_name: str | None = None) -> int:
    """Send ``indexing.Changes`` to an index (the language's alias by default); dropping a page never there is fine."""
    from elasticsearch.helpers import streaming_bulk

    if not changes:
        return 0
    if index_name is None and not es.indices.exists_alias(name=alias_name(changes.language)):
        return 0  # never indexed yet: writing would create a plain index under the alias's name
    actions = change_actions(index_name or alias_name(changes.language), changes)
    return sum(1 for ok, _item in streaming_bulk(es, actions, ignore_status=404) if ok)


def unit_query(code: str) -> dict[str, Any]:
    return {"term": {"unit": code}}


def drop_unit(es: Any, code: str) -> None:
    """Remove a unit's pages from every language's index (the unit was switched off, renamed or deleted)."""
    for language in LANGUAGES:
        es.options(ignore_status=404).delete_by_query(
            index=alias_name(language), query=unit_query(code), conflicts="proceed", refresh=True
        )


def swap_alias(es: Any, language: str, new_index: str) -> list[str]:
    """Point the alias at the new index in one atomic request; returns the indexes it left."""
    alias = alias_name(language)
    old = (
        list(es.indices.get_alias(name=alias, ignore_unavailable=True).keys())
        if es.indices.exists_alias(name=alias)
        else []
    )
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": new_index, "alias": alias}})
    es.indices.update_aliases(actions=actions)
    return old


def enabled() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


class ElasticResults:
    """Search hits as a lazily sliced sequence (what Django's Paginator needs): one request per page."""

    def __init__(self, clean: CleanQuery, language: str, **filters: Any):
        self.clean, self.language, self.filters = clean, language, filters
        self._count: int | None = None

    def _request(self, offset: int, size: int) -> dict[str, Any]:
        body = query_body(self.clean, language=self.language, offset=offset, size=size, **self.filters)
        return client().search(index=alias_name(self.language), body=body, track_total_hits=True)

    def count(self) -> int:
        if self._count is None:
            self._count = int(self._request(0, 0)["hits"]["total"]["value"])
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[Any]:
        from wagtail.models import Page

        start = key.start or 0
        stop = key.stop if key.stop is not None else start + 10
        response = self._request(start, max(0, stop - start))
        ids = [int(hit["_id"]) for hit in response["hits"]["hits"]]
        pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).live().public().specific()}
        return [pages[pk] for pk in ids if pk in pages]
