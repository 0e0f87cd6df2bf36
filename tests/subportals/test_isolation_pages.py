"""Permission matrix, pages (issue 3, P-Art. 6.1): unit A's board cannot see or act on unit B's pages.

Every admin screen that takes a page id is tried by A's editor, reviewer and board head, by an account that may
enter the admin but belongs to no unit, and by an account with no group; each must get 403/404 or a redirect
away, never B's data. The same screens are tried on A's own pages (what each role may do there) and by the
portal management staff on B's pages (they see and do everything).
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Locale, Page, PageLogEntry, Revision, TaskState, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from portal.models import ArticlePage
from subportals.models import Unit
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.subportals.isolation_world import (
    A_BOARD,
    OUTSIDERS,
    SEARCH_ARTICLES,
    SEARCH_B,
    TOKEN_A,
    TOKEN_B,
    IsolationMixin,
    article_form,
    response_text,
)


class PageScreensTests(IsolationMixin, TestCase):
    """Screens that show a page of B: explorer, edit, preview, history, revisions, workflow, usage."""

    def test_explorer_of_other_unit_is_refused(self):
        b = self.world.b
        calls = [("get", f"/admin/pages/{page}/", None) for page in (*b.homes.values(), b.section, b.section_ru)]
        calls += [("get", f"/admin/pages/{b.section}/results/", None)]
        self.check_outsiders(calls)

    def test_account_without_unit_gets_nothing(self):
        """No group at all, or admin access without a unit: no unit's pages, images or documents."""
        a = self.world.a
        urls = [
            "/admin/pages/",
            f"/admin/pages/{a.section}/",
            f"/admin/pages/{a.article}/edit/",
            "/admin/choose-page/",
            f"/admin/choose-page/{a.homes['vi']}/",
            "/admin/choose-page/search/?q=Tin+b%C3%A0i",
            "/admin/pages/search/?q=Tin+b%C3%A0i",
            "/admin/images/chooser/",
            "/admin/documents/chooser/",
            f"/admin/images/{a.image}/",
            "/admin/reports/site-history/",
            "/admin/",
        ]
        for key in ("no_group", "access_only"):
            self.login(key)
            for url in urls:
                with self.subTest(user=key, url=url):
                    response = self.client.get(url)
                    self.assertIn(response.status_code, (200, 302, 403, 404))
                    self.assertNotIn(TOKEN_A, response_text(response), f"{key} {url}: unit A's data shown")
                    self.assert_no_b_data(response, f"{key} {url}")

    def test_explorer_root_lists_own_unit_only(self):
        self.check_outsiders([("get", "/admin/pages/", None), ("get", "/admin/pages/1/", None)], check="hidden")
        for key in A_BOARD:
            self.login(key)
            with self.subTest(user=key):
                self.assert_shows(self.client.get(f"/admin/pages/{self.world.a.section}/"), TOKEN_A, key)

    def test_management_explores_every_unit(self):
        self.login("manager")
        b = self.world.b
        for url in (f"/admin/pages/{b.homes['vi']}/", f"/admin/pages/{b.section}/", "/admin/pages/"):
            with self.subTest(url=url):
                self.assert_shows(self.client.get(url), TOKEN_B, url)

    def test_edit_view_of_other_unit_is_refused(self):
        b = self.world.b
        pages = (
            b.homes["vi"],
            b.homes["en"],
            b.section,
            b.article,
            b.article_en,
            b.article_ru,  # wagtail-localize's translation editor
            b.locked_article,
            b.workflow_article,
            b.draft_article,
        )
        self.check_outsiders([("get", f"/admin/pages/{page}/edit/", None) for page in pages])

    def test_own_unit_and_management_open_the_edit_view(self):
        a, b = self.world.a, self.world.b
        for key in A_BOARD:
            self.login(key)
            for page in (a.article, a.article_en, a.article_ru, a.section):
                with self.subTest(user=key, page=page):
                    self.assert_shows(self.client.get(f"/admin/pages/{page}/edit/"), TOKEN_A, f"{key} edit {page}")
        self.login("manager")
        for page in (b.article, b.article_ru, b.workflow_article):
            with self.subTest(user="manager", page=page):
                self.assert_shows(self.client.get(f"/admin/pages/{page}/edit/"), TOKEN_B, f"manager edit {page}")

    def test_saving_or_publishing_other_units_page_is_refused(self):
        b = self.world.b
        for key in OUTSIDERS:
            self.login(key)
            for action in ({}, {"action-publish": "publish"}, {"action-submit": "submit"}):
                for page in (b.article, b.draft_article):
                    data = article_form(
                        b, self.world.category, title=f"Sửa trái phép {key}", slug=f"sua-{page}", **action
                    )
                    with self.subTest(user=key, page=page, action=action):
                        before = Page.objects.get(pk=page)
                        response = self.client.post(f"/admin/pages/{page}/edit/", data)
                        self.assert_denied(response, f"{key} POST edit {page} {action}")
                        after = Page.objects.get(pk=page)
                        self.assertEqual(after.latest_revision_id, before.latest_revision_id)
                        self.assertEqual(
                            (after.title, after.live, after.slug), (before.title, before.live, before.slug)
                        )
                        self.assertFalse(WorkflowState.objects.filter(object_id=str(page)).exists())

    def test_own_unit_saves_and_board_head_publishes(self):
        a = self.world.a
        for key in A_BOARD:
            self.login(key)
            with self.subTest(user=key):
                data = article_form(a, self.world.category, title=f"Bản sửa của {key} {TOKEN_A}", slug="tin-bai-donvia")
                response = self.client.post(f"/admin/pages/{a.article}/edit/", data)
                self.assertEqual(response.status_code, 302, response.content.decode()[:1500])
                self.assertEqual(Page.objects.get(pk=a.article).draft_title, f"Bản sửa của {key} {TOKEN_A}")
        # Publishing goes through the board's approval only (P-Art. 7.5, issue 4): nobody's direct "publish"
        # makes a page under a workflow live, not even the board head's.
        for key in A_BOARD:
            page = ArticlePageFactory(parent=Page.objects.get(pk=a.section), slug=f"xuat-ban-{key}", live=False)
            self.login(key)
            with self.subTest(user=key, action="publish"):
                data = article_form(
                    a, self.world.category, title=f"Xuất bản {TOKEN_A}", slug=page.slug, **{"action-publish": "1"}
                )
                self.client.post(f"/admin/pages/{page.pk}/edit/", data)
                self.assertFalse(Page.objects.get(pk=page.pk).live)

    def test_management_saves_other_units_page(self):
        b = self.world.b
        self.login("manager")
        data = article_form(b, self.world.category, title=f"Quản lý sửa {TOKEN_B}", slug="tin-bai-donvib")
        response = self.client.post(f"/admin/pages/{b.article}/edit/", data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:1500])
        self.assertEqual(Page.objects.get(pk=b.article).draft_title, f"Quản lý sửa {TOKEN_B}")

    def test_preview_and_draft_views_of_other_unit_are_refused(self):
        b, category = self.world.b, self.world.category
        form = article_form(b, category, title="Xem trước", slug="xem-truoc")
        self.check_outsiders(
            [
                ("post", f"/admin/pages/{b.article}/edit/preview/", form),
                ("get", f"/admin/pages/{b.article}/edit/preview/", None),
                ("get", f"/admin/pages/{b.article}/edit/preview/", {"mode": ""}),
                ("get", f"/admin/pages/{b.article}/view_draft/", None),
                ("get", f"/admin/pages/{b.draft_article}/view_draft/", None),
                ("post", f"/admin/pages/add/portal/articlepage/{b.section}/preview/", form),
                ("get", f"/admin/pages/add/portal/articlepage/{b.section}/preview/", None),
                ("get", f"/admin/pages/workflow/preview/{b.workflow_article}/{b.first_task}/", None),
                ("get", f"/admin/localize/translate/{b.translation_ru}/preview/", None),
            ]
        )

    def test_own_unit_previews_its_draft(self):
        a = self.world.a
        for key in A_BOARD:
            self.login(key)
            with self.subTest(user=key):
                self.assert_shows(self.client.get(f"/admin/pages/{a.article}/view_draft/"), TOKEN_A, key)

    def test_history_revisions_and_workflow_history_of_other_unit_are_refused(self):
        b = self.world.b
        base = f"/admin/pages/{b.article}"
        self.check_outsiders(
            [
                ("get", f"{base}/history/", None),
                ("get", f"{base}/history/results/", None),
                ("get", f"{base}/revisions/", None),
                ("get", f"{base}/revisions/{b.first_revision}/view/", None),
                ("get", f"{base}/revisions/compare/earliest...latest/", None),
                ("get", f"{base}/revisions/compare/{b.first_revision}...{b.draft_revision}/", None),
                ("get", f"{base}/revisions/compare/live...latest/", None),
                ("get", f"{base}/usage/", None),
                ("get", f"/admin/pages/{b.workflow_article}/workflow_history/", None),
                ("get", f"/admin/pages/{b.workflow_article}/workflow_history/detail/{b.workflow_state}/", None),
                ("get", f"/admin/pages/{b.locked_article}/history/", None),
            ]
        )

    def test_own_unit_and_management_read_history_and_revisions(self):
        for key, unit, token in [(k, self.world.a, TOKEN_A) for k in A_BOARD] + [("manager", self.world.b, TOKEN_B)]:
            self.login(key)
            base = f"/admin/pages/{unit.article}"
            for url in (
                f"{base}/history/",
                f"{base}/revisions/{unit.first_revision}/view/",
                f"{base}/revisions/compare/{unit.first_revision}...{unit.draft_revision}/",
                f"/admin/pages/{unit.workflow_article}/workflow_history/",
            ):
                with self.subTest(user=key, url=url):
                    self.assert_shows(self.client.get(url), token, f"{key} {url}")

    def test_reverting_other_units_revision_is_refused(self):
        b = self.world.b
        url = f"/admin/pages/{b.article}/revisions/{b.first_revision}/revert/"
        data = article_form(b, self.world.category, title="Khôi phục", slug="tin-bai-donvib")
        self.check_outsiders([("get", url, None), ("post", url, data)])
        self.assertEqual(Page.objects.get(pk=b.article).latest_revision_id, b.draft_revision)
        revisions = Revision.page_revisions.filter(object_id=str(b.article))
        self.assertEqual(set(revisions.values_list("pk", flat=True)), {b.first_revision, b.draft_revision})

    def test_workflow_actions_on_other_units_page_are_refused(self):
        b = self.world.b
        cancel = article_form(b, self.world.category, title="Hủy quy trình", slug=f"tin-cho-duyet-{b.code}")
        for action in ("approve", "reject"):
            self.check_outsiders(
                [
                    ("get", f"/admin/pages/workflow/action/{b.workflow_article}/{action}/{b.task_state}/", None),
                    ("post", f"/admin/pages/workflow/action/{b.workflow_article}/{action}/{b.task_state}/", {}),
                    (
                        "get",
                        f"/admin/pages/workflow/collect_action_data/{b.workflow_article}/{action}/{b.task_state}/",
                        None,
                    ),
                ]
            )
        self.check_outsiders(
            [
                ("get", f"/admin/pages/workflow/confirm_cancellation/{b.workflow_article}/", None),
                ("post", f"/admin/pages/{b.workflow_article}/edit/", {**cancel, "action-cancel-workflow": "1"}),
            ]
        )
        self.assertEqual(TaskState.objects.get(pk=b.task_state).status, TaskState.STATUS_IN_PROGRESS)
        self.assertEqual(WorkflowState.objects.get(pk=b.workflow_state).status, WorkflowState.STATUS_IN_PROGRESS)
        # B's reviewer, whose task it is, does reach these screens.
        self.login("b_reviewer")
        for url in (
            f"/admin/pages/workflow/action/{b.workflow_article}/approve/{b.task_state}/",
            f"/admin/pages/workflow/collect_action_data/{b.workflow_article}/approve/{b.task_state}/",
            f"/admin/pages/workflow/preview/{b.workflow_article}/{b.first_task}/",
        ):
            with self.subTest(user="b_reviewer", url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_editing_session_ping_on_other_units_page_is_refused(self):
        b = self.world.b
        self.check_outsiders([("post", f"/admin/editing-sessions/ping/wagtailcore/page/{b.article}/0/", {})])

    # --- the public side ---
    def test_inactive_unit_is_hidden_on_its_host_and_in_the_directory(self):
        b = self.world.b
        client = self.client_class()
        self.assertEqual(client.get("/vi/", HTTP_HOST=b.host).status_code, 200)
        self.assertEqual(client.get("/vi/chuyen-trang-donvib/tin-bai-donvib/", HTTP_HOST=b.host).status_code, 200)

        def directory_hosts() -> set[str]:
            soup = BeautifulSoup(client.get("/vi/", HTTP_HOST="localhost").content, "html.parser")
            return {a.get("href", "") for a in soup.select("#subportals-heading ~ ul a")}

        self.assertTrue(any(b.host in href for href in directory_hosts()))

        Unit.objects.filter(pk=b.unit).update(is_active=False)
        for path in ("/vi/", "/en/", "/ru/", "/vi/chuyen-trang-donvib/", "/vi/chuyen-trang-donvib/tin-bai-donvib/"):
            with self.subTest(path=path):
                response = client.get(path, HTTP_HOST=b.host)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(TOKEN_B, response.content.decode())
        self.assertFalse(any(b.host in href for href in directory_hosts()))
        # The content is kept untouched (P-Art. 10.1).
        self.assertTrue(Page.objects.filter(pk=b.article).exists())
        self.assertTrue(PageLogEntry.objects.filter(page_id=b.article).exists())


class PageActionsTests(IsolationMixin, TestCase):
    """Actions that change B's tree: add, copy, move, publish, unpublish, delete, lock, privacy, bulk, API."""

    def test_adding_a_page_into_other_unit_is_refused(self):
        b = self.world.b
        data = article_form(b, self.world.category, title="Tin cài vào đơn vị B", slug="tin-cai-vao")
        self.check_outsiders(
            [
                ("get", f"/admin/pages/{b.section}/add_subpage/", None),
                ("get", f"/admin/pages/{b.homes['vi']}/add_subpage/", None),
                ("get", f"/admin/pages/add/portal/articlepage/{b.section}/", None),
                ("post", f"/admin/pages/add/portal/articlepage/{b.section}/", data),
                ("post", f"/admin/pages/add/portal/articlepage/{b.section}/", {**data, "action-publish": "1"}),
                ("get", f"/admin/pages/add/portal/sectionpage/{b.homes['en']}/", None),
            ]
        )
        self.assertFalse(Page.objects.filter(slug="tin-cai-vao").exists())

    def test_choosing_a_parent_and_type_usage_list_own_unit_only(self):
        self.check_outsiders(
            [
                ("get", "/admin/pages/create/portal/articlepage", None),
                ("get", "/admin/pages/usage/portal/articlepage/", None),
                ("get", "/admin/pages/usage/portal/articlepage/results/", None),
                ("get", "/admin/pages/usage/portal/sectionpage/", None),
            ],
            check="hidden",
        )
        for key, token in [(k, TOKEN_A) for k in A_BOARD] + [("manager", TOKEN_B)]:
            self.login(key)
            with self.subTest(user=key, url="type usage"):
                self.assert_shows(self.client.get("/admin/pages/usage/portal/articlepage/"), token, key)
            with self.subTest(user=key, url="choose parent"):
                # A's board has a single possible parent, its own section: Wagtail goes straight to it.
                response = self.client.get("/admin/pages/create/portal/articlepage")
                if key == "manager":
                    self.assertEqual(response.status_code, 200)
                else:
                    self.assertRedirects(
                        response,
                        f"/admin/pages/add/portal/articlepage/{self.world.a.section}/",
                        fetch_redirect_response=False,
                    )

    def test_own_unit_adds_pages(self):
        a = self.world.a
        for key in A_BOARD:
            self.login(key)
            with self.subTest(user=key):
                self.assert_shows(self.client.get(f"/admin/pages/{a.section}/add_subpage/"), TOKEN_A, key)
                data = article_form(a, self.world.category, title=f"Tin mới {TOKEN_A}", slug=f"tin-moi-{key}")
                response = self.client.post(f"/admin/pages/add/portal/articlepage/{a.section}/", data)
                self.assertEqual(response.status_code, 302, response.content.decode()[:1500])
                self.assertTrue(
                    ArticlePage.objects.child_of(Page.objects.get(pk=a.section)).filter(slug=f"tin-moi-{key}")
                )

    def test_copying_other_units_page_is_refused(self):
        a, b = self.world.a, self.world.b
        data = {"new_title": "Bản sao", "new_slug": "ban-sao-trai-phep", "new_parent_page": a.section}
        self.check_outsiders(
            [
                ("get", f"/admin/pages/{b.article}/copy/", None),
                ("post", f"/admin/pages/{b.article}/copy/", data),
                ("post", f"/admin/pages/{b.section}/copy/", {**data, "copy_subpages": "on"}),
            ]
        )
        self.assertFalse(Page.objects.filter(slug="ban-sao-trai-phep").exists())

    def test_copying_into_other_unit_is_refused(self):
        a, b = self.world.a, self.world.b
        for key in OUTSIDERS:
            self.login(key)
            for parent in (b.section, b.homes["vi"]):
                data = {
                    "new_title": "Bản sao",
                    "new_slug": "ban-sao-vao-b",
                    "new_parent_page": parent,
                    "publish_copies": "on",
                }
                with self.subTest(user=key, parent=parent):
                    response = self.client.post(f"/admin/pages/{a.article}/copy/", data)
                    # A form error is a fine answer too, as long as it does not show B's page.
                    self.assert_hidden(response, f"{key} copy A's article into {parent}")
                    self.assertFalse(Page.objects.filter(slug="ban-sao-vao-b").exists())

    def test_own_unit_copies_within_its_tree(self):
        a = self.world.a
        for key in A_BOARD:
            self.login(key)
            with self.subTest(user=key):
                data = {"new_title": f"Bản sao {TOKEN_A}", "new_slug": f"ban-sao-{key}", "new_parent_page": a.section}
                response = self.client.post(f"/admin/pages/{a.article}/copy/", data)
                self.assertEqual(response.status_code, 302, response.content.decode()[:1500])
                self.assertTrue(
                    Page.objects.get(slug=f"ban-sao-{key}").is_descendant_of(Page.objects.get(pk=a.section))
                )

    def test_moving_other_units_page_is_refused(self):
        a, b = self.world.a, self.world.b
        self.check_outsiders(
            [
                ("get", f"/admin/pages/{b.article}/move/", None),
                ("get", f"/admin/pages/{b.draft_article}/move/{a.section}/confirm/", None),
                ("post", f"/admin/pages/{b.draft_article}/move/{a.section}/confirm/", {}),
                ("post", f"/admin/pages/{b.article}/move/{a.section}/confirm/", {}),
                ("post", f"/admin/pages/{b.draft_article}/set_position/?position=0", {}),
            ]
        )
        for page in (b.article, b.draft_article):
            self.assertEqual(Page.objects.get(pk=page).get_parent().pk, b.section)

    def test_moving_into_other_unit_is_refused(self):
        a, b = self.world.a, self.world.b
        self.check_outsiders(
            [
                ("get", f"/admin/pages/{a.draft_article}/move/{b.section}/confirm/", None),
                ("post", f"/admin/pages/{a.draft_article}/move/{b.section}/confirm/", {}),
                ("post", f"/admin/pages/{a.article}/move/{b.section}/confirm/", {}),
                ("post", f"/admin/pages/{a.section}/move/{b.homes['vi']}/confirm/", {}),
            ]
        )
        self.assertEqual(Page.objects.get(pk=a.draft_article).get_parent().pk, a.section)
        self.assertEqual(Page.objects.get(pk=a.article).get_parent().pk, a.section)

    def test_board_head_moves_within_own_unit(self):
        a = self.world.a
        self.login("a_board_head")
        target = SectionPageFactory(parent=Page.objects.get(pk=a.homes["vi"]), title=f"Đích {TOKEN_A}", slug="dich")
        self.assert_shows(self.client.get(f"/admin/pages/{a.article}/move/"), TOKEN_A, "move chooser")
        response = self.client.post(f"/admin/pages/{a.article}/move/{target.pk}/confirm/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Page.objects.get(pk=a.article).get_parent().pk, target.pk)

    def test_unpublishing_and_deleting_other_units_pages_is_refused(self):
        b = self.world.b
        calls = []
        for page in (b.article, b.draft_article, b.section):
            calls += [
                ("get", f"/admin/pages/{page}/unpublish/", None),
                ("post", f"/admin/pages/{page}/unpublish/", {"include_descendants": "on"}),
                ("get", f"/admin/pages/{page}/delete/", None),
                ("post", f"/admin/pages/{page}/delete/", None),
            ]
        self.check_outsiders(calls)
        self.assertTrue(Page.objects.get(pk=b.article).live)
        self.assertTrue(Page.objects.get(pk=b.section).live)
        self.assertTrue(Page.objects.filter(pk=b.draft_article).exists())

    def test_own_unit_unpublish_and_delete_follow_the_role(self):
        a = self.world.a
        section = Page.objects.get(pk=a.section)
        for key in A_BOARD:
            self.login(key)
            live = ArticlePageFactory(parent=section, slug=f"go-{key}")
            with self.subTest(user=key, action="unpublish"):
                self.client.post(f"/admin/pages/{live.pk}/unpublish/")
                self.assertEqual(Page.objects.get(pk=live.pk).live, key != "a_board_head")
            with self.subTest(user=key, action="delete live page"):
                leaf = ArticlePageFactory(parent=section, slug=f"xoa-{key}")
                self.client.post(f"/admin/pages/{leaf.pk}/delete/")
                self.assertEqual(Page.objects.filter(pk=leaf.pk).exists(), key != "a_board_head")

    def test_lock_and_unlock_of_other_units_pages_are_refused(self):
        b = self.world.b
        self.check_outsiders(
            [
                ("post", f"/admin/pages/{b.article}/lock/", {}),
                ("post", f"/admin/pages/{b.locked_article}/unlock/", {}),
                ("post", f"/admin/pages/{b.locked_article}/lock/", {}),
            ]
        )
        self.assertFalse(Page.objects.get(pk=b.article).locked)
        self.assertTrue(Page.objects.get(pk=b.locked_article).locked)

    def test_own_unit_lock_and_unlock_follow_the_role(self):
        a = self.world.a
        reviewer = self.world.users["a_reviewer"]
        for key in A_BOARD:
            Page.objects.filter(pk=a.article).update(locked=False, locked_by=None, locked_at=None)
            Page.objects.filter(pk=a.locked_article).update(locked=True, locked_by=reviewer, locked_at=timezone.now())
            self.login(key)
            with self.subTest(user=key, action="lock"):
                self.client.post(f"/admin/pages/{a.article}/lock/")
                self.assertEqual(Page.objects.get(pk=a.article).locked, key != "a_editor")
            with self.subTest(user=key, action="unlock the reviewer's lock"):
                self.client.post(f"/admin/pages/{a.locked_article}/unlock/")
                # The board head unlocks any page of the unit; the reviewer holds this lock himself.
                self.assertEqual(Page.objects.get(pk=a.locked_article).locked, key == "a_editor")

    def test_privacy_of_other_units_page_is_refused(self):
        b = self.world.b
        self.check_outsiders(
            [
                ("get", f"/admin/pages/{b.article}/privacy/", None),
                ("post", f"/admin/pages/{b.article}/privacy/", {"restriction_type": "password", "password": "x"}),
            ]
        )
        self.assertFalse(Page.objects.get(pk=b.article).get_view_restrictions().exists())

    def test_bulk_actions_on_other_units_pages_are_refused(self):
        a, b = self.world.a, self.world.b
        ids = f"id={b.article}&id={b.draft_article}"
        calls = []
        for action in ("delete", "publish", "unpublish", "move"):
            url = f"/admin/bulk/wagtailcore/page/{action}/?{ids}&next=/admin/pages/"
            calls += [("get", url, None), ("post", url, {"chooser": a.section, "include_descendants": "on"})]
        # Every listed page must be refused; a screen listing B's pages as "no permission" still shows them.
        self.check_outsiders(calls)
        self.assertTrue(Page.objects.get(pk=b.article).live)
        self.assertFalse(Page.objects.get(pk=b.draft_article).live)
        self.assertEqual(Page.objects.get(pk=b.draft_article).get_parent().pk, b.section)

    def test_bulk_move_into_other_unit_is_refused(self):
        a, b = self.world.a, self.world.b
        url = f"/admin/bulk/wagtailcore/page/move/?id={a.draft_article}&next=/admin/pages/"
        self.check_outsiders([("post", url, {"chooser": b.section})], check="hidden")
        self.assertEqual(Page.objects.get(pk=a.draft_article).get_parent().pk, a.section)


class ListingsAndTranslationsTests(IsolationMixin, TestCase):
    """Where pages are listed (choosers, search, API, dashboard) and wagtail-localize's translation screens."""

    def test_page_chooser_lists_own_unit_only(self):
        b = self.world.b
        calls = [
            ("get", "/admin/choose-page/", None),
            ("get", "/admin/choose-page/", {"page_type": "portal.articlepage"}),
            ("get", "/admin/choose-page/", {"page_type": "portal.sectionpage", "locale": "en"}),
            ("get", "/admin/choose-page/1/", None),
            ("get", "/admin/choose-page/search/", {"q": SEARCH_B}),
            ("get", "/admin/choose-page/search/", {"q": SEARCH_ARTICLES}),
            ("get", "/admin/choose-page/search/", {"q": "Tin", "page_type": "portal.articlepage"}),
            ("get", "/admin/choose-page/search/", {"q": SEARCH_B, "locale": "ru"}),
        ]
        for page in (b.homes["vi"], b.homes["ru"], b.section, b.section_ru):
            calls += [
                ("get", f"/admin/choose-page/{page}/", None),
                ("get", f"/admin/choose-page/{page}/", {"page_type": "portal.articlepage"}),
            ]
        self.check_outsiders(calls, check="hidden")

    def test_page_chooser_shows_own_unit_and_management_sees_all(self):
        a, b = self.world.a, self.world.b
        for key in A_BOARD:
            self.login(key)
            for url, params in (
                ("/admin/choose-page/", None),
                (f"/admin/choose-page/{a.section}/", None),
                ("/admin/choose-page/search/", {"q": SEARCH_ARTICLES}),
            ):
                with self.subTest(user=key, url=url, params=params):
                    self.assert_shows(self.client.get(url, params or {}), TOKEN_A, f"{key} {url}")
        self.login("manager")
        for url, params in (
            (f"/admin/choose-page/{b.section}/", None),
            ("/admin/choose-page/search/", {"q": SEARCH_B}),
        ):
            with self.subTest(user="manager", url=url):
                self.assert_shows(self.client.get(url, params or {}), TOKEN_B, f"manager {url}")

    def test_admin_page_search_lists_own_unit_only(self):
        calls = []
        for q in (SEARCH_B, SEARCH_ARTICLES, "Tin", "Bản nháp", "Article"):
            calls += [("get", "/admin/pages/search/", {"q": q}), ("get", "/admin/pages/search/results/", {"q": q})]
        calls += [("get", "/admin/pages/search/", {"q": SEARCH_B, "content_type": "portal.articlepage"})]
        self.check_outsiders(calls, check="hidden")

    def test_admin_page_search_finds_own_unit_and_management_finds_all(self):
        for key, q, token in [(k, SEARCH_ARTICLES, TOKEN_A) for k in A_BOARD] + [("manager", SEARCH_B, TOKEN_B)]:
            self.login(key)
            with self.subTest(user=key):
                self.assert_shows(self.client.get("/admin/pages/search/", {"q": q}), token, key)

    def test_admin_api_lists_and_shows_own_unit_only(self):
        b = self.world.b
        listings = [
            {"limit": 20},
            {"limit": 20, "offset": 20},
            {"child_of": b.section},
            {"descendant_of": b.homes["vi"], "limit": 20},
            {"search": SEARCH_B},
            {"translation_of": b.article, "locale": "en"},
        ]
        for key in OUTSIDERS:
            self.login(key)
            for params in listings:
                with self.subTest(user=key, params=params):
                    response = self.client.get("/admin/api/main/pages/", params)
                    # 400 is the API's "parent page does not exist" answer: fine when it shows nothing of B.
                    self.assertIn(response.status_code, (200, 302, 400, 403, 404), f"{key} {params}")
                    self.assert_no_b_data(response, f"{key} API {params}")
        self.check_outsiders(
            [("get", f"/admin/api/main/pages/{page}/", None) for page in (b.article, b.article_ru, b.homes["vi"])]
        )
        self.login("manager")
        self.assert_shows(self.client.get(f"/admin/api/main/pages/{b.article}/"), TOKEN_B, "manager API detail")
        self.login("a_editor")
        response = self.client.get("/admin/api/main/pages/", {"child_of": self.world.a.section})
        self.assert_shows(response, TOKEN_A, "a_editor API listing")

    def test_admin_api_actions_on_other_units_pages_are_refused(self):
        a, b = self.world.a, self.world.b
        api = "/admin/api/main/pages"
        calls = [
            ("post", f"{api}/{b.article}/action/copy/", {"destination_page_id": a.section, "slug": "ban-sao-api"}),
            ("post", f"{api}/{b.draft_article}/action/move/", {"destination_page_id": a.section}),
            ("post", f"{api}/{b.article}/action/unpublish/", {}),
            ("post", f"{api}/{b.draft_article}/action/publish/", {}),
            ("post", f"{api}/{b.draft_article}/action/delete/", {}),
            ("post", f"{api}/{b.article}/action/revert_to_page_revision/", {"revision_id": b.first_revision}),
            ("post", f"{api}/{b.article}/action/copy_for_translation/", {"locale": "ru"}),
            (
                "post",
                f"{api}/{b.article}/action/create_alias/",
                {"destination_page_id": a.section, "update_slug": "b-alias"},
            ),
            # A's own page sent into B's tree.
            ("post", f"{api}/{a.draft_article}/action/move/", {"destination_page_id": b.section}),
            ("post", f"{api}/{a.article}/action/copy/", {"destination_page_id": b.section, "slug": "ban-sao-api-b"}),
        ]
        for key in OUTSIDERS:
            self.login(key)
            for _method, url, data in calls:
                with self.subTest(user=key, url=url):
                    response = self.client.post(url, data, content_type="application/json")
                    self.assertIn(response.status_code, (302, 400, 403, 404), f"{key} {url}: {response.status_code}")
                    self.assert_no_b_data(response, f"{key} {url}")
        self.assertFalse(Page.objects.filter(slug__in=["ban-sao-api", "b-alias", "ban-sao-api-b"]).exists())
        self.assertTrue(Page.objects.get(pk=b.article).live)
        self.assertFalse(Page.objects.get(pk=b.draft_article).live)
        self.assertEqual(Page.objects.get(pk=b.draft_article).get_parent().pk, b.section)
        self.assertEqual(Page.objects.get(pk=a.draft_article).get_parent().pk, a.section)
        self.assertEqual(Page.objects.get(pk=b.article).latest_revision_id, b.draft_revision)
        # The same payloads work where the user may act, so the refusals above are not bad requests.
        self.login("a_board_head")
        response = self.client.post(
            f"{api}/{a.article}/action/copy/",
            {"destination_page_id": a.section, "slug": "ban-sao-api-a", "keep_live": False},
            content_type="application/json",
        )
        self.assertIn(response.status_code, (200, 201), response.content[:500])
        self.assertTrue(Page.objects.filter(slug="ban-sao-api-a").exists())
        self.login("manager")
        # Publishing by API skips the board's approval: refused to management too (issue 4); unpublishing is not.
        response = self.client.post(f"{api}/{b.draft_article}/action/publish/", {}, content_type="application/json")
        self.assertEqual(response.status_code, 403, response.content[:500])
        self.assertFalse(Page.objects.get(pk=b.draft_article).live)
        response = self.client.post(f"{api}/{b.article}/action/unpublish/", {}, content_type="application/json")
        self.assertIn(response.status_code, (200, 201), response.content[:500])
        self.assertFalse(Page.objects.get(pk=b.article).live)

    def test_dashboard_shows_own_unit_only(self):
        self.check_outsiders([("get", "/admin/", None)], check="hidden")
        # The same panels do show a unit's own waiting and edited pages, so the check above can fail.
        for key, token in (("a_reviewer", TOKEN_A), ("b_reviewer", TOKEN_B), ("a_editor", TOKEN_A)):
            self.login(key)
            with self.subTest(user=key):
                self.assert_shows(self.client.get("/admin/"), token, f"{key} dashboard")

    # --- wagtail-localize: submitting, syncing, editing, previewing and stopping translations of B's pages ---

    def test_translation_views_of_other_unit_are_refused(self):
        b = self.world.b
        segment = StringSegment.objects.filter(source_id=b.translation_source).first()
        tr = f"/admin/localize/translate/{b.translation_ru}"
        locales = [str(pk) for pk in Locale.objects.exclude(language_code="vi").values_list("pk", flat=True)]
        calls = [
            ("get", f"/admin/localize/submit/page/{b.article}/", None),
            ("post", f"/admin/localize/submit/page/{b.section}/", {"locales": locales, "include_subtree": "on"}),
            ("get", f"/admin/localize/update/{b.translation_source}/", None),
            ("post", f"/admin/localize/update/{b.translation_source}/", {"publish_translations": "on"}),
            ("get", f"{tr}/preview/", None),
            ("get", f"{tr}/pofile/download/", None),
            ("post", f"{tr}/disable/", {}),
            ("post", f"/admin/localize/page/{b.article_ru}/convert_to_alias/", {}),
            ("put", f"{tr}/strings/{segment.pk}/edit/", {"value": "Dịch trái phép"}),
            ("get", f"/admin/pages/{b.article_ru}/edit/", None),
            ("post", f"/admin/pages/{b.article_ru}/edit/", {"localize-restart-translation": "1"}),
        ]
        self.check_outsiders(calls)
        translation = Translation.objects.get(pk=self.world.b.translation_ru)
        self.assertTrue(translation.enabled)
        self.assertIsNone(Page.objects.get(pk=b.article_ru).alias_of_id)
        self.assertFalse(StringTranslation.objects.filter(data="Dịch trái phép").exists())

    def test_translation_views_stay_refused_when_boards_may_translate(self):
        """wagtail-localize checks only the global ``submit_translation`` permission, not the page's unit.

        Boards need that permission to translate their own pages (P-Art. 3.1); with it, B's pages must still be
        out of reach.
        """
        a, b = self.world.a, self.world.b
        ru_revision = Page.objects.get(pk=b.article_ru).latest_revision_id
        permission = Permission.objects.get(content_type__app_label="wagtail_localize", codename="submit_translation")
        for group in Group.objects.filter(unit_role__unit_id=a.unit):
            group.permissions.add(permission)
        self.world.users["access_only"].user_permissions.add(permission)
        locales = [str(pk) for pk in Locale.objects.exclude(language_code="vi").values_list("pk", flat=True)]
        self.check_outsiders(
            [
                ("get", f"/admin/localize/submit/page/{b.article}/", None),
                ("get", f"/admin/localize/submit/page/{b.section}/", None),
                ("post", f"/admin/localize/submit/page/{b.draft_article}/", {"locales": locales}),
                ("post", f"/admin/localize/submit/page/{b.section}/", {"locales": locales, "include_subtree": "on"}),
                ("get", f"/admin/localize/update/{b.translation_source}/", None),
                ("post", f"/admin/localize/update/{b.translation_source}/", {"publish_translations": "on"}),
            ]
        )
        with self.subTest(check="B's pages neither translated nor synced"):
            self.assertFalse(Page.objects.get(pk=b.draft_article).get_translations().exists())
            self.assertEqual(Page.objects.get(pk=b.article_ru).latest_revision_id, ru_revision)
        for key in A_BOARD:
            self.login(key)
            with self.subTest(user=key, own=True):
                self.assert_shows(self.client.get(f"/admin/localize/submit/page/{a.article}/"), TOKEN_A, key)
                self.assertEqual(self.client.get(f"/admin/localize/update/{a.translation_source}/").status_code, 200)

    def test_boards_and_management_may_translate(self):
        """Own pages: the translate and sync screens answer (P-Art. 3.1: every page in vi, en and ru).

        Not an isolation leak when this fails: the boards' groups lack ``wagtail_localize.submit_translation``.
        """
        for key, unit in [(k, self.world.a) for k in A_BOARD] + [("manager", self.world.b)]:
            self.login(key)
            for url in (
                f"/admin/localize/submit/page/{unit.article}/",
                f"/admin/localize/update/{unit.translation_source}/",
                f"/admin/localize/translate/{unit.translation_ru}/preview/",
            ):
                with self.subTest(user=key, url=url):
                    self.assertEqual(self.client.get(url).status_code, 200, f"{key} {url}")
