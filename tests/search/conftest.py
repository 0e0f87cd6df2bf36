"""Fixtures of the search tests: one page of every structured content type, in three languages."""

from __future__ import annotations

import datetime

import pytest

from tests.factories import translate
from tests.legal.factories import LegalDocumentIndexPageFactory, LegalDocumentPageFactory
from tests.opendata.factories import make_dataset, make_index
from tests.procedures.factories import ProcedureIndexPageFactory, ProcedurePageFactory
from tests.procurement.factories import ProjectIndexPageFactory, ProjectPageFactory


@pytest.fixture
def typed(portal):
    """One page of each structured type, translated into English and Russian with inflected words."""
    legal = LegalDocumentPageFactory(
        parent=LegalDocumentIndexPageFactory(parent=portal.section),
        number_symbol="26/2014/QĐ-UBND",
        issue_date=datetime.date(2014, 9, 5),
        title="Quyết định về phí tham quan vịnh",
        summary="Quy định phí tham quan vịnh Nha Trang.",
    )
    dataset = make_dataset(make_index(portal.section), title="Dân số các huyện", summary="Số liệu dân số.")
    procedure = ProcedurePageFactory(parent=ProcedureIndexPageFactory(parent=portal.section))
    project = ProjectPageFactory(parent=ProjectIndexPageFactory(parent=portal.section), egp_number="IB2500123456")
    pages = {
        "legal": (
            legal,
            {"title": "Decision on fees of the province", "summary": "Rules for visiting the bay."},
            {"title": "Решение о сборах", "summary": "Положение о правилах посещения залива."},
        ),
        "dataset": (
            dataset,
            {"title": "Population of the districts", "summary": "Yearly figures."},
            {"title": "Население районов", "summary": "Годовые данные."},
        ),
        "procedure": (
            procedure,
            {"title": "Registering a household business", "summary": "Done in 3 working days."},
            {"title": "Регистрация предприятий", "summary": "Срок три рабочих дня."},
        ),
        "project": (
            project,
            {"title": "Upgrading the provincial roads", "summary": "Wider lanes."},
            {"title": "Ремонт дорог в провинции", "summary": "Более широкие полосы."},
        ),
    }
    return {
        name: (translate(page, "en", **english), translate(page, "ru", **russian))
        for name, (page, english, russian) in pages.items()
    }
