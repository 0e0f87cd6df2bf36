"""The database backends (SQLite here, PostgreSQL in CI): English and Russian word forms in every content
type, and pages behind a view restriction (password, login, on the page or an ancestor) never found."""

from __future__ import annotations

import re

import pytest
from wagtail.models import PageViewRestriction

from portal.legal.models import LegalDocumentPage
from portal.procedures.models import ProcedurePage
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def results(client, language: str = "vi", **params) -> list[int]:
    response = client.get(f"/{language}/tim-kiem/", params, HTTP_HOST="localhost")
    assert response.status_code == 200
    return [int(pk) for pk in re.findall(r'data-page="(\d+)"', response.content.decode())]


@pytest.fixture(params=["fts", "generic"])
def backend_path(request, monkeypatch):
    """Both database paths: SQLite's FTS5 shortcut and Wagtail's own search (the one PostgreSQL takes)."""
    if request.param == "generic":
        from search import sqlite_fts

        monkeypatch.setattr(sqlite_fts, "applies", lambda: False)
    return request.param


@pytest.mark.parametrize(
    "kind, english_query, russian_query",
    [
        ("legal", "provinces", "правилам"),  # page: "province", «правилах»
        ("dataset", "district", "район"),  # page: "districts", «районов»
        ("procedure", "registered businesses", "регистрации предприятия"),  # "registering business"
        ("project", "road", "полоса"),  # page: "roads", «полосы»
    ],
)
def test_english_and_russian_word_forms_in_every_type(client, typed, backend_path, kind, english_query, russian_query):
    english, russian = typed[kind]
    assert results(client, "en", q=english_query) == [english.pk]
    assert results(client, "ru", q=russian_query) == [russian.pk]
    assert results(client, "en", q=f"{english_query} unrelated") == []  # every word still required


def test_every_type_indexes_the_same_folded_text_and_stems(typed):
    """The models build their indexed text with ``search.folding.index_text`` (folded words, then stems)."""
    from search.folding import stems

    for english, russian in typed.values():
        for page in (english, russian):
            words = set(page.specific.search_folded_text().split())
            assert set(stems(page.title, page.locale.language_code)) <= words
    legal_en = LegalDocumentPage.objects.get(pk=typed["legal"][0].pk).search_folded_text()
    assert "26/2014/qd-ubnd" in legal_en and "26 2014 qd ubnd" in legal_en  # the number, whole and in parts
    assert "nguyen van thanh" in legal_en  # the signer, folded
    procedure = ProcedurePage.objects.get(pk=typed["procedure"][0].pk)
    assert procedure.national_code in procedure.search_folded_text().split()
    assert "hoat dong xay dung" in procedure.search_folded_text()  # its field


@pytest.fixture
def private(portal):
    """Public and private articles about the same thing: a password on one, a login restriction on a section."""
    public = ArticlePageFactory(parent=portal.section, title="Hải đăng Hòn Lớn mở cửa")
    password = ArticlePageFactory(parent=portal.section, title="Hải đăng Hòn Lớn: biên bản nội bộ")
    PageViewRestriction.objects.create(page=password, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat")
    internal = SectionPageFactory(parent=portal.home, title="Nội bộ", slug="noi-bo")
    login = PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)
    under_login = ArticlePageFactory(parent=internal, title="Hải đăng Hòn Lớn: lịch trực")
    return {"public": public, "password": password, "under_login": under_login, "login": login}


def test_restricted_pages_and_pages_under_a_restricted_ancestor_are_never_found(
    client, private, backend_path, django_user_model
):
    assert results(client, q="hai dang hon lon") == [private["public"].pk]
    assert results(client, q="bien ban noi bo") == []
    assert results(client, q="lich truc") == []
    # Not even for a signed-in visitor: the citizen search shows what everybody may read.
    client.force_login(django_user_model.objects.create_user("nguoidung", password="Mat-khau#2026"))
    assert results(client, q="lich truc") == []
    private["login"].delete()
    assert results(client, q="lich truc") == [private["under_login"].pk]
