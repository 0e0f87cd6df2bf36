"""Defacement watch: fingerprint what a visitor gets, re-check it, and explain legitimate changes.

What is watched: every live page without a view restriction in the trees (every language) of an
active unit's site, rendered through Django's test ``Client`` with the site's host name, so that
the middleware and hooks run as for a visitor. The HTML is normalised (CSRF tokens, nonces,
timestamps in comments, cache-busting parts of static and media URLs, whitespace) before hashing,
and kept compressed so that an incident can show a diff. Next to it, the page's own database
content (its row, child rows and live revision, without Wagtail's bookkeeping fields) is sealed.

The rule that separates a legitimate change from a defacement:

1. A publication never raises an alarm. Wagtail's ``page_published`` / ``page_unpublished`` and
   page moves, once their transaction commits, (a) mark the page itself as changed on purpose and
   re-fingerprint it with its ancestors (the parent listing, the site's home) and, for a sub-portal
   page, the main portal's home pages, and (b) mark every other fingerprint of the same site as
   "context changed": menus, listings, related articles and breadcrumbs may all show the change.
   Saving data that pages display (site settings, units, categories, sites, locales, an edited
   image, a syndication decision, a view restriction) marks the sites concerned the same way.
   The next check re-baselines a marked page whose rendering differs instead of raising an alarm.
2. A change behind Wagtail's back always raises one at the next check: a direct database change
   sends no signal, so nothing marks the page. The page's own content seal is checked even when
   its site was marked, so a page edited in the database (its row or its live revision's JSON) is
   reported even if another page of its site was published in between. Only a change of what a
   page *displays from elsewhere* can hide behind a publication of its site in the same window.
3. Errors (HTTP 5xx, an exception while rendering) are never explained and never become a
   baseline: they are reported (level high) until the page renders again.
4. Once reported, a page stays in alarm: it is not re-baselined silently by later publications of
   other pages; the next checks say "sự cố đang mở" without sending a new e-mail for the same
   state, and report a further change of it as a new incident. Its own publication, an operator's
   ``resolve_incident`` (``check_defacement --resolve N``) or ``check_defacement --baseline``
   re-baselines it; republishing a page in alarm also re-baselines its ancestors (and the main
   homes) alarmed by the same incident, since they only showed it. A page that renders its
   known-good content again leaves the alarm by itself; the incident stays open for the record
   until someone resolves it.
5. A live public page without a fingerprint (a new site, a page that became public) is adopted
   silently; a page inserted behind Wagtail's back still shows up as a change of the listings that
   now include it.

Limits: after a deployment that changes templates or static files, run
``check_defacement --baseline``; a crash between a publication's commit and its callback can
cause one false alarm.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache, reduce
from operator import or_
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, Revision

from portal.pagecache.middleware import BYPASS as PAGE_CACHE_BYPASS

from .models import (
    LEVEL_RANK,
    Incident,
    IncidentKind,
    IncidentLevel,
    IncidentStatus,
    PageFingerprint,
    compress,
)

logger = logging.getLogger(__name__)

T = TypeVar("T")
Progress = Callable[[Iterable[T], int], Iterable[T]]

# Bounds of what an incident keeps and mails: enough to see the defacement, not the whole site.
MAX_PAGE_DIFF_LINES = 200
MAX_PAGE_DIFF_CHARS = 20_000
MAX_INCIDENT_DIFF_CHARS = 100_000
MAX_MAIL_DIFF_CHARS = 30_000

# Wagtail's bookkeeping on the page row: it changes with drafts, locks, moves and workflow, not
# with what the page says. Excluded from the content seal.
STATE_FIELDS = frozenset(
    {
        "id",
        "pk",
        "path",
        "depth",
        "numchild",
        "url_path",
        "translation_key",
        "live",
        "has_unpublished_changes",
        "owner",
        "locked",
        "locked_at",
        "locked_by",
        "first_published_at",
        "last_published_at",
        "latest_revision_created_at",
        "latest_revision",
        "live_revision",
        "draft_title",
        "go_live_at",
        "expire_at",
        "expired",
        "alias_of",
        "wagtail_admin_comments",
        "index_entries",
        "postgres_index_entries",
    }
)

# Data shown on pages of every site (directory of sub-portals, categories, syndicated articles, …):
# saving one of these explains a rendering change anywhere.
GLOBAL_RENDERING_MODELS = frozenset(
    {
        "subportals.unit",
        "subportals.syndicationrequest",
        "portal.category",
        "wagtailcore.site",
        "wagtailcore.locale",
        "taggit.tag",
    }
)


# --- Rendering and normalising ------------------------------------------------------------------


@dataclass
class Rendering:
    """What a visitor got at ``url``: the status and the normalised text (or the error)."""

    url: str
    status: int
    text: str
    error: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.error) or self.status >= 500

    @property
    def sha256(self) -> str:
        return sha256_text(f"{self.status}\n{self.url}\n{self.text}")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_CSRF_INPUT = re.compile(r"<input\b[^>]*\bname\s*=\s*[\"']?csrfmiddlewaretoken\b[^>]*>", re.IGNORECASE)
_CSRF_META = re.compile(r"<meta\b[^>]*\bname\s*=\s*[\"']?csrf[-_]?token\b[^>]*>", re.IGNORECASE)
_CSRF_SCRIPT = re.compile(r"""(csrf[-_]?token["']?\s*[:=]\s*["'])[^"']*""", re.IGNORECASE)
_NONCE = re.compile(r"""\bnonce\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}:\d{2}:\d{2}(?:\.\d+)?"
    r"|\b\d{10,13}\b"
)
_WHITESPACE = re.compile(r"\s+")
_BETWEEN_TAGS = re.compile(r">\s*<")


@lru_cache(maxsize=4)
def _url_patterns(static_url: str, media_url: str) -> tuple[re.Pattern[str], ...]:
    stop = r"[^\"'\s<>()]"
    static, media = re.escape(static_url), re.escape(media_url)
    return (
        # Cache-busting query strings on static and media files (and signed storage URLs).
        re.compile(rf"((?:{static}|{media}){stop}*?)\?{stop}*"),
        # ManifestStaticFilesStorage's content hash: portal.1a2b3c4d5e6f.css → portal.css.
        re.compile(rf"({static}{stop}*?)\.[0-9a-f]{{12}}(\.\w+)"),
        # A rendition regenerated under a taken name gets a random suffix: x.fill-480x270_Ab3dE9f.png.
        re.compile(rf"({media}{stop}*?)_[A-Za-z0-9]{{7}}(\.\w+)"),
    )


def normalise_html(html: str) -> str:
    """Remove what legitimately differs between two requests for the same content, one tag per line."""
    text = _CSRF_INPUT.sub('<input type="hidden" name="csrfmiddlewaretoken">', html)
    text = _CSRF_META.sub('<meta name="csrf-token">', text)
    text = _CSRF_SCRIPT.sub(r"\1", text)
    text = _NONCE.sub('nonce=""', text)
    text = _COMMENT.sub(lambda match: _TIMESTAMP.sub("[thời điểm]", match.group(0)), text)
    query, static_hash, media_suffix = _url_patterns(settings.STATIC_URL or "/static/", settings.MEDIA_URL or "/media/")
    text = query.sub(r"\1", text)
    text = static_hash.sub(r"\1\2", text)
    text = media_suffix.sub(r"\1\2", text)
    text = _WHITESPACE.sub(" ", text).strip()
    return _BETWEEN_TAGS.sub(">\n<", text)


def page_address(page: Page) -> tuple[int | None, str | None]:
    """The page's site and full URL as a visitor reaches it (None when it is not routable)."""
    parts = page.get_url_parts()
    if not parts or parts[1] is None:
        return (parts[0] if parts else None), None
    site_id, root_url, path = parts
    return site_id, f"{root_url}{path}"


def render_url(url: str) -> Rendering:
    """GET the URL through the whole middleware stack, as an anonymous visitor on that host would."""
    from django.test import Client  # Only when rendering: keeps the test framework out of app loading.

    parts = urlsplit(url)
    secure = parts.scheme == "https" or bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
    headers: dict[str, Any] = {"HTTP_X_FORWARDED_PROTO": "https"} if secure else {}
    # What the database holds, not the page cache's copy: that is what a defacement changes.
    headers[PAGE_CACHE_BYPASS] = True
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    client = Client(raise_request_exception=False)
    # LocaleMiddleware activates the page's language on this thread: give the caller's back.
    with translation.override(translation.get_language()):
        try:
            response = client.get(path, HTTP_HOST=parts.netloc, secure=secure, **headers)
        except Exception as exc:  # A failure outside the view (middleware, URL resolution): still a result.
            logger.exception("Defacement check: rendering %s failed", url)
            return Rendering(url=url, status=500, text="", error=_describe(exc))
    exc_info = getattr(response, "exc_info", None)
    error = _describe(exc_info[1]) if exc_info else ""
    if 300 <= response.status_code < 400:
        return Rendering(url, response.status_code, f"Location: {response.get('Location', '')}", error)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Rendering(
        url, response.status_code, normalise_html(body.decode(response.charset or "utf-8", "replace")), error
    )


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return ""
    return f"{type(exc).__name__}: {exc}"[:500]


# --- The page's own content ------------------------------------------------------------------------


def _field_values(obj: models.Model) -> dict[str, Any]:
    """Column values as text, without Wagtail's bookkeeping; never calls ``pre_save`` (auto_now)."""
    values: dict[str, Any] = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.name in STATE_FIELDS or model_field.name.endswith("_ptr"):
            continue
        if model_field.remote_field is not None:
            values[model_field.name] = getattr(obj, model_field.attname)
        else:
            values[model_field.name] = model_field.value_to_string(obj)
    return values


def source_snapshot(page: Page) -> str:
    """What the database says the page is: its content fields, child rows and live revision, as stable JSON."""
    from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations

    specific = page.specific
    data = _field_values(specific)
    for relation in get_all_child_relations(specific):
        name = relation.get_accessor_name()
        if name in STATE_FIELDS:
            continue
        children = [{"pk": child.pk, **_field_values(child)} for child in getattr(specific, name).all()]
        data[name] = sorted(children, key=lambda child: str(child["pk"]))
    for m2m in get_all_child_m2m_relations(specific):
        data[m2m.name] = sorted(getattr(specific, m2m.name).values_list("pk", flat=True))
    revision_content = (
        Revision.objects.filter(pk=specific.live_revision_id).values_list("content", flat=True).first()
        if specific.live_revision_id
        else None
    )
    payload = {"page": data, "live_revision": specific.live_revision_id, "revision": revision_content}
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, indent=1)


# --- What is watched -----------------------------------------------------------------------------


class WatchScope:
    """The page trees (every language) of active units' sites, loaded once per run."""

    def __init__(self) -> None:
        from subportals.models import Unit

        units = Unit.objects.filter(is_active=True, site__isnull=False).select_related("site__root_page")
        keys = [unit.site.root_page.translation_key for unit in units if unit.site.root_page_id]
        self.roots: list[str] = list(Page.objects.filter(translation_key__in=keys).values_list("path", flat=True))

    def covers(self, page: Page) -> bool:
        return any(page.path.startswith(root) for root in self.roots)

    def watches(self, page: Page) -> bool:
        """Live, public and on an active unit's site: what visitors can read."""
        return bool(page.live and self.covers(page) and not page.get_view_restrictions().exists())

    def page_ids(self) -> list[int]:
        if not self.roots:
            return []
        within = reduce(or_, (models.Q(path__startswith=root) for root in self.roots))
        return list(Page.objects.live().public().filter(within).order_by("path").values_list("pk", flat=True))


# --- Fingerprinting ------------------------------------------------------------------------------


def _store(
    fingerprint: PageFingerprint | None,
    page: Page,
    site_id: int | None,
    rendering: Rendering,
    source: str,
    recorded_at: datetime,
) -> PageFingerprint:
    """Make this rendering the known-good state of the page (clears any alarm on it)."""
    fingerprint = fingerprint or PageFingerprint(page_ref=page.pk)
    fingerprint.page = page
    fingerprint.site_id = site_id
    fingerprint.locale = page.locale.language_code
    fingerprint.title = page.title[:255]
    fingerprint.url = rendering.url[:2000]
    fingerprint.status_code = rendering.status
    fingerprint.sha256 = rendering.sha256
    fingerprint.content = compress(rendering.text)
    fingerprint.source_sha256 = sha256_text(source)
    fingerprint.source = compress(source)
    fingerprint.revision_id = page.live_revision_id
    fingerprint.recorded_at = recorded_at
    fingerprint.alarm_digest = ""
    fingerprint.incident = None
    try:
        with transaction.atomic():
            fingerprint.save()
    except IntegrityError:  # Recorded meanwhile by a publication or another run: update that row.
        fingerprint.pk = PageFingerprint.objects.values_list("pk", flat=True).get(page_ref=page.pk)
        fingerprint._state.adding = False
        fingerprint.save()
    return fingerprint


def fingerprint_page(
    page: Page, *, keep_alarm: bool = False, restored_incident_id: int | None = None
) -> PageFingerprint | None:
    """Render the page now and record it as known good; None when it does not render (nothing stored).

    With ``keep_alarm``, a page whose unexplained change is already reported is left alone (only its
    own publication or an operator may accept its current state), unless its alarm belongs to
    ``restored_incident_id``: the incident of a page just republished, which this page lists.
    """
    page = page.specific
    existing = PageFingerprint.objects.filter(page_ref=page.pk).first()
    in_alarm = existing is not None and bool(existing.alarm_digest)
    if keep_alarm and in_alarm and (restored_incident_id is None or existing.incident_id != restored_incident_id):
        return existing
    recorded_at = timezone.now()
    site_id, url = page_address(page)
    if url is None:
        return None
    rendering = render_url(url)
    if rendering.status != 200 or rendering.failed:
        logger.warning("Defacement watch: %s answered %s, not recorded", url, rendering.status)
        return None
    return _store(existing, page, site_id, rendering, source_snapshot(page), recorded_at)


# --- Legitimate changes (called by the signal handlers) -----------------------------------------


def page_changed(page: Page, *, extra_site_ids: Iterable[int] = ()) -> None:
    """The page was published, unpublished, deleted or moved: once committed, its watch follows.

    Everything needed is read now (the page may be gone once the transaction commits).
    """
    site_id, _url = page_address(page)
    site_ids = {site_id, *extra_site_ids} - {None}
    ancestor_ids = list(page.get_ancestors().filter(depth__gte=2).values_list("pk", flat=True))
    page_id, locale_id = page.pk, page.locale_id
    transaction.on_commit(lambda: _after_page_change(page_id, locale_id, site_ids, ancestor_ids), robust=True)


def _after_page_change(page_id: int, locale_id: int, site_ids: set[int], ancestor_ids: list[int]) -> None:
    now = timezone.now()
    # Republishing a page in alarm restores it; the listings that showed it were alarmed with it.
    restored_incident_id = (
        PageFingerprint.objects.filter(page_ref=page_id).exclude(alarm_digest="").values_list("incident_id", flat=True)
    ).first()
    PageFingerprint.objects.filter(page_ref=page_id).update(published_at=now)
    _mark_fingerprints(site_ids=site_ids, when=now)
    homes: list[int] = []
    from subportals.services import main_home_ids, main_site_ids

    if site_ids - main_site_ids():  # A sub-portal's news also shows on the main portal's home.
        homes = main_home_ids(locale_id)
        PageFingerprint.objects.filter(page_ref__in=homes).update(context_changed_at=now)

    scope = WatchScope()
    page = Page.objects.filter(pk=page_id).first()
    if page is not None and scope.watches(page):
        _safely(fingerprint_page, page)
    else:  # Unpublished, deleted, made private or on a closed site: no longer what visitors read.
        PageFingerprint.objects.filter(page_ref=page_id).delete()
    for related in Page.objects.filter(pk__in=[*ancestor_ids, *homes]).exclude(pk=page_id):
        if scope.watches(related):
            _safely(fingerprint_page, related, keep_alarm=True, restored_incident_id=restored_incident_id)


def _safely(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """A failure to fingerprint never breaks a publication: the marks already explain the change."""
    try:
        with transaction.atomic():
            return function(*args, **kwargs)
    except Exception:
        logger.exception("Defacement watch: fingerprinting after a publication failed")
        return None


# Sent with ``site_ids`` (None: every site) once data shown around the pages' content changed
# legitimately (settings, menus, ads, links, units); the page cache listens.
context_changed = Signal()


def mark_context_changed(*, site_ids: Iterable[int] | None = None, when: datetime | None = None) -> int:
    """Something these sites' pages display changed legitimately (``site_ids=None``: every site)."""
    site_ids = None if site_ids is None else set(site_ids)
    context_changed.send(sender=PageFingerprint, site_ids=site_ids)
    return _mark_fingerprints(site_ids=site_ids, when=when)


def _mark_fingerprints(*, site_ids: set[int] | None, when: datetime | None) -> int:
    queryset = PageFingerprint.objects.all()
    if site_ids is not None:
        queryset = queryset.filter(site_id__in=list(site_ids))
    return queryset.update(context_changed_at=when or timezone.now())


def mark_pages_changed(root: Page, *, when: datetime | None = None) -> int:
    """The page and its descendants changed on purpose (e.g. their view restriction)."""
    return PageFingerprint.objects.filter(page__path__startswith=root.path).update(published_at=when or timezone.now())


def rendering_data_changed(instance: models.Model, *, created: bool = False) -> None:
    """Data that pages display was saved or deleted through the application: explain what it changes."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction

    label = instance._meta.label_lower
    if isinstance(instance, BaseSiteSetting):
        site_ids: set[int] | None = {instance.site_id}
    elif isinstance(instance, BaseGenericSetting) or label in GLOBAL_RENDERING_MODELS:
        site_ids = None
    elif isinstance(instance, (get_image_model(), get_document_model())):
        if created:  # A new image is not shown anywhere until a page using it is published.
            return
        site_ids = None
    elif isinstance(instance, PageViewRestriction):
        page = Page.objects.filter(pk=instance.page_id).first()
        if page is None:
            return
        site_id, _url = page_address(page)
        site_ids = {site_id} - {None}
        transaction.on_commit(lambda: mark_pages_changed(page), robust=True)
    else:
        return
    transaction.on_commit(lambda: mark_context_changed(site_ids=site_ids), robust=True)


def watches_model(model: type[models.Model]) -> bool:
    """Whether saving this model may change what public pages display (cheap; cached per class)."""
    return _watches_model(model)


@lru_cache(maxsize=1024)
def _watches_model(model: type[models.Model]) -> bool:
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction

    try:  # Historical models of migrations are not the registered classes: skip them.
        if apps.get_model(model._meta.label) is not model:
            return False
    except LookupError:
        return False
    return model._meta.label_lower in GLOBAL_RENDERING_MODELS or issubclass(
        model,
        (BaseSiteSetting, BaseGenericSetting, PageViewRestriction, get_image_model(), get_document_model()),
    )


# --- Checking ------------------------------------------------------------------------------------


class Change(models.TextChoices):
    CHANGED = "changed", gettext_lazy("Nội dung hiển thị bị thay đổi")
    SOURCE = "source", gettext_lazy("Dữ liệu trang bị sửa trực tiếp trong cơ sở dữ liệu")
    GONE = "gone", gettext_lazy("Trang không còn truy cập được")
    ERROR = "error", gettext_lazy("Trang bị lỗi khi hiển thị")


@dataclass
class Finding:
    """One page whose state no legitimate change explains."""

    page_id: int
    url: str
    locale: str
    title: str
    change: str
    level: str
    status_before: int | None
    status_now: int
    digest: str
    diff: str = ""
    error: str = ""
    fingerprint: PageFingerprint | None = None
    known_incident: Incident | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "page_id": self.page_id,
            "url": self.url,
            "locale": self.locale,
            "title": self.title,
            "change": self.change,
            "status_before": self.status_before,
            "status_now": self.status_now,
            **({"error": self.error} if self.error else {}),
        }

    @property
    def change_label(self) -> str:
        return str(Change(self.change).label)


@dataclass
class CheckResult:
    checked: int = 0
    unchanged: int = 0
    rebaselined: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    new_findings: list[Finding] = field(default_factory=list)
    known_findings: list[Finding] = field(default_factory=list)
    incident: Incident | None = None
    notified: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.new_findings and not self.known_findings

    @property
    def open_incidents(self) -> list[Incident]:
        seen: dict[int, Incident] = {}
        for finding in self.known_findings:
            if finding.known_incident is not None:
                seen.setdefault(finding.known_incident.pk, finding.known_incident)
        return list(seen.values())


def explain_change(fingerprint: PageFingerprint, *, source_changed: bool) -> str | None:
    """Why the page may legitimately differ from its fingerprint, or None when nothing explains it.

    Its own publication explains anything. A legitimate change elsewhere on its site explains a
    different rendering, but neither a change of the page's own data nor a page already in alarm.
    """
    recorded = fingerprint.recorded_at
    if fingerprint.published_at and fingerprint.published_at >= recorded:
        return "publication"
    if source_changed or fingerprint.alarm_digest:
        return None
    if fingerprint.context_changed_at and fingerprint.context_changed_at >= recorded:
        return "context"
    return None


# Sent before every check, so that apps whose content changes on a clock (ads starting or ending)
# can mark the sites they changed first; receivers get ``when`` (now).
check_starting = Signal()


def check_all(*, progress: Progress | None = None, notify: bool = True) -> CheckResult:
    """Re-render every fingerprinted page (and adopt new ones); one incident for what nothing explains."""
    check_starting.send(sender=CheckResult, when=timezone.now())
    result = CheckResult()
    scope = WatchScope()
    fingerprints = list(PageFingerprint.objects.select_related("incident").order_by("page_ref"))
    known = {fingerprint.page_ref for fingerprint in fingerprints}
    work: list[PageFingerprint | int] = [*fingerprints, *(pk for pk in scope.page_ids() if pk not in known)]
    items: Iterable[PageFingerprint | int] = progress(work, len(work)) if progress else work
    findings: list[Finding] = []
    for item in items:
        result.checked += 1
        try:
            if isinstance(item, PageFingerprint):
                finding = _check_fingerprint(item, scope, result)
            else:
                finding = _adopt(item, scope, result)
        except Exception as exc:  # One broken page never stops the watch over the others.
            logger.exception("Defacement check failed on %s", item)
            finding = _failure(item, exc)
        if finding is not None:
            findings.append(finding)

    for finding in findings:
        incident = finding.known_incident
        if incident is not None and incident.is_open:
            result.known_findings.append(finding)
        else:
            finding.known_incident = None
            result.new_findings.append(finding)
    if result.new_findings:
        result.incident = record_incident(result.new_findings)
        if notify:
            result.notified = notify_incident(result.incident)
    return result


def _check_fingerprint(fingerprint: PageFingerprint, scope: WatchScope, result: CheckResult) -> Finding | None:
    started = timezone.now()
    page = Page.objects.filter(pk=fingerprint.page_ref).first()
    page = page.specific if page is not None else None
    url = page_address(page)[1] if page is not None else None
    rendering = render_url(url or fingerprint.url)
    source = source_snapshot(page) if page is not None else ""
    source_sha = sha256_text(source) if page is not None else ""
    html_changed = rendering.sha256 != fingerprint.sha256
    source_changed = source_sha != fingerprint.source_sha256

    if rendering.failed:
        return _finding(fingerprint, page, rendering, source, Change.ERROR, IncidentLevel.HIGH)
    if not html_changed and not source_changed:
        result.unchanged += 1
        if fingerprint.alarm_digest:  # Back to its known-good content: out of alarm.
            PageFingerprint.objects.filter(pk=fingerprint.pk).update(alarm_digest="", incident=None)
            result.restored.append(fingerprint.url)
        return None

    reason = explain_change(fingerprint, source_changed=source_changed)
    watched = page is not None and scope.watches(page)
    if reason is not None:
        if not watched:  # Unpublished, private, deleted or closed on purpose: no longer watched.
            fingerprint.delete()
            result.dropped.append(fingerprint.url)
            return None
        if rendering.status == 200:
            _store(fingerprint, page, page_address(page)[0], rendering, source, started)
            result.rebaselined.append(rendering.url)
            return None
        # Live and public, yet not served: broken rather than defaced.
        return _finding(fingerprint, page, rendering, source, Change.GONE, IncidentLevel.HIGH)
    if rendering.status != 200:
        return _finding(fingerprint, page, rendering, source, Change.GONE, IncidentLevel.EMERGENCY)
    change = Change.CHANGED if html_changed else Change.SOURCE
    return _finding(fingerprint, page, rendering, source, change, IncidentLevel.EMERGENCY)


def _adopt(page_id: int, scope: WatchScope, result: CheckResult) -> Finding | None:
    """A watched page without a fingerprint: record it, or report it when it does not render."""
    started = timezone.now()
    page = Page.objects.get(pk=page_id).specific
    site_id, url = page_address(page)
    if url is None:
        return None
    rendering = render_url(url)
    source = source_snapshot(page)
    if rendering.status == 200 and not rendering.failed:
        _store(None, page, site_id, rendering, source, started)
        result.adopted.append(url)
        return None
    # Keep a placeholder whose baseline is pending (never matches, explained once it renders), so the
    # failure is reported once and the page is adopted when it works again.
    placeholder = PageFingerprint(
        page=page,
        page_ref=page.pk,
        site_id=site_id,
        locale=page.locale.language_code,
        title=page.title[:255],
        url=url[:2000],
        status_code=rendering.status,
        sha256="",
        recorded_at=started,
        published_at=started,
    )
    placeholder.save()
    change = Change.ERROR if rendering.failed else Change.GONE
    return _finding(placeholder, page, rendering, source, change, IncidentLevel.HIGH)


def _finding(
    fingerprint: PageFingerprint,
    page: Page | None,
    rendering: Rendering,
    source: str,
    change: str,
    level: str,
) -> Finding:
    if change == Change.ERROR:
        digest = f"error:{rendering.status}:{rendering.error.split(':', 1)[0]}"
    else:
        digest = f"{rendering.sha256}:{sha256_text(source) if page is not None else ''}"
    digest = digest[:200]
    incident = fingerprint.incident if fingerprint.alarm_digest == digest else None
    return Finding(
        page_id=fingerprint.page_ref,
        url=rendering.url,
        locale=fingerprint.locale,
        title=(page.title if page is not None else fingerprint.title)[:255],
        change=change,
        level=level,
        status_before=fingerprint.status_code if fingerprint.sha256 else None,
        status_now=rendering.status,
        digest=digest,
        diff=page_diff(fingerprint, rendering, source if page is not None else None),
        error=rendering.error,
        fingerprint=fingerprint,
        known_incident=incident,
    )


def _failure(item: PageFingerprint | int, exc: Exception) -> Finding:
    """The check itself failed on a page (not the page's view): reported so that nobody assumes it was fine."""
    fingerprint = item if isinstance(item, PageFingerprint) else None
    error = _describe(exc)
    digest = f"error:check:{type(exc).__name__}"
    return Finding(
        page_id=item.page_ref if isinstance(item, PageFingerprint) else item,
        url=fingerprint.url if fingerprint else "",
        locale=fingerprint.locale if fingerprint else "",
        title=fingerprint.title if fingerprint else "",
        change=Change.ERROR,
        level=IncidentLevel.HIGH,
        status_before=fingerprint.status_code if fingerprint else None,
        status_now=500,
        digest=digest,
        error=error,
        fingerprint=fingerprint,
        known_incident=fingerprint.incident if fingerprint and fingerprint.alarm_digest == digest else None,
    )


def _truncate(lines: list[str]) -> str:
    if len(lines) > MAX_PAGE_DIFF_LINES:
        lines = [
            *lines[:MAX_PAGE_DIFF_LINES],
            _("… (còn %(count)s dòng khác biệt)") % {"count": len(lines) - MAX_PAGE_DIFF_LINES},
        ]
    text = "\n".join(lines)
    if len(text) > MAX_PAGE_DIFF_CHARS:
        text = text[:MAX_PAGE_DIFF_CHARS] + "\n" + _("… (đã cắt bớt)")
    return text


def page_diff(fingerprint: PageFingerprint, rendering: Rendering, source: str | None) -> str:
    """Unified diff of the normalised rendering (and of the page's data when it changed)."""
    when = timezone.localtime(fingerprint.recorded_at).strftime("%d/%m/%Y %H:%M") if fingerprint.recorded_at else "?"
    before_label = _("%(url)s (bản ghi nhận lúc %(when)s)") % {"url": fingerprint.url, "when": when}
    now_label = _("%(url)s (hiện tại)") % {"url": rendering.url}
    before = fingerprint.text.splitlines()
    if fingerprint.status_code != rendering.status:
        before = [f"HTTP {fingerprint.status_code}", *before]
    after = [
        *([f"HTTP {rendering.status}"] if fingerprint.status_code != rendering.status else []),
        *rendering.text.splitlines(),
    ]
    if rendering.error:
        after.append(rendering.error)
    lines = list(difflib.unified_diff(before, after, before_label, now_label, n=2, lineterm=""))
    if source is not None and sha256_text(source) != fingerprint.source_sha256 and fingerprint.source:
        lines += list(
            difflib.unified_diff(
                fingerprint.source_text.splitlines(),
                source.splitlines(),
                _("dữ liệu trang (bản ghi nhận)"),
                _("dữ liệu trang (hiện tại)"),
                n=1,
                lineterm="",
            )
        )
    return _truncate(lines)


# --- Incidents and alerts ------------------------------------------------------------------------


def incident_summary(findings: list[Finding]) -> str:
    count = len(findings)
    if any(finding.level == IncidentLevel.EMERGENCY for finding in findings):
        return _("%(count)s trang bị thay đổi hoặc biến mất mà không có lần xuất bản nào giải thích.") % {
            "count": count
        }
    return _("%(count)s trang bị lỗi khi hiển thị.") % {"count": count}


@transaction.atomic
def record_incident(findings: list[Finding]) -> Incident:
    """One incident for the run's new findings; the pages stay in alarm with this incident."""
    level = max((finding.level for finding in findings), key=lambda value: LEVEL_RANK[IncidentLevel(value)])
    kind = IncidentKind.DEFACEMENT if level == IncidentLevel.EMERGENCY else IncidentKind.PAGE_ERROR
    blocks, size = [], 0
    for finding in findings:
        block = f"=== {finding.url} ({finding.locale}) – {finding.change_label} ===\n{finding.diff}".rstrip()
        if size + len(block) > MAX_INCIDENT_DIFF_CHARS:
            blocks.append(_("… (đã cắt bớt: %(count)s trang nữa)") % {"count": len(findings) - len(blocks)})
            break
        blocks.append(block)
        size += len(block) + 2
    incident = Incident.objects.create(
        level=level,
        kind=kind,
        summary=incident_summary(findings),
        pages=[finding.as_json() for finding in findings],
        diff="\n\n".join(blocks),
    )
    for finding in findings:
        if finding.fingerprint is not None and finding.fingerprint.pk:
            PageFingerprint.objects.filter(pk=finding.fingerprint.pk).update(
                alarm_digest=finding.digest, incident=incident
            )
    return incident


def _split_addresses(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[\s,;]+", text or "") if part.strip()]


def alert_recipients() -> list[str]:
    """The management unit: the main unit's contact addresses, the management group, SECURITY_ALERT_EMAILS."""
    from django.contrib.auth import get_user_model

    from subportals.enums import UnitKind
    from subportals.models import Unit
    from subportals.provisioning import MANAGEMENT_GROUP_NAME

    candidates: list[str] = []
    for emails in Unit.objects.filter(kind=UnitKind.MAIN).values_list("contact_emails", flat=True):
        candidates += _split_addresses(emails)
    users = get_user_model().objects.filter(groups__name=MANAGEMENT_GROUP_NAME, is_active=True).exclude(email="")
    candidates += list(users.order_by("pk").values_list("email", flat=True))
    extra = getattr(settings, "SECURITY_ALERT_EMAILS", None) or []
    candidates += _split_addresses(extra) if isinstance(extra, str) else list(extra)

    recipients, seen = [], set()
    for address in candidates:
        try:
            validate_email(address)
        except ValidationError:
            logger.warning("Defacement alert: ignoring invalid address %r", address)
            continue
        if address.casefold() not in seen:
            seen.add(address.casefold())
            recipients.append(address)
    return recipients


def notify_incident(incident: Incident) -> list[str]:
    """E-mail the management unit; the incident stays recorded even if the mail cannot be sent."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    recipients = alert_recipients()
    if not recipients:
        logger.error("Defacement alert #%s: no recipient (set SECURITY_ALERT_EMAILS)", incident.pk)
        return []
    diff = incident.diff
    if len(diff) > MAX_MAIL_DIFF_CHARS:
        diff = diff[:MAX_MAIL_DIFF_CHARS] + "\n" + _("… (đã cắt bớt, xem đầy đủ trong sự cố)")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[%(level)s] Cổng thông tin điện tử: %(kind)s (sự cố #%(number)s)") % {
            "level": incident.get_level_display(),
            "kind": incident.get_kind_display().lower(),
            "number": incident.pk,
        }
        body = render_to_string("security/integrity/alert_email.txt", {"incident": incident, "diff": diff})
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # SMTP down: the incident and the command's exit status still tell.
        logger.exception("Defacement alert #%s could not be e-mailed", incident.pk)
        return []
    Incident.objects.filter(pk=incident.pk).update(notified_to=recipients, notified_at=timezone.now())
    incident.notified_to = recipients
    return recipients


# --- Baseline and incident handling --------------------------------------------------------------


@dataclass
class BaselineResult:
    recorded: list[str] = field(default_factory=list)
    dropped: int = 0
    failed: list[tuple[str, int, str]] = field(default_factory=list)


def baseline_all(*, progress: Progress | None = None) -> BaselineResult:
    """Fingerprint every watched page from scratch (first install, after a deployment)."""
    result = BaselineResult()
    scope = WatchScope()
    page_ids = scope.page_ids()
    items: Iterable[int] = progress(page_ids, len(page_ids)) if progress else page_ids
    for page_id in items:
        page = Page.objects.get(pk=page_id).specific
        started = timezone.now()
        site_id, url = page_address(page)
        if url is None:
            continue
        try:
            rendering = render_url(url)
            source = source_snapshot(page)
        except Exception as exc:
            logger.exception("Baseline failed on %s", url)
            result.failed.append((url, 500, _describe(exc)))
            continue
        if rendering.status != 200 or rendering.failed:
            result.failed.append((url, rendering.status, rendering.error))
            continue
        existing = PageFingerprint.objects.filter(page_ref=page.pk).first()
        _store(existing, page, site_id, rendering, source, started)
        result.recorded.append(url)
    stale = PageFingerprint.objects.exclude(page_ref__in=page_ids)
    result.dropped = stale.count()
    stale.delete()
    return result


def _name(user: Any) -> str:
    return (user.get_username() if user is not None else "")[:150]


def acknowledge_incident(incident: Incident, user: Any) -> Incident:
    """Someone of the management unit has taken the incident in hand."""
    if incident.status == IncidentStatus.OPEN:
        incident.status = IncidentStatus.ACKNOWLEDGED
        incident.acknowledged_by = user
        incident.acknowledged_by_name = _name(user)
        incident.acknowledged_at = timezone.now()
        incident.save(update_fields=["status", "acknowledged_by", "acknowledged_by_name", "acknowledged_at"])
    return incident


def resolve_incident(incident: Incident, user: Any, *, note: str = "", rebaseline: bool = True) -> Incident:
    """Close the incident; its pages' current rendering becomes the known-good one (restored or accepted)."""
    if rebaseline:
        scope = WatchScope()
        for fingerprint in PageFingerprint.objects.filter(incident=incident):
            page = Page.objects.filter(pk=fingerprint.page_ref).first()
            if page is None or not scope.watches(page):
                fingerprint.delete()
            elif fingerprint_page(page) is None:
                PageFingerprint.objects.filter(pk=fingerprint.pk).update(alarm_digest="", incident=None)
    if incident.status == IncidentStatus.OPEN:
        acknowledge_incident(incident, user)
    incident.status = IncidentStatus.RESOLVED
    incident.resolved_by = user
    incident.resolved_by_name = _name(user)
    incident.resolved_at = timezone.now()
    incident.resolution_note = note
    incident.save(update_fields=["status", "resolved_by", "resolved_by_name", "resolved_at", "resolution_note"])
    return incident
