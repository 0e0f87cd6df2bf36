"""Permission matrix, snippets, settings and reports (issue 3, P-Art. 6.1).

Snippets are global in Wagtail: the Unit snippet is the management unit's alone, the twelve categories are read by
everyone but edited by the management unit only. Reports list pages across sites, so each one is opened by A's
board after B has a locked page, a page in workflow, log entries and a translation: none of B's may be listed.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail.models import Site

from portal.models import Category
from subportals.models import Unit, UnitGroup
from tests.subportals.isolation_world import (
    A_BOARD,
    TOKEN_A,
    TOKEN_B,
    IsolationMixin,
)

B_BOARD = ("b_editor", "b_reviewer", "b_board_head")

REPORTS = (
    "/admin/reports/locked/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/aging-pages/",
    "/admin/reports/site-history/",
    "/admin/reports/page-types-usage/",
    "/admin/localize/reports/translations/",
)


def report_calls(world) -> list[tuple[str, str, object]]:
    """Each report, its results fragment, its spreadsheet export and a few filters."""
    b_editor = world.users["b_editor"].pk
    calls = []
    for url in REPORTS:
        calls += [
            ("get", url, None),
            ("get", f"{url}results/", None),
            ("get", url, {"export": "csv"}),
        ]
    calls += [
        ("get", "/admin/reports/site-history/", {"user": b_editor}),
        ("get", "/admin/reports/site-history/", {"action": "wagtail.lock"}),
        ("get", "/admin/reports/site-history/", {"action": "wagtail.workflow.start"}),
        ("get", "/admin/reports/locked/", {"locked_by": world.users["b_reviewer"].pk}),
        ("get", "/admin/reports/page-types-usage/", {"site": Site.objects.get(hostname=world.b.host).root_page.path}),
        ("get", "/admin/reports/page-types-usage/", {"page_locale": "ru"}),
        ("get", "/admin/reports/aging-pages/", {"last_published_by": world.users["b_board_head"].pk}),
        ("get", "/admin/localize/reports/translations/", {"source_title": "BÍ MẬT"}),
    ]
    return calls


class SnippetsAndReportsTests(IsolationMixin, TestCase):
    def test_reports_do_not_list_other_units_entries(self):
        self.check_outsiders(report_calls(self.world), check="hidden")

    def test_reports_list_own_unit_entries(self):
        """The same reports do list a unit's own entries, so the check above can fail."""
        expectations = {
            # Wagtail opens the locked-pages report to those who may unlock, and lists aging pages one may publish.
            "/admin/reports/locked/": ("a_board_head",),
            "/admin/reports/workflow/": A_BOARD,
            "/admin/reports/workflow_tasks/": ("a_reviewer",),
            "/admin/reports/aging-pages/": ("a_board_head",),
            "/admin/reports/site-history/": A_BOARD,
        }
        for url, keys in expectations.items():
            for key in keys:
                self.login(key)
                with self.subTest(user=key, url=url):
                    self.assert_shows(self.client.get(url), TOKEN_A, f"{key} {url}")

    def test_management_sees_every_units_entries(self):
        self.login("manager")
        for url, params in (
            ("/admin/reports/locked/", None),
            ("/admin/reports/workflow/", None),
            ("/admin/reports/aging-pages/", None),
            ("/admin/reports/site-history/", None),
            ("/admin/reports/site-history/", {"export": "csv"}),
            ("/admin/reports/page-types-usage/", None),
            ("/admin/localize/reports/translations/", None),
        ):
            with self.subTest(url=url, params=params):
                response = self.client.get(url, params or {})
                self.assert_shows(response, TOKEN_B, f"manager {url}")

    def test_b_board_sees_its_own_entries_in_reports(self):
        """Symmetry: B's board finds B's waiting task, lock and history, and nothing of A."""
        for key, url in (
            ("b_reviewer", "/admin/reports/workflow_tasks/"),
            ("b_board_head", "/admin/reports/locked/"),
            ("b_editor", "/admin/reports/site-history/"),
        ):
            self.login(key)
            with self.subTest(user=key, url=url):
                response = self.client.get(url)
                self.assert_shows(response, TOKEN_B, f"{key} {url}")
                self.assertNotIn(TOKEN_A, response.content.decode())

    # --- snippets, settings and shared admin screens ---
    def unit_calls(self, unit_pk: int) -> list[tuple[str, str, object]]:
        base = "/admin/snippets/subportals/unit"
        return [
            ("get", f"{base}/", None),
            ("get", f"{base}/results/", None),
            ("get", f"{base}/add/", None),
            ("get", f"{base}/edit/{unit_pk}/", None),
            ("post", f"{base}/edit/{unit_pk}/", {"code": "chiem", "kind": "district", "name_vi": "Chiếm"}),
            ("get", f"{base}/history/{unit_pk}/", None),
            ("get", f"{base}/usage/{unit_pk}/", None),
            ("post", f"{base}/delete/{unit_pk}/", {}),
            ("get", "/admin/subportals/new/", None),
        ]

    def test_unit_snippet_is_refused_to_every_units_board(self):
        b = self.world.b
        for unit in (b.unit, self.world.a.unit):
            self.check_outsiders(self.unit_calls(unit))
            self.check_outsiders(self.unit_calls(unit), users=B_BOARD)
        self.assertEqual(Unit.objects.get(pk=b.unit).code, "donvib")
        self.assertEqual(Unit.objects.get(pk=self.world.a.unit).code, "donvia")

    def test_management_manages_units(self):
        b = self.world.b
        self.login("manager")
        response = self.client.get("/admin/snippets/subportals/unit/")
        self.assertEqual(response.status_code, 200)
        text = response.content.decode()
        for code in ("donvia", "donvib"):
            self.assertIn(code, text)
        self.assertEqual(self.client.get(f"/admin/snippets/subportals/unit/edit/{b.unit}/").status_code, 200)

    def test_categories_are_edited_by_management_only(self):
        category = Category.objects.get(pk=self.world.category)
        base = "/admin/snippets/portal/category"
        data = {"name_vi": "Chiếm đoạt", "name_en": "x", "name_ru": "x", "description_vi": "", "legal_basis": ""}
        calls = [
            ("get", f"{base}/edit/{category.pk}/", None),
            ("post", f"{base}/edit/{category.pk}/", data),
            ("get", f"{base}/add/", None),
            ("post", f"{base}/delete/{category.pk}/", {}),
        ]
        self.check_outsiders(calls)
        self.check_outsiders(calls, users=B_BOARD)
        self.assertEqual(Category.objects.get(pk=category.pk).name_vi, category.name_vi)
        self.login("manager")
        self.assertEqual(self.client.get(f"{base}/edit/{category.pk}/").status_code, 200)

    def test_shared_admin_screens_are_refused(self):
        """Users, groups, workflows, sites, redirects and site settings span every unit."""
        b = self.world.b
        b_group = UnitGroup.objects.get(unit_id=b.unit, role="editor").group_id
        b_site = Site.objects.get(hostname=b.host).pk
        self.check_outsiders(
            [
                ("get", "/admin/users/", None),
                ("get", f"/admin/users/edit/{self.world.users['b_editor'].pk}/", None),
                ("get", "/admin/groups/", None),
                ("get", f"/admin/groups/edit/{b_group}/", None),
                ("get", "/admin/workflows/list/", None),
                ("get", f"/admin/workflows/edit/{b.workflow}/", None),
                ("get", "/admin/workflows/tasks/index/", None),
                ("get", "/admin/sites/", None),
                ("get", f"/admin/sites/edit/{b_site}/", None),
                ("get", "/admin/redirects/", None),
                ("get", f"/admin/settings/portal/portalsettings/{b_site}/", None),
                ("post", f"/admin/settings/portal/portalsettings/{b_site}/", {"name_vi": "Chiếm"}),
            ]
        )
        self.assertTrue(Group.objects.filter(pk=b_group).exists())

    def test_snippet_index_and_choosers_show_nothing_of_other_unit(self):
        self.check_outsiders(
            [
                ("get", "/admin/snippets/", None),
                ("get", "/admin/snippets/choose/portal/category/", None),
                ("get", "/admin/", None),
            ],
            check="hidden",
        )

    def test_management_edits_every_sites_settings(self):
        self.login("manager")
        b_site = Site.objects.get(hostname=self.world.b.host).pk
        self.assertEqual(self.client.get(f"/admin/settings/portal/portalsettings/{b_site}/").status_code, 200)
