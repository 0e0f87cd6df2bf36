"""The demo seeders of links and ads: idempotent, on the main portal and a sub-portal, in three languages."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import Page

from portal.ads import demo as ads_demo
from portal.ads.models import AdSlot, Advertisement
from portal.demo import extensions, sites
from portal.links import demo as links_demo
from portal.links.models import GovernmentLink, LinkIndexPage
from portal.translation import ensure_locales
from subportals.enums import UnitKind
from tests.factories import home_of, make_unit

pytestmark = pytest.mark.django_db


def seeder():
    main = make_unit(sites.MAIN_CODE)
    health = make_unit(links_demo.SUBPORTAL_CODE, UnitKind.DEPARTMENT)
    return SimpleNamespace(
        homes={main.code: home_of(main), health.code: home_of(health)},
        locales=ensure_locales(),
        categories={},
        sections={},
        now=timezone.now(),
    )


def counts() -> tuple[int, ...]:
    return (
        GovernmentLink.objects.count(),
        LinkIndexPage.objects.count(),
        Page.objects.count(),
        AdSlot.objects.count(),
        Advertisement.objects.count(),
    )


def test_seeders_are_registered():
    assert "portal.links.demo:seed" in extensions.SEEDERS
    assert "portal.ads.demo:seed" in extensions.SEEDERS


def test_demo_links_and_ads_are_idempotent_and_shown(client):
    fake = seeder()
    links_demo.seed(fake)
    ads_demo.seed(fake)
    first = counts()
    links_demo.seed(fake)
    ads_demo.seed(fake)
    assert counts() == first

    assert GovernmentLink.objects.filter(unit__isnull=True).count() >= 20
    assert GovernmentLink.objects.filter(unit__code="syt").count() == len(links_demo.SUBPORTAL_LINKS)
    assert LinkIndexPage.objects.count() == 6  # main portal and the Department of Health, vi/en/ru each

    main = client.get("/vi/lien-ket-website/").content.decode()
    assert "https://chinhphu.vn" in main and "https://mic.gov.vn" in main
    sub = client.get("/vi/lien-ket-website/", HTTP_HOST="syt.localhost").content.decode()
    assert (
        "https://kcb.vn" in sub
        and "https://chinhphu.vn" in sub
        and "https://mic.gov.vn" not in sub[sub.index("<main") : sub.index("</main>")]
    )
    en = client.get("/en/lien-ket-website/").content.decode()
    assert "Government links" in en and "Government Portal" in en
    ru = client.get("/ru/lien-ket-website/", HTTP_HOST="syt.localhost").content.decode()
    assert "Ссылки на государственные сайты" in ru

    everywhere, main_only, expired = (spec[2] for spec in ads_demo.ADS)
    home = client.get("/vi/").content.decode()
    assert everywhere in home and main_only in home and expired not in home
    assert "Quảng cáo" in home
    sub_home = client.get("/ru/", HTTP_HOST="syt.localhost").content.decode()
    assert everywhere in sub_home and main_only not in sub_home and "Реклама" in sub_home
