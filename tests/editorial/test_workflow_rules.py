"""Issue 4: the rules behind the journeys: working days, page checks, translations, overdue items."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, TaskState
from wagtail.rich_text import RichText

from editorial.calendar import add_working_days, is_working_day, working_days_between
from editorial.workflow.checks import check_page, unsafe_html
from editorial.workflow.translations import TranslationState, translation_rows
from portal.models import ArticlePage
from subportals.enums import EditorialRole
from tests.editorial.test_workflow_journeys import act, submit_new
from tests.factories import ArticlePageFactory, member, translate

pytestmark = pytest.mark.django_db


def test_working_days_skip_weekends_and_vietnamese_holidays():
    assert not is_working_day(datetime.date(2026, 9, 2))  # National Day
    assert not is_working_day(datetime.date(2026, 11, 28))  # Saturday
    assert not is_working_day(datetime.date(2026, 11, 24))  # Vietnam Cultural Day, a holiday from 2026
    assert is_working_day(datetime.date(2026, 11, 25))
    # Friday 28/8 → Thursday 3/9: the weekend, the day off in lieu (31/8) and National Day (1–2/9) don't count.
    assert working_days_between(datetime.date(2026, 8, 28), datetime.date(2026, 9, 3)) == 1
    assert add_working_days(datetime.date(2026, 8, 28), 1) == datetime.date(2026, 9, 3)
    assert working_days_between(datetime.date(2026, 11, 24), datetime.date(2026, 11, 20)) == 0


@pytest.mark.parametrize(
    ("markup", "problem"),
    [
        ("<p>a<script>alert(1)</script></p>", "thẻ <script>"),
        ('<p onclick="x()">a</p>', "thuộc tính onclick"),
        ('<a href="javascript:alert(1)">x</a>', "liên kết javascript:alert(1)"),
        ("<p>a<!-- ẩn --></p>", "chú thích HTML"),
        ('<iframe src="https://evil.example"></iframe>', "thẻ <iframe>"),
    ],
)
def test_unsafe_rich_text_is_named(markup, problem):
    assert problem in unsafe_html(markup)


def test_rich_text_from_the_editor_is_clean():
    markup = (
        '<p data-block-key="a1"><b>Đậm</b> <i>nghiêng</i> <a href="https://khanhhoa.gov.vn">liên kết</a> '
        '<a linktype="document" id="3">văn bản</a> x<sup>2</sup></p><ul><li data-block-key="b">một</li></ul>'
    )
    assert unsafe_html(markup) == []


def test_checks_name_each_problem_of_a_stored_revision(board):
    page = ArticlePageFactory(parent=board.section, slug="kiem-tra", live=False)
    page.summary = ""
    page.body = [
        ("paragraph", RichText("<p>Được<script>alert(1)</script></p>")),
        ("paragraph", RichText("<p>C ng thông tin i n t  t nh Khánh Hòa c p nh t thông tin</p>")),
    ]
    messages = " ".join(failure.message for failure in check_page(page))
    assert "Chưa có tóm tắt" in messages
    assert "khối 1" in messages and "thẻ <script>" in messages
    assert "khối 2" in messages and "mất dấu" in messages
    page.summary = "Tóm tắt."
    page.body = [("paragraph", RichText("<p>Nội dung bình thường bằng tiếng Việt có dấu đầy đủ.</p>"))]
    assert check_page(page) == []


def test_english_and_russian_text_pass_the_checks(board):
    page = ArticlePageFactory(parent=board.section, slug="en-ru", live=False)
    page.title = "Khánh Hòa welcomes visitors — Кханьхоа встречает гостей"
    page.summary = "The province reopened its beaches. Провинция открыла пляжи."
    page.body = [("paragraph", RichText("<p>Nha Trang bay hosted 12 cruise ships this year. Залив Нячанг.</p>"))]
    assert check_page(page) == []


def test_a_translation_goes_through_the_same_board(client, board):
    source = ArticlePageFactory(parent=board.section, slug="nguon", title="Bệnh viện mở khoa mới")
    translate(board.section, "en", title="Health news")
    client.force_login(board.editor)
    response = client.post(f"/admin/localize/submit/page/{source.pk}/", {"locales": [locale_id("en")]})
    assert response.status_code == 302, response.content.decode()[:2000]
    english = Page.objects.get(translation_key=source.translation_key, locale__language_code="en").specific
    # A new translation starts as a draft, never as a live copy of the Vietnamese text.
    assert not english.live
    [row] = translation_rows([source])
    assert row.states["en"][0] is TranslationState.DRAFT and row.states["ru"][0] is TranslationState.MISSING

    # The translation editor cannot publish it; the submit door starts the workflow.
    response = client.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"})
    assert response.status_code in (302, 403) and not Page.objects.get(pk=english.pk).live
    assert client.post(f"/admin/editorial/submit/{english.pk}/").status_code == 302
    english = Page.objects.get(pk=english.pk).specific
    act(client, board.reviewer, english, "approve")
    act(client, board.head, english, "approve")
    assert Page.objects.get(pk=english.pk).live
    [row] = translation_rows([ArticlePage.objects.get(pk=source.pk)])
    assert row.states["en"][0] is TranslationState.CURRENT

    # The source changes and is approved again: the board sees the English version is out of date.
    client.force_login(board.editor)
    source = ArticlePage.objects.get(pk=source.pk)
    source.title = "Bệnh viện mở khoa mới, thêm 50 giường"
    source.save_revision(user=board.editor)
    source.get_workflow().start(source, board.editor)
    act(client, board.reviewer, source, "approve")
    act(client, board.head, source, "approve")
    [row] = translation_rows([ArticlePage.objects.get(pk=source.pk)])
    assert row.states["en"][0] is TranslationState.OUTDATED
    client.force_login(board.head)
    report = client.get("/admin/editorial/translations/").content.decode()
    assert "Bệnh viện mở khoa mới, thêm 50 giường" in report and 'data-state="outdated"' in report
    assert 'data-state="outdated"' in client.get("/admin/").content.decode()


def test_update_translations_does_not_publish_unreviewed(client, board):
    source = ArticlePageFactory(parent=board.section, slug="nguon-2", title="Tin gốc")
    english = translate(source, "en", title="Source news")
    english.save_revision().publish()
    from wagtail_localize.models import TranslationSource

    translation_source, _ = TranslationSource.get_or_create_from_instance(source)
    ArticlePage.objects.filter(pk=source.pk).update(title="Tin gốc đã sửa")
    client.force_login(board.head)
    before = Page.objects.get(pk=english.pk).live_revision_id
    response = client.post(f"/admin/localize/update/{translation_source.pk}/", {"publish_translations": "on"})
    assert response.status_code in (200, 302)
    assert Page.objects.get(pk=english.pk).live_revision_id == before


def test_submit_door_refuses_wrong_and_foreign_requests(client, board, portal):
    draft = ArticlePageFactory(parent=board.section, slug="cho-gui", live=False)
    client.force_login(board.editor)
    assert client.get(f"/admin/editorial/submit/{draft.pk}/").status_code == 302
    assert client.post("/admin/editorial/submit/999999/").status_code == 404
    assert client.post(f"/admin/editorial/submit/{portal.article.pk}/").status_code in (403, 404)
    outsider_page = ArticlePageFactory(parent=board.section, slug="cua-syt", live=False)
    client.force_login(board.outsider)
    assert client.post(f"/admin/editorial/submit/{outsider_page.pk}/").status_code in (403, 404)
    assert not outsider_page.workflow_states.exists()
    client.force_login(board.editor)
    assert client.post(f"/admin/editorial/submit/{draft.pk}/").status_code == 302
    assert Page.objects.get(pk=draft.pk).workflow_in_progress
    # Submitting twice does not start a second workflow.
    assert client.post(f"/admin/editorial/submit/{draft.pk}/").status_code in (302, 403)
    assert draft.workflow_states.count() == 1


def test_rejection_comment_is_required_and_bounded(client, board):
    page = submit_new(client, board, board.editor)
    act(client, board.reviewer, page, "reject", comment="x" * 5001)
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_items_waiting_too_long_are_flagged_for_whoever_must_act(client, board):
    fresh = submit_new(client, board, board.editor)
    old = submit_new(client, board, board.editor, slug="cu", title="Báo cáo chờ lâu")
    TaskState.objects.filter(workflow_state__object_id=str(old.pk)).update(
        started_at=timezone.now() - datetime.timedelta(days=10)
    )
    client.force_login(board.reviewer)
    html = client.get("/admin/").content.decode()
    assert "Chờ duyệt quá 2 ngày làm việc" in html
    panel = html.split("Chờ duyệt quá 2 ngày làm việc")[1].split("</table>")[0]
    assert "Báo cáo chờ lâu" in panel and fresh.title not in panel
    # Another unit's board does not see it.
    client.force_login(board.outsider)
    assert "Báo cáo chờ lâu" not in client.get("/admin/").content.decode()
    # Nor does the author, who cannot act on it.
    other_editor = member(board.unit, EditorialRole.EDITOR, "syt.bientap2")
    client.force_login(other_editor)
    assert "Chờ duyệt quá" not in client.get("/admin/").content.decode()


def locale_id(code: str) -> int:
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code).pk
