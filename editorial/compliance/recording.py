"""What counts as an update (P-Art. 11), recorded at the moment a page really goes live.

Counted: the first publication of a content page in any language, and a republication the
editor marked as a substantive update. Not counted: drafts, scheduling, unpublishing, deleting,
republishing a typo fix. The day is the day of the real go-live (Vietnam time), never the
"publication date" the editor may back-date. A publication withdrawn (unpublished or deleted)
within ``COMPLIANCE_MIN_LIVE_HOURS`` stops counting: publishing and pulling a page cannot fake
an update.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .enums import UpdateKind
from .models import UpdateRecord


def min_live_hours() -> int:
    return int(getattr(settings, "COMPLIANCE_MIN_LIVE_HOURS", 24))


def is_countable(page: Any) -> bool:
    """Content pages only (articles and the other Article 8 types); aliases copy, they do not update."""
    from portal.models.pages import ContentPage

    return isinstance(page, ContentPage) and not page.alias_of_id


def update_kind(page: Any) -> str | None:
    """Which kind of update this publication is, or None when it does not count."""
    first_time = page.first_published_at is not None and page.first_published_at == page.last_published_at
    if first_time and not UpdateRecord.objects.filter(page_id=page.pk, kind=UpdateKind.FIRST_PUBLICATION).exists():
        return UpdateKind.FIRST_PUBLICATION
    if getattr(page, "substantive_update", False):
        return UpdateKind.SUBSTANTIVE
    return None


def record_publication(page: Any, revision: Any, user: Any = None) -> UpdateRecord | None:
    """Record the update if this publication counts; called from the ``page_published`` signal."""
    from subportals.permissions import unit_of_page

    if not is_countable(page) or not page.live or revision is None or page.live_revision_id != revision.pk:
        return None  # Scheduled for later: it counts when it really goes live.
    kind = update_kind(page)
    if kind is None:
        return None
    unit = unit_of_page(page)
    if unit is None:
        return None
    went_live = page.last_published_at or timezone.now()
    try:
        with transaction.atomic():
            record, _created = UpdateRecord.objects.get_or_create(
                page_id=page.pk,
                revision_id=revision.pk,
                defaults={
                    "unit": unit,
                    "page_title": page.title[:255],
                    "language": page.locale.language_code,
                    "kind": kind,
                    "went_live_at": went_live,
                    "live_date": timezone.localtime(went_live).date(),
                    "published_by": user if getattr(user, "pk", None) else None,
                },
            )
    except IntegrityError:  # The same revision published twice at once: one record is enough.
        return UpdateRecord.objects.filter(page_id=page.pk, revision_id=revision.pk).first()
    return record


def record_withdrawal(page_id: int, when: datetime.datetime | None = None) -> int:
    """The page left the site: its updates younger than the minimum live time stop counting."""
    when = when or timezone.now()
    recent = when - datetime.timedelta(hours=min_live_hours())
    open_records = UpdateRecord.objects.filter(page_id=page_id, withdrawn_at__isnull=True)
    cancelled = open_records.filter(went_live_at__gt=recent).update(counts=False, withdrawn_at=when)
    open_records.update(withdrawn_at=when)
    return cancelled


def backdate_demo_history(page_id: int, when: datetime.datetime) -> None:
    """Demo data only: place a seeded page's first publication on its story date, as a real history would."""
    UpdateRecord.objects.filter(page_id=page_id, kind=UpdateKind.FIRST_PUBLICATION).update(
        went_live_at=when, live_date=timezone.localtime(when).date()
    )
