"""XSS payloads never reach a visitor; every response carries the security headers."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from wagtail.rich_text import RichText

from portal.models import ArticlePage, HomePage
from security.sanitize import clean_rich_text, clean_text
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">bấm vào đây</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<svg onload="alert(1)"><circle/></svg>',
    '<iframe src="https://evil.example/"></iframe>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">đoạn văn</p>',
    "<object data='evil.swf'></object><embed src='evil.swf'>",
    "<!--<script>alert(1)</script>-->",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
]
DANGEROUS = ("<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "<svg", "<object", "data:text/html")


class ActiveContent(HTMLParser):
    """Elements and attributes a browser would run, as the browser's parser sees them (not the text)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "svg", "math", "style", "base"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith(("javascript:", "data:text")):
                self.found.append(f"{tag}[{name}]")


def assert_no_active_content(html: str) -> None:
    parser = ActiveContent()
    parser.feed(html)
    assert parser.found == [], (parser.found, html[:500])


def assert_harmless(html: str) -> None:
    lowered = html.lower()
    for marker in DANGEROUS:
        assert marker not in lowered, (marker, html[:500])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rich_text_keeps_only_the_allowed_dialect(payload):
    cleaned = clean_rich_text(f'<p data-block-key="k1">Tin {payload} cuối</p>')
    assert_harmless(cleaned)
    assert clean_rich_text(cleaned) == cleaned  # idempotent: saving again changes nothing


def test_wagtail_links_and_embeds_survive():
    html = (
        '<p data-block-key="a1">Xem <a linktype="page" id="3">trang</a> và '
        '<a href="https://khanhhoa.gov.vn/">cổng</a>, <a href="mailto:a@b.vn">thư</a></p>'
        '<embed alt="Ảnh biển" embedtype="image" format="fullwidth" id="5"/>'
    )
    assert clean_rich_text(html) == html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_citizen_text_keeps_no_markup(payload):
    cleaned = clean_text(f"Câu hỏi: {payload}")
    assert "<" not in cleaned.replace("&lt;", "") and cleaned.startswith("Câu hỏi:")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_an_article_never_reach_the_visitor(client, portal, payload):
    article = ArticlePageFactory(
        parent=portal.section,
        title=f"Tin {payload}"[:255],
        summary=f"Tóm tắt {payload}",
        author=payload[:200],
        body=[("paragraph", RichText(f"<p>Nội dung {payload}</p>"))],
    )
    stored = ArticlePage.objects.get(pk=article.pk)
    assert_harmless(stored.body.raw_data[0]["value"])
    response = client.get(article.url, HTTP_HOST="localhost")
    assert response.status_code == 200
    body = response.content.decode()
    main = body.split("<main", 1)[1].split("</main>", 1)[0]
    assert_no_active_content("<main" + main)
    assert_no_active_content(body.split("<body", 1)[1])  # the whole page: no script anywhere


def test_payload_in_the_home_intro_rich_text_is_cleaned(portal):
    home = HomePage.objects.get(pk=portal.home.pk)
    home.intro = '<p>Chào <img src=x onerror="alert(1)"><script>alert(1)</script></p>'
    home.save()
    home.refresh_from_db()
    assert home.intro == "<p>Chào </p>"


def test_payload_through_the_admin_page_form_is_cleaned(client, portal):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    from tests.factories import UserFactory

    client.force_login(UserFactory(username="vanhanh", is_superuser=True))
    data = nested_form_data(
        {
            "title": "Tin thử",
            "slug": "tin-thu-xss",
            "category": str(portal.article.category_id),
            "summary": "Tóm tắt",
            "publication_date": "24/11/2026 08:30",
            "body": streamfield([("paragraph", rich_text('<p>Chữ <a href="javascript:alert(1)">độc</a></p>'))]),
            "author": "",
            "source": "",
            "tags": "",
            "credits": inline_formset([]),
            "featured_image_caption": "",
        }
    )
    response = client.post(f"/admin/pages/add/portal/articlepage/{portal.section.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(slug="tin-thu-xss").get_latest_revision_as_object()
    assert "javascript:" not in str(page.body.raw_data)


def test_public_pages_carry_the_security_headers(client, portal):
    response = client.get("/vi/", HTTP_HOST="localhost")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_admin_pages_have_their_own_policy(client, db):
    response = client.get("/admin/login/")
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "object-src 'none'" in policy


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "k" * 20 + "Zx9!q@W#e$R%t^Y&u*I(o)P_a+S=d-F" * 2,
        "ALLOWED_HOSTS": "www.khanhhoa.gov.vn",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
