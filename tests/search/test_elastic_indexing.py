"""What the Elasticsearch side sends, worked out on the real database without a server: the documents of
every content type, the units a query keeps to, the pages a view restriction drops or brings back, what
``search_reindex`` catches up before the alias swap, and handlers that stay idle without ELASTICSEARCH_URL."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from portal.legal.models import LegalDocumentPage
from portal.models import ArticlePage
from portal.opendata.models import DatasetPage
from portal.procedures.models import ProcedurePage
from portal.procurement.models import ProjectPage
from search import elastic, indexing, services
from search.query import clean_query
from subportals.enums import UnitKind
from tests.factories import ArticlePageFactory, SectionPageFactory, home_of, make_unit

pytestmark = pytest.mark.django_db

NOWHERE = "http://127.0.0.1:9"  # nothing listens there: nothing may be sent, or the handler must cope


def mapping_fields(language: str) -> set[str]:
    return set(elastic.build_index(language, f"thu-{language}").to_dict()["mappings"]["properties"])


def test_documents_carry_each_types_own_words(typed, portal):
    key = typed["legal"][0].translation_key
    legal_vi = LegalDocumentPage.objects.get(translation_key=key, locale__language_code="vi")
    doc = elastic.document(legal_vi, "khanhhoa")
    assert "26/2014/QĐ-UBND" in doc["details"] and "Nguyễn Văn Thành" in doc["details"]
    assert legal_vi.issuing_body.name_vi in doc["details"]
    assert doc["number"] == "26 2014 qd ubnd"  # what "26/2014/QĐ-UBND" typed in the box becomes
    legal_ru = LegalDocumentPage.objects.get(pk=typed["legal"][1].pk)
    assert legal_ru.issuing_body.name_ru and legal_ru.issuing_body.name_ru in elastic.document(legal_ru, "x")["details"]

    procedure = ProcedurePage.objects.get(pk=typed["procedure"][0].pk)
    doc = elastic.document(procedure, "khanhhoa")
    assert procedure.national_code in doc["details"] and "Hoạt động xây dựng" in doc["details"]
    assert "Sở Xây dựng tỉnh Khánh Hòa" in doc["details"]
    assert doc["number"] == clean_query(procedure.national_code).folded

    project = ProjectPage.objects.get(pk=typed["project"][0].pk)
    doc = elastic.document(project, "khanhhoa")
    assert "IB2500123456" in doc["details"] and project.investor in doc["details"]
    assert doc["number"] == "ib2500123456"

    dataset = DatasetPage.objects.get(pk=typed["dataset"][0].pk)
    doc = elastic.document(dataset, "khanhhoa")
    assert "Cục Thống kê tỉnh Khánh Hòa" in doc["details"] and "number" not in doc

    article = ArticlePage.objects.get(pk=portal.article.pk)
    article.tags.add("du lịch biển")
    article.save()
    doc = elastic.document(ArticlePage.objects.get(pk=article.pk), "khanhhoa")
    assert "Minh Châu" in doc["details"] and "du lịch biển" in doc["details"]  # author and tags, as in the database
    for page in (legal_vi, procedure, project, dataset, article):
        assert set(elastic.document(page, "khanhhoa")) <= mapping_fields("vi")  # "dynamic: strict" refuses others


def test_the_query_keeps_to_active_units_and_the_main_portal_is_one(portal, settings):
    """Terms on the active units' codes; the main portal's own pages carry the main unit's code."""
    syt = make_unit("syt", UnitKind.DEPARTMENT)
    closed = make_unit("closed", UnitKind.DEPARTMENT)
    closed.is_active = False
    closed.save()
    settings.ELASTICSEARCH_URL = NOWHERE  # results are lazy: building the request sends nothing
    vi = Locale.objects.get(language_code="vi")
    results, _homes = services.run(clean_query("khanh hoa"), vi, services.Filters())
    body = elastic.query_body(results.clean, language=results.language, **results.filters)
    assert {"terms": {"unit": ["khanhhoa", "syt"]}} in body["query"]["bool"]["filter"]
    main_docs = indexing.documents([portal.article], indexing.current_homes(vi))
    assert main_docs[0]["unit"] == portal.unit.code == "khanhhoa"

    chosen, _homes = services.run(clean_query("khanh hoa"), vi, services.Filters(unit=syt))
    assert chosen.filters["units"] == ["syt"]
    gone, _homes = services.run(clean_query("khanh hoa"), vi, services.Filters(unit=closed))
    assert isinstance(gone, services.EmptyResults)


@pytest.fixture
def tree(portal):
    """A section with two articles, one of them behind its own password too, and an article outside it."""
    section = SectionPageFactory(parent=portal.home, title="Thông báo", slug="thong-bao")
    first = ArticlePageFactory(parent=section, title="Thông báo thứ nhất")
    second = ArticlePageFactory(parent=section, title="Thông báo thứ hai")
    PageViewRestriction.objects.create(page=second, restriction_type=PageViewRestriction.PASSWORD, password="mk")
    return {"section": section, "first": first, "second": second, "outside": portal.article}


def test_a_restriction_drops_the_page_and_its_descendants(tree):
    restriction = PageViewRestriction.objects.create(page=tree["section"], restriction_type=PageViewRestriction.LOGIN)
    changes = indexing.subtree_changes(Page.objects.get(pk=tree["section"].pk))
    assert changes.language == "vi" and changes.documents == []
    assert changes.drop == {tree["section"].pk, tree["first"].pk, tree["second"].pk}
    assert tree["outside"].pk not in changes.drop

    restriction.delete()  # the section's pages come back, except the one behind its own password
    changes = indexing.subtree_changes(Page.objects.get(pk=tree["section"].pk))
    assert changes.indexed_ids == {tree["first"].pk}
    assert changes.drop == {tree["section"].pk, tree["second"].pk}  # a section is no content type
    assert {doc["unit"] for doc in changes.documents} == {"khanhhoa"}


def test_a_unit_switched_back_on_brings_back_its_pages_in_every_language(portal):
    changes = {item.language: item for item in indexing.unit_documents(portal.unit)}
    assert portal.article.pk in changes["vi"].indexed_ids
    english = portal.article.get_translation(Locale.objects.get(language_code="en"))
    assert changes["en"].indexed_ids == {english.pk} and changes["ru"].indexed_ids == set()


def test_reindex_catches_up_with_what_changed_during_the_build(portal):
    """Pages found at the start of the build, then: a new publication, an edit, an unpublication, a
    restriction, a restriction removed, a deletion. What the new index gets right before the swap."""
    section = portal.section
    edited = ArticlePageFactory(parent=section, title="Bài sẽ sửa")
    unpublished = ArticlePageFactory(parent=section, title="Bài sẽ gỡ")
    restricted = ArticlePageFactory(parent=section, title="Bài sẽ hạn chế")
    deleted = ArticlePageFactory(parent=section, title="Bài sẽ xóa")
    hidden = ArticlePageFactory(parent=section, title="Bài đang hạn chế")
    lock = PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    untouched = portal.article
    started = timezone.now()
    Page.objects.update(last_published_at=started - datetime.timedelta(hours=1))  # all before the build
    vi = Locale.objects.get(language_code="vi")
    built = indexing.indexable_ids(vi, indexing.current_homes(vi))
    assert {edited.pk, unpublished.pk, restricted.pk, deleted.pk, untouched.pk} <= built and hidden.pk not in built

    fresh = ArticlePageFactory(parent=section, title="Bài mới trong lúc dựng")
    edited.title = "Bài đã sửa"
    edited.save_revision().publish()
    unpublished.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="mk")
    deleted.delete()
    lock.delete()

    changes = indexing.catch_up(vi, built, started)
    assert changes.indexed_ids == {fresh.pk, edited.pk, hidden.pk}
    assert {doc["title"] for doc in changes.documents if doc["page_id"] == edited.pk} == {"Bài đã sửa"}
    assert changes.drop == {unpublished.pk, restricted.pk, deleted.pk}
    assert untouched.pk not in changes.indexed_ids | changes.drop


def test_catch_up_drops_a_unit_switched_off_during_the_build(portal):
    syt = make_unit("syt", UnitKind.DEPARTMENT)
    health = ArticlePageFactory(parent=home_of(syt), title="Tin y tế")
    vi = Locale.objects.get(language_code="vi")
    built = indexing.indexable_ids(vi, indexing.current_homes(vi))
    syt.is_active = False
    syt.save()
    changes = indexing.catch_up(vi, built, timezone.now() + datetime.timedelta(days=1))
    assert changes.drop == {health.pk} and changes.documents == []


def test_bulk_actions_write_then_drop():
    changes = indexing.Changes("vi", [{"page_id": 7, "title": "a"}], {9, 8})
    actions = list(elastic.change_actions("chi-muc", changes))
    assert actions == [
        {"_index": "chi-muc", "_id": 7, "_source": {"page_id": 7, "title": "a"}},
        {"_op_type": "delete", "_index": "chi-muc", "_id": 8},
        {"_op_type": "delete", "_index": "chi-muc", "_id": 9},
    ]
    assert elastic.unit_query("syt") == {"term": {"unit": "syt"}}
    assert not indexing.Changes("vi")


def test_handlers_do_nothing_without_elasticsearch(portal, settings, monkeypatch):
    settings.ELASTICSEARCH_URL = ""
    calls = []
    monkeypatch.setattr(elastic, "client", lambda: calls.append("client"))
    unit = portal.unit
    unit.is_active = False
    unit.save()  # not even the read of the unit's previous state
    restriction = PageViewRestriction.objects.create(page=portal.section, restriction_type=PageViewRestriction.LOGIN)
    restriction.delete()
    assert calls == [] and not hasattr(unit, "_search_indexed_code")


def test_a_failing_elasticsearch_never_stops_switching_a_unit_off(portal, settings, caplog):
    settings.ELASTICSEARCH_URL = NOWHERE
    unit = portal.unit
    unit.is_active = False
    unit.save()
    assert unit._search_indexed_code == "khanhhoa"  # its pages were in the index: they are to be dropped
    assert type(unit).objects.get(pk=unit.pk).is_active is False
    assert "could not update the pages of unit khanhhoa" in caplog.text
