"""Issue 4: complete editorial journeys through the admin, as each role, and the forbidden shortcuts.

Every step is a real HTTP request through Django's test client; the state is read back from the
database (workflow and task states, log entries, live flags) and from the mail outbox.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.models import ArticlePage, Category
from subportals.enums import EditorialRole, UnitKind
from tests.factories import ArticlePageFactory, SectionPageFactory, home_of, make_unit, member

pytestmark = pytest.mark.django_db

SEED_DAMAGED = "C ng thông tin i n t  t nh Khánh Hòa c p nh t thông tin v  ho t  ng c a U ban nhân dân t nh"


class Board:
    """A department with its three roles, a second board head, and another unit's board head."""

    def __init__(self) -> None:
        self.unit = make_unit("syt", UnitKind.DEPARTMENT)
        self.section = SectionPageFactory(parent=home_of(self.unit), title="Tin y tế", slug="tin-y-te")
        self.editor = member(self.unit, EditorialRole.EDITOR, "syt.bientap")
        self.reviewer = member(self.unit, EditorialRole.REVIEWER, "syt.kiemduyet")
        self.head = member(self.unit, EditorialRole.BOARD_HEAD, "syt.truongban")
        self.deputy = member(self.unit, EditorialRole.BOARD_HEAD, "syt.photruongban")
        other = make_unit("nhatrang", UnitKind.DISTRICT)
        self.outsider = member(other, EditorialRole.BOARD_HEAD, "nhatrang.truongban")
        self.category = Category.objects.get(code="tin-tuc")


def form(board: Board, **overrides) -> dict:
    data = {
        "title": "Tiêm chủng mở rộng tại Cam Ranh",
        "slug": "tiem-chung-cam-ranh",
        "category": str(board.category.pk),
        "summary": "Hơn 2.000 trẻ em được tiêm vắc-xin trong tuần.",
        "publication_date": "24/11/2026 08:30",
        "body": streamfield(
            [("paragraph", rich_text("<p>Trung tâm Kiểm soát bệnh tật tỉnh triển khai đợt tiêm.</p>"))]
        ),
        "author": "Hoàng Lan",
        "source": "Sở Y tế",
        "tags": "",
        "credits": inline_formset([]),
        "featured_image_caption": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(board: Board) -> str:
    return f"/admin/pages/add/portal/articlepage/{board.section.pk}/"


def submit_new(client, board: Board, user, **overrides) -> ArticlePage:
    client.force_login(user)
    response = client.post(add_url(board), form(board, **{"action-submit": "1", **overrides}))
    assert response.status_code == 302, response.content.decode()[:3000]
    return ArticlePage.objects.get(slug=overrides.get("slug", "tiem-chung-cam-ranh"))


def task_state(page: Page) -> TaskState:
    return page.current_workflow_task_state.specific


def act(client, user, page: Page, action: str, comment: str | None = None):
    """The dashboard's workflow-action door (the one that bypasses the page form)."""
    client.force_login(user)
    state = task_state(page)
    data = {} if comment is None else {"comment": comment}
    return client.post(f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/", data)


def act_in_editor(client, user, board: Board, page: Page, action: str, comment: str = "", **overrides):
    """The editor screen's door: the page form is posted together with the workflow action."""
    client.force_login(user)
    data = form(board, slug=page.slug, title=page.get_latest_revision_as_object().title, **overrides)
    data.update(
        {
            "action-workflow-action": "1",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps({"comment": comment} if comment else {}),
        }
    )
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def refreshed(page: Page) -> ArticlePage:
    return ArticlePage.objects.get(pk=page.pk)


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_complete_journey_submit_send_back_resubmit_approve_publish(client, board):
    page = submit_new(client, board, board.editor)
    assert not refreshed(page).live
    assert task_state(page).task.name.startswith("Kiểm duyệt")
    # Whoever must act next is told by e-mail, and sees it on the dashboard.
    assert board.reviewer.email in recipients() and board.editor.email not in recipients()
    client.force_login(board.reviewer)
    assert "Tiêm chủng mở rộng tại Cam Ranh" in client.get("/admin/").content.decode()

    # Sending back without a reason does nothing; with one, it is recorded and the author is told.
    act(client, board.reviewer, page, "reject", comment="   ")
    assert task_state(page).status == TaskState.STATUS_IN_PROGRESS
    mail.outbox.clear()
    act(client, board.reviewer, page, "reject", comment="Bổ sung số liệu theo xã.")
    rejected = TaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_REJECTED)
    assert rejected.finished_by == board.reviewer and rejected.comment == "Bổ sung số liệu theo xã."
    assert rejected.finished_at is not None
    assert board.editor.email in recipients()
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject", user=board.reviewer).exists()

    # The editor fixes the text and resubmits.
    client.force_login(board.editor)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        form(board, summary="Hơn 2.000 trẻ em ở 9 xã được tiêm.", **{"action-restart-workflow": "1"}),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert task_state(page).task.name.startswith("Kiểm duyệt")

    mail.outbox.clear()
    act(client, board.reviewer, page, "approve")
    assert task_state(page).task.name.startswith("Trưởng ban")
    assert board.head.email in recipients()
    assert not refreshed(page).live

    act(client, board.head, page, "approve", comment="Đồng ý đăng.")
    page = refreshed(page)
    assert page.live and page.summary == "Hơn 2.000 trẻ em ở 9 xã được tiêm."
    approvals = TaskState.objects.filter(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_APPROVED)
    assert {state.finished_by for state in approvals} == {board.reviewer, board.head}
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=board.head).exists()
    client.logout()
    assert client.get("/vi/tin-y-te/tiem-chung-cam-ranh/", HTTP_HOST="syt.localhost").status_code == 200


def test_reviewer_edits_and_forwards_from_the_editor_screen(client, board):
    page = submit_new(client, board, board.editor)
    response = act_in_editor(client, board.reviewer, board, page, "approve", summary="Tóm tắt do thư ký sửa.")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert task_state(page).task.name.startswith("Trưởng ban")
    assert refreshed(page).get_latest_revision_as_object().summary == "Tóm tắt do thư ký sửa."


def test_sending_back_from_the_editor_screen_needs_a_reason_and_keeps_the_text(client, board):
    page = submit_new(client, board, board.editor)
    response = act_in_editor(client, board.reviewer, board, page, "reject", summary="Thư ký đang sửa dở.")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Khi trả lại cần ghi rõ lý do." in html and "Thư ký đang sửa dở." in html
    assert task_state(page).status == TaskState.STATUS_IN_PROGRESS


def test_nobody_approves_their_own_submission(client, board):
    page = submit_new(client, board, board.head)
    assert board.head.email not in recipients()
    act(client, board.reviewer, page, "approve")
    assert task_state(page).task.name.startswith("Trưởng ban")
    # Neither door lets the author approve; the page stays unpublished.
    response = act(client, board.head, page, "approve")
    assert response.status_code in (302, 403)
    act_in_editor(client, board.head, board, page, "approve")
    assert task_state(page).task.name.startswith("Trưởng ban") and not refreshed(page).live
    client.force_login(board.head)
    assert "Không được" not in client.get("/admin/").content.decode()  # No error; simply no approve button.
    # Another member of the board may.
    act(client, board.deputy, page, "approve")
    assert refreshed(page).live


def test_another_units_board_head_cannot_act(client, board):
    page = submit_new(client, board, board.editor)
    for action in ("approve", "reject"):
        response = act(client, board.outsider, page, action, comment="Không phải việc của tôi")
        assert response.status_code in (403, 404)
    assert task_state(page).status == TaskState.STATUS_IN_PROGRESS
    assert task_state(page).task.name.startswith("Kiểm duyệt")


def test_checks_refuse_submission_with_exact_messages_and_keep_the_text(client, board):
    client.force_login(board.editor)
    cases = {
        "damaged title": ({"title": SEED_DAMAGED}, "Tiêu đề, dòng 1: chữ tiếng Việt bị mất dấu hoặc mất chữ"),
        "damaged body": (
            {"body": streamfield([("paragraph", rich_text(f"<p>{SEED_DAMAGED}</p>"))])},
            "bị mất dấu hoặc mất chữ",
        ),
    }
    for name, (overrides, message) in cases.items():
        response = client.post(add_url(board), form(board, **{"action-submit": "1", **overrides}))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert message in html, name
        assert "Hơn 2.000 trẻ em được tiêm vắc-xin trong tuần." in html, name
    assert not ArticlePage.objects.filter(slug="tiem-chung-cam-ranh").exists()
    # The same text is kept as a draft without the checks: nothing typed is lost.
    response = client.post(add_url(board), form(board, title=SEED_DAMAGED))
    assert response.status_code == 302
    assert not WorkflowState.objects.exists()


def test_featured_image_without_alt_text_is_refused(client, board, with_images, portal):
    from wagtail.images import get_image_model

    page = ArticlePageFactory(parent=board.section, slug="co-anh", live=False)
    with_images(portal)
    page.refresh_from_db()
    image = get_image_model().objects.get(pk=page.featured_image_id)
    image.collection = board.unit.collection
    image.save()
    client.force_login(board.editor)
    data = form(board, slug="co-anh", featured_image=str(image.pk), **{"action-submit": "1"})
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert "chưa có văn bản thay thế" in response.content.decode()
    image.description = "Y tá tiêm vắc-xin cho trẻ tại trạm y tế"
    image.save()
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    assert refreshed(page).workflow_in_progress


def test_dashboard_approval_runs_the_checks(client, board):
    page = submit_new(client, board, board.editor)
    # A draft saved during review (drafts skip the checks) gets damaged text pasted in.
    client.force_login(board.reviewer)
    damaged = streamfield([("paragraph", rich_text(f"<p>{SEED_DAMAGED}</p>"))])
    assert client.post(f"/admin/pages/{page.pk}/edit/", form(board, body=damaged)).status_code == 302
    response = act(client, board.reviewer, page, "approve")
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert task_state(page).task.name.startswith("Kiểm duyệt")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("bị mất dấu hoặc mất chữ" in m for m in messages)


def test_publishing_without_approval_is_refused_at_every_door(client, board):
    draft = ArticlePageFactory(parent=board.section, slug="ban-nhap", title="Bản nháp", live=False)
    live = ArticlePageFactory(parent=board.section, slug="da-dang", title="Đã đăng")
    client.force_login(board.head)
    doors = [
        (f"/admin/pages/{draft.pk}/edit/", form(board, slug="ban-nhap", **{"action-publish": "1"})),
        (f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}", {}),
        (f"/admin/api/main/pages/{draft.pk}/action/publish/", None),
        (
            f"/admin/pages/{live.pk}/copy/",
            {
                "new_title": "Bản sao",
                "new_slug": "ban-sao",
                "new_parent_page": board.section.pk,
                "publish_copies": "on",
            },
        ),
    ]
    for url, data in doors:
        if data is None:
            client.post(url, {}, content_type="application/json")
        else:
            client.post(url, data)
    assert not refreshed(draft).live
    assert not Page.objects.filter(slug="ban-sao", live=True).exists()
    # The editor screen offers "submit", not "publish".
    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert 'name="action-submit"' in html and 'name="action-publish"' not in html


def test_board_head_unpublishes_and_editor_cannot(client, board):
    live = ArticlePageFactory(parent=board.section, slug="se-go", title="Sẽ gỡ")
    client.force_login(board.editor)
    client.post(f"/admin/pages/{live.pk}/unpublish/")
    assert refreshed(live).live
    client.force_login(board.head)
    assert client.post(f"/admin/pages/{live.pk}/unpublish/").status_code == 302
    assert not refreshed(live).live


def test_scheduled_go_live_and_expiry_through_the_workflow(client, board):
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    expire = go_live + datetime.timedelta(days=30)
    page = submit_new(
        client,
        board,
        board.editor,
        go_live_at=go_live.strftime("%d/%m/%Y %H:%M"),
        expire_at=expire.strftime("%d/%m/%Y %H:%M"),
    )
    act(client, board.reviewer, page, "approve")
    act(client, board.head, page, "approve")
    page = refreshed(page)
    assert not page.live
    revision = page.scheduled_revision
    assert revision is not None and revision.approved_go_live_at is not None
    # Two days later the scheduler publishes it; after expiry it is taken down.
    past = timezone.now() - datetime.timedelta(days=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    page = refreshed(page)
    assert page.live
    ArticlePage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    page = refreshed(page)
    assert not page.live and page.expired


def test_history_compare_and_restore_go_back_through_the_board(client, board):
    page = submit_new(client, board, board.editor)
    act(client, board.reviewer, page, "approve")
    act(client, board.head, page, "approve")
    first = refreshed(page).live_revision
    client.force_login(board.editor)
    client.post(f"/admin/pages/{page.pk}/edit/", form(board, title="Tiêu đề mới", **{"action-submit": "1"}))
    act(client, board.reviewer, page, "approve")
    act(client, board.head, page, "approve")
    page = refreshed(page)
    assert page.title == "Tiêu đề mới" and page.revisions.count() >= 2
    client.force_login(board.head)
    compare = client.get(f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...live/")
    assert compare.status_code == 200 and "Tiêm chủng mở rộng tại Cam Ranh" in compare.content.decode()
    assert client.get(f"/admin/pages/{page.pk}/revisions/{first.pk}/revert/").status_code == 200
    # Restoring an old version is a new draft that goes through the board again.
    client.force_login(board.editor)
    data = form(board, **{"revision": str(first.pk), "action-submit": "1"})
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    assert refreshed(page).title == "Tiêu đề mới" and refreshed(page).workflow_in_progress
    act(client, board.reviewer, page, "approve")
    act(client, board.head, page, "approve")
    assert refreshed(page).title == "Tiêm chủng mở rộng tại Cam Ranh"


def test_one_step_workflow_for_a_small_unit(client, portal):
    from subportals.provisioning import UnitSpec, provision_unit

    unit = provision_unit(
        UnitSpec(
            code="khanhson",
            kind=UnitKind.DISTRICT,
            name_vi="UBND huyện Khánh Sơn",
            name_en="Khanh Son District",
            name_ru="Уезд Кханьшон",
            hostname="khanhson.localhost",
            approval_steps=1,
        )
    )
    assert unit.workflow.workflow_tasks.count() == 1
    section = SectionPageFactory(parent=home_of(unit), slug="tin-huyen")
    editor = member(unit, EditorialRole.EDITOR, "khanhson.bientap")
    head = member(unit, EditorialRole.BOARD_HEAD, "khanhson.truongban")
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": "Huyện Khánh Sơn ra quân làm đường",
            "slug": "ra-quan",
            "category": str(Category.objects.get(code="tin-tuc").pk),
            "summary": "Ra quân làm đường giao thông nông thôn.",
            "publication_date": "24/11/2026 08:30",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung.</p>"))]),
            "tags": "",
            "credits": inline_formset([]),
            "action-submit": "1",
        }
    )
    assert client.post(f"/admin/pages/add/portal/articlepage/{section.pk}/", data).status_code == 302
    page = ArticlePage.objects.get(slug="ra-quan")
    act(client, head, page, "approve")
    assert refreshed(page).live
    # Provisioning again keeps the one-step workflow; asking for two steps rebuilds it.
    assert provision_unit(UnitSpec("khanhson", UnitKind.DISTRICT, "a", "b", "c", "khanhson.localhost")).workflow == (
        unit.workflow
    )
    two = provision_unit(UnitSpec("khanhson", UnitKind.DISTRICT, "a", "b", "c", "khanhson.localhost", approval_steps=2))
    assert two.workflow.workflow_tasks.count() == 2
