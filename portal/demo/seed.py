"""Builds the demo portal: units and sites, sections, articles in vi/en/ru, images and users.

Every step looks up what exists before creating it, so running the seed twice changes nothing.
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anyascii import anyascii
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from editorial.compliance.recording import backdate_demo_history
from portal.models import ArticlePage, Category, HomePage, PortalSettings, SectionPage
from portal.translation import ensure_locales, ensure_translation
from subportals.enums import EditorialRole
from subportals.models import Unit, UnitGroup
from subportals.provisioning import provision_unit

from . import extensions, sites
from .images import ensure_image
from .workflow import seed_workflow_states

DATA_DIR = Path(__file__).resolve().parent / "data" / "articles"
TRANSLATED_LANGUAGES = ("en", "ru")
SITE_CODES = {"main", *(spec.code for spec in sites.unit_specs("localhost", 80) if spec.code != sites.MAIN_CODE)}


@dataclass
class SeedReport:
    units: int = 0
    articles_created: int = 0
    translations: int = 0
    users_created: int = 0
    workflow_pages: int = 0


def load_article_specs(data_dir: Path = DATA_DIR) -> list[dict[str, Any]]:
    """All article specs, in a stable order; a broken file stops the seed with its name."""
    specs: list[dict[str, Any]] = []
    for path in sorted(data_dir.glob("*.json")):
        try:
            items = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"Tệp dữ liệu mẫu {path.name} không hợp lệ: {exc}") from exc
        if not isinstance(items, list):
            raise ValueError(f"Tệp dữ liệu mẫu {path.name} phải là một danh sách tin bài.")
        for index, item in enumerate(items):
            problem = _spec_problem(item)
            if problem:
                raise ValueError(f"Tệp dữ liệu mẫu {path.name}, tin bài thứ {index + 1}: {problem}")
        specs.extend(items)
    return sorted(specs, key=lambda spec: spec["key"])


def _spec_problem(item: Any) -> str | None:
    """What is wrong with one article spec, in words an operator understands, or None."""
    if not isinstance(item, dict):
        return "không phải một đối tượng JSON"
    missing = [name for name in ("key", "site", "category", "days_ago", "vi") if name not in item]
    if missing:
        return "thiếu trường " + ", ".join(missing)
    if item["site"] not in SITE_CODES:
        return f"cổng không hợp lệ: {item['site']!r}"
    if not isinstance(item["days_ago"], int) or item["days_ago"] < 0:
        return "days_ago phải là số nguyên không âm"
    for language in ("vi", *TRANSLATED_LANGUAGES):
        text = item.get(language)
        if text is None and language != "vi":
            continue
        if not isinstance(text, dict) or not all(
            isinstance(text.get(k), str | list) for k in ("title", "summary", "body")
        ):
            return f"phần {language} phải có title, summary và body"
        if not text["title"].strip():
            return f"tiêu đề {language} trống"
    return None


def body_blocks(blocks: Iterable[Any]) -> list[tuple[str, Any]]:
    """Turn the JSON body blocks into StreamField values."""
    stream: list[tuple[str, Any]] = []
    for block in blocks:
        if isinstance(block, str):
            stream.append(("paragraph", RichText(f"<p>{escape(block)}</p>")))
        elif "heading" in block:
            stream.append(("heading", block["heading"]))
        elif "quote" in block:
            stream.append(("quote", {"quote": block["quote"], "attribution": block.get("attribution", "")}))
        elif "table" in block:
            table = block["table"]
            stream.append(
                (
                    "table",
                    {
                        "caption": table.get("caption", ""),
                        "table": {
                            "data": table["rows"],
                            "first_row_is_table_header": True,
                            "first_col_is_header": False,
                        },
                    },
                )
            )
        else:
            raise ValueError(f"Khối nội dung không hợp lệ: {block!r}")
    return stream


# The demo articles span about twelve weeks; units are monitored from then on.
DEMO_HISTORY_DAYS = 90


def article_slug(title: str) -> str:
    return slugify(anyascii(title))[:80].strip("-") or "tin-bai"


class DemoSeeder:
    def __init__(
        self, domain: str, port: int, now: datetime.datetime | None = None, log: Callable[[str], None] = print
    ):
        self.domain = domain
        self.port = port
        self.now = now or timezone.now()
        self.log = log
        self.report = SeedReport()
        self.locales: dict[str, Locale] = {}
        self.categories: dict[str, Category] = {}
        self.sections: dict[tuple[str, str], SectionPage] = {}
        self.homes: dict[str, HomePage] = {}

    def run(
        self, article_specs: list[dict[str, Any]], progress: Callable[[Iterable[Any]], Iterator[Any]] = iter
    ) -> SeedReport:
        self.locales = ensure_locales()
        self.categories = {category.code: category for category in Category.objects.all()}
        with transaction.atomic():
            self._remove_wagtail_welcome_page()
            for spec in sites.unit_specs(self.domain, self.port):
                if spec.code != sites.MAIN_CODE and not Unit.objects.filter(code=spec.code).exists():
                    # Sub-portals are made exactly as an operator makes them.
                    call_command(
                        "create_subportal",
                        code=spec.code,
                        kind=spec.kind,
                        name_vi=spec.name_vi,
                        name_en=spec.name_en,
                        name_ru=spec.name_ru,
                        host=spec.hostname,
                        port=spec.port,
                        email=spec.contact_emails.split(),
                        stdout=io.StringIO(),
                    )
                unit = provision_unit(spec)
                if unit.monitoring_start is None:  # Monitored since the demo history begins.
                    unit.monitoring_start = (self.now - datetime.timedelta(days=DEMO_HISTORY_DAYS)).date()
                    unit.save(update_fields=["monitoring_start"])
                self.homes[unit.code] = unit.site.root_page.specific
                self.report.units += 1
            self._main_portal_identity()
            self._sections()
            self._users()
        for spec in progress(article_specs):
            with transaction.atomic():
                self._article(spec)
        for seed_extension in extensions.seeders():
            with transaction.atomic():
                seed_extension(self)
        with transaction.atomic():
            self.report.workflow_pages = seed_workflow_states(self.homes, self.now)
        return self.report

    def _remove_wagtail_welcome_page(self) -> None:
        """Wagtail's install leaves a "Welcome" page and a site on it; the portal replaces both."""
        for page in Page.objects.filter(depth=2, slug="home", content_type__model="page"):
            if page.get_children_count() == 0:
                Site.objects.filter(root_page=page).delete()
                page.delete()

    def _main_portal_identity(self) -> None:
        home = self.homes[sites.MAIN_CODE]
        settings = PortalSettings.for_site(home.get_site())
        changed = False
        for field, value in sites.MAIN_SETTINGS.items():
            if getattr(settings, field) != value:
                setattr(settings, field, value)
                changed = True
        if changed:
            settings.save()
        for code, home_page in self._home_translations(home):
            services = [
                ("service", {"title": link[code][0], "description": link[code][1], "url": link["url"]})
                for link in sites.SERVICE_LINKS
            ]
            if not home_page.intro:
                home_page.intro = sites.HOME_INTRO[code]
                home_page.service_links = services
                home_page.save_revision().publish()

    def _home_translations(self, home: HomePage) -> Iterator[tuple[str, HomePage]]:
        for page in home.get_translations(inclusive=True).select_related("locale"):
            yield page.locale.language_code, page.specific

    def _sections(self) -> None:
        for unit_code, home in self.homes.items():
            for slug, titles, _categories in sites.SECTIONS:
                section = home.get_children().filter(slug=slug).specific().first()
                if section is None:
                    section = SectionPage(title=titles["vi"], slug=slug, show_in_menus=True)
                    home.add_child(instance=section)
                    section.save_revision().publish()
                for code in TRANSLATED_LANGUAGES:
                    ensure_translation(section, self.locales[code], title=titles[code])
                self.sections[(unit_code, slug)] = section

    def _section_for(self, unit_code: str, category_code: str) -> SectionPage:
        for slug, _titles, categories in sites.SECTIONS:
            if category_code in categories:
                return self.sections[(unit_code, slug)]
        raise ValueError(f"Chuyên mục {category_code} không thuộc chuyên trang nào")

    def _article(self, spec: dict[str, Any]) -> None:
        unit_code = sites.MAIN_CODE if spec["site"] == "main" else spec["site"]
        category = self.categories[spec["category"]]
        section = self._section_for(unit_code, category.code)
        published = (self.now - datetime.timedelta(days=int(spec["days_ago"]))).replace(
            hour=7 + int(spec["days_ago"]) % 10, minute=(int(spec["days_ago"]) * 7) % 60, second=0, microsecond=0
        )
        vi = spec["vi"]
        slug = article_slug(vi["title"])
        article = ArticlePage.objects.child_of(section).filter(slug=slug).first()
        if article is None:
            unit = Unit.objects.select_related("collection").get(code=unit_code)
            image = ensure_image(
                title=f"Ảnh minh họa – {category.name_vi} – {unit.name_vi}",
                description=f"Ảnh minh họa chuyên mục {category.name_vi}",
                collection=unit.collection,
                seed=f"{unit_code}:{category.code}",
            )
            article = ArticlePage(
                title=vi["title"],
                slug=slug,
                summary=vi["summary"],
                body=body_blocks(vi["body"]),
                category=category,
                publication_date=published,
                featured_image=image,
                featured_image_caption=f"Ảnh minh họa: {category.name_vi}",
                author=spec.get("author", ""),
                source=spec.get("source", ""),
                is_featured=bool(spec.get("featured")),
            )
            section.add_child(instance=article)
            article.tags.set(spec.get("tags", []))
            article.save_revision().publish()
            self._backdate(article, published)
            self.report.articles_created += 1
        for code in TRANSLATED_LANGUAGES:
            text = spec.get(code)
            if not text:
                continue
            translation = ensure_translation(
                article,
                self.locales[code],
                title=text["title"],
                summary=text["summary"],
                body=body_blocks(text["body"]),
                featured_image_caption="",
            )
            self._backdate(translation, published)
            self.report.translations += 1

    @staticmethod
    def _backdate(page: Page, when: datetime.datetime) -> None:
        """Demo history: show the article as first published on its own date."""
        Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
        backdate_demo_history(page.pk, when)

    def _users(self) -> None:
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username="quantri",
            defaults={"email": "quantri@khanhhoa.gov.vn", "first_name": "Quản trị", "last_name": "hệ thống"},
        )
        if created:
            admin.is_superuser = admin.is_staff = True
            admin.set_password(sites.DEMO_PASSWORD)
            admin.save()
            self.report.users_created += 1
        for link in UnitGroup.objects.select_related("unit", "group"):
            username = f"{link.unit.code}.{sites.ROLE_USERNAME_SUFFIX[link.role]}"
            last_name, first_name = sites.ROLE_PEOPLE[link.role]
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@khanhhoa.gov.vn",
                    "first_name": first_name,
                    "last_name": f"{last_name} ({EditorialRole(link.role).label})",
                },
            )
            if created:
                user.set_password(sites.DEMO_PASSWORD)
                user.save()
                self.report.users_created += 1
            user.groups.add(link.group)
