"""Running an import: drafts through the workflow, updates as new revisions, dry runs, all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from portal.procedures import importing
from portal.procedures.models import ProcedureField, ProcedurePage
from portal.procedures.rules import OnlineLevel
from tests.factories import translate

from .factories import ROWS, ProcedurePageFactory, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def run(index, data=None, name="thu-tuc.csv", user=None, **options):
    parsed = importing.parse_upload(io.BytesIO(csv_bytes() if data is None else data), name)
    return importing.run_import(parsed, index, user, **options)


def snapshot() -> tuple[int, int, int]:
    return Page.objects.count(), Revision.objects.count(), ProcedureField.objects.count()


def test_new_procedures_are_drafts_with_their_data(lists):
    report = run(lists.main, user=lists.main_editor)
    assert (report.created, report.updated, report.unchanged, report.skipped) == (3, 0, 0, 0)
    pages = ProcedurePage.objects.child_of(lists.main)
    assert pages.count() == 3 and not pages.filter(live=True).exists()
    page = pages.get(national_code="1.009972")
    assert page.owner == lists.main_editor
    assert page.latest_revision.user == lists.main_editor
    assert page.field.name_vi == "Hoạt động xây dựng"
    assert page.at_province and not page.at_district
    assert page.processing_days == 20
    assert [block.value["name"] for block in page.required_papers] == [
        "Đơn đề nghị cấp giấy phép xây dựng",
        "Bản vẽ thiết kế xây dựng",
    ]
    assert page.category.code == "thu-tuc-hanh-chinh"
    assert "Sở Xây dựng" in page.summary
    assert pages.get(national_code="2.000720").online_level == OnlineLevel.FULL


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (csv_bytes(legacy="tcvn3"), "tcvn3.csv"),
        (csv_bytes(legacy="vni"), "vni.csv"),
        (b"\xef\xbb\xbf" + csv_bytes(), "bom.csv"),
        (xlsx_bytes(title_rows=1), "thu-tuc.xlsx"),
    ],
    ids=["tcvn3", "vni", "bom", "xlsx"],
)
def test_every_supported_file_imports_the_same_unicode_text(lists, data, name):
    assert run(lists.main, data, name).created == 3
    titles = sorted(ProcedurePage.objects.child_of(lists.main).values_list("title", flat=True))
    assert titles == sorted(row[1] for row in ROWS)
    unit = ProcedurePage.objects.get(national_code="2.000720").competent_unit
    assert unit == "Phòng Tài chính - Kế hoạch cấp huyện"


def test_importing_the_same_file_again_changes_nothing(lists):
    run(lists.main)
    before = snapshot()
    report = run(lists.main)
    assert report.unchanged == 3 and report.created == report.updated == 0
    assert snapshot() == before


def test_a_changed_row_updates_a_published_procedure_as_a_new_draft(lists):
    run(lists.main)
    page = ProcedurePage.objects.get(national_code="2.000720")
    page.get_latest_revision().publish()
    rows = [list(row) for row in ROWS]
    rows[1][7] = "Miễn lệ phí"
    rows[1][6] = "05 ngày làm việc"
    revisions = Revision.objects.count()
    report = run(lists.main, csv_bytes(rows))
    assert (report.updated, report.unchanged) == (1, 2)
    assert Revision.objects.count() == revisions + 1
    page.refresh_from_db()
    assert page.live and page.fees == "100.000 đồng/lần"  # the public still sees the approved text
    assert page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.fees == "Miễn lệ phí" and draft.processing_days == 5
    assert draft.substantive_update  # counts as an update once approved


def test_an_update_keeps_what_the_file_does_not_carry(lists):
    run(lists.main)
    page = ProcedurePage.objects.get(national_code="1.009972")
    page.summary = "Tóm tắt do biên tập viên viết."
    page.required_papers = [("paper", {"name": "Đơn đề nghị cấp giấy phép xây dựng", "copies": "01 bản chính"})]
    page.save_revision()
    rows = [list(row) for row in ROWS]
    rows[0][8] = "Đơn đề nghị cấp giấy phép xây dựng\nGiấy tờ về quyền sử dụng đất"
    run(lists.main, csv_bytes(rows))
    draft = ProcedurePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.summary == "Tóm tắt do biên tập viên viết."
    assert [(block.value["name"], block.value["copies"]) for block in draft.required_papers] == [
        ("Đơn đề nghị cấp giấy phép xây dựng", "01 bản chính"),
        ("Giấy tờ về quyền sử dụng đất", ""),
    ]


def test_a_dry_run_changes_nothing_and_reports_the_same(lists):
    before = snapshot()
    dry = run(lists.main, dry_run=True)
    assert snapshot() == before
    assert dry.dry_run and dry.created == 3
    assert [row["new_field"] for row in dry.rows] == [row[2] for row in ROWS]
    assert run(lists.main).created == 3


def test_a_failure_while_saving_leaves_nothing_half_imported(lists, monkeypatch):
    before = snapshot()
    calls = {"n": 0}
    original = ProcedurePage.save_revision

    def failing(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("ổ đĩa đầy")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ProcedurePage, "save_revision", failing)
    with pytest.raises(importing.ImportFailed) as caught:
        run(lists.main)
    assert "dòng 6" in str(caught.value) and "không thủ tục nào được nhập" in str(caught.value)
    assert snapshot() == before


def test_rows_with_errors_are_skipped_and_the_rest_imported(lists):
    rows = [list(row) for row in ROWS]
    rows[1][0] = "2-000720"
    rows.append(list(ROWS[0]))  # the same code twice in the file
    report = run(lists.main, csv_bytes(rows))
    assert (report.created, report.skipped) == (2, 2)
    skipped = [row for row in report.rows if row["action"] == "skip"]
    assert "không đúng dạng" in skipped[0]["messages"][0]
    assert "Trùng mã thủ tục với dòng 2" in skipped[1]["messages"][0]


def test_a_code_used_elsewhere_on_the_portal_is_skipped(lists, portal):
    from .factories import ProcedureIndexPageFactory

    other_list = ProcedureIndexPageFactory(parent=portal.home, title="Dịch vụ công", slug="dich-vu-cong")
    ProcedurePageFactory(parent=other_list, national_code="2.000488")
    report = run(lists.main)
    skipped = [row for row in report.rows if row["action"] == "skip"]
    assert [row["code"] for row in skipped] == ["2.000488"]
    assert "trên cùng cổng" in skipped[0]["messages"][0]
    assert run(lists.district).created == 3  # another portal may list the same procedures


def test_procedures_the_user_may_not_edit_are_skipped(lists):
    run(lists.main)
    rows = [list(row) for row in ROWS]
    rows[0][7] = "Miễn phí"
    report = run(lists.main, csv_bytes(rows), user=lists.district_editor)
    assert report.updated == 0
    assert "không có quyền" in report.rows[0]["messages"][0]


def test_an_english_list_takes_no_imports(lists):
    english = lists.main.get_translation(_locale("en"))
    with pytest.raises(importing.ImportFailed, match="tiếng Việt"):
        run(english)


def _locale(code: str):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


def test_a_field_met_for_the_first_time_is_added_once(lists):
    rows = [list(ROWS[0]), [*ROWS[0][:0], "1.009973", "Cấp giấy phép sửa chữa", *ROWS[0][2:]]]
    run(lists.main, csv_bytes(rows))
    assert ProcedureField.objects.filter(name_vi="Hoạt động xây dựng").count() == 1
    rows[1][2] = "HOAT DONG XAY DUNG"
    rows[1][0] = "1.009979"
    run(lists.main, csv_bytes(rows))
    assert ProcedureField.objects.count() == 1


def test_imported_translations_are_not_touched(lists):
    run(lists.main)
    page = ProcedurePage.objects.get(national_code="2.000720")
    page.get_latest_revision().publish()
    english = translate(page, "en", title="Registering a household business")
    rows = [list(row) for row in ROWS]
    rows[1][7] = "Miễn lệ phí"
    run(lists.main, csv_bytes(rows))
    english.refresh_from_db()
    assert english.title == "Registering a household business"


def test_the_command_imports_with_a_dry_run_first(lists, tmp_path):
    path = tmp_path / "thu-tuc.csv"
    path.write_bytes(csv_bytes(legacy="tcvn3"))
    before = snapshot()
    out = io.StringIO()
    call_command("import_procedures", str(path), parent=lists.main.pk, dry_run=True, stdout=out, stderr=io.StringIO())
    assert snapshot() == before
    assert "Chạy thử" in out.getvalue() and "3 thủ tục mới" in out.getvalue() and "TCVN3" in out.getvalue()
    out = io.StringIO()
    call_command(
        "import_procedures", str(path), parent=lists.main.pk, user="khanhhoa.bientap", stdout=out, stderr=io.StringIO()
    )
    assert "Xong: 3 thủ tục mới" in out.getvalue() and "bản nháp" in out.getvalue()
    assert ProcedurePage.objects.child_of(lists.main).count() == 3


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda tmp, lists: (tmp / "khong-co.csv", {"parent": lists.main.pk}), "Không tìm thấy tệp"),
        (lambda tmp, lists: (tmp / "a.csv", {"parent": 999999}), "Không có trang danh sách"),
        (lambda tmp, lists: (tmp / "a.csv", {"parent": lists.main.pk, "user": "khong-ai"}), "Không có người dùng"),
        (lambda tmp, lists: (tmp / "rong.csv", {"parent": lists.main.pk}), "rỗng"),
    ],
)
def test_the_command_refuses_bad_arguments_in_vietnamese(lists, tmp_path, setup, message):
    (tmp_path / "a.csv").write_bytes(csv_bytes())
    (tmp_path / "rong.csv").write_bytes(b"")
    path, options = setup(tmp_path, lists)
    with pytest.raises(CommandError, match=message):
        call_command("import_procedures", str(path), stdout=io.StringIO(), stderr=io.StringIO(), **options)
