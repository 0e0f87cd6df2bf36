"""Ads on public pages: labelled in every language, on time, on the right sites, never in an article body."""

from __future__ import annotations

import datetime
import re
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.rich_text import RichText

from portal.ads import services
from portal.blocks import ArticleBodyBlock
from subportals.enums import UnitKind
from tests.ads.factories import END, START, AdSlotFactory, AdvertisementFactory
from tests.factories import ArticlePageFactory, make_unit
from tests.links.factories import GovernmentLinkFactory

pytestmark = pytest.mark.django_db

ARTICLE = "/vi/tin-tuc-su-kien/khanh-hoa-don-khach/"
AD_MARKERS = ("data-ad-slot", 'class="ad-slot', 'rel="sponsored', "ad__label")


def running_now(**fields):
    """An ad whose period surely covers the real clock (the HTTP tests do not fix the time)."""
    now = timezone.now()
    fields.setdefault("start_at", now - datetime.timedelta(days=1))
    fields.setdefault("end_at", now + datetime.timedelta(days=1))
    return AdvertisementFactory(**fields)


def slots_in(html: str) -> dict[str, str]:
    return {
        m.group(1): m.group(0)
        for m in re.finditer(r'<aside class="ad-slot[^"]*" data-ad-slot="([^"]+)".*?</aside>', html, re.S)
    }


def main_element(html: str) -> str:
    return html[html.index("<main") : html.index("</main>") + len("</main>")]


def article_body(html: str) -> str:
    start = html.index('<div class="article__body">')
    return html[start : html.index('<footer class="article__footer">', start)]


def test_running_ad_is_labelled_linked_and_described(client, portal):
    ad = running_now(title="Tour đảo Hòn Mun – giảm 30%", target_url="https://dulich.example.vn/hon-mun?utm=cong")
    html = client.get("/vi/").content.decode()
    aside = slots_in(html)["sidebar"]
    assert 'aria-label="Quảng cáo"' in aside
    assert '<span class="ad__label">Quảng cáo</span>' in aside
    assert 'href="https://dulich.example.vn/hon-mun?utm=cong"' in aside
    assert 'rel="sponsored noopener"' in aside
    assert f'alt="{ad.title}"' in aside
    assert re.search(r'<img class="ad__image" src="[^"]+" width="\d+" height="\d+"', aside)


@pytest.mark.parametrize(("language", "label"), [("vi", "Quảng cáo"), ("en", "Advertisement"), ("ru", "Реклама")])
def test_label_is_exact_in_every_language(client, portal, language, label):
    running_now()
    aside = slots_in(client.get(f"/{language}/").content.decode())["sidebar"]
    assert f'<span class="ad__label">{label}</span>' in aside
    assert f'aria-label="{label}"' in aside
    others = {"Quảng cáo", "Advertisement", "Реклама"} - {label}
    assert not any(other in aside for other in others)


@pytest.mark.parametrize(
    ("instant", "shown"),
    [
        (START - datetime.timedelta(seconds=1), False),
        (START, True),
        (START + datetime.timedelta(days=12, hours=3), True),
        (END - datetime.timedelta(seconds=1), True),
        (END, False),
        (END + datetime.timedelta(days=1), False),
    ],
)
def test_page_shows_the_ad_exactly_within_its_period(client, portal, instant, shown):
    AdvertisementFactory(title="Chiến dịch tháng Ba")  # 01/03/2026 08:00 – 31/03/2026 17:00
    with mock.patch("django.utils.timezone.now", return_value=instant):
        html = client.get("/vi/").content.decode()
    assert ("Chiến dịch tháng Ba" in html) is shown


def test_expired_and_future_ads_are_not_shown(client, portal):
    now = timezone.now()
    AdvertisementFactory(
        title="Đã hết hạn", start_at=now - datetime.timedelta(days=40), end_at=now - datetime.timedelta(days=10)
    )
    AdvertisementFactory(
        title="Sắp chạy", start_at=now + datetime.timedelta(days=1), end_at=now + datetime.timedelta(days=5)
    )
    html = client.get("/vi/").content.decode()
    assert "Đã hết hạn" not in html and "Sắp chạy" not in html
    assert not slots_in(html)


def test_site_targeting_over_http(client, portal):
    health = make_unit("soyte", UnitKind.DEPARTMENT)
    only_health = running_now(title="Khám sức khỏe định kỳ – Bệnh viện", all_sites=False)
    only_health.units.set([health])
    everywhere = running_now(title="Quảng cáo mọi cổng")
    main = client.get("/vi/").content.decode()
    sub = client.get("/vi/", HTTP_HOST="soyte.localhost").content.decode()
    assert everywhere.title in main and everywhere.title in sub
    assert only_health.title in sub and only_health.title not in main


def test_header_banner_and_sidebar_positions(client, portal):
    running_now(slot=AdSlotFactory(code="header-banner", width=970, height=90, max_ads=1), title="Băng rôn đầu trang")
    running_now(title="Khung cuối trang")
    html = client.get("/vi/").content.decode()
    slots = slots_in(html)
    assert "Băng rôn đầu trang" in slots["header-banner"] and "Khung cuối trang" in slots["sidebar"]
    assert html.index("</header>") < html.index('data-ad-slot="header-banner"') < html.index("<main")
    assert html.index("</main>") < html.index('data-ad-slot="sidebar"') < html.index("<footer")


def test_page_without_slots_or_ads_renders(client, portal):
    for url in ("/vi/", ARTICLE, "/en/", "/vi/chuyen-muc/tin-tuc/"):
        response = client.get(url)
        assert response.status_code == 200
        assert not any(marker in response.content.decode() for marker in AD_MARKERS)
    AdSlotFactory()  # a slot without ads
    assert "data-ad-slot" not in client.get("/vi/").content.decode()


def test_ad_without_image_shows_its_title(client, portal):
    running_now(image=None, title="Chỉ có chữ")
    aside = slots_in(client.get("/vi/").content.decode())["sidebar"]
    assert '<span class="ad__title">Chỉ có chữ</span>' in aside and "<img" not in aside


def test_hostile_ad_text_is_escaped_and_bad_addresses_never_render(client, portal):
    running_now(title='"><script>alert(1)</script>', advertiser="<b>Công ty</b>")
    running_now(title="Địa chỉ độc hại", target_url="javascript:alert(1)")  # written behind the form's back
    html = client.get("/vi/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html
    assert "javascript:" not in html and "Địa chỉ độc hại" not in html


def test_inactive_unit_site_shows_no_ads(client, portal):
    health = make_unit("soyte", UnitKind.DEPARTMENT)
    running_now()
    health.is_active = False
    health.save()
    response = client.get("/vi/", HTTP_HOST="soyte.localhost")
    assert response.status_code == 404 and "data-ad-slot" not in response.content.decode()


# --- never inside an article --------------------------------------------------------------------


def test_article_body_never_contains_an_ad(client, portal):
    running_now(slot=AdSlotFactory(code="header-banner", width=970, height=90), title="Băng rôn")
    running_now(title="Khung bên")
    html = client.get(ARTICLE).content.decode()
    assert slots_in(html), "the ads are on the page, so the check below can fail"
    for marker in AD_MARKERS:
        assert marker not in main_element(html)
        assert marker not in article_body(html)


def test_rich_text_cannot_inject_ad_markup(client, portal):
    running_now()
    injected = (
        '<aside class="ad-slot ad-slot--sidebar" data-ad-slot="sidebar" aria-label="Quảng cáo">'
        '<a class="ad__link" href="https://lua-dao.example.vn" rel="sponsored noopener">'
        '<span class="ad__label">Quảng cáo</span><img src="https://lua-dao.example.vn/a.png" alt="x"></a></aside>'
        "<p>Đoạn văn thật.</p>"
    )
    ArticlePageFactory(
        parent=portal.section,
        slug="tin-co-chen-ma",
        body=[("paragraph", RichText(injected)), ("quote", {"quote": injected, "attribution": injected})],
    )
    html = client.get("/vi/tin-tuc-su-kien/tin-co-chen-ma/").content.decode()
    body = article_body(html)
    assert "Đoạn văn thật." in body
    for marker in AD_MARKERS:
        assert marker not in body, marker
    assert "<img" not in body and "<aside" not in body


def test_article_body_has_no_ad_block():
    names = set(ArticleBodyBlock().child_blocks)
    assert names == {"heading", "paragraph", "image", "quote", "document", "table"}
    for block in ArticleBodyBlock().child_blocks.values():
        assert not type(block).__module__.startswith("portal.ads")


def test_ad_slot_is_only_used_in_the_layout():
    from pathlib import Path

    from django.conf import settings

    uses = []
    roots = [Path(settings.BASE_DIR) / name for name in ("portal", "subportals", "editorial", "search", "security")]
    for root in roots:
        for path in root.rglob("*.html"):
            if "ad_slot" in path.read_text(encoding="utf-8") and path.name != "ad_slot.html":
                uses.append(path.relative_to(settings.BASE_DIR).as_posix())
    assert uses == ["portal/templates/base.html"]


# --- queries ----------------------------------------------------------------------------------------


def count_queries(client, url: str, *, cold: bool) -> int:
    assert client.get(url).status_code == 200
    if cold:
        services.invalidate()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/vi/", ARTICLE, "/ru/"])
@pytest.mark.parametrize("cold", [False, True])
def test_query_count_with_ads_and_links_is_fixed(client, portal, url, cold):
    header = AdSlotFactory(code="header-banner", width=970, height=90, max_ads=1)
    running_now(slot=header)
    running_now()
    GovernmentLinkFactory()
    few = count_queries(client, url, cold=cold)
    for index in range(8):
        running_now(slot=header if index % 2 else AdSlotFactory())
    for _index in range(25):
        GovernmentLinkFactory()
    assert count_queries(client, url, cold=cold) == few
