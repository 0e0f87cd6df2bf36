"""Which ads a site shows now, as plain data cached per site until the next start or end of an ad.

The cache holds only what the template needs (titles, addresses, rendition URLs and sizes), so
a cache hit runs no query; a miss runs a fixed number (the ads, their images' renditions),
whatever the number of ads. Each entry knows the instant it stops being true (the next start or
end among the site's ads), so an ad appears and disappears on time without waiting for a
timeout, and a clock set back (in tests) never reads an entry computed for a later instant.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from portal.links.validation import url_problems

from .models import Advertisement

VERSION_KEY = "ads:version"


def cache_seconds() -> int:
    return int(getattr(settings, "ADS_CACHE_SECONDS", 300))


def targets(unit: Any) -> Q:
    """Ads for every site, plus those chosen for this unit's site (a subquery: no duplicate rows)."""
    if unit is None:
        return Q(all_sites=True)
    chosen = Advertisement.units.through.objects.filter(unit_id=unit.pk).values("advertisement_id")
    return Q(all_sites=True) | Q(pk__in=chosen)


def running_ads(unit: Any, now: datetime.datetime) -> list[Advertisement]:
    """Active ads of active slots whose period covers ``now`` (start included, end excluded)."""
    return [ad for ad in _candidates(unit, now) if ad.start_at <= now]


def _candidates(unit: Any, now: datetime.datetime) -> list[Advertisement]:
    """Running and future ads of the site, with slots, images and renditions (two queries)."""
    return list(
        Advertisement.objects.filter(is_active=True, slot__is_active=True, end_at__gt=now)
        .filter(targets(unit))
        .select_related("slot", "image")
        .prefetch_related("image__renditions")
        .order_by("slot_id", "sort_order", "-start_at", "pk")
    )


def _image_data(ad: Advertisement) -> dict[str, Any] | None:
    if ad.image is None:
        return None
    rendition = ad.image.get_rendition(ad.slot.rendition_spec)
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


def build_slots(ads: Iterable[Advertisement]) -> dict[str, dict[str, Any]]:
    """Running ads by slot code, at most ``max_ads`` per slot, in display order."""
    slots: dict[str, dict[str, Any]] = {}
    for ad in ads:
        if url_problems(ad.target_url):  # Written behind the form's back (import, shell): never rendered.
            continue
        slot = slots.setdefault(
            ad.slot.code,
            {"code": ad.slot.code, "width": ad.slot.width, "height": ad.slot.height, "ads": [], "max": ad.slot.max_ads},
        )
        if len(slot["ads"]) < slot["max"]:
            slot["ads"].append(
                {"title": ad.title, "advertiser": ad.advertiser, "url": ad.target_url, "image": _image_data(ad)}
            )
    return slots


def next_change(ads: Iterable[Advertisement], now: datetime.datetime) -> datetime.datetime:
    """The first instant after ``now`` at which an ad starts or ends (bounded by the cache lifetime)."""
    limit = now + datetime.timedelta(seconds=cache_seconds())
    change = next_schedule_change(ads, now)
    return limit if change is None else min(limit, change)


def next_schedule_change(ads: Iterable[Advertisement], now: datetime.datetime) -> datetime.datetime | None:
    """The first instant after ``now`` at which one of these ads starts or ends; None: never."""
    instants = [ad.start_at if ad.start_at > now else ad.end_at for ad in ads]
    return min(instants, default=None)


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
    return version


def invalidate() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def site_slots(unit: Any, now: datetime.datetime | None = None) -> dict[str, dict[str, Any]]:
    """The slots with running ads on the unit's site (``unit=None``: a site without a unit)."""
    return site_schedule(unit, now)[0]


def site_schedule(
    unit: Any, now: datetime.datetime | None = None
) -> tuple[dict[str, dict[str, Any]], datetime.datetime | None]:
    """The site's running ads by slot, and when they stop being true (the next start or end; None: never).

    The page cache keeps a page no longer than that, so an ad leaves the page at its end date.
    """
    now = now or timezone.now()
    key = f"ads:{_version()}:{getattr(unit, 'pk', None) or 'none'}"
    entry = cache.get(key)
    if entry is not None and entry["from"] <= now < entry["until"]:
        return entry["slots"], entry["change"]
    candidates = _candidates(unit, now)
    slots = build_slots(ad for ad in candidates if ad.start_at <= now)
    change = next_schedule_change(candidates, now)
    until = next_change(candidates, now)
    entry = {"from": now, "until": until, "change": change, "slots": slots}
    cache.set(key, entry, max(1, int((until - now).total_seconds()) + 1))
    return slots, change


def sites_with_schedule_changes(since: datetime.datetime, until: datetime.datetime) -> set[int] | None:
    """Sites whose ads started or ended in (since, until]: None when an ad for every site did.

    For the defacement watch (security.integrity): a page changes when an ad starts or ends
    without anybody saving anything, so that change must be explained like a publication.
    """
    from subportals.models import Unit

    changed = Advertisement.objects.filter(is_active=True, slot__is_active=True).filter(
        Q(start_at__gt=since, start_at__lte=until) | Q(end_at__gt=since, end_at__lte=until)
    )
    if changed.filter(all_sites=True).exists():
        return None
    unit_ids = Advertisement.units.through.objects.filter(advertisement__in=changed).values("unit_id")
    return set(Unit.objects.filter(pk__in=unit_ids, site__isnull=False).values_list("site_id", flat=True))


SCHEDULE_MARK_KEY = "ads:schedule-marked-until"


def mark_schedule_changes(now: datetime.datetime | None = None, hours: int = 24) -> tuple[datetime.datetime, int]:
    """Mark the sites whose ads started or ended since the last call (or the last ``hours``) as changed.

    Called before every defacement check: an ad appearing on time is not an attack.
    """
    from security.integrity.services import mark_context_changed

    now = now or timezone.now()
    since = cache.get(SCHEDULE_MARK_KEY) or now - datetime.timedelta(hours=max(1, hours))
    site_ids = sites_with_schedule_changes(since, now)
    marked = 0 if site_ids == set() else mark_context_changed(site_ids=site_ids, when=now)
    cache.set(SCHEDULE_MARK_KEY, now, None)
    return since, marked
