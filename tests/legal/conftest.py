"""Fixtures of the legal-document tests: the main portal's register and a department's one."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from portal.legal.models import LegalDocumentIndexPage
from subportals.enums import EditorialRole, UnitKind
from subportals.models import Unit
from tests.factories import home_of, make_unit, member, translate

from .factories import LegalDocumentIndexPageFactory, make_document, pdf_bytes


@dataclass
class Registers:
    main: LegalDocumentIndexPage
    department: LegalDocumentIndexPage
    department_unit: Unit


@pytest.fixture
def registers(portal) -> Registers:
    """The register under the main portal's section (vi/en/ru) and one under the Sở Y tế home."""
    main = LegalDocumentIndexPageFactory(parent=portal.section, title="Văn bản pháp luật", slug="van-ban-phap-luat")
    translate(main, "en", title="Legal documents")
    translate(main, "ru", title="Правовые документы")
    syt = make_unit("syt", UnitKind.DEPARTMENT)
    department = LegalDocumentIndexPageFactory(parent=home_of(syt), title="Văn bản", slug="van-ban")
    return Registers(main=main, department=department, department_unit=syt)


@pytest.fixture
def editor(registers):
    """An editor of the Sở Y tế."""
    return member(registers.department_unit, EditorialRole.EDITOR, "syt.bientap")


@pytest.fixture
def own_pdf(registers):
    return make_document("qd-215-2025.pdf", pdf_bytes(), collection=registers.department_unit.collection)
