"""Signals that feed update counting (wired in EditorialConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .recording import record_publication, record_withdrawal


@receiver(page_published, dispatch_uid="compliance_record_publication")
def _on_publish(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    record_publication(instance, revision, user=getattr(revision, "user", None))


@receiver(page_unpublished, dispatch_uid="compliance_record_unpublish")
def _on_unpublish(sender: Any, instance: Any, **kwargs: Any) -> None:
    record_withdrawal(instance.pk)


@receiver(pre_delete, dispatch_uid="compliance_record_delete")
def _on_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Page) and type(instance) is Page and instance.live:
        record_withdrawal(instance.pk)
