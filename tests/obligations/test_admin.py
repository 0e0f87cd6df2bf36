"""The obligations through HTTP: who edits, who sees which checklist, the exports, the panel, hostile input."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from editorial.obligations.models import Obligation
from subportals.models import Unit

from .conftest import BREAKS

pytestmark = pytest.mark.django_db

RULES = "/admin/editorial/obligations/rules"
MATRIX = "/admin/editorial/obligations/"


def assert_refused(response) -> None:
    """Refused: a 403, Wagtail's redirect to the dashboard, or to the login for users without admin access."""
    location = response.get("Location", "")
    assert response.status_code == 403 or (
        response.status_code == 302 and (location == "/admin/" or location.startswith("/admin/login/"))
    ), response.status_code


def form_data(**overrides) -> dict[str, str]:
    data = {
        "code": "lien-ket-bo-nganh",
        "sort_order": "300",
        "title_vi": "Có liên kết tới các bộ, ngành",
        "title_en": "Links to ministries",
        "title_ru": "",
        "legal_basis": "Điều 7 Nghị định số 42/2022/NĐ-CP",
        "rule_type": "government_links",
        "parameters": json.dumps({"min_count": 2}),
        "applies_to": "all",
        "retired_on": "",
    }
    data.update(overrides)
    return data


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def xlsx_text(content: bytes) -> str:
    sheet = load_workbook(io.BytesIO(content)).active
    return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None)


# -- editing the obligations -------------------------------------------------------------------------


def test_manager_adds_an_obligation_and_it_is_checked_at_once(client, world):
    client.force_login(world.manager)
    form = client.get(f"{RULES}/add/").content.decode()
    assert 'name="parameters"' in form and "procedures_linked" in form and "dichvucong.gov.vn" in form
    response = client.post(f"{RULES}/add/", form_data(parameters=json.dumps({"min_count": 5})))
    assert response.status_code == 302, response.content.decode()[:2000]
    obligation = Obligation.objects.get(code="lien-ket-bo-nganh")
    assert obligation.parameters == {"min_count": 5}
    assert obligation.revisions.count() == 1
    html = client.get(f"/admin/editorial/obligations/unit/{world.site.unit.pk}/").content.decode()
    assert "Có liên kết tới các bộ, ngành" in html and "cần ít nhất 5" in html


def test_manager_changes_and_retires_with_history(client, world):
    client.force_login(world.manager)
    obligation = Obligation.objects.get(code="lien-ket-co-quan")
    data = form_data(
        code=obligation.code,
        title_vi=obligation.title_vi,
        legal_basis=obligation.legal_basis,
        parameters=json.dumps({"min_count": 4}),
        retired_on="2026-01-01",
    )
    response = client.post(f"{RULES}/edit/{obligation.pk}/", data)
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert obligation.parameters == {"min_count": 4} and obligation.retired_on is not None
    assert obligation.revisions.count() == 1
    assert obligation.latest_revision.content["parameters"] == {"min_count": 4}
    assert client.get(f"{RULES}/history/{obligation.pk}/").status_code == 200
    assert obligation.title_vi not in client.get(MATRIX).content.decode()  # retired: not in the matrix


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"min_count": 0}, "phải từ 1 đến 1000"),
        ({"category": "tin-tuc"}, "không có tham số category"),
        ({"min_count": 1, "ghi_chu": "x" * 5000}, "Tham số quá dài"),
        ("[1, 2]", "phải là một đối tượng JSON"),
    ],
)
def test_invalid_parameters_are_refused_with_a_clear_message(client, world, parameters, message):
    client.force_login(world.manager)
    raw = parameters if isinstance(parameters, str) else json.dumps(parameters)
    response = client.post(f"{RULES}/add/", form_data(parameters=raw))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Obligation.objects.filter(code="lien-ket-bo-nganh").exists()


def test_wrong_category_in_parameters_is_named(client, world):
    client.force_login(world.manager)
    data = form_data(rule_type="category_content", parameters=json.dumps({"category": "<script>x</script>"}))
    html = client.post(f"{RULES}/add/", data).content.decode()
    assert "không có chuyên mục mã &lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>x</script>" not in html


@pytest.mark.parametrize("who", ["editor", "board_head", "other_editor", "outsider"])
def test_only_the_management_unit_edits_obligations(client, world, who):
    client.force_login(getattr(world, who))
    obligation = Obligation.objects.get(code="nguoi-lien-he")
    assert_refused(client.get(f"{RULES}/"))
    assert_refused(client.get(f"{RULES}/add/"))
    assert_refused(client.post(f"{RULES}/add/", form_data()))
    assert_refused(client.get(f"{RULES}/edit/{obligation.pk}/"))
    assert_refused(client.post(f"{RULES}/edit/{obligation.pk}/", form_data(code=obligation.code)))
    assert_refused(client.get(f"{RULES}/history/{obligation.pk}/"))
    assert not Obligation.objects.filter(code="lien-ket-bo-nganh").exists()
    obligation.refresh_from_db()
    assert obligation.parameters == {"min_count": 1, "max_age_days": 180}


def test_nobody_deletes_an_obligation(client, world):
    client.force_login(world.manager)
    obligation = Obligation.objects.get(code="nguoi-lien-he")
    assert client.post(f"{RULES}/delete/{obligation.pk}/").status_code in (302, 403, 404)
    assert Obligation.objects.filter(pk=obligation.pk).exists()


# -- who sees which checklist ------------------------------------------------------------------------


def test_unit_staff_see_their_own_checklist_only(client, world):
    BREAKS["nguoi-lien-he"](world.site)
    for user in (world.editor, world.board_head):
        client.force_login(user)
        response = client.get("/admin/editorial/obligations/mine/")
        assert response.status_code == 302
        assert response["Location"] == f"/admin/editorial/obligations/unit/{world.site.unit.pk}/"
        html = client.get(response["Location"]).content.decode()
        assert "Có người liên hệ có tên" in html and "Xác nhận lại thông tin người liên hệ" in html
        assert_refused(client.get(f"/admin/editorial/obligations/unit/{world.other.pk}/"))
        assert_refused(client.get(MATRIX))
        assert_refused(client.get(f"{MATRIX}export/xlsx/"))
        assert_refused(client.get(f"{MATRIX}export/pdf/"))


def test_users_without_a_unit_see_no_checklist(client, world):
    client.force_login(world.outsider)
    assert_refused(client.get("/admin/editorial/obligations/mine/"))
    assert_refused(client.get(f"/admin/editorial/obligations/unit/{world.site.unit.pk}/"))
    assert_refused(client.get(MATRIX))


def test_anonymous_visitors_are_sent_to_login(client, world):
    response = client.get(MATRIX)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_manager_sees_the_matrix_of_every_site(client, world):
    client.force_login(world.manager)
    assert client.get("/admin/editorial/obligations/mine/")["Location"] == MATRIX
    html = client.get(MATRIX).content.decode()
    for unit in (world.site.unit, world.other):
        assert unit.name_vi in html
    for obligation in Obligation.objects.all():
        assert obligation.title_vi in html and obligation.legal_basis in html
    assert client.get(f"/admin/editorial/obligations/unit/{world.other.pk}/").status_code == 200


def test_compliance_report_screen_links_to_the_matrix_exports(client, world):
    client.force_login(world.manager)
    html = client.get("/admin/editorial/compliance/report/").content.decode()
    assert f"{MATRIX}export/xlsx/" in html and f"{MATRIX}export/pdf/" in html


# -- exports -----------------------------------------------------------------------------------------


def test_xlsx_export_has_sites_and_obligations(client, world):
    BREAKS["van-ban-day-du"](world.site)
    client.force_login(world.manager)
    response = client.get(f"{MATRIX}export/xlsx/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="nghia-vu-noi-dung-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    text = xlsx_text(response.content)
    for obligation in Obligation.objects.all():
        assert obligation.title_vi in text
    rows = {row[1]: row for row in sheet.iter_rows(values_only=True) if row and row[1] in (world.site.unit.name_vi,)}
    row = rows[world.site.unit.name_vi]
    assert "Không đạt" in row and row[-2] == 1  # one obligation failing, counted as a number


def test_pdf_export_has_sites_obligations_and_what_to_do(client, world):
    BREAKS["nguoi-lien-he"](world.site)
    client.force_login(world.manager)
    response = client.get(f"{MATRIX}export/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = " ".join(pdf_text(response.content).split())
    assert world.site.unit.name_vi in text and world.other.name_vi in text
    assert "Nghị định số 42/2022/NĐ-CP" in text
    assert "Xác nhận lại thông tin người liên hệ" in text


def test_unknown_export_format_is_404(client, world):
    client.force_login(world.manager)
    assert client.get(f"{MATRIX}export/csv/").status_code == 404


# -- dashboard ---------------------------------------------------------------------------------------


def test_dashboard_panel_tells_a_unit_what_to_do_next(client, world):
    BREAKS["lien-ket-co-quan"](world.site)
    client.force_login(world.editor)
    html = client.get("/admin/").content.decode()
    assert 'id="editorial-obligations' in html or "editorial-obligations" in html
    assert "Thêm liên kết tới cổng thông tin của các cơ quan liên quan" in html
    assert world.other.name_vi not in html


def test_dashboard_panel_of_the_manager_links_to_the_matrix(client, world):
    client.force_login(world.manager)
    html = client.get("/admin/").content.decode()
    assert f'href="{MATRIX}"' in html


# -- hostile input -----------------------------------------------------------------------------------


def test_hostile_titles_are_escaped_and_defused_in_every_output(client, world):
    Obligation.objects.filter(code="nguoi-lien-he").update(
        title_vi="<script>alert('nv')</script>", legal_basis='=HYPERLINK("http://x")'
    )
    Unit.objects.filter(pk=world.other.pk).update(name_vi="<img src=x onerror=alert(1)>")
    client.force_login(world.manager)
    html = client.get(MATRIX).content.decode()
    assert "<script>alert('nv')</script>" not in html and "&lt;script&gt;" in html
    assert "<img src=x onerror" not in html
    sheet = load_workbook(io.BytesIO(client.get(f"{MATRIX}export/xlsx/").content)).active
    headers = [cell for row in sheet.iter_rows() for cell in row if cell.value and "HYPERLINK" in str(cell.value)]
    assert headers and all(cell.data_type == "s" for cell in headers)
    text = pdf_text(client.get(f"{MATRIX}export/pdf/").content)
    assert "<script>" in text.replace(" ", "") or "alert" in text
    client.force_login(world.editor)
    html = client.get(f"/admin/editorial/obligations/unit/{world.site.unit.pk}/").content.decode()
    assert "<script>alert('nv')</script>" not in html


def test_huge_parameters_are_refused_without_storing(client, world):
    client.force_login(world.manager)
    huge = json.dumps({"url_prefixes": ["https://dichvucong.gov.vn/" + "a" * 100] * 1000})
    response = client.post(f"{RULES}/add/", form_data(rule_type="procedures_linked", parameters=huge))
    assert response.status_code == 200 and "Tham số quá dài" in response.content.decode()
    assert not Obligation.objects.filter(code="lien-ket-bo-nganh").exists()
