"""Fixtures of the security tests: accounts that may open the admin."""

from __future__ import annotations

import pytest

from subportals.enums import EditorialRole, UnitKind
from tests.factories import make_unit, member


@pytest.fixture
def unit(db):
    return make_unit("syt", UnitKind.DEPARTMENT)


@pytest.fixture
def editor(unit):
    """An editor of a department: admin access through the unit's editors group."""
    return member(unit, EditorialRole.EDITOR, "syt.bientap")
