"""The monitoring screens through HTTP: who sees what, reports issued from the admin, the calendar form."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.db import connection

from editorial.compliance.models import CalendarDay, IssuedReport
from editorial.compliance.report import status_lines
from subportals.enums import EditorialRole
from subportals.provisioning import MANAGEMENT_GROUP_NAME, ensure_management_group
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db

D = datetime.date


def assert_refused(response) -> None:
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message."""
    assert response.status_code == 302 and response["Location"] == "/admin/", response.status_code


@pytest.fixture
def manager(db):
    user = UserFactory(username="quanly")
    user.groups.add(ensure_management_group())
    return user


def test_management_dashboard_lists_every_unit_with_lights_and_chart(client, units, manager):
    client.force_login(manager)
    response = client.get("/admin/editorial/compliance/")
    assert response.status_code == 200
    html = response.content.decode()
    for unit in units.values():
        assert f'data-unit="{unit.code}"' in html
    assert 'data-light="' in html and "<svg" in html and "12 tháng qua" in html


def test_unit_staff_cannot_open_the_management_screens(client, units):
    editor = member(units["syt"], EditorialRole.EDITOR, "syt.bientap")
    client.force_login(editor)
    for url in (
        "/admin/editorial/compliance/",
        "/admin/editorial/compliance/report/",
        "/admin/editorial/compliance/issued/",
    ):
        assert_refused(client.get(url))
    assert_refused(client.post("/admin/editorial/compliance/report/", {"period": "2026-10", "format": "pdf"}))
    assert IssuedReport.objects.count() == 0
    html = client.get("/admin/").content.decode()
    assert "/admin/editorial/compliance/report/" not in html


def test_anonymous_visitors_are_sent_to_login(client, units):
    response = client.get("/admin/editorial/compliance/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_unit_editors_see_their_own_line_on_the_dashboard(client, units):
    editor = member(units["syt"], EditorialRole.EDITOR, "syt.bientap")
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert 'id="editorial-update-frequency' in html or "editorial-update-frequency" in html
    assert 'data-unit="syt"' in html
    assert 'data-unit="nhatrang"' not in html and 'data-unit="khanhhoa"' not in html


def test_manager_sees_the_summary_panel(client, units, manager):
    client.force_login(manager)
    html = client.get("/admin/").content.decode()
    assert "Tuần này:" in html and "/admin/editorial/compliance/" in html


def test_report_preview_and_issue_each_format(client, units, manager):
    client.force_login(manager)
    preview = client.get("/admin/editorial/compliance/report/", {"period": "2026-10"})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Tháng 10 năm 2026" in html and 'data-unit="syt"' in html
    for fmt, magic in (("pdf", b"%PDF"), ("xlsx", b"PK"), ("csv", "\ufeff".encode())):
        response = client.post("/admin/editorial/compliance/report/", {"period": "2026-10", "format": fmt})
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        body = response.content
        assert body.startswith(magic)
        stored = IssuedReport.objects.get(format=fmt)
        assert bytes(stored.content) == body and stored.issued_by == manager
        assert response["X-Content-SHA256"] == hashlib.sha256(body).hexdigest() == stored.sha256


@pytest.mark.parametrize(
    "period",
    [
        "",
        "2026-13",
        "x" * 10_000,
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "2026-W60",
        "９９９９",
        "2026-10-31..2026-10-01",
    ],
)
def test_bad_periods_are_explained_not_crashed(client, units, manager, period):
    client.force_login(manager)
    response = client.get("/admin/editorial/compliance/report/", {"period": period})
    assert response.status_code == 200
    html = response.content.decode()
    assert "help-critical" in html and "<script>alert(1)</script>" not in html
    posted = client.post("/admin/editorial/compliance/report/", {"period": period, "format": "pdf"})
    assert posted.status_code == 400
    assert IssuedReport.objects.count() == 0


def test_unknown_or_missing_format_is_refused(client, units, manager):
    client.force_login(manager)
    assert client.post("/admin/editorial/compliance/report/", {"period": "2026-10", "format": "exe"}).status_code == 400
    response = client.post("/admin/editorial/compliance/report/", {"period": "2026-10"})
    assert response.status_code == 400 and "Chọn định dạng" in response.content.decode()
    assert IssuedReport.objects.count() == 0


def test_issued_reports_are_shown_again_exactly_and_tampering_is_caught(client, units, manager):
    client.force_login(manager)
    original = client.post("/admin/editorial/compliance/report/", {"period": "2026-W43", "format": "pdf"}).content
    issued = IssuedReport.objects.get()
    listing = client.get("/admin/editorial/compliance/issued/").content.decode()
    assert issued.period_label in listing and issued.sha256[:16] in listing
    again = client.get(f"/admin/editorial/compliance/issued/{issued.pk}/")
    assert again.content == original
    # Someone edits the stored file behind the application's back.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {IssuedReport._meta.db_table} SET content = %s WHERE id = %s", [b"%PDF-forged", issued.pk]
        )
    tampered = client.get(f"/admin/editorial/compliance/issued/{issued.pk}/")
    assert tampered.status_code == 409 and "mã kiểm tra" in tampered.content.decode()
    assert client.get("/admin/editorial/compliance/issued/999999/").status_code == 404


def test_no_edit_or_delete_door_for_issued_reports(client, units, manager):
    client.force_login(manager)
    client.post("/admin/editorial/compliance/report/", {"period": "2026-10", "format": "csv"})
    issued = IssuedReport.objects.get()
    assert client.post(f"/admin/editorial/compliance/issued/{issued.pk}/", {"content": "x"}).status_code in (200, 405)
    assert bytes(IssuedReport.objects.get().content) == bytes(issued.content)


def test_management_enters_a_make_up_saturday_in_the_calendar(client, units, manager):
    client.force_login(manager)
    assert client.get("/admin/editorial/calendar/").status_code == 200
    response = client.post(
        "/admin/editorial/calendar/new/",
        {
            "date": "2027-02-20",
            "is_working_day": "on",
            "name": "Làm bù cho ngày nghỉ Tết",
            "legal_basis": "TB số 1/TB-BNV",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from editorial.calendar import load_calendar

    assert load_calendar().is_working_day(D(2027, 2, 20))


@pytest.mark.parametrize(
    "data, message",
    [
        ({"date": "31/02/2027", "name": "Nghỉ"}, "date"),
        ({"date": "", "name": "Nghỉ"}, "date"),
        ({"date": "1850-01-01", "name": "Nghỉ"}, "2000"),
        ({"date": "2027-03-05", "name": ""}, "name"),
        ({"date": "2027-03-05", "name": "x" * 5000}, "name"),
        ({"date": "2026-08-31", "name": "Trùng ngày đã có"}, "date"),
    ],
)
def test_calendar_form_refuses_bad_input_and_keeps_it(client, units, manager, data, message):
    client.force_login(manager)
    before = CalendarDay.objects.count()
    response = client.post("/admin/editorial/calendar/new/", {"legal_basis": "<script>x</script>", **data})
    assert response.status_code == 200
    html = response.content.decode()
    assert "error" in html and message in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html  # what was typed is kept, escaped
    assert CalendarDay.objects.count() == before


def test_unit_staff_cannot_change_the_calendar_or_report_settings(client, units):
    head = member(units["syt"], EditorialRole.BOARD_HEAD, "syt.truongban")
    client.force_login(head)
    assert client.get("/admin/editorial/calendar/").status_code in (302, 403)
    response = client.post("/admin/editorial/calendar/new/", {"date": "2027-03-05", "name": "Nghỉ"})
    assert response.status_code in (302, 403)
    assert not CalendarDay.objects.filter(date=D(2027, 3, 5)).exists()
    assert client.get("/admin/settings/editorial/reportingsettings/").status_code in (302, 403)


def test_management_edits_who_signs_the_report(client, units, manager):
    client.force_login(manager)
    url = "/admin/settings/editorial/reportingsettings/"
    assert client.get(url).status_code in (200, 302)
    from editorial.compliance.models import ReportingSettings

    data = {
        "issuer_parent": "UBND TỈNH KHÁNH HÒA",
        "issuer": "BAN BIÊN TẬP CỔNG THÔNG TIN ĐIỆN TỬ TỈNH",
        "number_suffix": "BC-BBT",
        "place": "Khánh Hòa",
        "addressees": "Sở Thông tin và Truyền thông\nUBND tỉnh",
        "copies_to": "",
        "signer_title": "TRƯỞNG BAN",
        "signer_capacity": "KT. TRƯỞNG BAN",
        "signer_name": "Nguyễn Văn An",
        "report_emails": "baocao@stttt.khanhhoa.gov.vn",
    }
    settings_url = client.get(url).get("Location", url)
    response = client.post(settings_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ReportingSettings.load().signer_name == "Nguyễn Văn An"
    assert MANAGEMENT_GROUP_NAME


def unit_form(unit, **overrides) -> dict:
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = {
        "code": unit.code,
        "kind": unit.kind,
        "is_active": "on",
        "name_vi": unit.name_vi,
        "name_en": unit.name_en,
        "name_ru": unit.name_ru,
        "contact_emails": unit.contact_emails,
        "update_rule": unit.update_rule,
        "min_updates": str(unit.min_updates),
        "monitoring_start": "",
        "contacts": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_management_sets_a_custom_rule_for_a_unit(client, units, manager):
    client.force_login(manager)
    unit = units["nt"]
    url = f"/admin/snippets/subportals/unit/edit/{unit.pk}/"
    data = unit_form(unit, update_rule="per_month", min_updates="8", monitoring_start="2026-11-02")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    unit.refresh_from_db()
    assert (unit.update_rule, unit.min_updates, unit.monitored_from) == ("per_month", 8, D(2026, 11, 2))
    lines = {line.unit.code: line for line in status_lines()}
    assert lines["nhatrang"].month.rule.describe() == "8 lần mỗi tháng"


@pytest.mark.parametrize(
    "overrides",
    [
        {"min_updates": "0"},
        {"min_updates": "1000"},
        {"min_updates": "-2"},
        {"min_updates": "hai"},
        {"update_rule": "every_hour"},
        {"monitoring_start": "31/02/2026"},
    ],
)
def test_bad_unit_rules_are_refused_and_nothing_changes(client, units, manager, overrides):
    client.force_login(manager)
    unit = units["nt"]
    response = client.post(f"/admin/snippets/subportals/unit/edit/{unit.pk}/", unit_form(unit, **overrides))
    assert response.status_code == 200 and "error" in response.content.decode()
    unit.refresh_from_db()
    assert (unit.update_rule, unit.min_updates) == ("per_week", 2)
