"""Issue 7, after its audit: no double pay, frozen closed statements, dated rules, unit isolation.

Same books as test_royalty_ledger (a department with its board, officer and contributors, another
unit with its own); publication days in 2025, so closed months never depend on today.
"""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader
from wagtail.models import Page

from editorial.royalties import pit, services
from editorial.royalties.enums import ContributorKind, CreditRole, LineStatus
from editorial.royalties.ledger import RoyaltyLine
from editorial.royalties.models import Genre
from editorial.royalties.people import ArticleCredit
from subportals.enums import EditorialRole
from tests.editorial.test_royalty_ledger import UNIT_VALUE, Books, graded_month
from tests.factories import UserFactory, member, translate

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2025, 6, 1)
JULY = datetime.date(2025, 7, 1)


@pytest.fixture
def books(portal) -> Books:
    return Books()


def statement_url(books: Books, period: datetime.date) -> str:
    return f"/admin/editorial/royalties/{books.unit.pk}/{period.year}/{period.month}/statement/"


def sheet_values(content: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


# --- 1. Corrections are measured against everything paid for the item ------------------------------


def test_an_adjustment_line_cannot_be_adjusted_itself(client, books):
    line = books.line(books.article())
    services.grade(line, genre_code="tin", coefficient="2", by=books.head)  # 468,000 paid in June
    services.close_month(books.unit, JUNE, books.officer)
    correction = services.adjust(line, genre_code="tin", coefficient="3", by=books.head, reason="Chấm thiếu").line
    # The correction was paid in July, and July is closed too.
    RoyaltyLine.objects.filter(pk=correction.pk).update(period=JULY)
    services.close_month(books.unit, JULY, books.officer)
    client.force_login(books.head)
    response = client.post(
        f"/admin/editorial/royalties/lines/{correction.pk}/adjust/",
        {"genre": "tin", "coefficient": "4", "reason": "Chấm lại"},
        follow=True,
    )
    assert response.status_code == 200
    assert f"dòng gốc #{line.pk}" in messages_of(response)
    assert RoyaltyLine.objects.filter(adjusts__isnull=False).count() == 1
    # On the original line, the new grade is measured against the 702,000 paid in total.
    response = client.post(
        f"/admin/editorial/royalties/lines/{line.pk}/adjust/",
        {"genre": "tin", "coefficient": "4", "reason": "Chấm lại"},
        follow=True,
    )
    assert "234.000" in messages_of(response)
    paid = RoyaltyLine.objects.filter(page=line.page, status=LineStatus.GRADED).values_list("amount", flat=True)
    assert sum(paid) == 4 * UNIT_VALUE


# --- 2. A closed month's statement is what it was when closed ---------------------------------------


def closed_statement(client, books: Books) -> tuple[str, list[list[object]], bytes, str]:
    url = statement_url(books, JUNE)
    screen = client.get(url).content.decode()
    screen = screen.split("Bảng kê nhuận bút</caption>", 1)[1].split("</div>", 1)[0]
    xlsx = sheet_values(client.get(url, {"export": "xlsx"}).content)
    pdf = client.get(url, {"export": "pdf"}).content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return screen, xlsx, pdf, text


def test_a_closed_months_statement_is_frozen(client, books, monkeypatch):
    graded_month(books)
    services.close_month(books.unit, JUNE, books.officer)
    client.force_login(books.officer)
    before = closed_statement(client, books)
    assert "210.600" in before[0] and "0071000123456" in before[0]

    # The contributors change afterwards, and so does the tax rule.
    books.lan.full_name, books.lan.is_resident = "Hoàng Thị Lan", False
    books.lan.bank_account, books.lan.bank_name, books.lan.tax_code = "9999888877", "Agribank", "0399999999"
    books.lan.save()
    books.minh.kind, books.minh.is_resident = ContributorKind.COLLABORATOR, False
    books.minh.save()
    monkeypatch.setattr(pit, "RESIDENT_RATE", Decimal("0.15"))
    monkeypatch.setattr(pit, "NON_RESIDENT_RATE", Decimal("0.25"))

    after = closed_statement(client, books)
    assert after[0] == before[0]  # The screen,
    assert after[1] == before[1]  # the XLSX,
    assert after[2] == before[2] and after[3] == before[3]  # and the PDF.
    assert "9999888877" not in after[0] and "Hoàng Thị Lan" not in after[3]
    # An open month follows the contributor's current record and the rules in force.
    page = books.article(datetime.date(2025, 7, 3), credits=[(books.lan, CreditRole.AUTHOR, 100)])
    services.grade(books.line(page), genre_code="tin", coefficient="1", by=books.head)
    july = client.get(statement_url(books, JULY)).content.decode()
    assert "Hoàng Thị Lan" in july and "9999888877" in july and "58.500" in july  # 25% of 234,000


# --- 3. One translation line per translation --------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_translation_pays_one_translator_whoever_republishes_it(books, language):
    page = books.article(credits=[(books.lan, CreditRole.AUTHOR, 100)])
    first = member(books.unit, EditorialRole.EDITOR, f"syt.bientap.{language}")
    second = member(books.unit, EditorialRole.BOARD_HEAD, f"syt.truongban.{language}")
    translation = translate(page, language, title=f"Vaccination ({language})", summary="2,000 children.")
    translation.save_revision(user=first).publish()
    translation.title = f"Vaccination in Cam Ranh ({language})"
    translation.save_revision(user=second).publish()  # Another user corrects and republishes it.
    translation.save_revision(user=first).publish()
    lines = RoyaltyLine.objects.filter(page=translation)
    assert [(line.role, line.contributor.user, line.language) for line in lines] == [
        (CreditRole.TRANSLATOR, first, language)
    ]


# --- 4. The publisher's automatic line gives way to the credits ---------------------------------------


def credit_and_republish(books: Books, page: Page) -> None:
    ArticleCredit.objects.create(page=page, contributor=books.lan, role=CreditRole.AUTHOR)
    page.save_revision(user=books.editor).publish()


def test_credits_added_later_replace_the_publishers_ungraded_line(books):
    page = books.article()
    assert books.line(page).contributor.user == books.editor
    credit_and_republish(books, page)
    assert [(line.contributor, line.status) for line in RoyaltyLine.objects.filter(page=page)] == [
        (books.lan, LineStatus.PROPOSED)
    ]


def test_credits_added_later_exclude_the_publishers_graded_line_in_an_open_month(books):
    page = books.article()
    automatic = books.line(page)
    services.grade(automatic, genre_code="tin", coefficient="2", by=books.head)
    credit_and_republish(books, page)
    automatic.refresh_from_db()
    assert (automatic.status, automatic.amount) == (LineStatus.EXCLUDED, 0)
    assert "ghi trong tin bài" in automatic.changes.last().reason
    assert books.line(page, books.lan).status == LineStatus.PROPOSED


def test_credits_added_later_reverse_the_publishers_line_of_a_closed_month(books):
    page = books.article()
    automatic = books.line(page)
    services.grade(automatic, genre_code="tin", coefficient="2", by=books.head)
    services.close_month(books.unit, JUNE, books.officer)
    credit_and_republish(books, page)
    reversal = RoyaltyLine.objects.get(adjusts=automatic)
    assert (reversal.amount, reversal.status) == (-468_000, LineStatus.GRADED)
    assert reversal.period == services.month_start(timezone.localdate())
    assert books.line(page, books.lan).period == JULY  # The credited author's line, to be graded.
    page.save_revision(user=books.editor).publish()  # Republishing reverses nothing twice.
    assert RoyaltyLine.objects.filter(adjusts=automatic).count() == 1


def test_the_publisher_credited_by_name_keeps_the_line(books):
    page = books.article()
    automatic = books.line(page)
    ArticleCredit.objects.create(page=page, contributor=automatic.contributor, role=CreditRole.AUTHOR, share_percent=60)
    credit_and_republish(books, page)
    automatic.refresh_from_db()
    assert (automatic.automatic, automatic.share_percent, automatic.status) == (False, 60, LineStatus.PROPOSED)
    assert RoyaltyLine.objects.filter(page=page).count() == 2


# --- 5. The XLSX ends like the PDF -------------------------------------------------------------------


def test_the_xlsx_statement_has_the_net_in_words_and_the_signature_blocks(client, books):
    period = graded_month(books)
    client.force_login(books.officer)
    rows = sheet_values(client.get(statement_url(books, period), {"export": "xlsx"}).content)
    total_row = next(index for index, row in enumerate(rows) if "TỔNG CỘNG" in row)
    below = [[value for value in row if value is not None] for row in rows[total_row + 1 :]]
    text = [value for row in below for value in row]
    net = "Thuế thu nhập cá nhân khấu trừ: 210.600 đồng; thực chi: 2.129.400 đồng"
    assert f"{net} (bằng chữ: Hai triệu một trăm hai mươi chín nghìn bốn trăm đồng)." in text
    assert any(re.fullmatch(r"Khánh Hòa, ngày \d\d tháng \d+ năm \d{4}", str(value)) for value in text)
    titles = ["NGƯỜI LẬP BẢNG", "KẾ TOÁN TRƯỞNG", "TRƯỞNG BAN BIÊN TẬP"]
    assert titles in below
    assert below[below.index(titles) + 1] == ["(Ký, ghi rõ họ tên)"] * 3
    signing = rows[total_row + 1 + below.index(titles)]
    assert [signing.index(title) for title in titles] == sorted(signing.index(title) for title in titles)


# --- 7. Dated rules are never backdated ------------------------------------------------------------


def test_a_rule_never_starts_before_today(client, books):
    from subportals.provisioning import ensure_management_group

    manager = UserFactory(username="quanly.cong")
    manager.groups.add(ensure_management_group())
    client.force_login(manager)
    today = timezone.localdate()
    data = {
        "code": "tin",
        "name": "Tin",
        "kind": "royalty",
        "coefficient_min": "0.1",
        "coefficient_max": "12",
        "legal_basis": "Quyết định của UBND tỉnh",
    }
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    response = client.post("/admin/editorial/royalties/genre/new/", {**data, "effective_from": yesterday})
    assert response.status_code == 200 and "không được trước hôm nay" in response.content.decode()
    assert "lập dòng điều chỉnh" in response.content.decode()
    assert not Genre.objects.filter(code="tin", coefficient_max=12).exists()
    later = Genre.objects.create(
        code="tin", name="Tin", coefficient_max=11, effective_from=today + datetime.timedelta(days=30), legal_basis="x"
    )
    edit = f"/admin/editorial/royalties/genre/edit/{later.pk}/"
    response = client.post(edit, {**data, "effective_from": yesterday})
    assert response.status_code == 200 and "không được trước hôm nay" in response.content.decode()
    later.refresh_from_db()
    assert later.effective_from == today + datetime.timedelta(days=30)
    assert client.post(edit, {**data, "effective_from": today.isoformat()}).status_code == 302
    later.refresh_from_db()
    assert (later.effective_from, later.coefficient_max) == (today, 12)


# --- 8. Contributors: every screen of the unit only (9 is in test_royalty_ledger) ---------------------


def test_every_contributor_screen_is_limited_to_the_officers_unit(client, books):
    base = "/admin/editorial/royalties/contributors"
    client.force_login(books.other_officer)
    for view in ("edit", "delete", "history", "usage", "inspect"):
        assert client.get(f"{base}/{view}/{books.lan.pk}/").status_code == 404, view
    client.force_login(books.officer)
    for view in ("history", "usage"):
        assert client.get(f"{base}/{view}/{books.lan.pk}/").status_code == 200, view


# --- 10. Ledger writes take the lock close_month takes ----------------------------------------------------


def test_ledger_writes_take_the_units_lock(books, monkeypatch):
    locked: list[int] = []
    take = services._lock_unit
    monkeypatch.setattr(services, "_lock_unit", lambda unit_id: (locked.append(unit_id), take(unit_id)))
    page = books.article()  # Proposing
    line = books.line(page)
    services.grade(line, genre_code="tin", coefficient="2", by=books.head)
    services.close_month(books.unit, JUNE, books.officer)
    services.adjust(line, genre_code="tin", coefficient="3", by=books.head, reason="Chấm thiếu")
    other = books.line(books.article(datetime.date(2025, 7, 2), title="Bài khác"))
    services.exclude(other, by=books.head, reason="Trùng")
    assert locked == [books.unit.pk] * 6


# --- 11. A grade that no longer fits after publishing is a message, not a server error ----------------


def test_a_grade_that_does_not_fit_the_publication_day_is_reported_after_approval(client, books):
    from tests.editorial.test_workflow_journeys import Board, act, form, task_state

    page = books.article(title="Tiêm chủng mở rộng tại Cam Ranh", slug="tiem-chung-cam-ranh")  # 10/06/2025
    line = books.line(page)
    # From today the news frame goes up to 12; on 10/06/2025 it was 10.
    Genre.objects.create(
        code="tin", name="Tin", coefficient_max=12, effective_from=timezone.localdate(), legal_basis="QĐ của tỉnh"
    )
    board = Board.__new__(Board)
    board.unit, board.section, board.editor, board.head = books.unit, books.section, books.editor, books.head
    board.reviewer = member(books.unit, EditorialRole.REVIEWER, "syt.kiemduyet")
    from portal.models import Category

    board.category = Category.objects.get(code="tin-tuc")
    client.force_login(books.editor)
    response = client.post(f"/admin/pages/{page.pk}/edit/", form(board, **{"action-submit": "1"}))
    assert response.status_code == 302
    act(client, board.reviewer, page, "approve")
    client.force_login(books.head)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state(page).pk}/",
        {"comment": "", "royalty_genre": "tin", "royalty_coefficient": "11"},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    assert Page.objects.get(pk=page.pk).live
    shown = client.get("/admin/").content.decode()
    assert "Chưa chấm được nhuận bút" in shown and "ngoài khung" in shown
    line.refresh_from_db()
    assert (line.status, line.amount) == (LineStatus.PROPOSED, 0)  # Graded on the month screen instead.


# --- The migration freezes months closed before it and marks the automatic lines ---------------------------


def test_the_migration_freezes_months_closed_before_it(books):
    import importlib

    from django.apps import apps

    from editorial.royalties import statements
    from editorial.royalties.ledger import RoyaltyMonth

    migration = importlib.import_module("editorial.migrations.0011_royalty_frozen_statements")
    graded_month(books)
    automatic = books.line(books.article(title="Không ghi người hưởng"))
    services.grade(automatic, genre_code="tin", coefficient="1", by=books.head)
    services.close_month(books.unit, JUNE, books.officer)
    frozen = RoyaltyMonth.objects.get().personal_statement
    assert [block["tax"] for block in frozen["blocks"]] == [210_600, 0, 0]
    RoyaltyMonth.objects.update(personal_statement={})
    RoyaltyLine.objects.update(automatic=False)
    migration.backfill(apps, None)
    assert RoyaltyMonth.objects.get().personal_statement == frozen == statements.freeze(books.unit, JUNE)
    assert list(RoyaltyLine.objects.filter(automatic=True)) == [automatic]
