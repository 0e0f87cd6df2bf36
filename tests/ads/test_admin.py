"""The ads admin through HTTP: the management unit only, dates in order, hostile input refused clearly."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.test import TestCase

from portal.ads.models import AdSlot, Advertisement
from tests.ads.factories import END, START, AdSlotFactory, AdvertisementFactory, make_image
from tests.factories import UserFactory
from tests.links.factories import build_world

ADS = "/admin/snippets/ads/advertisement"
SLOTS = "/admin/snippets/ads/adslot"
DENIED = (302, 403, 404)
SECRET = "HOPDONGBIMAT"


class AdsAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()
        cls.users = cls.world.users
        cls.users["access_only"] = UserFactory(username="chi.vao.quantri")
        cls.users["access_only"].user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        cls.slot = AdSlotFactory(code="sidebar", name=f"Vị trí {SECRET}")
        cls.image = make_image("Ảnh quảng cáo VNPT")
        cls.ad = AdvertisementFactory(slot=cls.slot, title=f"Quảng cáo {SECRET}", image=cls.image, notes=SECRET)

    def login(self, key: str):
        self.client.force_login(self.users[key])

    def form_data(self, **overrides) -> dict[str, object]:
        data: dict[str, object] = {
            "slot": str(self.slot.pk),
            "advertiser": "VNPT Khánh Hòa",
            "title": "Internet cáp quang cho hộ gia đình",
            "image": str(self.image.pk),
            "target_url": "https://vnpt.com.vn/internet",
            "start_at": "01/03/2026 08:00",
            "end_at": "31/03/2026 17:00",
            "all_sites": "on",
            "units": [],
            "is_active": "on",
            "sort_order": "10",
            "notes": "Hợp đồng số 12/2026/HĐQC",
        }
        data.update(overrides)
        return data

    # --- who -------------------------------------------------------------------------------------
    def outsider_calls(self) -> list[tuple[str, str, object]]:
        ad, slot = self.ad.pk, self.slot.pk
        calls: list[tuple[str, str, object]] = []
        for base, pk in ((ADS, ad), (SLOTS, slot)):
            calls += [
                ("get", f"{base}/", None),
                ("get", f"{base}/results/", None),
                ("get", f"{base}/?q=VNPT", None),
                ("get", f"{base}/add/", None),
                ("post", f"{base}/add/", self.form_data()),
                ("get", f"{base}/edit/{pk}/", None),
                ("post", f"{base}/edit/{pk}/", self.form_data(title="Chiếm", notes="Chiếm")),
                ("get", f"{base}/delete/{pk}/", None),
                ("post", f"{base}/delete/{pk}/", {}),
                ("get", f"{base}/history/{pk}/", None),
                ("get", f"{base}/history-results/{pk}/", None),
                ("get", f"{base}/usage/{pk}/", None),
            ]
        calls += [
            ("get", "/admin/snippets/choose/ads/advertisement/", None),
            ("get", "/admin/snippets/choose/ads/advertisement/results/", None),
            ("get", f"/admin/snippets/choose/ads/advertisement/chosen/{ad}/", None),
            ("get", "/admin/snippets/choose/ads/adslot/", None),
            ("get", f"/admin/snippets/choose/ads/adslot/chosen/{slot}/", None),
            ("get", f"/admin/bulk/ads/advertisement/delete/?id={ad}", None),
            ("post", f"/admin/bulk/ads/advertisement/delete/?id={ad}", {}),
            ("post", f"/admin/bulk/ads/adslot/delete/?id={slot}", {}),
        ]
        return calls

    def test_only_the_management_unit_reaches_the_ads_admin(self):
        for key in ("a_editor", "a_board_head", "main_board_head", "main_reviewer", "access_only", "no_group"):
            self.login(key)
            for method, url, data in self.outsider_calls():
                with self.subTest(user=key, method=method, url=url):
                    response = getattr(self.client, method)(url, data or {})
                    self.assertIn(response.status_code, DENIED)
                    self.assertNotIn(SECRET, response.content.decode())
        self.ad.refresh_from_db()
        self.assertEqual(self.ad.notes, SECRET)
        self.assertEqual(Advertisement.objects.count(), 1)
        self.assertTrue(AdSlot.objects.filter(pk=self.slot.pk).exists())

    def test_non_managers_see_no_menu_and_no_snippet_entry(self):
        for key in ("a_board_head", "main_board_head", "access_only"):
            self.login(key)
            with self.subTest(user=key):
                for url in ("/admin/", "/admin/snippets/"):
                    text = self.client.get(url).content.decode()
                    self.assertNotIn("/admin/snippets/ads/", text)

    def test_manager_sees_menu_and_lists(self):
        self.login("manager")
        self.assertIn(f"{ADS}/", self.client.get("/admin/").content.decode())
        for url in (f"{ADS}/", f"{SLOTS}/", f"{ADS}/edit/{self.ad.pk}/", f"{SLOTS}/edit/{self.slot.pk}/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn(SECRET, response.content.decode())

    # --- the form ------------------------------------------------------------------------------------
    def post_ad(self, **overrides):
        self.login("manager")
        return self.client.post(f"{ADS}/add/", self.form_data(**overrides))

    def assert_refused(self, response, message: str | None = None) -> None:
        self.assertEqual(response.status_code, 200)
        if message:
            self.assertIn(message, response.content.decode())
        self.assertEqual(Advertisement.objects.count(), 1)

    def test_manager_creates_an_ad(self):
        response = self.post_ad()
        self.assertEqual(response.status_code, 302)
        ad = Advertisement.objects.get(title="Internet cáp quang cho hộ gia đình")
        self.assertEqual((ad.start_at, ad.end_at), (START, END))
        self.assertTrue(ad.all_sites)

    def test_end_before_start_is_refused_in_vietnamese(self):
        for end in ("28/02/2026 08:00", "01/03/2026 08:00"):
            with self.subTest(end=end):
                self.assert_refused(self.post_ad(end_at=end), "Thời điểm kết thúc phải sau thời điểm bắt đầu.")

    def test_chosen_sites_are_required_unless_all(self):
        self.assert_refused(
            self.post_ad(all_sites="", units=[]),
            "Chọn ít nhất một cổng để hiển thị, hoặc chọn «hiển thị trên mọi cổng».",
        )
        response = self.post_ad(all_sites="", units=[str(self.world.a.pk)])
        self.assertEqual(response.status_code, 302)
        ad = Advertisement.objects.get(title="Internet cáp quang cho hộ gia đình")
        self.assertEqual(list(ad.units.all()), [self.world.a])
        # "Every site" clears a leftover choice.
        response = self.client.post(
            f"{ADS}/edit/{ad.pk}/", self.form_data(all_sites="on", units=[str(self.world.a.pk)])
        )
        self.assertEqual(response.status_code, 302)
        ad.refresh_from_db()
        self.assertTrue(ad.all_sites)
        self.assertFalse(ad.units.exists())

    def test_target_address_rules(self):
        cases = {
            "javascript:alert(1)": "Chỉ chấp nhận địa chỉ bắt đầu bằng http:// hoặc https://.",
            "data:text/html;base64,PHNjcmlwdD4=": "Chỉ chấp nhận địa chỉ bắt đầu bằng http:// hoặc https://.",
            "ftp://vnpt.com.vn/": "Chỉ chấp nhận địa chỉ bắt đầu bằng http:// hoặc https://.",
            "http://127.0.0.1": "Không được liên kết tới địa chỉ IP nội bộ (127.0.0.1).",
            "http://[::1]:8000/": "Không được liên kết tới địa chỉ IP nội bộ (::1).",
            "https://" + "a" * 9992: None,
        }
        for url, message in cases.items():
            with self.subTest(url=url[:40]):
                self.assert_refused(self.post_ad(target_url=url), message)

    def test_hostile_input_in_every_field(self):
        cases = [
            {"slot": ""},
            {"slot": "999999"},
            {"slot": "<script>"},
            {"advertiser": ""},
            {"advertiser": "A" * 256},
            {"title": ""},
            {"title": "Ả" * 256},
            {"image": ""},
            {"image": "999999"},
            {"image": "1 OR 1=1"},
            {"target_url": ""},
            {"start_at": ""},
            {"start_at": "không phải ngày"},
            {"start_at": "31/02/2026 08:00"},
            {"start_at": "01/03/99999 08:00"},
            {"end_at": "25:61"},
            {"end_at": "9" * 5000},
            {"all_sites": "", "units": ["999999"]},
            {"all_sites": "", "units": ["abc"]},
            {"sort_order": "-5"},
            {"sort_order": "100000"},
            {"sort_order": "mười"},
            {"notes": "ghi chú " * 300},
        ]
        for overrides in cases:
            with self.subTest(overrides={k: str(v)[:20] for k, v in overrides.items()}):
                self.assert_refused(self.post_ad(**overrides))

    def test_markup_is_kept_as_text(self):
        response = self.post_ad(title='"><script>alert(1)</script>', advertiser="<img src=x onerror=alert(1)>")
        self.assertEqual(response.status_code, 302)
        listing = self.client.get(f"{ADS}/").content.decode()
        self.assertNotIn("<script>alert(1)</script>", listing)
        self.assertNotIn("<img src=x onerror", listing)

    def test_slot_form_rules(self):
        self.login("manager")
        good = {
            "code": "header-banner",
            "name": "Băng rôn đầu trang",
            "width": "970",
            "height": "90",
            "max_ads": "1",
            "is_active": "on",
            "description": "",
        }
        for overrides in (
            {"code": "Băng rôn!"},
            {"code": "sidebar"},  # taken
            {"code": "x" * 41},
            {"name": ""},
            {"width": "0"},
            {"width": "5000"},
            {"height": "-1"},
            {"max_ads": "0"},
            {"max_ads": "11"},
            {"description": "x" * 1001},
        ):
            with self.subTest(overrides={k: v[:20] for k, v in overrides.items()}):
                response = self.client.post(f"{SLOTS}/add/", {**good, **overrides})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(AdSlot.objects.count(), 1)
        self.assertEqual(self.client.post(f"{SLOTS}/add/", good).status_code, 302)
        self.assertEqual(AdSlot.objects.count(), 2)

    def test_slot_with_ads_is_not_deleted_and_nothing_breaks(self):
        self.login("manager")
        response = self.client.post(f"{SLOTS}/delete/{self.slot.pk}/")
        self.assertIn(response.status_code, (200, 302))
        self.assertTrue(AdSlot.objects.filter(pk=self.slot.pk).exists())
        self.assertTrue(Advertisement.objects.filter(pk=self.ad.pk).exists())

    def test_manager_deletes_an_ad(self):
        self.login("manager")
        self.assertEqual(self.client.post(f"{ADS}/delete/{self.ad.pk}/").status_code, 302)
        self.assertFalse(Advertisement.objects.exists())
