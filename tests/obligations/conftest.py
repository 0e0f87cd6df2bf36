"""A complete sub-portal (every seeded obligation met) and the ways to break each obligation alone."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from editorial.feedback.enums import Status as FeedbackStatus
from editorial.feedback.enums import Topic
from editorial.feedback.models import Feedback
from portal.directory.models import DirectoryPage
from portal.legal.models import LegalDocumentAttachment
from portal.links.models import GovernmentLink, LinkIndexPage
from portal.models import ArticlePage, Category
from portal.procedures.models import ProcedurePage
from subportals.enums import EditorialRole, UnitKind
from subportals.models import Unit, UnitContact
from subportals.provisioning import ensure_management_group
from tests.directory.factories import make_directory
from tests.factories import ArticlePageFactory, SectionPageFactory, UserFactory, home_of, make_unit, member, translate
from tests.legal.factories import (
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    attach,
    make_document,
    pdf_bytes,
)
from tests.links.factories import GovernmentLinkFactory
from tests.procedures.factories import ProcedureIndexPageFactory, ProcedurePageFactory

ARTICLE_CATEGORIES = (
    "gioi-thieu",
    "chinh-sach-hoat-dong",
    "pho-bien-phap-luat",
    "du-an-dau-thau",
    "du-lieu-thong-ke",
    "tin-tuc",
)
ORGANISATION_TITLE = "Cơ cấu tổ chức, chức năng, nhiệm vụ của Sở Y tế"


@dataclass
class Site:
    unit: Unit
    home: Any
    organisation: ArticlePage
    organisation_en: Page


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_complete_site(code: str = "syt") -> Site:
    """A department's site carrying every seeded obligation."""
    unit = make_unit(code, UnitKind.DEPARTMENT)
    home = home_of(unit)
    now = timezone.now()
    section = SectionPageFactory(parent=home, title="Tin tức", slug=f"tin-tuc-{code}")
    for category in ARTICLE_CATEGORIES:
        ArticlePageFactory(parent=section, category=Category.objects.get(code=category), last_published_at=now)
    organisation = ArticlePageFactory(
        parent=section,
        title=ORGANISATION_TITLE,
        category=Category.objects.get(code="to-chuc-bo-may"),
        last_published_at=now - datetime.timedelta(days=30),
    )
    organisation_en = translate(organisation, "en", title="Organisation, functions and tasks", summary="Functions.")
    Page.objects.filter(pk=organisation_en.pk).update(last_published_at=now - datetime.timedelta(days=20))

    register = LegalDocumentIndexPageFactory(parent=home, slug=f"van-ban-{code}")
    document = LegalDocumentPageFactory(parent=register, last_published_at=now)
    attach(document, make_document("quyet-dinh.pdf", pdf_bytes()))

    procedures = ProcedureIndexPageFactory(parent=home, slug=f"thu-tuc-{code}")
    ProcedurePageFactory(parent=procedures, last_published_at=now)
    ProcedurePageFactory(
        parent=procedures,
        last_published_at=now,
        national_portal_url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.1",
    )

    make_directory(home, slug=f"danh-ba-{code}")
    links = LinkIndexPage(title="Liên kết website", slug=f"lien-ket-{code}")
    home.add_child(instance=links)
    publish(links)
    for _number in range(3):
        GovernmentLinkFactory(unit=unit)

    today = timezone.localdate()
    for order, (name, position, position_en) in enumerate(
        [("Nguyễn Văn An", "Giám đốc Sở", "Director"), ("Trần Thị Bình", "Phó Giám đốc Sở", "Deputy Director")]
    ):
        UnitContact.objects.create(
            unit=unit,
            sort_order=order,
            full_name=name,
            position_vi=position,
            position_en=position_en,
            email=f"lienhe{order}@khanhhoa.gov.vn",
            confirmed_at=today - datetime.timedelta(days=10),
        )

    Feedback.objects.create(
        code=f"hd-{code}",
        kind="question",
        topic=Topic.LAND,
        site_unit=unit,
        title="Hỏi về thủ tục cấp giấy chứng nhận",
        question="Xin hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất?",
        personal_name="Lê Văn Cường",
        deadline=today,
        status=FeedbackStatus.ANSWERED,
        answer="Trả lời: theo hướng dẫn tại Cổng Dịch vụ công.",
        is_published=True,
        published_at=now,
    )
    return Site(unit=unit, home=home, organisation=organisation, organisation_en=organisation_en)


def _site_pages(site: Site, model: type) -> Any:
    """Pages of the site in every language (the homes share the vi home's translation key)."""
    homes = Page.objects.filter(depth=site.home.depth, translation_key=site.home.translation_key)
    paths = list(homes.values_list("path", flat=True))
    return model.objects.filter(path__regex=r"^(" + "|".join(paths) + r")")


def _move_category(code: str) -> Callable[[Site], None]:
    """Every page of one category goes to another: the category is empty, nothing else changes."""

    def apply(site: Site) -> None:
        from editorial.obligations.facts import content_models

        target = Category.objects.get(code="chinh-sach-hoat-dong" if code == "tin-tuc" else "tin-tuc")
        if code == "to-chuc-bo-may":  # the organisation page stays one (its rule also reads "gioi-thieu")
            target = Category.objects.get(code="gioi-thieu")
        for model in content_models():
            _site_pages(site, model).filter(category__code=code).update(category=target)

    return apply


def _unpublish(model: type) -> Callable[[Site], None]:
    def apply(site: Site) -> None:
        for page in _site_pages(site, model):
            page.unpublish()

    return apply


def _backdate_organisation(site: Site) -> None:
    Page.objects.filter(pk=site.organisation.pk).update(last_published_at=timezone.now() - datetime.timedelta(days=400))
    Page.objects.filter(pk=site.organisation_en.pk).update(
        last_published_at=timezone.now() - datetime.timedelta(days=399)
    )


def _stale_contacts(site: Site) -> None:
    site.unit.contacts.update(confirmed_at=timezone.localdate() - datetime.timedelta(days=200))


def _english_behind(site: Site) -> None:
    Page.objects.filter(pk=site.organisation_en.pk).update(
        last_published_at=timezone.now() - datetime.timedelta(days=60)
    )


def _remove_files(site: Site) -> None:
    LegalDocumentAttachment.objects.filter(page__path__startswith=site.home.path).delete()


def _procedure_elsewhere(site: Site) -> None:
    _site_pages(site, ProcedurePage).filter(national_portal_url="").update(national_portal_url="https://example.com/tt")


def _no_links(site: Site) -> None:
    GovernmentLink.objects.filter(unit=site.unit).delete()


def _unpublish_answers(site: Site) -> None:
    Feedback.objects.filter(site_unit=site.unit).update(is_published=False)


# The seeded obligation (by code) and how to make a complete site miss it, and only it.
BREAKS: dict[str, Callable[[Site], None]] = {
    **{f"chuyen-muc-{code}": _move_category(code) for code in (*ARTICLE_CATEGORIES, "to-chuc-bo-may")},
    "chuyen-muc-van-ban-phap-luat": _move_category("van-ban-phap-luat"),
    "chuyen-muc-thu-tuc-hanh-chinh": _move_category("thu-tuc-hanh-chinh"),
    "chuyen-muc-danh-ba": _unpublish(DirectoryPage),
    "chuyen-muc-lien-ket": _unpublish(LinkIndexPage),
    "chuyen-muc-gop-y-hoi-dap": _unpublish_answers,
    "co-cau-to-chuc": _backdate_organisation,
    "nguoi-lien-he": _stale_contacts,
    "ban-tieng-anh": _english_behind,
    "van-ban-day-du": _remove_files,
    "thu-tuc-lien-ket-dvc": _procedure_elsewhere,
    "lien-ket-co-quan": _no_links,
}


@dataclass
class World:
    site: Site
    other: Unit
    manager: Any
    editor: Any
    board_head: Any
    other_editor: Any
    outsider: Any


@pytest.fixture(scope="module")
def built_site(django_db_setup, django_db_blocker):
    """One complete site per test module, inside a transaction rolled back at the end of the module.

    Each test runs in its own savepoint (pytest-django's ``db``), so what a test breaks is undone.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_complete_site()
        transaction.set_rollback(True)


@pytest.fixture
def complete_site(built_site, db) -> Site:
    return built_site


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    """The complete department site, a second (empty) department, their staff and a manager; once per module."""
    with django_db_blocker.unblock(), transaction.atomic():
        site = build_complete_site()
        other = make_unit("stp", UnitKind.DEPARTMENT)
        manager = UserFactory(username="quanly.cong")
        manager.groups.add(ensure_management_group())
        yield World(
            site=site,
            other=other,
            manager=manager,
            editor=member(site.unit, EditorialRole.EDITOR, "syt.bientap"),
            board_head=member(site.unit, EditorialRole.BOARD_HEAD, "syt.truongban"),
            other_editor=member(other, EditorialRole.EDITOR, "stp.bientap"),
            outsider=UserFactory(username="khong.nhom"),
        )
        transaction.set_rollback(True)


@pytest.fixture
def world(built_world, db) -> World:
    return built_world
