"""Fixtures of the feedback tests: the main portal, a department and a district, with their boards."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from subportals.enums import EditorialRole, UnitKind
from subportals.models import Unit
from subportals.provisioning import ensure_management_group
from tests.factories import UserFactory, make_unit, member


@dataclass
class World:
    main: Unit
    syt: Unit
    nt: Unit
    manager: Any
    syt_editor: Any
    syt_head: Any
    nt_editor: Any
    nt_head: Any


@pytest.fixture
def world(db, settings) -> World:
    settings.FEEDBACK_MIN_FILL_SECONDS = 5
    main = make_unit()
    syt = make_unit("syt", UnitKind.DEPARTMENT)
    nt = make_unit("nhatrang", UnitKind.DISTRICT)
    for unit in (main, syt, nt):
        unit.contact_emails = f"banbientap@{unit.code}.khanhhoa.gov.vn\nkhong-phai-email"
        unit.save()
    manager = UserFactory(username="trungtam.quanly", first_name="Hạnh", last_name="Phan")
    manager.groups.add(ensure_management_group())
    return World(
        main=main,
        syt=syt,
        nt=nt,
        manager=manager,
        syt_editor=member(syt, EditorialRole.EDITOR, "syt.bientap"),
        syt_head=member(syt, EditorialRole.BOARD_HEAD, "syt.truongban"),
        nt_editor=member(nt, EditorialRole.EDITOR, "nhatrang.bientap"),
        nt_head=member(nt, EditorialRole.BOARD_HEAD, "nhatrang.truongban"),
    )
