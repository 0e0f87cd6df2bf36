"""What one site carries, read once per evaluation: the rules ask these facts, never the database directly.

A site is the unit's Wagtail site: its home page in every language (pages sharing the home's
``translation_key``) and the trees under them. Facts are computed lazily and cached on the object,
so a checklist of twenty obligations runs a few queries, not one per obligation.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import or_
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone
from wagtail.models import Page

from subportals.models import Unit

# Article 8 categories whose content is a register page rather than records (portal.listings.STRUCTURED_TYPES).
# Category 9 (feedback and Q&A) is carried by the answers published on the site, not by pages.
QA_CATEGORY = "gop-y-hoi-dap"


@dataclass(frozen=True)
class CategoryContent:
    count: int = 0
    last: datetime.datetime | None = None

    def plus(self, count: int, last: datetime.datetime | None) -> CategoryContent:
        dates = [value for value in (self.last, last) if value is not None]
        return CategoryContent(self.count + count, max(dates) if dates else None)


@dataclass(frozen=True)
class PageRow:
    """A content page as the rules need it: no full page object (and no StreamField) loaded."""

    pk: int
    title: str
    category: str
    translation_key: Any
    last_published_at: datetime.datetime | None


def content_models() -> list[type]:
    """Every concrete page type carrying an Article 8 category (articles, legal documents, procedures, …)."""
    from portal.models.pages import ContentPage

    return [model for model in apps.get_models() if issubclass(model, ContentPage) and not model._meta.abstract]


def local_date(value: datetime.datetime | datetime.date | None) -> datetime.date | None:
    if value is None or not isinstance(value, datetime.datetime):
        return value
    return timezone.localdate(value) if timezone.is_aware(value) else value.date()


class SiteFacts:
    """The content of one unit's site as of ``today``."""

    def __init__(self, unit: Unit, today: datetime.date | None = None) -> None:
        self.unit = unit
        self.today = today or timezone.localdate()

    # -- the site ------------------------------------------------------------------------------

    @cached_property
    def homes(self) -> list[Page]:
        site = getattr(self.unit, "site", None)
        if site is None:
            return []
        root = Page.objects.filter(pk=site.root_page_id).only("translation_key").first()
        if root is None:
            return []
        return list(
            Page.objects.filter(depth=root.depth, translation_key=root.translation_key).select_related("locale")
        )

    @property
    def has_site(self) -> bool:
        return bool(self.homes)

    def _within(self, homes: list[Page]) -> Q:
        if not homes:
            return Q(pk__in=[])
        return reduce(or_, (Q(path__startswith=home.path) & Q(depth__gt=home.depth) for home in homes))

    @cached_property
    def within_site(self) -> Q:
        return self._within(self.homes)

    @cached_property
    def within_source(self) -> Q:
        """The tree of the source language (Vietnamese): translations are judged against it."""
        return self._within([home for home in self.homes if home.locale.language_code == source_language()])

    # -- categories ----------------------------------------------------------------------------

    @cached_property
    def category_names(self) -> dict[str, str]:
        from portal.models import Category

        return dict(Category.objects.values_list("code", "name_vi"))

    @cached_property
    def category_content(self) -> dict[str, CategoryContent]:
        """Live public content per category code, in every language of the site (one query per page type)."""
        from portal.listings import STRUCTURED_TYPES

        found: dict[str, CategoryContent] = {}
        if not self.has_site:
            return found
        for model in content_models():
            rows = (
                model.objects.live()
                .public()
                .filter(self.within_site)
                .values("category__code")
                .annotate(n=Count("pk"), last=Max("last_published_at"))
            )
            for row in rows:
                code = row["category__code"]
                found[code] = found.get(code, CategoryContent()).plus(row["n"], row["last"])
        for code, (record_name, register_name) in STRUCTURED_TYPES.items():
            if record_name is not None:
                continue
            register = apps.get_model(register_name)
            summary = (
                register.objects.live()
                .public()
                .filter(self.within_site)
                .aggregate(n=Count("pk"), last=Max("last_published_at"))
            )
            if summary["n"]:
                found[code] = found.get(code, CategoryContent()).plus(summary["n"], summary["last"])
        from editorial.feedback.models import Feedback

        answers = (
            Feedback.objects.published().filter(site_unit=self.unit).aggregate(n=Count("pk"), last=Max("published_at"))
        )
        if answers["n"]:
            found[QA_CATEGORY] = found.get(QA_CATEGORY, CategoryContent()).plus(answers["n"], answers["last"])
        return found

    def source_pages(self, categories: list[str]) -> list[PageRow]:
        """Live public pages of these categories in the source language, newest first."""
        if not self.has_site or not categories:
            return []
        rows: list[PageRow] = []
        for model in content_models():
            values = (
                model.objects.live()
                .public()
                .filter(self.within_source, category__code__in=categories)
                .values_list("pk", "title", "category__code", "translation_key", "last_published_at")
            )
            rows += [PageRow(*value) for value in values]
        epoch = timezone.make_aware(datetime.datetime(1970, 1, 1))
        return sorted(rows, key=lambda row: (row.last_published_at or epoch, row.pk), reverse=True)

    def translations(self, rows: list[PageRow], language: str) -> dict[Any, datetime.datetime | None]:
        """Last publication of each page's live translation in ``language``, by translation key."""
        if not rows:
            return {}
        pages = Page.objects.live().filter(
            translation_key__in=[row.translation_key for row in rows], locale__language_code=language
        )
        return dict(pages.values_list("translation_key", "last_published_at"))

    # -- contacts, registers, links ------------------------------------------------------------

    @cached_property
    def contacts(self) -> list[Any]:
        return list(self.unit.contacts.all())

    @cached_property
    def legal_documents(self) -> list[Any]:
        from portal.legal.models import LegalDocumentPage

        return list(
            LegalDocumentPage.objects.live()
            .public()
            .filter(self.within_source)
            .only(
                "pk",
                "title",
                "last_published_at",
                "number_symbol",
                "document_type",
                "issuing_body_id",
                "issue_date",
                "effective_date",
                "summary",
            )
            .annotate(files=Count("attachments"))
            .order_by("-issue_date", "pk")
        )

    @cached_property
    def procedures(self) -> list[Any]:
        from portal.procedures.models import ProcedurePage

        return list(
            ProcedurePage.objects.live()
            .public()
            .filter(self.within_source)
            .only("pk", "title", "national_code", "national_portal_url", "last_published_at")
            .order_by("title", "pk")
        )

    @cached_property
    def government_links(self) -> list[Any]:
        from portal.links.services import links_for_unit
        from portal.links.validation import url_problems

        return [link for link in links_for_unit(self.unit) if not url_problems(link.url)]


def source_language() -> str:
    return settings.LANGUAGE_CODE.split("-")[0]
