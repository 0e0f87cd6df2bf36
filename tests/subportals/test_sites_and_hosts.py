"""Each unit gets its own site, home pages in three languages, groups and collection; hosts route to it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from wagtail.models import GroupPagePermission, Site

from subportals.enums import EditorialRole, UnitKind
from subportals.models import UnitGroup
from tests.factories import ArticlePageFactory, SectionPageFactory, home_of, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sites(portal):
    health = make_unit("syt", UnitKind.DEPARTMENT)
    section = SectionPageFactory(parent=home_of(health), title="Tin y tế", slug="tin-y-te")
    ArticlePageFactory(parent=section, title="Tiêm chủng mở rộng tại Cam Ranh", slug="tiem-chung")
    return portal, health


def test_provisioning_creates_site_homes_groups_and_collection(two_sites):
    _portal, health = two_sites
    assert health.site.hostname == "syt.localhost"
    assert not health.site.is_default_site
    homes = home_of(health).get_translations(inclusive=True).live()
    assert sorted(p.locale.language_code for p in homes) == ["en", "ru", "vi"]
    roles = set(UnitGroup.objects.filter(unit=health).values_list("role", flat=True))
    assert roles == {r.value for r in EditorialRole}
    board = UnitGroup.objects.get(unit=health, role=EditorialRole.BOARD_HEAD).group
    # Permissions sit on the unit's own home pages (every language), never on the tree root.
    pages = set(GroupPagePermission.objects.filter(group=board).values_list("page__depth", flat=True))
    assert pages == {2}
    editor = UnitGroup.objects.get(unit=health, role=EditorialRole.EDITOR).group
    codenames = set(GroupPagePermission.objects.filter(group=editor).values_list("permission__codename", flat=True))
    assert "publish_page" not in codenames
    assert health.collection.depth == 2


def test_provisioning_twice_changes_nothing(two_sites):
    _portal, health = two_sites
    counts = (Site.objects.count(), UnitGroup.objects.count(), GroupPagePermission.objects.count())
    again = make_unit("syt", UnitKind.DEPARTMENT)
    assert again.pk == health.pk
    assert (Site.objects.count(), UnitGroup.objects.count(), GroupPagePermission.objects.count()) == counts


def test_host_routes_to_its_own_site(client, two_sites):
    response = client.get("/vi/tin-y-te/tiem-chung/", HTTP_HOST="syt.localhost")
    assert response.status_code == 200
    assert "Tiêm chủng mở rộng tại Cam Ranh" in response.content.decode()
    # The same path on the main portal is not there.
    assert client.get("/vi/tin-y-te/tiem-chung/", HTTP_HOST="localhost").status_code == 404


def test_unknown_host_gets_the_main_portal(client, two_sites):
    portal, _health = two_sites
    response = client.get("/vi/", HTTP_HOST="khong-ton-tai.example")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True) == portal.home.title


def test_subportal_listing_excludes_other_sites(client, two_sites):
    response = client.get("/vi/chuyen-muc/tin-tuc/", HTTP_HOST="syt.localhost")
    text = response.content.decode()
    assert "Tiêm chủng mở rộng tại Cam Ranh" in text
    assert "Khánh Hòa đón khách quốc tế" not in text


def test_main_home_links_to_active_subportals(client, two_sites, settings):
    _portal, health = two_sites
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("#subportals-heading ~ ul a")}
    assert links == {"Unit syt": "http://syt.localhost/en/"}
    health.is_active = False
    health.save()
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert not soup.select("#subportals-heading")


def test_subportal_footer_uses_its_own_identity(client, two_sites):
    soup = BeautifulSoup(client.get("/vi/", HTTP_HOST="syt.localhost").content, "html.parser")
    assert soup.select_one(".brand__name").get_text(strip=True) == "Cổng thông tin điện tử Đơn vị syt"


def test_each_site_has_its_own_theme(client, two_sites):
    from portal.models import PortalSettings

    _portal, health = two_sites
    theme = PortalSettings.for_site(health.site)
    theme.primary_color = "#00695c"
    theme.phone = "(0258) 3 822 999"
    theme.save()
    health_html = client.get("/vi/", HTTP_HOST="syt.localhost").content.decode()
    main_html = client.get("/vi/", HTTP_HOST="localhost").content.decode()
    assert "--brand: #00695c" in health_html and "(0258) 3 822 999" in health_html
    assert "#00695c" not in main_html and "(0258) 3 822 999" not in main_html


@pytest.mark.parametrize("colour", ["red", "#12345", "#1234567", "#GGGGGG", "</style><script>"])
def test_theme_colour_must_be_a_hex_code(two_sites, colour):
    from django.core.exceptions import ValidationError

    from portal.models import PortalSettings

    theme = PortalSettings.for_site(two_sites[1].site)
    theme.primary_color = colour
    with pytest.raises(ValidationError):
        theme.full_clean()
