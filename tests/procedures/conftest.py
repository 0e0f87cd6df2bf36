"""Fixtures of the procedure tests: the main portal's list (vi/en/ru) and a district's list, with editors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from portal.procedures.models import ProcedureIndexPage
from subportals.enums import EditorialRole, UnitKind
from subportals.models import Unit
from tests.factories import home_of, make_unit, member, translate

from .factories import ProcedureIndexPageFactory


@dataclass
class Lists:
    main: ProcedureIndexPage
    district: ProcedureIndexPage
    main_unit: Unit
    district_unit: Unit
    main_editor: Any
    district_editor: Any


@pytest.fixture
def lists(portal) -> Lists:
    """The list under the main portal's section, translated, and one on the Nha Trang sub-portal."""
    main = ProcedureIndexPageFactory(parent=portal.section, title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    translate(main, "en", title="Administrative procedures")
    translate(main, "ru", title="Административные процедуры")
    district_unit = make_unit("nhatrang", UnitKind.DISTRICT)
    district = ProcedureIndexPageFactory(parent=home_of(district_unit), title="Thủ tục", slug="thu-tuc")
    return Lists(
        main=main,
        district=district,
        main_unit=portal.unit,
        district_unit=district_unit,
        main_editor=member(portal.unit, EditorialRole.EDITOR, "khanhhoa.bientap"),
        district_editor=member(district_unit, EditorialRole.EDITOR, "nhatrang.bientap"),
    )
