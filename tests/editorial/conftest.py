"""Fixtures shared by the editorial tests."""

from __future__ import annotations

import pytest

from tests.editorial.test_workflow_journeys import Board


@pytest.fixture
def board(portal) -> Board:
    """A department's editorial board, a second board head, and another unit's board head."""
    return Board()
