"""The same address is not added twice to one unit's links (scheme, host case and trailing slash aside)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, TestCase

from portal.links.models import GovernmentLink
from portal.links.validation import address_key
from tests.links.factories import GovernmentLinkFactory, build_world

from .test_admin import BASE, form_data


class AddressKeyTests(SimpleTestCase):
    def test_the_same_page_written_differently_has_one_key(self):
        same = [
            "https://moj.gov.vn",
            "https://moj.gov.vn/",
            "HTTPS://MOJ.Gov.VN//",
            "http://moj.gov.vn:80/",
            "https://moj.gov.vn.:443",
        ]
        self.assertEqual({address_key(url) for url in same}, {"moj.gov.vn"})

    def test_other_pages_keep_their_own_key(self):
        keys = {
            address_key(url)
            for url in (
                "https://moj.gov.vn",
                "https://moj.gov.vn/Pages/van-ban.aspx",
                "https://moj.gov.vn/pages/van-ban.aspx",  # the path's case counts
                "https://moj.gov.vn/?lang=en",
                "https://moj.gov.vn:8443/",
                "https://www.moj.gov.vn",
            )
        }
        self.assertEqual(len(keys), 6)


class DuplicateLinkAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()
        cls.a_link = GovernmentLinkFactory(
            title_vi="Cổng thông tin điện tử Bộ Tư pháp", url="https://moj.gov.vn/", unit=cls.world.a
        )
        cls.main_link = GovernmentLinkFactory(title_vi="Cổng Chính phủ", url="https://chinhphu.vn", unit=None)

    def test_a_unit_cannot_add_an_address_it_already_has(self):
        self.client.force_login(self.world.users["a_board_head"])
        for url in ("https://moj.gov.vn", "HTTPS://MOJ.GOV.VN/", "http://moj.gov.vn//"):
            with self.subTest(url=url):
                response = self.client.post(f"{BASE}/add/", form_data(url=url, unit=str(self.world.a.pk)))
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                self.assertIn("Địa chỉ này đã có trong danh sách liên kết của đơn vị", html)
                self.assertIn("«Cổng thông tin điện tử Bộ Tư pháp» (https://moj.gov.vn/)", html)
                self.assertIn("Ministry of Justice", html)  # what was typed is kept
        self.assertEqual(GovernmentLink.objects.filter(unit=self.world.a).count(), 1)

    def test_another_unit_may_link_the_same_address(self):
        self.client.force_login(self.world.users["b_board_head"])
        response = self.client.post(f"{BASE}/add/", form_data(url="https://moj.gov.vn", unit=str(self.world.b.pk)))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(GovernmentLink.objects.filter(unit=self.world.b, url="https://moj.gov.vn").exists())

    def test_editing_a_link_keeps_its_own_address_but_not_anothers(self):
        self.client.force_login(self.world.users["a_board_head"])
        other = GovernmentLinkFactory(title_vi="Bộ Y tế", url="https://moh.gov.vn", unit=self.world.a)
        own = self.client.post(
            f"{BASE}/edit/{self.a_link.pk}/", form_data(url="https://moj.gov.vn/", unit=str(self.world.a.pk))
        )
        self.assertEqual(own.status_code, 302)
        taken = self.client.post(
            f"{BASE}/edit/{other.pk}/", form_data(url="https://Moj.gov.vn", unit=str(self.world.a.pk))
        )
        self.assertEqual(taken.status_code, 200)
        self.assertIn("Địa chỉ này đã có trong danh sách liên kết của đơn vị", taken.content.decode())
        other.refresh_from_db()
        self.assertEqual(other.url, "https://moh.gov.vn")

    def test_the_main_portal_is_one_owner_with_or_without_the_main_unit(self):
        self.client.force_login(self.world.users["manager"])
        for unit in ("", str(self.world.main.pk)):
            with self.subTest(unit=unit):
                response = self.client.post(f"{BASE}/add/", form_data(url="http://chinhphu.vn/", unit=unit))
                self.assertEqual(response.status_code, 200)
                self.assertIn("«Cổng Chính phủ» (https://chinhphu.vn)", response.content.decode())
        self.assertEqual(GovernmentLink.objects.filter(url__icontains="chinhphu.vn").count(), 1)

    def test_model_validation_refuses_the_duplicate_too(self):
        duplicate = GovernmentLink(title_vi="Bộ Tư pháp", url="https://MOJ.gov.vn", unit=self.world.a)
        with self.assertRaises(ValidationError) as caught:
            duplicate.full_clean()
        self.assertIn("url", caught.exception.message_dict)
