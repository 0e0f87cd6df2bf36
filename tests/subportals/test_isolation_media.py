"""Permission matrix, images and documents (issue 3, P-Art. 6.1): B's media are invisible and unusable for A.

Listings, edit/delete/usage screens, choosers (also pointed at B's collection), the image URL generator and
preview, bulk actions, uploads into B's collection, and, the case Wagtail leaves open by design: using B's image
or document *by id* in one of A's pages (featured image, StreamField blocks, rich-text document links).
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.models import ArticlePage, HomePage
from tests.subportals.isolation_world import (
    A_BOARD,
    OUTSIDERS,
    SEARCH_B,
    TOKEN_A,
    TOKEN_B,
    IsolationMixin,
    article_form,
    document_block,
    document_link_paragraph,
    image_block,
    png_bytes,
    response_text,
)

Image = get_image_model()
Document = get_document_model()


def image_upload(name: str = "tai-len.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes((200, 30, 30)), content_type="image/png")


def document_upload(name: str = "tai-len.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% tai len\n", content_type="application/pdf")


class MediaScreensTests(IsolationMixin, TestCase):
    """Admin screens of images and documents, tried on B's by id and on listings and choosers."""

    def test_image_listings_and_choosers_show_own_unit_only(self):
        b = self.world.b
        calls = []
        for base in (
            "/admin/images/",
            "/admin/images/results/",
            "/admin/images/chooser/",
            "/admin/images/chooser/results/",
        ):
            calls += [
                ("get", base, None),
                ("get", base, {"q": SEARCH_B}),
                ("get", base, {"q": "Ảnh"}),
                ("get", base, {"collection_id": b.collection}),
                ("get", base, {"collection_id": b.collection, "q": "Ảnh"}),
            ]
        calls += [("get", "/admin/images/chooser/chosen-multiple/", {"id": [b.image]})]
        self.check_outsiders(calls, check="hidden")

    def test_image_listings_and_choosers_show_own_images_and_management_sees_all(self):
        a, b = self.world.a, self.world.b
        # The listing shows the images one may change or delete (editors only add and choose: chooser only).
        for key, unit, token in [(k, a, TOKEN_A) for k in A_BOARD] + [("manager", b, TOKEN_B)]:
            self.login(key)
            for url, params in (
                *((("/admin/images/", None),) if key != "a_editor" else ()),
                ("/admin/images/chooser/", None),
                ("/admin/images/chooser/results/", {"q": "Ảnh"}),
                ("/admin/images/chooser/", {"collection_id": unit.collection}),
            ):
                with self.subTest(user=key, url=url, params=params):
                    self.assert_shows(self.client.get(url, params or {}), token, f"{key} {url}")

    def test_image_screens_by_id_are_refused(self):
        b = self.world.b
        image = f"/admin/images/{b.image}"
        self.check_outsiders(
            [
                ("get", f"{image}/", None),
                ("post", f"{image}/", {"title": "Sửa trái phép", "collection": b.collection, "tags": ""}),
                ("get", f"{image}/delete/", None),
                ("post", f"{image}/delete/", {}),
                # The URL generator answers 404 while no wagtailimages_serve URL is configured; kept for when it is.
                ("get", f"{image}/generate_url/", None),
                ("get", f"{image}/generate_url/output/", {"filter_method": "original"}),
                ("get", f"{image}/preview/original/", None),
                ("get", f"{image}/preview/fill-40x20/", None),
                ("get", f"/admin/images/usage/{b.image}/", None),
                ("post", f"/admin/images/multiple/{b.image}/", {f"image-{b.image}-title": "Sửa trái phép"}),
                ("post", f"/admin/images/multiple/{b.image}/delete/", {}),
                ("get", f"/admin/images/chooser/chosen/{b.image}/", None),
                ("get", f"/admin/images/chooser/{b.image}/select_format/", None),
                (
                    "post",
                    f"/admin/images/chooser/{b.image}/select_format/",
                    {"image-chooser-insertion-format": "fullwidth", "image-chooser-insertion-alt_text": "x"},
                ),
            ]
        )
        image_b = Image.objects.get(pk=b.image)
        self.assertEqual(image_b.title, b.image_title)
        self.assertEqual(image_b.collection_id, b.collection)

    def test_own_unit_and_management_reach_image_screens(self):
        a, b = self.world.a, self.world.b
        # Editing an image needs "change" on its collection: reviewers and board heads, not editors.
        for key, unit, token in [("a_reviewer", a, TOKEN_A), ("a_board_head", a, TOKEN_A), ("manager", b, TOKEN_B)]:
            self.login(key)
            for url in (f"/admin/images/{unit.image}/", f"/admin/images/usage/{unit.image}/"):
                with self.subTest(user=key, url=url):
                    self.assert_shows(self.client.get(url), token, f"{key} {url}")
            with self.subTest(user=key, url="preview"):
                self.assertEqual(self.client.get(f"/admin/images/{unit.image}/preview/original/").status_code, 200)
        for key in A_BOARD:
            self.login(key)
            with self.subTest(user=key, url="chosen"):
                self.assert_shows(self.client.get(f"/admin/images/chooser/chosen/{a.image}/"), TOKEN_A, key)

    def test_image_bulk_actions_on_other_unit_are_refused(self):
        a, b = self.world.a, self.world.b
        calls = []
        for action, data in (
            ("delete", {}),
            ("add_to_collection", {"collection": a.collection}),
            ("add_tags", {"tags": "chiem-doat"}),
        ):
            url = f"/admin/bulk/wagtailimages/image/{action}/?id={b.image}&next=/admin/images/"
            calls += [("get", url, None), ("post", url, data)]
        self.check_outsiders(calls)
        image_b = Image.objects.get(pk=b.image)
        self.assertEqual(image_b.collection_id, b.collection)
        self.assertFalse(image_b.tags.exists())

    def test_images_cannot_be_put_into_other_units_collection(self):
        a, b = self.world.a, self.world.b
        for key in OUTSIDERS:
            self.login(key)
            posts = [
                (
                    "/admin/images/add/",
                    {"title": f"Tải vào B {key}", "file": image_upload(), "collection": b.collection},
                ),
                ("/admin/images/multiple/add/", {"files[]": image_upload(), "collection": b.collection}),
                (
                    "/admin/images/chooser/create/",
                    {
                        "image-chooser-upload-title": "x",
                        "image-chooser-upload-file": image_upload(),
                        "image-chooser-upload-collection": b.collection,
                    },
                ),
                (f"/admin/images/{a.image}/", {"title": a.image_title, "collection": b.collection, "tags": ""}),
                (
                    f"/admin/bulk/wagtailimages/image/add_to_collection/?id={a.image}&next=/admin/images/",
                    {"collection": b.collection},
                ),
            ]
            for url, data in posts:
                with self.subTest(user=key, url=url):
                    response = self.client.post(url, data)
                    self.assertIn(response.status_code, (200, 302, 400, 403, 404))
                    self.assert_no_b_data(response, f"{key} POST {url}")
                    self.assertEqual(Image.objects.filter(collection_id=b.collection).count(), 1)
                    self.assertEqual(Image.objects.get(pk=a.image).collection_id, a.collection)

    def test_own_unit_uploads_into_its_collection(self):
        a = self.world.a
        for key in A_BOARD:
            self.login(key)
            with self.subTest(user=key):
                data = {"title": f"Ảnh mới {key}", "file": image_upload(f"{key}.png"), "collection": a.collection}
                response = self.client.post("/admin/images/add/", data)
                self.assertEqual(response.status_code, 302, response.content.decode()[:1000])
                self.assertTrue(Image.objects.filter(title=f"Ảnh mới {key}", collection_id=a.collection).exists())

    def test_collection_admin_of_other_unit_is_refused(self):
        b = self.world.b
        self.check_outsiders(
            [
                ("get", f"/admin/collections/{b.collection}/", None),
                ("post", f"/admin/collections/{b.collection}/", {"name": "Chiếm", "parent": 1}),
                ("get", f"/admin/collections/{b.collection}/delete/", None),
                ("post", f"/admin/collections/{b.collection}/delete/", {}),
            ]
        )
        self.check_outsiders([("get", "/admin/collections/", None)], check="hidden")
        self.assertTrue(Collection.objects.filter(pk=b.collection).exists())

    # --- documents ---
    def test_document_listings_and_choosers_show_own_unit_only(self):
        b = self.world.b
        calls = []
        for base in (
            "/admin/documents/",
            "/admin/documents/results/",
            "/admin/documents/chooser/",
            "/admin/documents/chooser/results/",
        ):
            calls += [
                ("get", base, None),
                ("get", base, {"q": SEARCH_B}),
                ("get", base, {"q": "Tài liệu"}),
                ("get", base, {"collection_id": b.collection}),
            ]
        calls += [("get", "/admin/documents/chooser/chosen-multiple/", {"id": [b.document]})]
        self.check_outsiders(calls, check="hidden")

    def test_document_listings_show_own_documents_and_management_sees_all(self):
        for key, token in [(k, TOKEN_A) for k in A_BOARD] + [("manager", TOKEN_B)]:
            self.login(key)
            for url, params in (
                *((("/admin/documents/", None),) if key != "a_editor" else ()),
                ("/admin/documents/chooser/", None),
                ("/admin/documents/chooser/results/", {"q": "Tài liệu"}),
            ):
                with self.subTest(user=key, url=url, params=params):
                    self.assert_shows(self.client.get(url, params or {}), token, f"{key} {url}")

    def test_document_screens_by_id_are_refused(self):
        b = self.world.b
        self.check_outsiders(
            [
                ("get", f"/admin/documents/edit/{b.document}/", None),
                (
                    "post",
                    f"/admin/documents/edit/{b.document}/",
                    {"title": "Sửa trái phép", "collection": b.collection},
                ),
                ("get", f"/admin/documents/delete/{b.document}/", None),
                ("post", f"/admin/documents/delete/{b.document}/", {}),
                ("get", f"/admin/documents/usage/{b.document}/", None),
                ("post", f"/admin/documents/multiple/{b.document}/", {f"doc-{b.document}-title": "Sửa trái phép"}),
                ("post", f"/admin/documents/multiple/{b.document}/delete/", {}),
                ("get", f"/admin/documents/chooser/chosen/{b.document}/", None),
            ]
        )
        document_b = Document.objects.get(pk=b.document)
        self.assertEqual((document_b.title, document_b.collection_id), (b.document_title, b.collection))

    def test_own_unit_and_management_reach_document_screens(self):
        a, b = self.world.a, self.world.b
        for key, unit, token in [("a_reviewer", a, TOKEN_A), ("a_board_head", a, TOKEN_A), ("manager", b, TOKEN_B)]:
            self.login(key)
            with self.subTest(user=key):
                self.assert_shows(self.client.get(f"/admin/documents/edit/{unit.document}/"), token, key)
        for key in A_BOARD:
            self.login(key)
            with self.subTest(user=key, url="chosen"):
                self.assert_shows(self.client.get(f"/admin/documents/chooser/chosen/{a.document}/"), TOKEN_A, key)

    def test_document_bulk_actions_on_other_unit_are_refused(self):
        a, b = self.world.a, self.world.b
        calls = []
        for action, data in (
            ("delete", {}),
            ("add_to_collection", {"collection": a.collection}),
            ("add_tags", {"tags": "chiem-doat"}),
        ):
            url = f"/admin/bulk/wagtaildocs/document/{action}/?id={b.document}&next=/admin/documents/"
            calls += [("get", url, None), ("post", url, data)]
        self.check_outsiders(calls)
        document_b = Document.objects.get(pk=b.document)
        self.assertEqual(document_b.collection_id, b.collection)
        self.assertFalse(document_b.tags.exists())

    def test_documents_cannot_be_put_into_other_units_collection(self):
        a, b = self.world.a, self.world.b
        for key in OUTSIDERS:
            self.login(key)
            posts = [
                (
                    "/admin/documents/add/",
                    {"title": "Tải vào B", "file": document_upload(), "collection": b.collection},
                ),
                ("/admin/documents/multiple/add/", {"files[]": document_upload(), "collection": b.collection}),
                (
                    "/admin/documents/chooser/create/",
                    {
                        "document-chooser-upload-title": "x",
                        "document-chooser-upload-file": document_upload(),
                        "document-chooser-upload-collection": b.collection,
                    },
                ),
                (f"/admin/documents/edit/{a.document}/", {"title": "x", "collection": b.collection}),
                (
                    f"/admin/bulk/wagtaildocs/document/add_to_collection/?id={a.document}&next=/admin/documents/",
                    {"collection": b.collection},
                ),
            ]
            for url, data in posts:
                with self.subTest(user=key, url=url):
                    response = self.client.post(url, data)
                    self.assertIn(response.status_code, (200, 302, 400, 403, 404))
                    self.assert_no_b_data(response, f"{key} POST {url}")
                    self.assertEqual(Document.objects.filter(collection_id=b.collection).count(), 1)
                    self.assertEqual(Document.objects.get(pk=a.document).collection_id, a.collection)

    def test_own_unit_uploads_documents(self):
        a = self.world.a
        for key in A_BOARD:
            self.login(key)
            with self.subTest(user=key):
                data = {"title": f"Văn bản {key}", "file": document_upload(f"{key}.pdf"), "collection": a.collection}
                response = self.client.post("/admin/documents/add/", data)
                self.assertEqual(response.status_code, 302, response.content.decode()[:1000])
                self.assertTrue(Document.objects.filter(title=f"Văn bản {key}", collection_id=a.collection).exists())


class MediaByIdInPagesTests(IsolationMixin, TestCase):
    """Wagtail lets any editor insert any image or document by id; our page forms must refuse B's."""

    def post_article(self, key: str, unit, **fields):
        self.login(key)
        data = article_form(
            unit, self.world.category, title=f"Tin dùng ảnh {unit.token}", slug="tin-dung-anh", **fields
        )
        return self.client.post(f"/admin/pages/{self.world.a.article}/edit/", data)

    def uses(self):
        a, b = self.world.a, self.world.b
        return {
            "featured_image": {"featured_image": str(b.image)},
            "image block": {"body": streamfield([image_block(b.image)])},
            "document block": {"body": streamfield([document_block(b.document)])},
            "document link": {"body": streamfield([document_link_paragraph(b.document)])},
            "mixed": {
                "featured_image": str(a.image),
                "body": streamfield([image_block(a.image), document_block(b.document)]),
            },
        }

    def latest_article(self) -> ArticlePage:
        return Page.objects.get(pk=self.world.a.article).specific.get_latest_revision_as_object()

    def assert_not_using_b(self, page) -> None:
        b = self.world.b
        self.assertNotEqual(page.featured_image_id, b.image)
        references = _media_in(page)
        self.assertNotIn(("Image", str(b.image)), references)
        self.assertNotIn(("Document", str(b.document)), references)

    def test_using_other_units_media_by_id_in_own_page_is_refused(self):
        a = self.world.a
        revisions = Revision.page_revisions.filter(object_id=str(a.article)).count()
        for key in A_BOARD:
            for use, fields in self.uses().items():
                with self.subTest(user=key, use=use, check="not saved"):
                    response = self.post_article(key, a, **fields)
                    self.assertEqual(response.status_code, 200, f"{key} {use}: the form must be refused")
                    self.assertIn("không thuộc thư mục của đơn vị", response_text(response))
                    self.assertEqual(Revision.page_revisions.filter(object_id=str(a.article)).count(), revisions)
                    self.assert_not_using_b(self.latest_article())
                with self.subTest(user=key, use=use, check="nothing of B shown back"):
                    # The refusal must not show B's image (title, preview) or document to A's user either.
                    self.assert_no_b_data(response, f"{key} {use}")

    def test_publishing_or_creating_with_other_units_media_is_refused(self):
        a, b = self.world.a, self.world.b
        self.login("a_board_head")
        data = article_form(
            a, self.world.category, title="Tin mới dùng ảnh B", slug="tin-moi-anh-b", featured_image=str(b.image)
        )
        response = self.client.post(
            f"/admin/pages/add/portal/articlepage/{a.section}/", {**data, "action-publish": "1"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Page.objects.filter(slug="tin-moi-anh-b").exists())
        data = article_form(
            a, self.world.category, title="Xuất bản", slug="tin-bai-donvia", featured_image=str(b.image)
        )
        response = self.client.post(f"/admin/pages/{a.article}/edit/", {**data, "action-publish": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertNotEqual(ArticlePage.objects.get(pk=a.article).featured_image_id, b.image)

    def test_home_page_rich_text_cannot_link_other_units_document(self):
        a, b = self.world.a, self.world.b
        self.login("a_board_head")
        home = HomePage.objects.get(pk=a.homes["vi"])
        link = f'<p>Xem <a linktype="document" id="{b.document}">văn bản</a>.</p>'
        data = nested_form_data(
            {
                "title": home.title,
                "slug": home.slug,
                "intro": rich_text(link, features=["link", "document-link"]),
                "service_links": streamfield([]),
            }
        )
        before = home.latest_revision_id
        response = self.client.post(f"/admin/pages/{home.pk}/edit/", data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(HomePage.objects.get(pk=home.pk).latest_revision_id, before)

    def test_own_media_and_management_are_accepted(self):
        a, b = self.world.a, self.world.b
        own = {
            "featured_image": str(a.image),
            "body": streamfield(
                [image_block(a.image), document_block(a.document), document_link_paragraph(a.document)]
            ),
        }
        for key in A_BOARD:
            with self.subTest(user=key):
                response = self.post_article(key, a, **own)
                self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
                self.assertEqual(self.latest_article().featured_image_id, a.image)
        # The management unit's staff may use any unit's media.
        with self.subTest(user="manager"):
            response = self.post_article("manager", a, featured_image=str(b.image))
            self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
            self.assertEqual(self.latest_article().featured_image_id, b.image)


def _media_in(page) -> set[tuple[str, str]]:
    """Images and documents a page's body refers to (blocks and rich-text links), as (model name, id)."""
    references = page._meta.get_field("body").extract_references(page.body)
    return {(model.__name__, str(object_id)) for model, object_id, _path, _content_path in references}
