"""Issue 7: royalty lines proposed on publication, graded within frames, statements, budgets, month locks.

Rules run against the real database; screens and exports through real HTTP requests. Dates are
fixed (publication days in 2025), so closed months and base-salary changes never depend on today.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader
from wagtail.models import Page

from editorial.royalties import pit, rules, services, statements
from editorial.royalties.enums import ContributorKind, CreditRole, LineStatus
from editorial.royalties.ledger import RoyaltyBudget, RoyaltyLine, RoyaltyMonth
from editorial.royalties.models import BaseSalary
from editorial.royalties.people import ArticleCredit, Contributor, RoyaltyOfficer
from security.models import AuditEntry
from subportals.enums import EditorialRole, UnitKind
from tests.factories import ArticlePageFactory, SectionPageFactory, UserFactory, home_of, make_unit, member, translate

pytestmark = pytest.mark.django_db

JUNE_10 = datetime.date(2025, 6, 10)
UNIT_VALUE = 234_000  # 10% of 2,340,000 đ (NĐ 73/2024/NĐ-CP, from 01/07/2024)


class Books:
    """A department with its board, a royalty officer, two contributors; another unit with its own books."""

    def __init__(self) -> None:
        self.unit = make_unit("syt", UnitKind.DEPARTMENT)
        self.section = SectionPageFactory(parent=home_of(self.unit), title="Tin y tế", slug="tin-y-te")
        self.editor = member(self.unit, EditorialRole.EDITOR, "syt.bientap")
        self.head = member(self.unit, EditorialRole.BOARD_HEAD, "syt.truongban")
        self.officer = UserFactory(username="syt.ketoan")
        RoyaltyOfficer.objects.create(unit=self.unit, user=self.officer)
        self.lan = Contributor.objects.create(
            unit=self.unit,
            kind=ContributorKind.COLLABORATOR,
            full_name="Hoàng Lan",
            tax_code="0312345678",
            bank_account="0071000123456",
            bank_name="Vietcombank Khánh Hòa",
            id_number="056190001234",
        )
        self.minh = Contributor.objects.create(unit=self.unit, kind=ContributorKind.STAFF, full_name="Trần Minh")
        self.other = make_unit("nhatrang", UnitKind.DISTRICT)
        self.other_officer = UserFactory(username="nhatrang.ketoan")
        RoyaltyOfficer.objects.create(unit=self.other, user=self.other_officer)
        self.other_head = member(self.other, EditorialRole.BOARD_HEAD, "nhatrang.truongban")

    def article(self, day: datetime.date = JUNE_10, credits=(), **fields) -> Page:
        """An article first published on ``day`` (9:00), its lines proposed by the publish signal."""
        page = ArticlePageFactory(parent=self.section, **fields)
        for contributor, role, share in credits:
            ArticleCredit.objects.create(page=page, contributor=contributor, role=role, share_percent=share)
        page.first_published_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        page.save()
        page.save_revision(user=self.editor).publish()
        page.refresh_from_db()
        assert timezone.localdate(page.first_published_at) == day
        return page

    def line(self, page: Page, contributor: Contributor | None = None) -> RoyaltyLine:
        lines = RoyaltyLine.objects.filter(page=page, adjusts=None)
        if contributor is not None:
            lines = lines.filter(contributor=contributor)
        return lines.get()


@pytest.fixture
def books(portal) -> Books:
    return Books()


# --- Proposal ------------------------------------------------------------------------------------


def test_publishing_proposes_one_line_per_credit_and_never_twice(books):
    page = ArticlePageFactory(parent=books.section)
    ArticleCredit.objects.create(page=page, contributor=books.lan, role=CreditRole.AUTHOR)
    ArticleCredit.objects.create(page=page, contributor=books.minh, role=CreditRole.PHOTOGRAPHER)
    page.save_revision(user=books.editor).publish()
    lines = RoyaltyLine.objects.filter(page=page).order_by("role")
    assert [(line.contributor, line.role, line.status) for line in lines] == [
        (books.lan, CreditRole.AUTHOR, LineStatus.PROPOSED),
        (books.minh, CreditRole.PHOTOGRAPHER, LineStatus.PROPOSED),
    ]
    assert {line.genre.code for line in lines} == {"tin", "anh"}
    assert all(line.unit == books.unit and line.amount == 0 for line in lines)
    page.save_revision(user=books.editor).publish()  # A republication pays nothing more.
    assert RoyaltyLine.objects.filter(page=page).count() == 2


def test_without_credits_the_revision_author_is_proposed_as_staff(books):
    page = ArticlePageFactory(parent=books.section)
    page.save_revision(user=books.editor).publish()
    line = RoyaltyLine.objects.get(page=page)
    assert line.contributor.user == books.editor
    assert line.contributor.kind == ContributorKind.STAFF
    assert line.contributor.unit == books.unit


def test_translators_are_paid_for_translations(books):
    page = books.article(credits=[(books.lan, CreditRole.AUTHOR, 100)])
    translator = member(books.unit, EditorialRole.EDITOR, "syt.bientap.en")
    english = translate(page, "en", title="Vaccination in Cam Ranh", summary="More than 2,000 children.")
    RoyaltyLine.objects.filter(page=english).delete()
    english.save_revision(user=translator).publish()
    line = RoyaltyLine.objects.get(page=english)
    assert line.role == CreditRole.TRANSLATOR and line.language == "en"
    assert line.contributor.user == translator and line.genre.code == "dich"
    result = services.grade(line, genre_code="dich", coefficient="3", by=books.head)
    assert result.line.amount == 3 * UNIT_VALUE


# --- Grading -------------------------------------------------------------------------------------


def test_amount_is_coefficient_times_unit_value_with_bonus_and_rounding(books):
    page = books.article()
    line = books.line(page)
    graded = services.grade(line, genre_code="phong-van", coefficient="12,5", by=books.head).line
    assert graded.amount == 12.5 * UNIT_VALUE == 2_925_000
    assert (graded.base_salary, graded.unit_percent) == (2_340_000, Decimal("10.00"))
    again = services.grade(
        graded, genre_code="phong-van", coefficient="1.33", bonus_code="doc-quyen", by=books.head, reason="Độc quyền"
    ).line
    # 1.33 × 234,000 × 1.2 = 373,464 exactly; a third share then rounds half up to whole đồng.
    assert again.amount == 373_464
    rates = rules.rates_on(JUNE_10)
    assert rules.amount(Decimal("1"), rates, Decimal("33.33")) == 77_992  # 77,992.2 → 77,992
    assert rules.amount(Decimal("0.5"), rates, Decimal("0.01")) == 12  # 11.7 → 12


def test_frames_are_enforced(books):
    line = books.line(books.article())
    for bad in ("10.01", "0.05", "-1", "abc", "1e999", "NaN", "Infinity", "1.234", "9" * 10_000):
        with pytest.raises(rules.RuleError):
            services.grade(line, genre_code="tin", coefficient=bad, by=books.head)
    with pytest.raises(rules.RuleError, match="ngoài khung"):
        services.grade(line, genre_code="tin", coefficient="11", by=books.head)
    with pytest.raises(rules.RuleError, match="chưa có khung"):
        services.grade(line, genre_code="khong-co", coefficient="1", by=books.head)
    line.refresh_from_db()
    assert line.status == LineStatus.PROPOSED and line.amount == 0
    assert services.grade(line, genre_code="video", coefficient="50", by=books.head).line.amount == 50 * UNIT_VALUE


def test_changing_a_graded_line_needs_a_reason_and_keeps_history(books):
    line = books.line(books.article())
    services.grade(line, genre_code="tin", coefficient="2", by=books.head)
    with pytest.raises(rules.RuleError, match="lý do"):
        services.grade(line, genre_code="tin", coefficient="3", by=books.head)
    services.grade(line, genre_code="binh-luan", coefficient="15", by=books.head, reason="Bài bình luận dài")
    history = list(line.changes.values_list("coefficient_before", "coefficient_after", "amount_after", "reason"))
    assert history == [
        (None, Decimal("2.00"), 2 * UNIT_VALUE, ""),
        (Decimal("2.00"), Decimal("15.00"), 15 * UNIT_VALUE, "Bài bình luận dài"),
    ]


def test_base_salary_change_mid_month_prices_each_line_by_its_own_day(books):
    BaseSalary.objects.create(
        amount=2_600_000, effective_from=datetime.date(2025, 6, 15), legal_basis="Nghị định giả định"
    )
    before = books.line(books.article(datetime.date(2025, 6, 14)))
    after = books.line(books.article(datetime.date(2025, 6, 15)))
    assert before.period == after.period == datetime.date(2025, 6, 1)
    assert services.grade(before, genre_code="tin", coefficient="2", by=books.head).line.amount == 468_000
    assert services.grade(after, genre_code="tin", coefficient="2", by=books.head).line.amount == 520_000
    statement = statements.build_statement(books.unit, datetime.date(2025, 6, 1))
    assert statement.gross == 988_000
    assert statement.gross_in_words == "Chín trăm tám mươi tám nghìn đồng"


def test_co_authors_split_one_royalty(books):
    page = books.article(credits=[(books.lan, CreditRole.AUTHOR, 60), (books.minh, CreditRole.AUTHOR, 40)])
    lan, minh = books.line(page, books.lan), books.line(page, books.minh)
    assert services.grade(lan, genre_code="phong-su", coefficient="10", by=books.head).line.amount == 1_404_000
    assert services.grade(minh, genre_code="phong-su", coefficient="10", by=books.head).line.amount == 936_000
    with pytest.raises(rules.RuleError):
        rules.split_shares([Decimal(60), Decimal(50)])


def test_article_form_refuses_shares_above_100_and_other_units_contributors(client, books):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    from portal.models import ArticlePage, Category

    stranger = Contributor.objects.create(unit=books.other, kind=ContributorKind.STAFF, full_name="Người ngoài")

    def post(credits):
        data = nested_form_data(
            {
                "title": "Khám sức khỏe học đường",
                "slug": "kham-suc-khoe",
                "category": str(Category.objects.get(code="tin-tuc").pk),
                "summary": "Hơn 5.000 học sinh được khám.",
                "publication_date": "10/06/2025 08:30",
                "body": streamfield([("paragraph", rich_text("<p>Nội dung.</p>"))]),
                "author": "",
                "source": "",
                "tags": "",
                "featured_image_caption": "",
                "credits": inline_formset(credits),
            }
        )
        return client.post(f"/admin/pages/add/portal/articlepage/{books.section.pk}/", data)

    client.force_login(books.editor)
    response = post([{"contributor": books.lan.pk, "role": "author", "share_percent": "60"},
                     {"contributor": books.minh.pk, "role": "author", "share_percent": "50"}])  # fmt: skip
    assert response.status_code == 200 and "không quá 100%" in response.content.decode()
    response = post([{"contributor": stranger.pk, "role": "author", "share_percent": "100"}])
    assert response.status_code == 200 and not ArticlePage.objects.filter(slug="kham-suc-khoe").exists()
    response = post([{"contributor": books.lan.pk, "role": "author", "share_percent": "60"},
                     {"contributor": books.minh.pk, "role": "author", "share_percent": "40"}])  # fmt: skip
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="kham-suc-khoe")
    assert sorted(page.credits.values_list("share_percent", flat=True)) == [Decimal(40), Decimal(60)]


def test_board_head_grades_while_approving(client, books):
    from tests.editorial.test_workflow_journeys import Board, act, submit_new, task_state

    board = Board.__new__(Board)
    board.unit, board.section, board.editor, board.head = books.unit, books.section, books.editor, books.head
    board.reviewer = member(books.unit, EditorialRole.REVIEWER, "syt.kiemduyet")
    from portal.models import Category

    board.category = Category.objects.get(code="tin-tuc")
    page = submit_new(client, board, books.editor)
    act(client, board.reviewer, page, "approve")
    client.force_login(books.head)
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state(page).pk}/"
    modal = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    response = client.post(url, {"comment": "", "royalty_genre": "tin", "royalty_coefficient": "11"}, **modal)
    assert "ngoài khung" in response.json()["html"]  # The frame is checked in the approval form.
    response = client.post(url, {"comment": "", "royalty_coefficient": "2"}, **modal)
    assert "cả thể loại và hệ số" in response.json()["html"]
    assert not Page.objects.get(pk=page.pk).live
    RoyaltyBudget.objects.create(unit=books.unit, year=timezone.localdate().year, amount=500_000)
    client.post(url, {"comment": "Đăng.", "royalty_genre": "tin", "royalty_coefficient": "4,5"}, **modal)
    assert "Vượt dự toán" in client.get("/admin/").content.decode()  # The warning reaches the approver.
    line = RoyaltyLine.objects.get(page=page)
    assert Page.objects.get(pk=page.pk).live
    assert (line.status, line.coefficient, line.graded_by) == (LineStatus.GRADED, Decimal("4.5"), books.head)
    assert line.amount == rules.amount(Decimal("4.5"), rules.rates_on(line.earned_on))


# --- Month locks and adjustments -------------------------------------------------------------------


def test_closing_a_month_locks_it_and_corrections_are_adjustment_lines(books):
    line = books.line(books.article())
    period = datetime.date(2025, 6, 1)
    with pytest.raises(rules.RuleError, match="chưa chấm"):
        services.close_month(books.unit, period, books.officer)
    services.grade(line, genre_code="tin", coefficient="2", by=books.head)
    closing = services.close_month(books.unit, period, books.officer)
    assert (closing.total, closing.line_count) == (468_000, 1)
    with pytest.raises(rules.RuleError, match="đã khóa sổ"):
        services.close_month(books.unit, period, books.officer)
    with pytest.raises(rules.RuleError, match="dòng điều chỉnh"):
        services.grade(line, genre_code="tin", coefficient="3", by=books.head, reason="Sửa")
    with pytest.raises(rules.RuleError, match="khóa sổ"):
        services.exclude(line, by=books.head, reason="Trùng")
    with pytest.raises(rules.RuleError, match="lý do"):
        services.adjust(line, genre_code="tin", coefficient="3", by=books.head, reason=" ")
    correction = services.adjust(line, genre_code="tin", coefficient="3", by=books.head, reason="Chấm thiếu").line
    assert correction.adjusts == line and correction.amount == 234_000
    assert correction.period == services.month_start(timezone.localdate())
    line.refresh_from_db()
    assert line.amount == 468_000  # The closed month is untouched.
    with pytest.raises(rules.RuleError, match="bằng số đã chi"):
        services.adjust(line, genre_code="tin", coefficient="3", by=books.head, reason="Lặp lại")
    lower = services.adjust(line, genre_code="tin", coefficient="1", by=books.head, reason="Giảm").line
    assert lower.amount == -468_000  # 1 × 234,000 due, 702,000 paid so far.
    assert statements.build_statement(books.unit, period).gross == 468_000


def test_lines_of_a_closed_month_go_to_the_next_open_month(books):
    services.grade(books.line(books.article()), genre_code="tin", coefficient="1", by=books.head)
    services.close_month(books.unit, datetime.date(2025, 6, 1), books.officer)
    late = books.line(books.article(datetime.date(2025, 6, 30)))
    assert late.period == datetime.date(2025, 7, 1) and late.earned_on == datetime.date(2025, 6, 30)


def test_the_current_month_cannot_be_closed(books):
    with pytest.raises(rules.RuleError, match="đã kết thúc"):
        services.close_month(books.unit, timezone.localdate(), books.officer)


# --- Budget ----------------------------------------------------------------------------------------


def test_budget_warnings_when_approving_beyond_it(books):
    line = books.line(books.article())
    assert "chưa có dự toán" in services.grade(line, genre_code="tin", coefficient="1", by=books.head).warnings[0]
    RoyaltyBudget.objects.create(unit=books.unit, year=2025, amount=1_000_000)
    second = books.line(books.article(title="Bài thứ hai"))
    near = services.grade(second, genre_code="tin", coefficient="3", by=books.head)  # 936,000 of 1,000,000
    assert near.warnings == ["Đã dùng 93,6% dự toán nhuận bút năm 2025."]
    third = books.line(books.article(title="Bài thứ ba"))
    over = services.grade(third, genre_code="tin", coefficient="1", by=books.head)
    assert over.line.status == LineStatus.GRADED  # A warning, never a refusal.
    assert over.warnings == ["Vượt dự toán nhuận bút năm 2025: đã chi 1.170.000 / 1.000.000 đồng."]
    status = services.budget_status(books.unit, 2025)
    assert (status.spent, status.left, status.over) == (1_170_000, -170_000, True)


def test_budget_warning_reaches_the_board_head_through_http(client, books):
    RoyaltyBudget.objects.create(unit=books.unit, year=2025, amount=100_000)
    line = books.line(books.article())
    client.force_login(books.head)
    response = client.post(
        f"/admin/editorial/royalties/lines/{line.pk}/grade/", {"genre": "tin", "coefficient": "1"}, follow=True
    )
    assert "Vượt dự toán" in response.content.decode()
    response = client.get("/admin/editorial/royalties/?year=2025")
    assert "Vượt dự toán" in response.content.decode() and "234.000" in response.content.decode()


# --- Personal income tax ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "resident", "gross", "tax"),
    [
        (ContributorKind.COLLABORATOR, True, 1_999_999, 0),
        (ContributorKind.COLLABORATOR, True, 2_000_000, 200_000),
        (ContributorKind.COLLABORATOR, False, 500_000, 100_000),
        (ContributorKind.STAFF, True, 9_000_000, 0),
        (ContributorKind.COLLABORATOR, True, -234_000, 0),
    ],
)
def test_personal_income_tax_withheld(kind, resident, gross, tax):
    assert pit.withholding(kind, resident, gross) == tax


# --- Statements and exports ------------------------------------------------------------------------


def graded_month(books: Books) -> datetime.date:
    for title, coefficient in (("Tiêm chủng ở Cam Ranh", "5"), ("Khám bệnh miễn phí ở Khánh Sơn", "4")):
        page = books.article(title=title, credits=[(books.lan, CreditRole.AUTHOR, 100)])
        services.grade(books.line(page), genre_code="tin", coefficient=coefficient, by=books.head)
    page = books.article(title='=HYPERLINK("http://x")', credits=[(books.minh, CreditRole.AUTHOR, 100)])
    services.grade(books.line(page), genre_code="tin", coefficient="1", by=books.head)
    return datetime.date(2025, 6, 1)


def test_statement_totals_tax_and_words(books):
    statement = statements.build_statement(books.unit, graded_month(books), with_personal_data=True)
    lan, minh = statement.blocks
    assert (lan.gross, lan.tax, lan.net) == (2_106_000, 210_600, 1_895_400)
    assert (minh.gross, minh.tax) == (234_000, 0)
    assert statement.gross_in_words == "Hai triệu ba trăm bốn mươi nghìn đồng"


def test_statement_exports_for_accounting(client, books):
    period = graded_month(books)
    client.force_login(books.officer)
    url = f"/admin/editorial/royalties/{books.unit.pk}/{period.year}/{period.month}/statement/"
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200 and response["Content-Disposition"].endswith('2025-06.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "Tổng số tiền bằng chữ: Hai triệu ba trăm bốn mươi nghìn đồng" in values
    assert 2_340_000 in values and 210_600 in values and "0312345678" in values
    formula = [cell for row in sheet.iter_rows() for cell in row if cell.value == '=HYPERLINK("http://x")']
    assert formula and all(cell.data_type == "s" for cell in formula)  # Text, never a formula that runs.
    response = client.get(url, {"export": "pdf"})
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("BẢNG KÊ", "06/2025", "2.340.000", "Hai triệu ba trăm bốn mươi nghìn đồng", "KẾ TOÁN TRƯỞNG"):
        assert expected in text
    assert AuditEntry.objects.filter(action="report.export").exists()
    single = client.get(url, {"contributor": books.minh.pk})
    table = single.content.decode().split("Bảng kê nhuận bút</caption>", 1)[1]
    assert "<td>Trần Minh</td>" in table and "Hoàng Lan" not in table


def test_personal_data_only_for_the_units_royalty_officers(client, books):
    period = graded_month(books)
    url = f"/admin/editorial/royalties/{books.unit.pk}/{period.year}/{period.month}/statement/"
    client.force_login(books.officer)
    assert "0071000123456" in client.get(url).content.decode()
    client.force_login(books.head)
    page = client.get(url).content.decode()
    assert "Hoàng Lan" in page and "0071000123456" not in page and "0312345678" not in page
    sheet = load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).content)).active
    assert "0312345678" not in [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    # Editing the contributor is logged without the personal data, old or new.
    client.force_login(books.officer)
    edit = f"/admin/editorial/royalties/contributors/edit/{books.lan.pk}/"
    assert client.get(edit).status_code == 200
    personal = {
        "id_number": "056190009876",
        "tax_code": "0398765432",
        "bank_account": "0071000999999",
        "bank_name": "BIDV Nha Trang",
        "personal_address": "12 Trần Phú, Nha Trang",
        "personal_phone": "0905123456",
    }
    data = {"unit": books.unit.pk, "kind": "collaborator", "full_name": "Hoàng Thị Lan", "is_resident": "on"}
    assert client.post(edit, {**data, "is_active": "on", **personal}).status_code == 302
    books.lan.refresh_from_db()
    assert (books.lan.tax_code, books.lan.bank_account) == ("0398765432", "0071000999999")
    entry = AuditEntry.objects.get(action="model.update", object_type="editorial.contributor")
    assert entry.changes["changed"]["full_name"] == ["Hoàng Lan", "Hoàng Thị Lan"]  # The edit itself is logged.
    entries = " ".join(str(entry.changes) + entry.object_repr for entry in AuditEntry.objects.all())
    for value in ("0312345678", "0071000123456", "056190001234", "Vietcombank", *personal.values()):
        assert value not in entries, value
    client.force_login(books.head)
    assert client.get(edit).status_code in (302, 403)


# --- Isolation and hostile input -------------------------------------------------------------------


def test_one_unit_cannot_see_another_units_statements(client, books):
    period = graded_month(books)
    line = RoyaltyLine.objects.filter(unit=books.unit).first()
    base = f"/admin/editorial/royalties/{books.unit.pk}/{period.year}/{period.month}/"
    for user in (books.other_officer, books.other_head):
        client.force_login(user)
        for url in (
            base,
            f"{base}statement/",
            f"{base}statement/?export=xlsx",
            f"/admin/editorial/royalties/lines/{line.pk}/",
        ):
            assert client.get(url).status_code == 404, url
        assert client.post(f"{base}close/").status_code == 404
        assert (
            client.post(
                f"/admin/editorial/royalties/lines/{line.pk}/grade/", {"genre": "tin", "coefficient": "9"}
            ).status_code
            == 404
        )
        dashboard = client.get("/admin/editorial/royalties/?year=2025").content.decode()
        assert books.unit.name_vi not in dashboard and books.other.name_vi in dashboard
    client.force_login(books.other_officer)
    listing = client.get("/admin/editorial/royalties/contributors/").content.decode()
    assert "Hoàng Lan" not in listing
    assert client.get(f"/admin/editorial/royalties/contributors/edit/{books.lan.pk}/").status_code == 404
    line.refresh_from_db()
    assert line.coefficient == Decimal("5.00")


def test_editors_have_no_royalty_screens(client, books):
    client.force_login(books.editor)
    assert client.get("/admin/editorial/royalties/").status_code in (302, 403)
    assert client.get("/admin/editorial/royalties/contributors/").status_code in (302, 403)
    assert client.get("/admin/editorial/royalties/budgets/").status_code in (302, 403)


def test_only_the_board_head_grades_and_only_the_officer_closes(client, books):
    line = books.line(books.article())
    client.force_login(books.officer)
    client.post(f"/admin/editorial/royalties/lines/{line.pk}/grade/", {"genre": "tin", "coefficient": "2"})
    line.refresh_from_db()
    assert line.status == LineStatus.PROPOSED
    client.force_login(books.head)
    client.post(f"/admin/editorial/royalties/{books.unit.pk}/2025/6/close/")
    assert not RoyaltyMonth.objects.exists()
    client.post(f"/admin/editorial/royalties/lines/{line.pk}/grade/", {"genre": "tin", "coefficient": "2"})
    client.force_login(books.officer)
    response = client.post(f"/admin/editorial/royalties/{books.unit.pk}/2025/6/close/", follow=True)
    assert "Đã khóa sổ tháng 06/2025" in response.content.decode()
    assert RoyaltyMonth.objects.filter(unit=books.unit, period=datetime.date(2025, 6, 1)).exists()


def test_hostile_input_gives_clear_errors_never_500(client, books):
    line = books.line(books.article())
    client.force_login(books.head)
    grade = f"/admin/editorial/royalties/lines/{line.pk}/grade/"
    for data in (
        {"genre": "tin", "coefficient": "abc"},
        {"genre": "tin", "coefficient": "1e999"},
        {"genre": "tin", "coefficient": "9" * 10_000},
        {"genre": "<script>", "coefficient": "1"},
        {"genre": "tin", "coefficient": "1", "bonus": "khong-co"},
        {"genre": "tin", "coefficient": "1", "reason": "x" * 100_000},
        {},
    ):
        response = client.post(grade, data, follow=True)
        assert response.status_code == 200
    line.refresh_from_db()
    assert line.status == LineStatus.PROPOSED
    assert client.post(f"/admin/editorial/royalties/lines/{line.pk}/delete/").status_code == 404
    assert (
        client.post(f"/admin/editorial/royalties/lines/{line.pk}/exclude/", {"reason": ""}, follow=True).status_code
        == 200
    )
    line.refresh_from_db()
    assert line.status == LineStatus.PROPOSED
    for url in (
        f"/admin/editorial/royalties/{books.unit.pk}/2025/13/",
        f"/admin/editorial/royalties/{books.unit.pk}/99999/1/",
        f"/admin/editorial/royalties/{books.unit.pk}/2025/6/statement/?contributor=abc",
        f"/admin/editorial/royalties/{books.unit.pk}/2025/6/statement/?contributor=999999",
        "/admin/editorial/royalties/999999/2025/6/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/admin/editorial/royalties/?year=abc").status_code == 200
    assert client.get("/admin/editorial/royalties/?year=" + "9" * 5000).status_code == 200


def test_contributor_form_validates_personal_data(client, books):
    client.force_login(books.officer)
    base = {
        "unit": books.unit.pk,
        "kind": "collaborator",
        "full_name": "Lê Văn Tâm",
        "is_resident": "on",
        "is_active": "on",
    }
    for field, value in (
        ("id_number", "12345"),
        ("tax_code", "abc"),
        ("bank_account", "12-34"),
        ("personal_phone", "<b>"),
    ):
        response = client.post("/admin/editorial/royalties/contributors/new/", {**base, field: value})
        assert response.status_code == 200, field
    assert not Contributor.objects.filter(full_name="Lê Văn Tâm").exists()
    response = client.post("/admin/editorial/royalties/contributors/new/", {**base, "unit": books.other.pk})
    assert response.status_code == 200 and not Contributor.objects.filter(full_name="Lê Văn Tâm").exists()
    response = client.post("/admin/editorial/royalties/contributors/new/", {**base, "tax_code": "0312345678-001"})
    assert response.status_code == 302
    assert Contributor.objects.get(full_name="Lê Văn Tâm").unit == books.unit


def test_rules_in_force_are_not_edited_only_superseded(client, books):
    from editorial.royalties.models import Genre
    from subportals.provisioning import ensure_management_group

    manager = UserFactory(username="quanly.cong")
    manager.groups.add(ensure_management_group())
    client.force_login(manager)
    genre = Genre.objects.get(code="tin")
    data = {
        "code": "tin",
        "name": "Tin",
        "kind": "royalty",
        "coefficient_min": "0.1",
        "coefficient_max": "12",
        "effective_from": genre.effective_from.strftime("%Y-%m-%d"),
        "legal_basis": "Nghị định 18/2014/NĐ-CP",
    }
    response = client.post(f"/admin/editorial/royalties/genre/edit/{genre.pk}/", data)
    assert response.status_code == 200 and "đã có hiệu lực" in response.content.decode()
    genre.refresh_from_db()
    assert genre.coefficient_max == Decimal(10)
    response = client.post(
        "/admin/editorial/royalties/genre/new/",
        {**data, "effective_from": "2027-01-01", "legal_basis": "Quyết định của UBND tỉnh"},
    )
    assert response.status_code == 302
    assert rules.genre_on("tin", datetime.date(2027, 1, 2)).coefficient_max == Decimal(12)
    assert rules.genre_on("tin", datetime.date(2026, 12, 31)).coefficient_max == Decimal(10)
    client.force_login(books.officer)
    assert client.get("/admin/editorial/royalties/genre/").status_code in (302, 403)


def test_screens_render_for_each_role(client, books):
    line = books.line(books.article(credits=[(books.lan, CreditRole.AUTHOR, 100)]))
    services.grade(line, genre_code="tin", coefficient="2", by=books.head)
    services.close_month(books.unit, datetime.date(2025, 6, 1), books.officer)
    month = f"/admin/editorial/royalties/{books.unit.pk}/2025/6/"
    client.force_login(books.head)
    page = client.get(month).content.decode()
    assert "Tháng đã khóa sổ" in page and "468.000" in page and "Điều chỉnh" in page
    detail = client.get(f"/admin/editorial/royalties/lines/{line.pk}/").content.decode()
    assert "Lập dòng điều chỉnh" in detail and "Lịch sử" in detail
    response = client.post(
        f"/admin/editorial/royalties/lines/{line.pk}/adjust/",
        {"genre": "tin", "coefficient": "2,5", "reason": "Chấm lại theo quy chế", "next": "line"},
        follow=True,
    )
    assert "117.000" in response.content.decode()
    client.force_login(books.officer)
    dashboard = client.get("/admin/editorial/royalties/?year=2025").content.decode()
    assert "Đã khóa sổ" in dashboard and "Chưa có dự toán" in dashboard
    assert "/admin/editorial/royalties/" in client.get("/admin/").content.decode()  # In the reports menu.


def test_grade_passed_from_the_editor_screen_is_checked_too(client, books):
    import json

    from portal.models import Category
    from tests.editorial.test_workflow_journeys import Board, act, form, submit_new

    board = Board.__new__(Board)
    board.unit, board.section, board.editor, board.head = books.unit, books.section, books.editor, books.head
    board.reviewer = member(books.unit, EditorialRole.REVIEWER, "syt.kiemduyet")
    board.category = Category.objects.get(code="tin-tuc")
    page = submit_new(client, board, books.editor)

    def approve_in_editor(user, grade):
        """The editor screen posts the page form with the action and its data as JSON, without the form."""
        client.force_login(user)
        payload = form(board, slug=page.slug, title=page.get_latest_revision_as_object().title)
        payload.update(
            {
                "action-workflow-action": "1",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": json.dumps({"comment": "", **grade}),
            }
        )
        response = client.post(f"/admin/pages/{page.pk}/edit/", payload)
        assert response.status_code < 500
        return response

    # The reviewer may not grade; nothing moves on.
    approve_in_editor(board.reviewer, {"royalty_genre": "tin", "royalty_coefficient": "2"})
    assert page.current_workflow_task.name.startswith("Kiểm duyệt")
    act(client, board.reviewer, page, "approve")
    approve_in_editor(books.head, {"royalty_genre": "tin", "royalty_coefficient": "99"})
    assert not Page.objects.get(pk=page.pk).live
    approve_in_editor(books.head, {"royalty_genre": "tin", "royalty_coefficient": "3"})
    assert Page.objects.get(pk=page.pk).live
    assert RoyaltyLine.objects.get(page=page).amount == 3 * UNIT_VALUE
