"""Text entering through admin forms, model saves and StreamField blocks is stored as TCVN 6909 Unicode."""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from editorial.normalization import normalize_data, normalize_html, normalize_text
from editorial.tcvn6909 import encode
from portal.models import ArticlePage, Category
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TITLE = "Cộng hòa xã hội chủ nghĩa Việt Nam"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri.tcvn", is_superuser=True, is_staff=True))
    return client


def test_admin_page_form_converts_legacy_and_decomposed_text(admin_client, portal):
    data = nested_form_data(
        {
            "title": encode(TITLE, "tcvn3"),
            "slug": "cong-hoa",
            "category": str(Category.objects.get(code="tin-tuc").pk),
            "summary": unicodedata.normalize("NFD", "Tỉnh Khánh Hoà\u200b triển khai  chuyển đổi số."),
            "publication_date": "24/11/2026 08:30",
            "body": streamfield(
                [
                    ("paragraph", rich_text(f"<p>{encode('Quyết định của Ủy ban nhân dân tỉnh', 'vni')}</p>")),
                    ("heading", encode("Thủy lợi và đê điều", "viscii")),
                ]
            ),
            "author": "Hoàng Lan",
            "source": "",
            "tags": "",
            "credits": inline_formset([]),
            "featured_image_caption": "",
        }
    )
    response = admin_client.post(f"/admin/pages/add/portal/articlepage/{portal.section.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:1500]
    article = ArticlePage.objects.get(slug="cong-hoa").get_latest_revision_as_object()
    assert article.title == TITLE
    # NFC, the zero-width space gone, double space folded, house style "classic": Hoà -> Hòa.
    assert article.summary == "Tỉnh Khánh Hòa triển khai chuyển đổi số."
    blocks = list(article.body)
    assert ">Quyết định của Ủy ban nhân dân tỉnh</p>" in blocks[0].value.source
    assert blocks[1].value == "Thủy lợi và đê điều"


def test_modern_house_style(settings):
    settings.TCVN_TONE_STYLE = "modern"
    assert normalize_text("Khánh Hòa, thủy lợi") == "Khánh Hoà, thuỷ lợi"
    settings.TCVN_TONE_STYLE = ""
    assert normalize_text("Khánh Hoà") == "Khánh Hoà"


def test_image_titles_are_normalised_on_save(portal):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(buffer, format="PNG")
    image = get_image_model()(title=encode("Tháp Bà Ponagar", "tcvn3"), collection=portal.unit.collection)
    image.file = ImageFile(buffer, name="thap-ba.png")
    image.save()
    image.refresh_from_db()
    assert image.title == "Tháp Bà Ponagar"


def test_snippet_saves_are_normalised(portal):
    category = Category.objects.get(code="gioi-thieu")
    category.description_vi = encode("Điều kiện tự nhiên, lịch sử, văn hóa", "vni")
    category.save()
    category.refresh_from_db()
    assert category.description_vi == "Điều kiện tự nhiên, lịch sử, văn hóa"


@pytest.mark.parametrize(
    "value",
    [
        "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html?x=1",
        "congthongtin@khanhhoa.gov.vn",
        "#a5191d",
        "12/2026/QĐ-UBND",
        "0258 3 822 000",
    ],
)
def test_identifiers_and_addresses_stay_as_typed(value):
    assert normalize_text(value) == value


def test_html_markup_is_never_rewritten():
    html = '<p class="x"><a href="https://khanhhoa.gov.vn/?a=1&amp;b=2" data-x="Vie^.t">Vie^.t Nam</a></p>'
    out = normalize_html(html)
    assert out.startswith('<p class="x"><a href="https://khanhhoa.gov.vn/?a=1&amp;b=2" data-x="Vie^.t">')


def test_stream_data_skips_ids_and_links():
    data = [
        {"type": "paragraph", "id": "abc-hoà", "value": "<p>Khánh Hoà</p>"},
        {"type": "service", "value": {"url": "https://x.vn/hoà", "title": "Hoà"}},
    ]
    out = normalize_data(data)
    assert out[0]["id"] == "abc-hoà" and out[0]["value"] == "<p>Khánh Hòa</p>"
    assert out[1]["value"]["url"] == "https://x.vn/hoà" and out[1]["value"]["title"] == "Hòa"


def test_huge_and_hostile_text_does_not_crash():
    assert normalize_text("\x00\x01" + "a" * 200_000)
    assert normalize_html("<p>" * 10_000) == "<p>" * 10_000
