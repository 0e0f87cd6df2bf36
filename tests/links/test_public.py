"""The "Liên kết website" block on every page, and the links page with its group filter, in vi/en/ru."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.links.enums import LinkGroup
from portal.links.models import LinkIndexPage
from portal.links.services import grouped_links_for_unit
from subportals.enums import UnitKind
from tests.factories import home_of, make_unit, translate
from tests.links.factories import GovernmentLinkFactory

pytestmark = pytest.mark.django_db

G = LinkGroup


def footer(response) -> str:
    text = response.content.decode()
    match = re.search(r'<nav class="site-links".*?</nav>', text, re.DOTALL)
    return match.group(0) if match else ""


@pytest.fixture
def links(portal):
    """Main portal links of several groups, a department's own links, another department's."""
    health = make_unit("soyte", UnitKind.DEPARTMENT)
    justice = make_unit("sotuphap", UnitKind.DEPARTMENT)
    made = {
        "chinhphu": GovernmentLinkFactory(
            title_vi="Cổng TTĐT Chính phủ",
            title_en="Government Portal",
            title_ru="Портал правительства",
            url="https://chinhphu.vn",
            group=G.CENTRAL,
            sort_order=5,
        ),
        "quochoi": GovernmentLinkFactory(
            title_vi="Quốc hội", title_en="", title_ru="", url="https://quochoi.vn", group=G.CENTRAL, sort_order=1
        ),
        "mic": GovernmentLinkFactory(
            title_vi="Bộ Thông tin và Truyền thông", url="https://mic.gov.vn", group=G.MINISTRY
        ),
        "phuyen": GovernmentLinkFactory(title_vi="Tỉnh Phú Yên", url="https://phuyen.gov.vn", group=G.PROVINCE),
        "hidden": GovernmentLinkFactory(title_vi="Liên kết đã tắt", url="https://tat.gov.vn", is_active=False),
        "main_unit": GovernmentLinkFactory(
            title_vi="Sở Tài chính tỉnh", url="https://stc.khanhhoa.gov.vn", group=G.PROVINCIAL_AGENCY, unit=portal.unit
        ),
        "health_own": GovernmentLinkFactory(
            title_vi="Cục Quản lý Dược", url="https://dav.gov.vn", group=G.MINISTRY, unit=health
        ),
        "justice_own": GovernmentLinkFactory(
            title_vi="Cục Con nuôi", url="https://moj.gov.vn/cuc-con-nuoi", group=G.MINISTRY, unit=justice
        ),
    }
    return health, justice, made


def test_main_portal_shows_its_links_grouped_in_order(client, links):
    _health, _justice, made = links
    block = footer(client.get("/vi/"))
    assert "Liên kết website" in block
    for key in ("chinhphu", "quochoi", "mic", "phuyen", "main_unit"):
        assert made[key].url in block, key
    for key in ("hidden", "health_own", "justice_own"):
        assert made[key].url not in block, key
    # Groups in their fixed order; inside a group by order number ("Quốc hội" has 1).
    labels = [str(G.CENTRAL.label), str(G.MINISTRY.label), str(G.PROVINCE.label), str(G.PROVINCIAL_AGENCY.label)]
    positions = [block.index(label) for label in labels]
    assert positions == sorted(positions)
    assert block.index("quochoi.vn") < block.index("chinhphu.vn")


def test_sub_portal_shows_its_own_links_and_the_central_ones(client, links):
    _health, _justice, made = links
    block = footer(client.get("/vi/", HTTP_HOST="soyte.localhost"))
    for key in ("chinhphu", "quochoi", "health_own"):
        assert made[key].url in block, key
    # The main portal's non-central links and another unit's links stay on their own sites.
    for key in ("mic", "phuyen", "main_unit", "justice_own", "hidden"):
        assert made[key].url not in block, key
    other = footer(client.get("/vi/", HTTP_HOST="sotuphap.localhost"))
    assert made["justice_own"].url in other and made["health_own"].url not in other


def test_titles_follow_the_language_with_vietnamese_fallback(client, links):
    en = footer(client.get("/en/"))
    assert "Government Portal" in en and "Cổng TTĐT Chính phủ" not in en
    assert "Quốc hội" in en  # no English title: the Vietnamese one, never an empty link
    ru = footer(client.get("/ru/"))
    assert "Портал правительства" in ru


def test_block_is_on_every_page_type(client, portal, links):
    for url in ("/vi/", "/vi/tin-tuc-su-kien/", "/vi/tin-tuc-su-kien/khanh-hoa-don-khach/", "/vi/chuyen-muc/tin-tuc/"):
        assert "https://chinhphu.vn" in footer(client.get(url)), url


def test_saving_or_deleting_a_link_refreshes_the_cached_block(client, links):
    _health, _justice, made = links
    assert "Cổng TTĐT Chính phủ" in footer(client.get("/vi/"))
    link = made["chinhphu"]
    link.title_vi = "Cổng Thông tin điện tử Chính phủ nước CHXHCN Việt Nam"
    link.save()
    assert "Cổng Thông tin điện tử Chính phủ nước CHXHCN Việt Nam" in footer(client.get("/vi/"))
    link.delete()
    assert "https://chinhphu.vn" not in footer(client.get("/vi/"))


def test_hostile_title_is_escaped_and_a_smuggled_address_is_not_rendered(client, portal):
    GovernmentLinkFactory(title_vi='<script>alert("x")</script><b onclick=1>', url="https://hople.gov.vn")
    # Written behind the form's back (an import, the shell): never rendered as a link.
    GovernmentLinkFactory(title_vi="Độc hại", url="javascript:alert(1)")
    GovernmentLinkFactory(title_vi="Nội bộ", url="http://127.0.0.1/admin/")
    text = client.get("/vi/").content.decode()
    block = footer(client.get("/vi/"))
    assert "<script>alert" not in text and "&lt;script&gt;" in block
    assert "javascript:" not in text and "127.0.0.1" not in block
    assert "https://hople.gov.vn" in block


def test_no_links_no_block(client, portal):
    assert 'class="site-links"' not in client.get("/vi/").content.decode()


def test_inactive_unit_site_shows_no_block(client, links):
    health, _justice, _made = links
    health.is_active = False
    health.save()
    response = client.get("/vi/", HTTP_HOST="soyte.localhost")
    assert response.status_code == 404
    assert 'class="site-links"' not in response.content.decode()


# --- The links page -------------------------------------------------------------------------


def make_links_page(parent, **fields) -> LinkIndexPage:
    page = LinkIndexPage(
        title="Liên kết website", slug="lien-ket-website", intro="<p>Các trang của cơ quan nhà nước.</p>"
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    translate(page, "en", title="Government links", intro="<p>State agencies' websites.</p>")
    translate(page, "ru", title="Государственные сайты", intro="<p>Сайты госорганов.</p>")
    return page


def test_links_page_lists_groups_and_filters(client, portal, links):
    make_links_page(portal.home)
    response = client.get("/vi/lien-ket-website/")
    assert response.status_code == 200
    text = response.content.decode()
    main = text[text.index("<main") : text.index("</main>")]
    for url in ("https://chinhphu.vn", "https://mic.gov.vn", "https://phuyen.gov.vn"):
        assert url in main
    assert 'href="/vi/chuyen-muc/lien-ket/"' in main  # its place among the 12 categories

    filtered = client.get("/vi/lien-ket-website/", {"nhom": "bo-nganh"}).content.decode()
    main = filtered[filtered.index("<main") : filtered.index("</main>")]
    assert "https://mic.gov.vn" in main and "https://chinhphu.vn" not in main
    assert '<option value="bo-nganh" selected>' in main


@pytest.mark.parametrize(
    "value",
    ["khong-co", "<script>alert(1)</script>", "x" * 5000, "trung-uong' OR 1=1 --", "%00", "TRUNG-UONG"],
)
def test_bad_group_filter_shows_every_group(client, portal, links, value):
    make_links_page(portal.home)
    response = client.get("/vi/lien-ket-website/", {"nhom": value, "page": "-1"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "https://chinhphu.vn" in text and "https://mic.gov.vn" in text
    assert "<script>alert(1)</script>" not in text


def test_repeated_filter_parameter_does_not_break_the_page(client, portal, links):
    make_links_page(portal.home)
    response = client.get("/vi/lien-ket-website/?nhom=bo-nganh&nhom=trung-uong&nhom[]=x")
    assert response.status_code == 200


def test_links_page_is_translated_and_sub_portal_page_shows_its_links(client, portal, links):
    health, _justice, made = links
    make_links_page(portal.home)
    en = client.get("/en/lien-ket-website/").content.decode()
    assert "Government links" in en and "State agencies" in en and "Government Portal" in en
    ru = client.get("/ru/lien-ket-website/").content.decode()
    assert "Государственные сайты" in ru and "Портал правительства" in ru

    make_links_page(home_of(health))
    sub = client.get("/vi/lien-ket-website/", HTTP_HOST="soyte.localhost").content.decode()
    main = sub[sub.index("<main") : sub.index("</main>")]
    assert made["health_own"].url in main and made["chinhphu"].url in main
    assert made["mic"].url not in main and made["justice_own"].url not in main


def test_empty_group_says_so(client, portal, links):
    make_links_page(portal.home)
    text = client.get("/vi/lien-ket-website/", {"nhom": "khac"}).content.decode()
    assert "Chưa có liên kết nào trong nhóm này." in text


def count_queries(client, url: str, **extra) -> int:
    assert client.get(url, **extra).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **extra).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/vi/", "/vi/lien-ket-website/", "/en/lien-ket-website/?nhom=trung-uong"])
def test_query_count_does_not_grow_with_links(client, portal, url):
    make_links_page(portal.home)
    for index in range(3):
        GovernmentLinkFactory(group=G.values[index % len(G.values)])
    few = count_queries(client, url)
    for index in range(40):
        GovernmentLinkFactory(group=G.values[index % len(G.values)])
    assert count_queries(client, url) == few


def test_block_reads_the_database_once_per_site_and_language(portal, links, django_assert_num_queries):
    health, _justice, _made = links
    with django_assert_num_queries(1):
        first = grouped_links_for_unit(health, language="vi")
    with django_assert_num_queries(0):
        assert grouped_links_for_unit(health, language="vi") == first
    with django_assert_num_queries(1):
        grouped_links_for_unit(health, language="en")
