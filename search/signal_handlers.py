"""Keep the Elasticsearch indexes current: index on publish, drop on unpublish and delete, follow view
restrictions, page moves and units switched off or on.

Every handler does nothing (not even a database query) when ``ELASTICSEARCH_URL`` is unset, and a
failing Elasticsearch never stops the change that triggered it: the failure is logged, and the next
``search_reindex`` repairs the index. Which pages to write or drop is decided in ``search.indexing``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from subportals.models import Unit

from . import elastic

logger = logging.getLogger(__name__)


def _unit_code(page: Any) -> str | None:
    from subportals.permissions import unit_of_page

    unit = unit_of_page(page)
    return unit.code if unit is not None and unit.is_active else None


def _drop(page_id: int, language: str) -> None:
    try:
        elastic.client().options(ignore_status=404).delete(index=elastic.alias_name(language), id=page_id)
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
        es = elastic.client()
        if es.indices.exists_alias(name=elastic.alias_name(language)):  # else search_reindex has yet to run
            es.index(index=elastic.alias_name(language), id=instance.pk, document=elastic.document(instance, unit))
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


def _sync_subtree(page_id: int) -> None:
    """Write the public pages of a subtree again and drop the others (``indexing.subtree_changes``)."""
    from . import indexing

    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None:  # the restriction goes with its page: the page's own deletion drops it
        return
    try:
        elastic.apply(elastic.client(), indexing.subtree_changes(page))
    except Exception:
        logger.warning("Elasticsearch: could not update the pages under page %s", page_id, exc_info=True)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="search_index_restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="search_index_restriction_deleted")
def _restriction_changed(sender: Any, instance: PageViewRestriction, **kwargs: Any) -> None:
    """A password, login or group restriction hides the page and its descendants; removing it shows them."""
    if elastic.enabled():
        _sync_subtree(instance.page_id)


@receiver(post_page_move, dispatch_uid="search_index_page_moved")
def _moved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A moved page may now sit under a restriction, in another unit's tree, or out from under one."""
    if elastic.enabled():
        _sync_subtree(instance.pk)


def _indexed_code(unit: Unit) -> str | None:
    """The unit code its pages carry in the index, or None when its pages must not be there."""
    return unit.code if unit.is_active and unit.site_id else None


@receiver(pre_save, sender=Unit, dispatch_uid="search_index_unit_before")
def _unit_before(sender: Any, instance: Unit, **kwargs: Any) -> None:
    if not elastic.enabled():
        return
    stored = Unit.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._search_indexed_code = _indexed_code(stored) if stored is not None else None


@receiver(post_save, sender=Unit, dispatch_uid="search_index_unit_saved")
def _unit_saved(sender: Any, instance: Unit, **kwargs: Any) -> None:
    """A unit switched off (or without its site) leaves the index; switched back on, its pages return."""
    if not elastic.enabled():
        return
    from . import indexing

    before, after = getattr(instance, "_search_indexed_code", None), _indexed_code(instance)
    if before == after:
        return
    try:
        es = elastic.client()
        if before:
            elastic.drop_unit(es, before)
        if after:
            for changes in indexing.unit_documents(instance):
                elastic.apply(es, changes)
    except Exception:
        logger.warning("Elasticsearch: could not update the pages of unit %s", instance.code, exc_info=True)


@receiver(post_delete, sender=Unit, dispatch_uid="search_index_unit_deleted")
def _unit_deleted(sender: Any, instance: Unit, **kwargs: Any) -> None:
    if elastic.enabled() and _indexed_code(instance):
        try:
            elastic.drop_unit(elastic.client(), instance.code)
        except Exception:
            logger.warning("Elasticsearch: could not drop the pages of unit %s", instance.code, exc_info=True)
