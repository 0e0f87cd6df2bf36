"""Shared world of the isolation suite (issue 3, P-Art. 6.1): two units A and B, their boards, content and media.

Everything unit B owns carries the token ``BIMATDONVIB`` (pages, drafts, translations, images, documents, log
entries), so a test can assert that B's data never reaches a response shown to one of A's users. Unit A's content
carries ``NOIDUNGDONVIA`` so the same responses can prove that A's users do see their own things (a check that
cannot fail is no check). Unit *names*, site names, group and workflow names are public and carry no token.

The world is built once per test class (``setUpTestData``); only ids, strings and users are kept on the class.
"""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.http import HttpResponse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object

from portal.blocks import RICH_TEXT_FEATURES
from portal.models import Category
from subportals.enums import EditorialRole, UnitKind
from subportals.models import Unit, UnitGroup
from subportals.provisioning import ensure_management_group
from tests.factories import ArticlePageFactory, SectionPageFactory, UserFactory, home_of, make_unit, translate

TOKEN_A = "NOIDUNGDONVIA"
TOKEN_B = "BIMATDONVIB"
SECRET_B = "BÍ MẬT CỦA ĐƠN VỊ B"
# Search terms: never the token itself, since result pages echo the query ("no matches for ...").
SEARCH_B = "BÍ MẬT"  # words of B's titles only
SEARCH_ARTICLES = "Tin bài"  # in the article titles of both units

# Who is tried against unit B's things. The three roles are unit A's board; "access_only" may enter the admin but
# belongs to no unit; "no_group" is a plain account with no group at all.
ROLES = ("editor", "reviewer", "board_head")
A_BOARD = tuple(f"a_{role}" for role in ROLES)
OUTSIDERS = (*A_BOARD, "access_only", "no_group")
DENIED = (302, 403, 404)

_ADMIN_PAGE_PATH = re.compile(r"/admin/pages/(\d+)/")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass
class UnitWorld:
    """Ids of one unit's objects."""

    unit: int
    code: str
    token: str
    host: str
    collection: int
    workflow: int
    homes: dict[str, int]  # language -> home page id
    section: int
    article: int  # live, with a newer draft revision
    article_en: int  # core copy_for_translation
    section_ru: int  # wagtail-localize translation
    article_ru: int  # wagtail-localize translation (synced)
    locked_article: int
    workflow_article: int
    draft_article: int  # never published, leaf
    first_revision: int
    draft_revision: int
    workflow_state: int
    task_state: int
    first_task: int
    translation_source: int
    translation_ru: int
    image: int
    document: int
    image_title: str
    document_title: str
    page_ids: list[int] = field(default_factory=list)


@dataclass
class World:
    main_unit: int
    a: UnitWorld
    b: UnitWorld
    users: dict[str, Any]
    category: int


def png_bytes(color: tuple[int, int, int] = (10, 120, 180)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (48, 32), color).save(buffer, format="PNG")
    return buffer.getvalue()


def _retitle(page: Page, title: str) -> None:
    page = page.specific
    page.title = title
    page.save_revision().publish()


def _populate(unit: Unit, token: str, label: str, users: dict[str, Any], prefix: str) -> UnitWorld:
    editor, reviewer, board = (users[f"{prefix}_{role}"] for role in ROLES)
    home = home_of(unit)
    homes = {p.locale.language_code: p for p in home.get_translations(inclusive=True).select_related("locale")}
    for language, page in homes.items():
        _retitle(page, f"{label} – Trang chủ ({language}) {token}")

    Image = get_image_model()
    image = Image(title=f"{label} – Ảnh {token}", collection=unit.collection)
    image.file = ImageFile(io.BytesIO(png_bytes()), name=f"{token.lower()}-anh.png")
    image.save()
    Document = get_document_model()
    document = Document(title=f"{label} – Tài liệu {token}", collection=unit.collection)
    document.file = ContentFile(b"%PDF-1.4\n% tai lieu noi bo\n", name=f"{token.lower()}-tailieu.pdf")
    document.save()

    section = SectionPageFactory(parent=home, title=f"{label} – Chuyên trang {token}", slug=f"chuyen-trang-{unit.code}")
    article = ArticlePageFactory(
        parent=section,
        title=f"{label} – Tin bài {token}",
        slug=f"tin-bai-{unit.code}",
        featured_image=image,
        body=[
            ("paragraph", RichText(f"<p>Nội dung nội bộ {token}.</p>")),
            ("image", {"image": image, "caption": f"Chú thích {token}"}),
            ("document", {"document": document, "title": f"Văn bản {token}"}),
        ],
    )
    first_revision = article.save_revision(user=editor, log_action=True)
    # The history shows the board head; the test world is built without going through the workflow.
    first_revision.publish(user=board, skip_permission_checks=True)
    article.refresh_from_db()
    article.title = f"{label} – Bản nháp chưa duyệt {token}"
    draft_revision = article.save_revision(user=editor, log_action=True)

    article_en = translate(article, "en", title=f"{label} – Article {token}", summary=f"Summary {token}")

    locked = ArticlePageFactory(parent=section, title=f"{label} – Tin đang khóa {token}", slug=f"tin-khoa-{unit.code}")
    locked.save_revision(user=editor, log_action=True)
    locked.locked, locked.locked_by, locked.locked_at = True, reviewer, timezone.now()
    locked.save(update_fields=["locked", "locked_by", "locked_at"])
    log(instance=locked, action="wagtail.lock", user=reviewer)

    draft = ArticlePageFactory(
        parent=section, title=f"{label} – Tin nháp {token}", slug=f"tin-nhap-{unit.code}", live=False, owner=editor
    )
    draft.save_revision(user=editor, log_action=True)

    # Translated with wagtail-localize, so that its translate/sync/preview views have something to act on.
    ru = Locale.objects.get(language_code="ru")
    translate_object(section, [ru], user=editor)
    translate_object(article, [ru], user=editor)
    source = TranslationSource.objects.get(object_id=article.translation_key, locale=article.locale)
    translation_ru = Translation.objects.get(source=source, target_locale=ru)
    section_ru = section.get_translation(ru)
    article_ru = article.get_translation(ru)

    # Submitted last, so that it is the most recently edited article of the unit.
    waiting = ArticlePageFactory(
        parent=section, title=f"{label} – Tin chờ duyệt {token}", slug=f"tin-cho-duyet-{unit.code}", live=False
    )
    waiting.save_revision(user=editor, log_action=True)
    workflow_state = unit.workflow.start(waiting, editor)
    task_state = workflow_state.current_task_state

    page_ids = list(Page.objects.filter(path__startswith=home.path).values_list("pk", flat=True))
    for translated_home in homes.values():
        page_ids += list(Page.objects.filter(path__startswith=translated_home.path).values_list("pk", flat=True))

    return UnitWorld(
        unit=unit.pk,
        code=unit.code,
        token=token,
        host=unit.site.hostname,
        collection=unit.collection_id,
        workflow=unit.workflow_id,
        homes={language: page.pk for language, page in homes.items()},
        section=section.pk,
        article=article.pk,
        article_en=article_en.pk,
        section_ru=section_ru.pk,
        article_ru=article_ru.pk,
        locked_article=locked.pk,
        workflow_article=waiting.pk,
        draft_article=draft.pk,
        first_revision=first_revision.pk,
        draft_revision=draft_revision.pk,
        workflow_state=workflow_state.pk,
        task_state=task_state.pk,
        first_task=task_state.task_id,
        translation_source=source.pk,
        translation_ru=translation_ru.pk,
        image=image.pk,
        document=document.pk,
        image_title=image.title,
        document_title=document.title,
        page_ids=sorted(set(page_ids)),
    )


def build_world() -> World:
    main = make_unit()
    unit_a = make_unit("donvia", UnitKind.DEPARTMENT)
    unit_b = make_unit("donvib", UnitKind.DISTRICT)
    users: dict[str, Any] = {}
    for unit, prefix in ((unit_a, "a"), (unit_b, "b")):
        for role in EditorialRole:
            user = UserFactory(username=f"{prefix}.{role.value}")
            user.groups.add(UnitGroup.objects.get(unit=unit, role=role).group)
            users[f"{prefix}_{role.value}"] = user
    users["manager"] = UserFactory(username="quanly.cong")
    users["manager"].groups.add(ensure_management_group())
    users["no_group"] = UserFactory(username="khong.nhom")
    users["access_only"] = UserFactory(username="chi.vao.quantri")
    users["access_only"].user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    # A first, B last: B's pages are then the most recently edited ones (page-types report, dashboards).
    a = _populate(unit_a, TOKEN_A, "Đơn vị A", users, "a")
    b = _populate(unit_b, TOKEN_B, SECRET_B, users, "b")
    return World(
        main_unit=main.pk,
        a=a,
        b=b,
        users=users,
        category=Category.objects.get(code="tin-tuc").pk,
    )


def response_text(response: HttpResponse) -> str:
    """Everything a response shows, with HTML entities and JSON ``\\u`` escapes undone."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
        response.streaming_content = [content]
    else:
        content = response.content
    text = content.decode("utf-8", "replace")
    parts = [text, html.unescape(text)]
    # JSON kept in HTML attributes (StreamField state, block errors) escapes non-ASCII as \uXXXX.
    parts.append(_JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), parts[-1]))
    if "json" in response.get("Content-Type", "") or text[:1] in "[{":
        try:
            parts.append(json.dumps(json.loads(text), ensure_ascii=False))
        except ValueError:
            pass
        else:
            parts.append(html.unescape(parts[-1]))
    return "\n".join(parts)


def article_form(world_unit: UnitWorld, category: int, *, title: str, slug: str, **overrides: Any) -> dict[str, str]:
    """The admin form data of an article (edit or add view)."""
    data: dict[str, Any] = {
        "title": title,
        "slug": slug,
        "category": str(category),
        "summary": f"Tóm tắt {world_unit.token}.",
        "publication_date": "24/11/2026 08:30",
        "body": streamfield([("paragraph", rich_text(f"<p>Nội dung {world_unit.token}.</p>"))]),
        "author": "Hoàng Lan",
        "source": "Báo Khánh Hòa",
        "tags": "",
        "credits": inline_formset([]),
        "featured_image": "",
        "featured_image_caption": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def image_block(image_id: int) -> tuple[str, dict[str, Any]]:
    return ("image", {"image": {"image": str(image_id), "decorative": "", "alt_text": "Ảnh"}, "caption": "Ảnh"})


def document_block(document_id: int) -> tuple[str, dict[str, Any]]:
    return ("document", {"document": str(document_id), "title": "Văn bản"})


def document_link_paragraph(document_id: int) -> tuple[str, str]:
    html_value = f'<p>Xem <a linktype="document" id="{document_id}">văn bản</a>.</p>'
    return ("paragraph", rich_text(html_value, features=RICH_TEXT_FEATURES))


class IsolationMixin:
    """Build the world once per class; log in by role; assert denial and absence of B's data."""

    world: World

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()  # type: ignore[misc]
        cls.world = build_world()

    # --- users -------------------------------------------------------------------------------------
    def login(self, key: str) -> Any:
        user = self.world.users[key]
        self.client.force_login(user)  # type: ignore[attr-defined]
        return user

    # --- assertions ------------------------------------------------------------------------------
    def assert_no_b_data(self, response: HttpResponse, what: str = "") -> None:
        text = response_text(response)
        for needle in (TOKEN_B, TOKEN_B.lower(), SECRET_B):
            self.assertNotIn(needle, text, f"{what}: unit B's data ({needle!r}) in the response")  # type: ignore[attr-defined]

    def assert_shows(self, response: HttpResponse, needle: str, what: str = "") -> None:
        self.assertEqual(response.status_code, 200, f"{what}: status {response.status_code}")  # type: ignore[attr-defined]
        self.assertIn(needle, response_text(response), f"{what}: {needle!r} not shown")  # type: ignore[attr-defined]

    def assert_denied(self, response: HttpResponse, what: str = "", hops: int = 0) -> None:
        """403/404, or a redirect that leads away from B's objects, and never B's data in the body."""
        self.assertIn(response.status_code, DENIED, f"{what}: status {response.status_code}, expected 302/403/404")  # type: ignore[attr-defined]
        self.assert_no_b_data(response, what)
        if response.status_code == 302 and hops < 3:
            target = urlsplit(response["Location"]).path
            if any(int(m.group(1)) in self.world.b.page_ids for m in _ADMIN_PAGE_PATH.finditer(target)):
                # Sent on to another screen of B's page (e.g. revisions -> history): that one must refuse too.
                followed = self.client.get(response["Location"])  # type: ignore[attr-defined]
                self.assert_denied(followed, f"{what} -> {response['Location']}", hops=hops + 1)

    def assert_hidden(self, response: HttpResponse, what: str = "") -> None:
        """A listing may answer (200) but must not show B's data."""
        self.assertIn(response.status_code, (200, *DENIED), f"{what}: status {response.status_code}")  # type: ignore[attr-defined]
        self.assert_no_b_data(response, what)

    def request(self, method: str, url: str, data: Any = None, **extra: Any) -> HttpResponse:
        client = self.client  # type: ignore[attr-defined]
        if method == "post":
            return client.post(url, data or {}, **extra)
        if method == "put":
            return client.put(url, urlencode(data or {}), content_type="application/x-www-form-urlencoded", **extra)
        return client.get(url, data or {}, **extra)

    def check_outsiders(self, calls: list[tuple[str, str, Any]], *, check: str = "denied", users=OUTSIDERS) -> None:
        """Every outsider gets ``check`` ("denied" or "hidden") on every (method, url, data) call."""
        assertion = self.assert_denied if check == "denied" else self.assert_hidden
        for key in users:
            self.login(key)
            for method, url, data in calls:
                with self.subTest(user=key, method=method, url=url):  # type: ignore[attr-defined]
                    assertion(self.request(method, url, data), f"{key} {method.upper()} {url}")
