"""Editors create articles through the admin; bad input is refused with the typed text kept."""

from __future__ import annotations

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.models import ArticlePage, Category
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri.test", is_superuser=True, is_staff=True))
    return client


def article_form(**overrides):
    data = {
        "title": "Khánh Hòa khánh thành cầu Trần Phú mới",
        "slug": "khanh-thanh-cau-tran-phu",
        "category": str(Category.objects.get(code="tin-tuc").pk),
        "summary": "Cây cầu mới nối trung tâm Nha Trang với khu vực phía Bắc.",
        "publication_date": "24/11/2026 08:30",
        "body": streamfield([("paragraph", rich_text("<p>Sáng 24/11, UBND tỉnh tổ chức lễ khánh thành.</p>"))]),
        "author": "Hoàng Lan",
        "source": "Báo Khánh Hòa",
        "tags": "giao thông, Nha Trang",
        "credits": inline_formset([]),
        "featured_image_caption": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(portal) -> str:
    return f"/admin/pages/add/portal/articlepage/{portal.section.pk}/"


def test_admin_creates_a_draft_article(admin_client, portal):
    response = admin_client.post(add_url(portal), article_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="khanh-thanh-cau-tran-phu")
    assert not article.live
    assert article.category.code == "tin-tuc"
    assert sorted(t.name for t in article.tags.all()) == ["Nha Trang", "giao thông"]


def test_article_without_category_is_refused_and_text_is_kept(admin_client, portal):
    response = admin_client.post(add_url(portal), article_form(category=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Khánh Hòa khánh thành cầu Trần Phú mới" in html
    assert "Cây cầu mới nối trung tâm Nha Trang" in html
    assert not ArticlePage.objects.filter(slug="khanh-thanh-cau-tran-phu").exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"summary": ""},
        {"summary": "x" * 5000},
        {"publication_date": "32/13/2026 25:61"},
        {"category": "999999"},
        {"title": ""},
    ],
)
def test_bad_article_input_is_refused_on_publish(admin_client, portal, overrides):
    response = admin_client.post(add_url(portal), article_form(**overrides, **{"action-publish": "publish"}))
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="khanh-thanh-cau-tran-phu").exists()


def test_article_cannot_be_created_outside_a_section(admin_client, portal):
    response = admin_client.post(f"/admin/pages/add/portal/articlepage/{portal.home.pk}/", article_form())
    assert response.status_code in (302, 403)
    assert response.get("Location", "") != f"/admin/pages/{portal.home.pk}/"
    assert not ArticlePage.objects.filter(slug="khanh-thanh-cau-tran-phu").exists()


def test_hostile_rich_text_is_not_rendered_as_script(admin_client, client, portal):
    hostile = (
        '<p>An toàn<script>alert("x")</script></p><p><a href="javascript:alert(1)" onclick="alert(2)">liên kết</a></p>'
    )
    body = streamfield([("paragraph", rich_text(hostile))])
    response = admin_client.post(add_url(portal), article_form(body=body, **{"action-publish": "publish"}))
    assert response.status_code == 302
    client.logout()
    html = client.get("/vi/tin-tuc-su-kien/khanh-thanh-cau-tran-phu/").content.decode()
    assert "An toàn" in html
    assert "<script>alert" not in html and "javascript:" not in html and "onclick" not in html


def test_category_admin_lists_twelve(admin_client):
    response = admin_client.get("/admin/snippets/portal/category/")
    assert response.status_code == 200
    assert response.content.decode().count("/admin/snippets/portal/category/edit/") >= 12


@pytest.mark.parametrize("field", ["featured_image", "category"])
@pytest.mark.parametrize("value", ["1 OR 1=1", "abc", "99999999999999999999999", "-1"])
def test_hostile_ids_in_choosers_give_a_form_error_not_a_500(client, portal, field, value):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="quantri.chooser", is_superuser=True))
    response = client.post(
        f"/admin/pages/add/portal/articlepage/{portal.section.pk}/", article_form(**{field: value}, slug="hostile")
    )
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="hostile").exists()
