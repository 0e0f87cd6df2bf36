"""Ads start and end without any save: the defacement watch is told, and so is it on every save."""

from __future__ import annotations

import datetime
import io
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command

from portal.ads.services import SCHEDULE_MARK_KEY as LAST_RUN_KEY
from subportals.enums import UnitKind
from tests.ads.factories import START, AdvertisementFactory
from tests.factories import make_unit

pytestmark = pytest.mark.django_db


def test_saving_an_ad_marks_every_site(django_capture_on_commit_callbacks):
    with (
        mock.patch("security.integrity.services.mark_context_changed") as mark,
        django_capture_on_commit_callbacks(execute=True),
    ):
        AdvertisementFactory()
    mark.assert_called_with(site_ids=None)


def test_mark_ad_schedule_marks_sites_whose_ads_started_or_ended():
    health = make_unit("soyte", UnitKind.DEPARTMENT)
    ad = AdvertisementFactory(all_sites=False)
    ad.units.set([health])
    cache.set(LAST_RUN_KEY, START - datetime.timedelta(minutes=5), None)
    with (
        mock.patch("django.utils.timezone.now", return_value=START + datetime.timedelta(minutes=5)),
        mock.patch("security.integrity.services.mark_context_changed", return_value=3) as mark,
    ):
        out = io.StringIO()
        call_command("mark_ad_schedule", stdout=out)
    mark.assert_called_once()
    assert mark.call_args.kwargs["site_ids"] == {health.site_id}
    assert "Đã đánh dấu 3 trang" in out.getvalue()
    # The next run starts where this one stopped: nothing new, nothing marked.
    with (
        mock.patch("django.utils.timezone.now", return_value=START + datetime.timedelta(minutes=10)),
        mock.patch("security.integrity.services.mark_context_changed") as mark,
    ):
        call_command("mark_ad_schedule", stdout=io.StringIO())
    mark.assert_not_called()


def test_every_defacement_check_marks_ad_changes_first():
    """Operators run only check_defacement: the ads' schedule is marked through check_starting."""
    health = make_unit("soyte", UnitKind.DEPARTMENT)
    ad = AdvertisementFactory(all_sites=False)
    ad.units.set([health])
    cache.set(LAST_RUN_KEY, START - datetime.timedelta(minutes=5), None)
    with (
        mock.patch("django.utils.timezone.now", return_value=START + datetime.timedelta(minutes=5)),
        mock.patch("security.integrity.services.mark_context_changed", return_value=1) as mark,
    ):
        call_command("check_defacement", stdout=io.StringIO(), stderr=io.StringIO(), verbosity=0)
    assert mark.call_args_list[0].kwargs["site_ids"] == {health.site_id}
