"""Which translations (en, ru) of a unit's pages are missing, still drafts, or older than their source."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from portal.i18n import DEFAULT_LANGUAGE


class TranslationState(StrEnum):
    MISSING = "missing"
    DRAFT = "draft"
    OUTDATED = "outdated"
    CURRENT = "current"

    @property
    def label(self) -> str:
        return str(
            {
                "missing": _("Chưa dịch"),
                "draft": _("Bản dịch chưa đăng"),
                "outdated": _("Cần cập nhật: bản gốc đã sửa sau khi dịch"),
                "current": _("Đã cập nhật"),
            }[self.value]
        )


@dataclass(frozen=True)
class TranslationRow:
    source: Page
    states: dict[str, tuple[TranslationState, Page | None]]

    @property
    def needs_work(self) -> bool:
        return any(state is not TranslationState.CURRENT for state, _page in self.states.values())


def translation_rows(sources: QuerySet[Page] | Iterable[Page]) -> list[TranslationRow]:
    """One row per live source page in the default language, with the state of each other locale.

    A translation is out of date when the source was published after the translation last was.
    """
    locales = list(Locale.objects.exclude(language_code=DEFAULT_LANGUAGE).order_by("language_code"))
    sources = list(sources)
    keys = [page.translation_key for page in sources]
    translations = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, locale__in=locales).only(
            "pk", "title", "live", "last_published_at", "translation_key", "locale_id", "depth", "path"
        )
    }
    rows = []
    for source in sources:
        states: dict[str, tuple[TranslationState, Page | None]] = {}
        for locale in locales:
            target = translations.get((source.translation_key, locale.pk))
            if target is None:
                state = TranslationState.MISSING
            elif not target.live:
                state = TranslationState.DRAFT
            elif source.last_published_at and (
                target.last_published_at is None or target.last_published_at < source.last_published_at
            ):
                state = TranslationState.OUTDATED
            else:
                state = TranslationState.CURRENT
            states[locale.language_code] = (state, target)
        rows.append(TranslationRow(source, states))
    return rows


def sources_for(user, model: type[Page]) -> QuerySet[Page]:
    """Live pages of the given type in the default language that the user's units own."""
    from subportals.permissions import scope_pages

    pages = model.objects.live().filter(locale__language_code=DEFAULT_LANGUAGE).order_by("-last_published_at")
    return scope_pages(pages, user)
