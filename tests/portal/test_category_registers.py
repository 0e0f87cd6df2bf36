"""Issue 10: each structured type has its place in the 12 categories — the category page links its register
and lists its newest records, in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import translate
from tests.legal.factories import LegalDocumentIndexPageFactory, LegalDocumentPageFactory

pytestmark = pytest.mark.django_db


def test_legal_documents_category_links_the_register_and_lists_documents(client, portal):
    register = LegalDocumentIndexPageFactory(parent=portal.section)
    LegalDocumentPageFactory(parent=register, title="Quyết định về Cổng thông tin điện tử tỉnh")
    page = client.get("/vi/chuyen-muc/van-ban-phap-luat/").content.decode()
    assert "Tra cứu đầy đủ" in page and register.url in page
    assert "Quyết định về Cổng thông tin điện tử tỉnh" in page
    assert "chưa có tin bài" not in page
    # Another category has neither.
    other = client.get("/vi/chuyen-muc/gop-y-hoi-dap/").content.decode()
    assert "Tra cứu đầy đủ" not in other


def test_registers_follow_the_language(client, portal):
    register = LegalDocumentIndexPageFactory(parent=portal.section)
    translate(register, "en", title="Legal documents register")
    page = client.get("/en/chuyen-muc/van-ban-phap-luat/").content.decode()
    assert "Legal documents register" in page


def test_category_page_queries_do_not_grow_with_records(client, portal):
    register = LegalDocumentIndexPageFactory(parent=portal.section)
    LegalDocumentPageFactory(parent=register)
    client.get("/vi/chuyen-muc/van-ban-phap-luat/")
    with CaptureQueriesContext(connection) as few:
        client.get("/vi/chuyen-muc/van-ban-phap-luat/")
    for _ in range(12):
        LegalDocumentPageFactory(parent=register)
    with CaptureQueriesContext(connection) as many:
        client.get("/vi/chuyen-muc/van-ban-phap-luat/")
    assert len(many) == len(few)
