"""Saving a link explains the page change to the defacement watch, for the sites that show it."""

from __future__ import annotations

from unittest import mock

import pytest

from subportals.enums import UnitKind
from tests.factories import make_unit
from tests.links.factories import GovernmentLinkFactory

pytestmark = pytest.mark.django_db


def test_link_changes_mark_the_sites_that_show_them(django_capture_on_commit_callbacks):
    main = make_unit()
    health = make_unit("soyte", UnitKind.DEPARTMENT)
    justice = make_unit("sotuphap", UnitKind.DEPARTMENT)
    with mock.patch("security.integrity.services.mark_context_changed") as mark:
        with django_capture_on_commit_callbacks(execute=True):
            own = GovernmentLinkFactory(unit=health)
        mark.assert_called_with(site_ids={health.site_id})
        with django_capture_on_commit_callbacks(execute=True):
            own.unit = justice
            own.save()
        mark.assert_called_with(site_ids={health.site_id, justice.site_id})
        with django_capture_on_commit_callbacks(execute=True):
            GovernmentLinkFactory(unit=None)
        mark.assert_called_with(site_ids=None)  # the main portal's central links show on every site
        with django_capture_on_commit_callbacks(execute=True):
            GovernmentLinkFactory(unit=main)
        mark.assert_called_with(site_ids=None)
        with django_capture_on_commit_callbacks(execute=True):
            own.delete()
        mark.assert_called_with(site_ids={justice.site_id})
