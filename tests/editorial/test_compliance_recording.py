"""What counts as an update, recorded from real publications (Wagtail's own publish paths and the admin)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from editorial.compliance.enums import UpdateKind
from editorial.compliance.models import UpdateRecord
from editorial.compliance.recording import record_withdrawal
from portal.models import ArticlePage
from subportals.enums import UnitKind
from tests.editorial.test_workflow_journeys import act, form, refreshed, submit_new
from tests.factories import ArticlePageFactory, SectionPageFactory, home_of, make_unit, translate

pytestmark = pytest.mark.django_db


def published(section, **fields) -> ArticlePage:
    """A new article published the way editors publish: a revision, then publish()."""
    article = ArticlePageFactory(parent=section, live=False, first_published_at=None, last_published_at=None, **fields)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def mark_shown(client, page) -> bool:
    """Whether the edit screen shows the "counts as an update" box ticked."""
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    [tag] = re.findall(r'<input[^>]*name="substantive_update"[^>]*>', html)
    return " checked" in tag


def records(page=None):
    queryset = UpdateRecord.objects.all()
    if page is not None:
        queryset = queryset.filter(page_id=page.pk)
    return list(queryset.order_by("went_live_at", "pk"))


def test_first_publication_counts_once_at_the_real_moment(portal):
    before = timezone.now()
    article = published(portal.section, publication_date=timezone.now() - datetime.timedelta(days=400))
    [record] = records(article)
    assert record.kind == UpdateKind.FIRST_PUBLICATION and record.counts
    assert record.unit == portal.unit and record.language == "vi"
    # The back-dated "publication date" fakes nothing: the record holds the real go-live.
    assert record.went_live_at >= before and record.live_date == timezone.localdate()


def test_drafts_typo_fixes_and_section_pages_do_not_count(portal):
    article = published(portal.section)
    count = UpdateRecord.objects.count()
    article.title = "Khánh Hòa đón khách quốc tế (sửa lỗi chính tả)"
    article.save_revision()  # a draft
    article.get_latest_revision().publish()  # a republication, not marked
    SectionPageFactory(parent=portal.home)  # not a content page
    assert UpdateRecord.objects.count() == count


def test_republication_marked_as_substantive_counts(portal):
    article = published(portal.section)
    article.substantive_update = True
    article.summary = "Bổ sung số liệu khách quốc tế tháng 11."
    revision = article.save_revision()
    revision.publish()
    latest = records(article)[-1]
    assert latest.kind == UpdateKind.SUBSTANTIVE and latest.revision_id == revision.pk
    # Publishing the same revision again does not count twice.
    revision.publish()
    assert len([r for r in records(article) if r.revision_id == revision.pk]) == 1


def test_each_language_counts_its_first_publication(portal):
    article = published(portal.section)
    english = translate(article, "en", title="Khánh Hòa welcomes visitors", summary="Visitors are back.")
    assert [r.language for r in records(english)] == ["en"]
    russian = translate(article, "ru", title="Кханьхоа принимает гостей", summary="Гости вернулись.")
    assert [r.language for r in records(russian)] == ["ru"]


def test_scheduled_publication_counts_when_it_really_goes_live(portal):
    article = ArticlePageFactory(parent=portal.section, live=False, first_published_at=None)
    article.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    article.save_revision().publish()
    assert records(article) == []
    # Two hours later: the scheduled moment has come.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = article.revisions.get(approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    [record] = records(article)
    assert record.kind == UpdateKind.FIRST_PUBLICATION
    assert record.went_live_at >= timezone.now() - datetime.timedelta(minutes=1)


def test_published_then_unpublished_at_once_does_not_count(portal):
    article = published(portal.section)
    article.unpublish()
    [record] = records(article)
    assert not record.counts and record.withdrawn_at is not None


def test_a_page_that_stayed_live_keeps_its_update_when_withdrawn_later(portal):
    article = published(portal.section)
    [record] = records(article)
    assert record_withdrawal(article.pk, when=record.went_live_at + datetime.timedelta(hours=25)) == 0
    record.refresh_from_db()
    assert record.counts and record.withdrawn_at is not None


def test_deleting_a_fresh_page_cancels_its_update_and_keeps_the_trace(portal):
    article = published(portal.section, title="Tin đăng nhầm")
    article.delete()
    [record] = UpdateRecord.objects.filter(page_title="Tin đăng nhầm")
    assert record.page_id is None and not record.counts


def test_each_unit_counts_in_its_own_subportal(portal):
    unit = make_unit("stttt", UnitKind.DEPARTMENT)
    section = SectionPageFactory(parent=home_of(unit))
    article = published(section)
    assert [r.unit for r in records(article)] == [unit]
    assert not UpdateRecord.objects.filter(unit=portal.unit, page_id=article.pk).exists()


def test_editor_marks_a_substantive_update_and_it_counts_when_the_board_approves(client, board):
    page = submit_new(client, board, board.editor)
    act(client, board.reviewer, page, "approve")
    act(client, board.head, page, "approve")
    assert refreshed(page).live
    assert [r.kind for r in records(page)] == [UpdateKind.FIRST_PUBLICATION]

    # A new round of edits starts unmarked.
    client.force_login(board.editor)
    assert mark_shown(client, page) is False

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        form(
            board, summary="Cập nhật: hơn 3.000 trẻ em đã được tiêm.", substantive_update="on", **{"action-submit": "1"}
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # While under review the mark is kept on the editor's screen.
    assert mark_shown(client, page) is True
    act(client, board.reviewer, page, "approve")
    act(client, board.head, page, "approve")
    assert [r.kind for r in records(page)] == [UpdateKind.FIRST_PUBLICATION, UpdateKind.SUBSTANTIVE]

    # A typo fix afterwards, not marked, does not count.
    client.force_login(board.editor)
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        form(board, summary="Cập nhật: hơn 3.000 trẻ em đã được tiêm chủng.", **{"action-submit": "1"}),
    )
    act(client, board.reviewer, page, "approve")
    act(client, board.head, page, "approve")
    assert refreshed(page).summary.endswith("tiêm chủng.")
    assert len(records(page)) == 2
