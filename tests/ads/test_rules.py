"""Advertising rules without HTTP: the period, the sites, the slot limits, the label and the cache's clock."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from portal.ads import services
from portal.ads.labels import AD_LABEL, ad_label
from portal.ads.models import Advertisement
from subportals.enums import UnitKind
from tests.ads.factories import END, START, AdSlotFactory, AdvertisementFactory
from tests.factories import make_unit

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)
MICRO = datetime.timedelta(microseconds=1)


def titles(unit, now) -> list[str]:
    return [ad.title for ad in services.running_ads(unit, now)]


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize("end", [START - datetime.timedelta(days=1), START, START - MICRO])
def test_end_not_after_start_is_refused_in_vietnamese(end):
    ad = AdvertisementFactory.build(slot=AdSlotFactory(), image=None, start_at=START, end_at=end)
    with pytest.raises(ValidationError) as error:
        ad.full_clean()
    assert error.value.message_dict["end_at"] == ["Thời điểm kết thúc phải sau thời điểm bắt đầu."]


def test_database_refuses_an_end_before_the_start_written_behind_the_form():
    ad = AdvertisementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Advertisement.objects.filter(pk=ad.pk).update(end_at=START - SECOND)


def test_shown_exactly_within_its_period():
    ad = AdvertisementFactory(title="Chiến dịch tháng Ba")
    assert titles(None, START - SECOND) == []
    assert titles(None, START - MICRO) == []
    assert titles(None, START) == [ad.title]
    assert titles(None, START + datetime.timedelta(days=15)) == [ad.title]
    assert titles(None, END - MICRO) == [ad.title]
    assert titles(None, END) == []
    assert titles(None, END + datetime.timedelta(days=365)) == []


def test_expired_future_inactive_and_closed_slot_ads_are_not_shown():
    now = START + datetime.timedelta(days=10)
    AdvertisementFactory(title="Đã hết hạn", start_at=START - datetime.timedelta(days=60), end_at=START)
    AdvertisementFactory(title="Chưa tới ngày", start_at=now + SECOND, end_at=END)
    AdvertisementFactory(title="Đã tắt", is_active=False)
    AdvertisementFactory(title="Vị trí đã đóng", slot=AdSlotFactory(code="footer", is_active=False))
    running = AdvertisementFactory(title="Đang chạy")
    assert titles(None, now) == [running.title]


# --- sites -------------------------------------------------------------------------------------


def test_site_targeting():
    main = make_unit()
    health = make_unit("soyte", UnitKind.DEPARTMENT)
    justice = make_unit("sotuphap", UnitKind.DEPARTMENT)
    everywhere = AdvertisementFactory(title="Mọi cổng")
    only_main = AdvertisementFactory(title="Chỉ cổng chính", all_sites=False)
    only_main.units.set([main])
    only_health = AdvertisementFactory(title="Chỉ Sở Y tế", all_sites=False)
    only_health.units.set([health])
    both = AdvertisementFactory(title="Cổng chính và Sở Y tế", all_sites=False)
    both.units.set([main, health])
    nowhere = AdvertisementFactory(title="Chưa chọn cổng", all_sites=False)

    now = START + SECOND
    assert set(titles(main, now)) == {everywhere.title, only_main.title, both.title}
    assert set(titles(health, now)) == {everywhere.title, only_health.title, both.title}
    assert set(titles(justice, now)) == {everywhere.title}
    assert set(titles(None, now)) == {everywhere.title}
    assert nowhere.title not in titles(main, now)
    # Each ad once, even when chosen for several units.
    assert len(titles(main, now)) == 3


# --- slots -------------------------------------------------------------------------------------


def test_slot_shows_at_most_its_limit_in_order():
    slot = AdSlotFactory(code="header-banner", width=970, height=90, max_ads=2)
    third = AdvertisementFactory(slot=slot, title="Thứ ba", sort_order=30)
    first = AdvertisementFactory(slot=slot, title="Thứ nhất", sort_order=10)
    second = AdvertisementFactory(slot=slot, title="Thứ hai", sort_order=20)
    slots = services.site_slots(None, START + SECOND)
    assert [ad["title"] for ad in slots["header-banner"]["ads"]] == [first.title, second.title]
    assert third.title not in str(slots)


def test_images_are_scaled_to_the_slot_without_cropping():
    slot = AdSlotFactory(code="header-banner", width=970, height=90, max_ads=1)
    AdvertisementFactory(slot=slot)
    image = services.site_slots(None, START + SECOND)["header-banner"]["ads"][0]["image"]
    assert image["height"] == 90 and image["width"] == 108  # 600×500 scaled into 970×90
    assert image["url"].startswith("/media/") or "://" in image["url"]


def test_ad_without_image_keeps_its_title():
    AdvertisementFactory(image=None, title="Chỉ có chữ")
    ad = services.site_slots(None, START + SECOND)["sidebar"]["ads"][0]
    assert ad["image"] is None and ad["title"] == "Chỉ có chữ"


# --- cache -------------------------------------------------------------------------------------


def test_cached_ads_follow_the_clock_without_any_save(django_assert_num_queries):
    ad = AdvertisementFactory()
    services.invalidate()
    assert services.site_slots(None, START - SECOND) == {}
    with django_assert_num_queries(0):  # Still before the start: the cached answer holds.
        assert services.site_slots(None, START - MICRO) == {}
    # At the start the cached answer has expired by itself.
    assert [a["title"] for a in services.site_slots(None, START)["sidebar"]["ads"]] == [ad.title]
    with django_assert_num_queries(0):  # Within the cache lifetime (ADS_CACHE_SECONDS) after that.
        assert services.site_slots(None, START + datetime.timedelta(seconds=100))["sidebar"]["ads"]
    assert services.site_slots(None, END - SECOND)["sidebar"]["ads"]
    assert services.site_slots(None, END) == {}
    # A clock set back never reads an answer computed for a later instant.
    assert services.site_slots(None, START + SECOND)["sidebar"]["ads"]


def test_saving_an_ad_refreshes_the_cache():
    ad = AdvertisementFactory()
    now = START + SECOND
    assert services.site_slots(None, now)["sidebar"]["ads"][0]["title"] == ad.title
    ad.title = "Tiêu đề mới"
    ad.save()
    assert services.site_slots(None, now)["sidebar"]["ads"][0]["title"] == "Tiêu đề mới"
    ad.is_active = False
    ad.save()
    assert services.site_slots(None, now) == {}


def test_fixed_number_of_queries_whatever_the_number_of_ads(django_assert_num_queries):
    AdvertisementFactory()
    services.site_slots(None, START + SECOND)  # Renditions exist from here on.
    services.invalidate()
    with django_assert_num_queries(2):  # ads with slots and images, then renditions: nothing per ad
        services.site_slots(None, START + SECOND)
    for index in range(12):
        AdvertisementFactory(slot=AdSlotFactory(code=f"vi-tri-{index % 3}"))
    services.site_slots(None, START + SECOND)  # Renditions of the new ads exist from here on.
    services.invalidate()
    with django_assert_num_queries(2):
        slots = services.site_slots(None, START + SECOND)
    assert len(slots) == 4


def test_next_change():
    now = START + SECOND
    running = AdvertisementFactory()
    later = AdvertisementFactory(start_at=START + datetime.timedelta(days=2), end_at=END)
    assert services.next_change([running, later], now) == min(
        START + datetime.timedelta(days=2), now + datetime.timedelta(seconds=services.cache_seconds())
    )


def test_sites_with_schedule_changes():
    main = make_unit()
    health = make_unit("soyte", UnitKind.DEPARTMENT)
    targeted = AdvertisementFactory(all_sites=False)
    targeted.units.set([health])
    assert services.sites_with_schedule_changes(START - SECOND, START) == {health.site_id}
    assert services.sites_with_schedule_changes(START, START + SECOND) == set()
    AdvertisementFactory(start_at=START - datetime.timedelta(days=1), end_at=START + SECOND)
    assert services.sites_with_schedule_changes(START, START + SECOND) is None
    assert main.site_id not in (services.sites_with_schedule_changes(START - SECOND, START) or {0})


# --- label -------------------------------------------------------------------------------------


def test_label_strings_are_exact():
    assert AD_LABEL == {"vi": "Quảng cáo", "en": "Advertisement", "ru": "Реклама"}
    assert ad_label("vi") == "Quảng cáo"
    assert ad_label("en") == "Advertisement"
    assert ad_label("ru") == "Реклама"
    assert ad_label("en-gb") == "Advertisement"
    assert ad_label("fr") == "Quảng cáo"


def test_label_follows_the_active_language():
    from django.utils import translation

    for code, label in AD_LABEL.items():
        with translation.override(code):
            assert ad_label() == label


def test_target_address_rules_apply_to_ads():
    slot = AdSlotFactory()
    for url in ("javascript:alert(1)", "data:text/html,x", "ftp://a.vn", "http://127.0.0.1", "http://10.0.0.1/"):
        ad = Advertisement(slot=slot, advertiser="A", title="B", target_url=url, start_at=START, end_at=END)
        with pytest.raises(ValidationError) as error:
            ad.full_clean(exclude=["image"])
        assert "target_url" in error.value.message_dict, url
