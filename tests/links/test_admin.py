"""Links in the admin, through HTTP: each unit manages only its own (P-Art. 6.1), with clear errors for bad input."""

from __future__ import annotations

import unicodedata

from django.test import TestCase

from portal.links.enums import LinkGroup
from portal.links.models import GovernmentLink
from tests.links.factories import GovernmentLinkFactory, build_world

BASE = "/admin/snippets/links/governmentlink"
DENIED = (302, 403, 404)


def form_data(**overrides) -> dict[str, str]:
    data = {
        "title_vi": "Cổng thông tin điện tử Bộ Tư pháp",
        "title_en": "Ministry of Justice",
        "title_ru": "Министерство юстиции",
        "url": "https://moj.gov.vn",
        "group": LinkGroup.MINISTRY,
        "unit": "",
        "sort_order": "10",
        "is_active": "on",
    }
    data.update(overrides)
    return data


class LinkAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()
        cls.main_link = GovernmentLinkFactory(title_vi="Cổng chính: Chính phủ", url="https://chinhphu.vn")
        cls.a_link = GovernmentLinkFactory(
            title_vi="Liên kết riêng của đơn vị A", url="https://a.gov.vn", unit=cls.world.a, group=LinkGroup.MINISTRY
        )
        cls.b_link = GovernmentLinkFactory(
            title_vi="BIMATDONVIB liên kết của đơn vị B", url="https://b.gov.vn", unit=cls.world.b, is_active=False
        )

    def login(self, key: str):
        user = self.world.users[key]
        self.client.force_login(user)
        return user

    # --- scoping ------------------------------------------------------------------------------
    def test_manager_sees_and_edits_every_link(self):
        self.login("manager")
        text = self.client.get(f"{BASE}/").content.decode()
        for link in (self.main_link, self.a_link, self.b_link):
            self.assertIn(link.title_vi, text)
        self.assertEqual(self.client.get(f"{BASE}/edit/{self.b_link.pk}/").status_code, 200)
        response = self.client.post(f"{BASE}/edit/{self.main_link.pk}/", form_data(url="https://chinhphu.vn"))
        self.assertEqual(response.status_code, 302)
        self.main_link.refresh_from_db()
        self.assertEqual(self.main_link.title_vi, "Cổng thông tin điện tử Bộ Tư pháp")
        self.assertIsNone(self.main_link.unit)

    def test_board_head_lists_only_own_units_links(self):
        self.login("a_board_head")
        for url in (
            f"{BASE}/",
            f"{BASE}/results/",
            f"{BASE}/?q=liên+kết+của+đơn+vị+B",
            "/admin/snippets/choose/links/governmentlink/",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                text = response.content.decode()
                self.assertNotIn("BIMATDONVIB", text)
                self.assertNotIn(self.main_link.title_vi, text)
        self.assertIn(self.a_link.title_vi, self.client.get(f"{BASE}/").content.decode())

    def test_other_units_links_answer_404_behind_every_url(self):
        b = self.b_link.pk
        calls = [
            ("get", f"{BASE}/edit/{b}/"),
            ("post", f"{BASE}/edit/{b}/"),
            ("get", f"{BASE}/delete/{b}/"),
            ("post", f"{BASE}/delete/{b}/"),
            ("get", f"{BASE}/history/{b}/"),
            ("get", f"{BASE}/history-results/{b}/"),
            ("get", f"{BASE}/usage/{b}/"),
            ("get", f"/admin/snippets/choose/links/governmentlink/chosen/{b}/"),
            ("get", f"{BASE}/edit/{self.main_link.pk}/"),
            ("post", f"{BASE}/delete/{self.main_link.pk}/"),
        ]
        for key in ("a_board_head", "a_editor", "a_reviewer", "main_board_head"):
            self.login(key)
            for method, url in calls:
                with self.subTest(user=key, method=method, url=url):
                    response = getattr(self.client, method)(
                        url, form_data(title_vi="Chiếm") if method == "post" else {}
                    )
                    self.assertIn(response.status_code, DENIED)
                    self.assertNotIn("BIMATDONVIB", response.content.decode())
        self.b_link.refresh_from_db()
        self.assertTrue(GovernmentLink.objects.filter(pk=self.main_link.pk).exists())
        self.assertEqual(self.b_link.title_vi, "BIMATDONVIB liên kết của đơn vị B")

    def test_bulk_delete_ignores_other_units_links(self):
        self.login("a_board_head")
        url = f"/admin/bulk/links/governmentlink/delete/?id={self.b_link.pk}&id={self.main_link.pk}"
        response = self.client.get(url)
        self.assertNotIn("BIMATDONVIB", response.content.decode())
        self.client.post(url)
        self.assertTrue(GovernmentLink.objects.filter(pk__in=[self.b_link.pk, self.main_link.pk]).count() == 2)
        # The same bulk action deletes the unit's own link.
        own = GovernmentLinkFactory(unit=self.world.a, title_vi="Xóa hàng loạt")
        response = self.client.post(f"/admin/bulk/links/governmentlink/delete/?id={own.pk}")
        self.assertEqual(response.status_code, 302)
        self.assertFalse(GovernmentLink.objects.filter(pk=own.pk).exists())

    def test_editors_and_reviewers_read_but_do_not_change(self):
        for key in ("a_editor", "a_reviewer"):
            self.login(key)
            with self.subTest(user=key):
                self.assertIn(self.a_link.title_vi, self.client.get(f"{BASE}/").content.decode())
                # Wagtail answers a refused admin screen with a redirect to the dashboard and a message.
                self.assertIn(self.client.get(f"{BASE}/add/").status_code, (302, 403))
                response = self.client.post(f"{BASE}/add/", form_data(unit=str(self.world.a.pk)))
                self.assertIn(response.status_code, (302, 403))
                self.assertIn(self.client.get(f"{BASE}/edit/{self.a_link.pk}/").status_code, (302, 403))
                self.assertIn(self.client.post(f"{BASE}/delete/{self.a_link.pk}/").status_code, (302, 403))
        self.assertTrue(GovernmentLink.objects.filter(pk=self.a_link.pk).exists())
        self.assertFalse(GovernmentLink.objects.filter(url="https://moj.gov.vn").exists())

    def test_board_head_adds_links_to_own_unit_only(self):
        self.login("a_board_head")
        form = self.client.get(f"{BASE}/add/").content.decode()
        self.assertIn(self.world.a.name_vi, form)
        self.assertNotIn(self.world.b.name_vi, form)
        for unit in (str(self.world.b.pk), "", str(self.world.main.pk), "999999", "abc"):
            with self.subTest(unit=unit):
                response = self.client.post(f"{BASE}/add/", form_data(unit=unit))
                self.assertEqual(response.status_code, 200)
                self.assertFalse(GovernmentLink.objects.filter(url="https://moj.gov.vn").exists())
        response = self.client.post(f"{BASE}/add/", form_data(unit=str(self.world.a.pk)))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(GovernmentLink.objects.get(url="https://moj.gov.vn").unit, self.world.a)

    def test_board_head_edits_and_deletes_own_link(self):
        self.login("a_board_head")
        link = GovernmentLinkFactory(unit=self.world.a, title_vi="Bộ Y tế", url="https://moh.gov.vn")
        self.assertEqual(self.client.get(f"{BASE}/edit/{link.pk}/").status_code, 200)
        response = self.client.post(
            f"{BASE}/edit/{link.pk}/",
            form_data(title_vi="Bộ Y tế (sửa)", url="https://moh.gov.vn", unit=str(self.world.a.pk)),
        )
        self.assertEqual(response.status_code, 302)
        link.refresh_from_db()
        self.assertEqual(link.title_vi, "Bộ Y tế (sửa)")
        # Moving it to another unit is refused.
        response = self.client.post(f"{BASE}/edit/{link.pk}/", form_data(unit=str(self.world.b.pk)))
        self.assertEqual(response.status_code, 200)
        link.refresh_from_db()
        self.assertEqual(link.unit, self.world.a)
        self.assertEqual(self.client.post(f"{BASE}/delete/{link.pk}/").status_code, 302)
        self.assertFalse(GovernmentLink.objects.filter(pk=link.pk).exists())

    def test_users_outside_any_board_get_nothing(self):
        self.login("no_group")
        for url in (f"{BASE}/", f"{BASE}/add/", f"{BASE}/edit/{self.a_link.pk}/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertIn(response.status_code, DENIED)
                self.assertNotIn(self.a_link.title_vi, response.content.decode())
        self.client.logout()
        self.assertEqual(self.client.get(f"{BASE}/").status_code, 302)

    def test_malformed_keys_answer_404(self):
        self.login("manager")
        for key in ("abc", "1.5", "-1", "99999999999999999999", "%00"):
            with self.subTest(key=key):
                self.assertEqual(self.client.get(f"{BASE}/edit/{key}/").status_code, 404)

    # --- validation through HTTP -----------------------------------------------------------------
    def post_add(self, **overrides):
        self.login("manager")
        return self.client.post(f"{BASE}/add/", form_data(**overrides))

    def assert_refused(self, response, message: str) -> None:
        self.assertEqual(response.status_code, 200)
        self.assertIn(message, response.content.decode())
        self.assertEqual(GovernmentLink.objects.count(), 3)

    def test_dangerous_addresses_are_refused(self):
        cases = {
            "javascript:alert(document.cookie)": "Chỉ chấp nhận địa chỉ bắt đầu bằng http:// hoặc https://.",
            "data:text/html,<script>alert(1)</script>": "Chỉ chấp nhận địa chỉ bắt đầu bằng http:// hoặc https://.",
            "ftp://ftp.moj.gov.vn/": "Chỉ chấp nhận địa chỉ bắt đầu bằng http:// hoặc https://.",
            "http://127.0.0.1": "Không được liên kết tới địa chỉ IP nội bộ (127.0.0.1).",
            "http://192.168.10.2/quan-tri/": "Không được liên kết tới địa chỉ IP nội bộ (192.168.10.2).",
            "http://localhost:8000/": "Tên miền nội bộ (localhost) không được phép",
            "https://chinhphu.vn@evil.example": "không được chứa tên đăng nhập hoặc mật khẩu",
        }
        for url, message in cases.items():
            with self.subTest(url=url):
                self.assert_refused(self.post_add(url=url), message)

    def test_ten_thousand_character_address_is_refused_without_error(self):
        url = "https://moj.gov.vn/" + "a" * (10_000 - len("https://moj.gov.vn/"))
        response = self.post_add(url=url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("500", response.content.decode())  # the limit is named in the message
        self.assertEqual(GovernmentLink.objects.count(), 3)

    def test_non_government_domain_needs_a_confirmation(self):
        response = self.post_add(url="https://baokhanhhoa.vn", group=LinkGroup.OTHER)
        self.assert_refused(response, "Tên miền baokhanhhoa.vn không phải tên miền của cơ quan nhà nước (.gov.vn).")
        response = self.post_add(url="https://baokhanhhoa.vn", group=LinkGroup.OTHER, confirm_other_domain="on")
        self.assertEqual(response.status_code, 302)
        link = GovernmentLink.objects.get(url="https://baokhanhhoa.vn")
        # Editing it again (same host) does not ask again.
        response = self.client.post(
            f"{BASE}/edit/{link.pk}/", form_data(url="https://baokhanhhoa.vn/thoi-su", title_vi="Báo")
        )
        self.assertEqual(response.status_code, 302)
        response = self.client.post(
            f"{BASE}/edit/{link.pk}/", form_data(url="https://vi.wikipedia.org", title_vi="Báo")
        )
        self.assertEqual(response.status_code, 200)

    def test_hostile_input_in_every_field(self):
        cases = [
            {"title_vi": ""},
            {"title_vi": "Đ" * 256},
            {"title_en": "x" * 256},
            {"title_ru": "я" * 256},
            {"url": ""},
            {"url": "https://moj.gov.vn/" + "\x00"},
            {"group": "khong-co"},
            {"group": "<script>"},
            {"sort_order": "-1"},
            {"sort_order": "99999"},
            {"sort_order": "mười"},
            {"sort_order": "1e9"},
            {"unit": "999999"},
            {"unit": "<script>"},
            {"unit": "1 OR 1=1"},
        ]
        for overrides in cases:
            with self.subTest(overrides={k: v[:20] for k, v in overrides.items()}):
                response = self.post_add(**overrides)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(GovernmentLink.objects.count(), 3)

    def test_markup_in_titles_is_kept_as_text_and_normalised(self):
        decomposed = unicodedata.normalize("NFD", "Cổng thông tin Bộ Tư pháp")
        response = self.post_add(
            title_vi=f"<script>alert(1)</script> {decomposed}", title_en='"><img src=x onerror=alert(1)>'
        )
        self.assertEqual(response.status_code, 302)
        link = GovernmentLink.objects.get(url="https://moj.gov.vn")
        self.assertTrue(link.title_vi.endswith("Cổng thông tin Bộ Tư pháp"))
        self.assertTrue(unicodedata.is_normalized("NFC", link.title_vi))
        listing = self.client.get(f"{BASE}/").content.decode()
        self.assertNotIn("<script>alert(1)</script>", listing)
        self.assertNotIn("<img src=x onerror", listing)

    def test_menu_item_is_shown_to_boards_and_managers_only(self):
        self.login("manager")
        self.assertIn(f"{BASE}/", self.client.get("/admin/").content.decode())
        self.login("a_board_head")
        self.assertIn(f"{BASE}/", self.client.get("/admin/").content.decode())


class LinkIndexPageAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()

    def test_board_head_adds_a_links_page_to_own_site_only(self):
        from wagtail.test.utils.form_data import nested_form_data, rich_text

        from tests.factories import home_of

        self.client.force_login(self.world.users["a_board_head"])
        home = home_of(self.world.a)
        url = f"/admin/pages/add/links/linkindexpage/{home.pk}/"
        self.assertEqual(self.client.get(url).status_code, 200)
        data = nested_form_data(
            {"title": "Liên kết website", "slug": "lien-ket-website", "intro": rich_text("<p>Các trang.</p>")}
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        home.refresh_from_db()
        self.assertTrue(home.get_children().filter(slug="lien-ket-website").exists())
        other = home_of(self.world.b)
        self.assertIn(self.client.get(f"/admin/pages/add/links/linkindexpage/{other.pk}/").status_code, DENIED)
