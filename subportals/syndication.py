"""Proposing sub-portal articles to the main portal and the main board's decision (P-Art. 3.2)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .enums import EditorialRole
from .models import SyndicationRequest, SyndicationStatus, Unit
from .permissions import is_portal_manager, page_in_scope, unit_of_page


def can_propose(user: Any, page: Page) -> bool:
    """Members of the article's own unit may propose a live article of a sub-portal."""
    unit = unit_of_page(page)
    return bool(
        unit is not None
        and not unit.is_main
        and page.live
        and page.specific_class.__name__ == "ArticlePage"
        and page_in_scope(page, user)
        and page.permissions_for_user(user).can_edit()
    )


def can_decide(user: Any) -> bool:
    """The main portal's board head (and the management unit) decide what the main portal carries."""
    if is_portal_manager(user):
        return True
    return Unit.objects.filter(
        kind="main", role_groups__role=EditorialRole.BOARD_HEAD, role_groups__group__user=user
    ).exists()


@transaction.atomic
def propose(page: Page, user: Any, note: str = "") -> SyndicationRequest:
    if not can_propose(user, page):
        raise PermissionDenied
    if SyndicationRequest.objects.filter(
        page__translation_key=page.translation_key, status__in=[SyndicationStatus.PENDING, SyndicationStatus.APPROVED]
    ).exists():
        raise ValidationError(_("Tin bài này đã được đề xuất lên cổng chính."))
    return SyndicationRequest.objects.create(page=page, unit=unit_of_page(page), proposed_by=user, note=note.strip())


@transaction.atomic
def decide(request_obj: SyndicationRequest, user: Any, *, approve: bool, note: str = "") -> SyndicationRequest:
    """Approve or reject; the proposer never decides on their own proposal, a rejection needs a reason."""
    if not can_decide(user):
        raise PermissionDenied
    if request_obj.proposed_by_id == user.pk:
        raise ValidationError(_("Không được tự duyệt đề xuất của chính mình."))
    if request_obj.status != SyndicationStatus.PENDING:
        raise ValidationError(_("Đề xuất này đã được xử lý."))
    note = note.strip()
    if not approve and not note:
        raise ValidationError(_("Khi từ chối cần ghi rõ lý do."))
    request_obj.status = SyndicationStatus.APPROVED if approve else SyndicationStatus.REJECTED
    request_obj.decided_by = user
    request_obj.decided_at = timezone.now()
    if note:
        request_obj.note = f"{request_obj.note}\n{note}".strip()
    request_obj.save()
    return request_obj


def approved_translation_keys() -> Any:
    """Translation keys of approved articles; a subquery, so listings stay at a fixed query count."""
    return SyndicationRequest.objects.filter(status=SyndicationStatus.APPROVED, unit__is_active=True).values(
        "page__translation_key"
    )
