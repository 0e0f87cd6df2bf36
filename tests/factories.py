"""Factories for test data: users, units with their sites, sections, articles and translations."""

from __future__ import annotations

import datetime
from typing import Any

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from portal.models import ArticlePage, Category, HomePage, SectionPage
from subportals.enums import UnitKind
from subportals.models import Unit
from subportals.provisioning import UnitSpec, provision_unit

PASSWORD = "KhanhHoa@2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@khanhhoa.gov.vn")
    first_name = "Thảo"
    last_name = "Nguyễn"
    password = factory.django.Password(PASSWORD)


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Chuyên trang {n}")
    slug = factory.Sequence(lambda n: f"chuyen-trang-{n}")
    show_in_menus = True


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Tỉnh Khánh Hòa triển khai nhiệm vụ số {n}")
    slug = factory.Sequence(lambda n: f"tin-bai-{n}")
    summary = "Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành triển khai đồng bộ các giải pháp."
    category = factory.LazyFunction(lambda: Category.objects.get(code="tin-tuc"))
    publication_date = factory.Sequence(lambda n: timezone.now() - datetime.timedelta(hours=n))
    body = factory.LazyFunction(
        lambda: [
            ("paragraph", RichText("<p>Sáng nay, tại Nha Trang, Ủy ban nhân dân tỉnh tổ chức hội nghị.</p>")),
            ("heading", "Kết quả nổi bật"),
            ("quote", {"quote": "Phải làm quyết liệt.", "attribution": "Lãnh đạo tỉnh"}),
            (
                "table",
                {
                    "caption": "Số liệu",
                    "table": {
                        "data": [["Chỉ tiêu", "Kết quả"], ["Du khách", "1.000"]],
                        "first_row_is_table_header": True,
                    },
                },
            ),
        ]
    )
    author = "Minh Châu"
    source = "Báo Khánh Hòa"


def make_unit(code: str = "khanhhoa", kind: str = UnitKind.MAIN, hostname: str | None = None) -> Unit:
    """A unit with its site, home pages in vi/en/ru, groups and collection: the real service."""
    return provision_unit(
        UnitSpec(
            code=code,
            kind=kind,
            name_vi=f"Đơn vị {code}",
            name_en=f"Unit {code}",
            name_ru=f"Подразделение {code}",
            hostname=hostname or ("localhost" if kind == UnitKind.MAIN else f"{code}.localhost"),
        )
    )


def home_of(unit: Unit) -> HomePage:
    return unit.site.root_page.specific


def translate(page: Page, language: str, **fields: Any) -> Page:
    """Publish a translation of ``page`` (parents included) with the given field values."""
    from portal.translation import ensure_translation

    return ensure_translation(page, Locale.objects.get(language_code=language), **fields)


def make_articles(section: SectionPage, count: int, **kwargs: Any) -> list[ArticlePage]:
    return [ArticlePageFactory(parent=section, **kwargs) for _ in range(count)]


def member(unit: Unit, role: str, username: str) -> Any:
    """A user in one of the unit's editorial-role groups."""
    from subportals.models import UnitGroup

    user = UserFactory(username=username)
    user.groups.add(UnitGroup.objects.get(unit=unit, role=role).group)
    return user


class UpdateRecordFactory(factory.django.DjangoModelFactory):
    """An update as recorded at publication; ``went_live_at`` places it in time."""

    class Meta:
        model = "editorial.UpdateRecord"

    page = None
    page_title = factory.Sequence(lambda n: f"Tin cập nhật {n}")
    language = "vi"
    kind = "first"
    went_live_at = factory.LazyFunction(timezone.now)
    live_date = factory.LazyAttribute(lambda record: timezone.localtime(record.went_live_at).date())


def updates_on(unit: Unit, *days: datetime.date, hour: int = 9) -> list[Any]:
    """One counted update per day given (repeat a day for several)."""
    return [
        UpdateRecordFactory(
            unit=unit, went_live_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
        )
        for day in days
    ]
