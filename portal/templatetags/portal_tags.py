"""Template helpers of the public site: navigation, language switcher, dates."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import get_language_info
from wagtail.models import Page, Site

from portal.i18n import active_language

register = template.Library()

OG_LOCALES = {"vi": "vi_VN", "en": "en_US", "ru": "ru_RU"}


def _site_home(request: Any) -> Page | None:
    """The current site's home page in the active language (cached on the request)."""
    if not hasattr(request, "_portal_home"):
        site = Site.find_for_request(request)
        home = None
        if site is not None and site.root_page_id and _site_is_open(request):
            home = _localized_home(site)
        request._portal_home = home
    return request._portal_home


def _localized_home(site: Site) -> Page:
    """The site's home in the active language, live (one query on indexed columns), else its root."""
    root = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    home = Page.objects.filter(translation_key__in=root, locale__language_code=active_language(), live=True).first()
    return home if home is not None else site.root_page


def _site_is_open(request: Any) -> bool:
    """A deactivated unit's site shows no navigation, even on its 404 page."""
    from subportals.services import current_unit

    unit = current_unit(request)
    return unit is None or unit.is_active


def _live_translations(request: Any, page: Page) -> list[Page]:
    """The page's live versions in every language, read once per request (switcher and hreflang)."""
    memo = request.__dict__.setdefault("_portal_translations", {})
    if page.pk not in memo:
        memo[page.pk] = list(page.get_translations(inclusive=True).live().select_related("locale"))
    return memo[page.pk]


@register.simple_tag(takes_context=True)
def site_home(context: dict[str, Any]) -> Page | None:
    return _site_home(context["request"])


@register.simple_tag(takes_context=True)
def menu_sections(context: dict[str, Any]) -> list[Page]:
    home = _site_home(context["request"])
    if home is None:
        return []
    return list(home.get_children().live().in_menu().public())


@register.simple_tag
def all_categories() -> list[Any]:
    from portal.models import Category

    return list(Category.objects.all())


@register.inclusion_tag("portal/includes/language_switcher.html", takes_context=True)
def language_switcher(context: dict[str, Any]) -> dict[str, Any]:
    """Each language links to this page's translation when it is live, else to that language's home."""
    request = context["request"]
    page = context.get("page")
    suffix = context.get("route_suffix", "")
    current = active_language()
    translations: dict[str, Page] = {}
    if isinstance(page, Page):
        translations = {p.locale.language_code: p for p in _live_translations(request, page)}
    homes: dict[str, Page] = {}
    home = _site_home(request)
    if home is not None:
        homes = {p.locale.language_code: p for p in _live_translations(request, home)}
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        if target is not None:
            url = target.get_url(request) + suffix
        elif code in homes:
            url = homes[code].get_url(request)
        else:
            url = f"/{code}/"
        links.append(
            {
                "code": code,
                "name": name,
                "name_local": get_language_info(code)["name_local"],
                "url": url,
                "is_current": code == current,
                "is_translation": target is not None,
            }
        )
    return {"links": links, "current": current}


@register.simple_tag(takes_context=True)
def alternate_links(context: dict[str, Any]) -> list[dict[str, str]]:
    """``hreflang`` alternates of the current page, for search engines."""
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page):
        return []
    suffix = context.get("route_suffix", "")
    return [
        {"lang": p.locale.language_code, "url": (p.get_full_url(request) or "") + suffix}
        for p in _live_translations(request, page)
    ]


@register.simple_tag(takes_context=True)
def breadcrumbs(context: dict[str, Any]) -> list[Page]:
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2))


@register.simple_tag(takes_context=True)
def page_kind(context: dict[str, Any]) -> str:
    """The page type, and the route of a routable page (``homepage.search``): styles and tests key on it."""
    page = context.get("page")
    if not isinstance(page, Page):
        return ""
    kind = page._meta.model_name
    match = getattr(context.get("request"), "routable_resolver_match", None)
    route = getattr(match, "url_name", None)
    return f"{kind}.{route}" if route else kind


@register.filter
def portal_date(value: datetime.datetime | datetime.date | None, kind: str = "DATE_FORMAT") -> str:
    """Dates as each language writes them (vi: 24/11/2026; en: 24 November 2026)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, kind)


@register.filter
def html_datetime(value: datetime.datetime | datetime.date | None) -> str:
    """A ``datetime`` attribute HTML accepts: ISO 8601 in local time, whole seconds (``date:'c'`` keeps µs)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


@register.filter
def og_locale(code: str) -> str:
    return OG_LOCALES.get(code, code)


@register.filter
def table_rows(table_value: Any) -> dict[str, Any]:
    """Split a TableBlock value into header and body rows for semantic <th>/<td> markup."""
    data = list(getattr(table_value, "get", lambda *_: None)("data") or [])
    has_header = bool(table_value.get("first_row_is_table_header")) if hasattr(table_value, "get") else False
    if has_header and data:
        return {"head": data[0], "body": data[1:]}
    return {"head": None, "body": data}
