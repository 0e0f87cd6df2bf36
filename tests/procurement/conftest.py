"""Fixtures of the procurement tests: the main portal's list (vi/en/ru) and the Department of Health's list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from portal.procurement.models import ProjectIndexPage
from subportals.enums import EditorialRole, UnitKind
from subportals.models import Unit
from tests.factories import home_of, make_unit, member, translate

from .factories import ProjectIndexPageFactory


@dataclass
class Lists:
    main: ProjectIndexPage
    health: ProjectIndexPage
    main_unit: Unit
    health_unit: Unit
    main_editor: Any
    health_editor: Any


@pytest.fixture
def lists(portal) -> Lists:
    main = ProjectIndexPageFactory(parent=portal.section, title="Dự án, đấu thầu", slug="du-an-dau-thau")
    translate(main, "en", title="Projects and tenders")
    translate(main, "ru", title="Проекты и торги")
    health_unit = make_unit("syt", UnitKind.DEPARTMENT)
    health = ProjectIndexPageFactory(parent=home_of(health_unit), title="Đấu thầu", slug="dau-thau")
    return Lists(
        main=main,
        health=health,
        main_unit=portal.unit,
        health_unit=health_unit,
        main_editor=member(portal.unit, EditorialRole.EDITOR, "khanhhoa.bientap"),
        health_editor=member(health_unit, EditorialRole.EDITOR, "syt.bientap"),
    )
