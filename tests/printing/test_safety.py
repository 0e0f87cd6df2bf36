"""Hostile content and access: a print copy never runs script, never fails, never shows what is not public."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from portal.models import ArticlePage
from tests.factories import ArticlePageFactory

from .conftest import TITLES, pdf_links, pdf_text

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>Mở đầu<script>alert("x1")</script><a href="javascript:alert(2)">bấm</a>'
    '<img src="x" onerror="alert(3)"><b><i>lồng sai</b></i> &lt;b&gt;chữ&lt;/b&gt;</p>'
    '<style>body{display:none}</style><iframe src="https://evil.example/"></iframe>'
    '<p onclick="alert(4)">Kết thúc <a href="/vi/">trang chủ</a></p>'
)


def broken_image(collection):
    """An image row whose file is not an image at all (a renamed text file)."""
    image = get_image_model()(title="Ảnh hỏng", collection=collection)
    image.file.save("hong.jpg", ContentFile(b"this is not a picture"), save=False)
    image.width, image.height = 640, 480
    image.save()
    return image


def store_raw_body(page: ArticlePage, body: list) -> None:
    """Write the body straight to the row: no save-time cleaning, as an old import or raw update could."""
    page.body = body
    ArticlePage.objects.filter(pk=page.pk).update(body=page.body)


def test_hostile_rich_text_gives_a_clean_print_view_and_a_pdf(client, portal):
    page = portal.article
    store_raw_body(
        page,
        [
            ("paragraph", RichText(HOSTILE)),
            ("image", {"image": broken_image(portal.unit.collection), "caption": "Ảnh không đọc được"}),
            ("table", {"caption": "<script>alert(5)</script>", "table": {"data": [["<b>x</b>", None]]}}),
        ],
    )
    page.featured_image = broken_image(portal.unit.collection)
    ArticlePage.objects.filter(pk=page.pk).update(featured_image=page.featured_image)

    response = client.get(page.get_url() + "in/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in html  # a table caption is text, shown escaped
    html = html.replace("&lt;script&gt;alert(5)&lt;/script&gt;", "")
    for bad in ("alert(", "javascript:", "onerror", "onclick", "<iframe", "evil.example", "display:none"):
        assert bad not in html, bad
    assert "<script" not in html.replace('<script src="/static/portal/js/printing.js" defer></script>', "")
    assert "Mở đầu" in html and "bấm" in html and "Kết thúc" in html
    assert 'href="http://localhost/vi/"' in html  # an internal link, made absolute for paper

    response = client.get(page.get_url() + "pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    assert "Mở đầu" in text and "lồng sai" in text and "<b>chữ</b>" in text and "Kết thúc" in text
    assert "alert(" not in text.replace("<script>alert(5)</script>", "")
    assert 'alert("x1")' not in text and "body{display:none}" not in text
    # Only web links: the internal one, made absolute, and the source of the page.
    assert set(pdf_links(response.content)) == {"http://localhost/vi/", page.get_full_url()}


def test_a_one_megabyte_body_prints_and_saves(client, portal):
    page = portal.article
    sentence = "Khánh Hòa đón hơn một triệu lượt khách quốc tế, <b>tăng mạnh</b> so với cùng kỳ. "
    huge = "<p>" + sentence * (1_000_000 // len(sentence)) + "</p><p>Đoạn cuối cùng.</p>"
    store_raw_body(page, [("paragraph", RichText(huge))])

    response = client.get(page.get_url() + "in/")
    assert response.status_code == 200 and len(response.content) > 1_000_000
    response = client.get(page.get_url() + "pdf/")
    assert response.status_code == 200
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) > 100
    assert "Đoạn cuối cùng." in " ".join(reader.pages[-1].extract_text().split())


def test_draft_and_unpublished_pages_are_not_printed(client, portal):
    page = portal.article
    # A newer draft: the printed copy is the live version, never the draft.
    page.title, page.summary = "BẢN NHÁP BÍ MẬT", "Nội dung chưa duyệt."
    page.save_revision()
    for route in ("in/", "pdf/"):
        response = client.get(page.get_url() + route)
        assert response.status_code == 200
        content = response.content.decode() if route == "in/" else pdf_text(response.content)
        assert "BÍ MẬT" not in content and "chưa duyệt" not in content
        assert TITLES["vi"].split()[0] in content

    unpublished = ArticlePageFactory(parent=portal.section, title="Tin chưa đăng", slug="tin-chua-dang")
    url = unpublished.get_url()
    unpublished.unpublish()
    for route in ("", "in/", "pdf/"):
        assert client.get(url + route).status_code == 404, route


def test_private_pages_are_not_printed(client, portal):
    page = portal.article
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    for route in ("in/", "pdf/"):
        response = client.get(page.get_url() + route)
        assert response.status_code == 302 and "/login" in response["Location"], route

    restriction.restriction_type, restriction.password = PageViewRestriction.PASSWORD, "mat-khau-rieng"
    restriction.save()
    for route in ("in/", "pdf/"):
        response = client.get(page.get_url() + route)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")  # the password form, not the content
        assert page.summary not in response.content.decode()


def test_unknown_routes_answer_404_and_other_pages_still_route(client, portal):
    url = portal.article.get_url()
    for route in ("in/thua/", "pdf/thua/", "khong-co/", "in.pdf/", "index_route/"):
        assert client.get(url + route).status_code == 404, route
    assert client.get(url).status_code == 200
    assert client.get(portal.section.get_url()).status_code == 200
    assert client.get(portal.home.get_url() + "chuyen-muc/").status_code == 200
    assert client.get(portal.section.get_url() + "in/").status_code == 404  # sections have no print route


def test_preview_still_renders_the_page_itself(rf, admin_user, portal):
    """The routes change nothing in a preview: it shows the page, as before the mixin."""
    page = ArticlePage.objects.get(pk=portal.article.pk)
    page.title = "Tiêu đề xem trước"
    request = rf.get("/", HTTP_HOST="localhost")
    request.user = admin_user
    response = page.make_preview_request(request, page.default_preview_mode)
    assert response.status_code == 200
    html = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
    assert "Tiêu đề xem trước" in html and "print-actions" in html
