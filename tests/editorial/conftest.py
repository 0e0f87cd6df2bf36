"""Fixtures shared by the editorial tests."""

from __future__ import annotations

import datetime

import pytest

from subportals.enums import UnitKind
from tests.editorial.test_workflow_journeys import Board
from tests.factories import make_unit


@pytest.fixture
def board(portal) -> Board:
    """A department's editorial board, a second board head, and another unit's board head."""
    return Board()


@pytest.fixture
def units(db) -> dict:
    """The main portal, a department and a district, monitored since 2025, each with a contact address."""
    units = {
        "main": make_unit(),
        "syt": make_unit("syt", UnitKind.DEPARTMENT),
        "nt": make_unit("nhatrang", UnitKind.DISTRICT),
    }
    for unit in units.values():
        unit.monitoring_start = datetime.date(2025, 1, 1)
        unit.contact_emails = f"banbientap@{unit.code}.khanhhoa.gov.vn"
        unit.save()
    return units
