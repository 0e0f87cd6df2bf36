"""Keep the Elasticsearch indexes current: index on publish, drop on unpublish and delete."""

from __future__ import annotations

import logging
from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from . import elastic

logger = logging.getLogger(__name__)


def _unit_code(page: Any) -> str | None:
    from subportals.permissions import unit_of_page

    unit = unit_of_page(page)
    return unit.code if unit is not None and unit.is_active else None


def _drop(page_id: int, language: str) -> None:
    try:
        elastic.client().delete(index=elastic.alias_name(language), id=page_id, ignore=[404])
    except Exception:
        logger.warning("Elasticsearch: could not drop page %s", page_id, exc_info=True)


@receiver(page_published, dispatch_uid="search_index_published")
def _published(sender: Any, instance: Any, **kwargs: Any) -> None:
    from .services import searchable_models

    if not elastic.enabled() or type(instance) not in searchable_models():
        return
    language = instance.locale.language_code
    unit = _unit_code(instance)
    page = Page.objects.filter(pk=instance.pk).live().public().first()
    if page is None or unit is None:
        _drop(instance.pk, language)
        return
    try:
        elastic.client().index(
            index=elastic.alias_name(language), id=instance.pk, document=elastic.document(instance, unit)
        )
    except Exception:
        logger.warning("Elasticsearch: could not index page %s", instance.pk, exc_info=True)


@receiver(page_unpublished, dispatch_uid="search_index_unpublished")
def _unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    if elastic.enabled():
        _drop(instance.pk, instance.locale.language_code)


@receiver(post_delete, dispatch_uid="search_index_deleted")
def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if elastic.enabled() and isinstance(instance, Page) and type(instance) is Page:
        _drop(instance.pk, instance.locale.language_code)
