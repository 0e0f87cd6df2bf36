"""The other register records (procedures, projects, datasets) print and save too, with their facts."""

from __future__ import annotations

import pytest

from tests.opendata.factories import make_dataset, make_index
from tests.procedures.factories import ProcedureIndexPageFactory, ProcedurePageFactory
from tests.procurement.factories import ProjectIndexPageFactory, ProjectPageFactory

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_procedure_project_and_dataset_pages_print_and_save(client, portal):
    procedure = ProcedurePageFactory(
        parent=ProcedureIndexPageFactory(parent=portal.section), title="Cấp giấy phép xây dựng nhà ở riêng lẻ"
    )
    project = ProjectPageFactory(
        parent=ProjectIndexPageFactory(parent=portal.section), title="Dự án nâng cấp đường tỉnh 3"
    )
    dataset = make_dataset(make_index(portal.section))
    expected = {
        procedure: ["Sở Xây dựng tỉnh Khánh Hòa", "Luật Xây dựng số 50/2014/QH13"],
        project: ["Huyện Cam Lâm", "125.000.000.000"],
        dataset: ["Cục Thống kê tỉnh Khánh Hòa"],
    }
    for page, facts in expected.items():
        url = page.get_url()
        html = client.get(url).content.decode()
        assert f'href="{url}in/"' in html and f'href="{url}pdf/"' in html, url

        response = client.get(url + "in/")
        assert response.status_code == 200
        html = response.content.decode()
        assert page.title in html and page.get_full_url() in html
        for fact in facts:
            assert fact in html, (url, fact)

        response = client.get(url + "pdf/")
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="{page.slug}.pdf"'
        text = pdf_text(response.content)
        assert page.title in text
        for fact in facts:
            assert fact in text, (url, fact)
