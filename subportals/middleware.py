"""Defence in depth for P-Art. 6.1: an admin URL naming another unit's page answers 404.

Wagtail checks permissions view by view, and several secondary screens (explorer listing, bulk
actions, workflow and translation screens) show a page's title or data to any admin user. Here every
admin request that names pages by ID is checked against the user's units before the view runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from wagtail.models import Page

from .permissions import is_portal_manager, page_in_scope

PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
# Reports that count or list every unit's pages: the management unit's alone.
MANAGEMENT_ONLY_URLS = frozenset(
    {
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:page_types_usage_results",
        "wagtail_localize:translations_report",
        "wagtail_localize:translations_report_results",
    }
)
MEDIA_BULK_MODELS = {("wagtailimages", "image"), ("wagtaildocs", "document")}


def _page_ids(request: HttpRequest, view_kwargs: dict[str, Any]) -> set[int]:
    ids = {int(view_kwargs[name]) for name in PAGE_ID_KWARGS if name in view_kwargs}
    if _bulk_model(request, view_kwargs) == ("wagtailcore", "page"):
        ids |= _listed_ids(request, "id")
        # The bulk "move" form names its destination in "chooser".
        ids |= _listed_ids(request, "chooser")
    # The copy form names its destination in "new_parent_page".
    ids |= _listed_ids(request, "new_parent_page")
    for key in ("translation_id", "translation_source_id"):
        if key in view_kwargs:
            ids |= _translated_page_ids(key, int(view_kwargs[key]))
    return ids


def _bulk_model(request: HttpRequest, view_kwargs: dict[str, Any]) -> tuple[str, str] | None:
    match = request.resolver_match
    if match is None or match.url_name != "wagtail_bulk_action":
        return None
    return view_kwargs.get("app_label"), view_kwargs.get("model_name")


def _listed_ids(request: HttpRequest, name: str) -> set[int]:
    values = request.GET.getlist(name) + request.POST.getlist(name)
    return {int(value) for value in values if value.isdigit()}


def _foreign_media(request: HttpRequest, view_kwargs: dict[str, Any], user: Any) -> bool:
    """Bulk actions on images or documents outside the collections the user may change or choose."""
    model_key = _bulk_model(request, view_kwargs)
    if model_key not in MEDIA_BULK_MODELS:
        return False
    from wagtail.documents import get_document_model
    from wagtail.documents import get_permission_policy as document_policy
    from wagtail.images import get_image_model
    from wagtail.images import get_permission_policy as image_policy

    model, policy = (
        (get_image_model(), image_policy())
        if model_key[0] == "wagtailimages"
        else (get_document_model(), document_policy())
    )
    actions = ["add", "change", "delete", "choose"]
    allowed = set(policy.collections_user_has_any_permission_for(user, actions).values_list("pk", flat=True))
    ids = _listed_ids(request, "id")
    target = _listed_ids(request, "collection")
    in_use = set(model.objects.filter(pk__in=ids).values_list("collection_id", flat=True))
    return not (in_use | target) <= allowed


def _translated_page_ids(key: str, pk: int) -> set[int]:
    """wagtail-localize screens name a translation; the page is its source (and target) object."""
    from wagtail_localize.models import Translation, TranslationSource

    source = (
        TranslationSource.objects.filter(pk=pk).first()
        if key == "translation_source_id"
        else getattr(Translation.objects.filter(pk=pk).select_related("source").first(), "source", None)
    )
    if source is None or not issubclass(source.specific_content_type.model_class() or object, Page):
        return set()
    return set(Page.objects.filter(translation_key=source.object_id).values_list("pk", flat=True))


class UnitScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: dict[str, Any]) -> None:
        match = request.resolver_match
        if match is None or not match.route.startswith("admin/"):
            return None
        user = request.user
        if not user.is_authenticated or is_portal_manager(user):
            return None
        if f"{match.namespace}:{match.url_name}" in MANAGEMENT_ONLY_URLS or _foreign_media(request, view_kwargs, user):
            raise Http404
        ids = _page_ids(request, view_kwargs)
        if not ids:
            return None
        for page in Page.objects.filter(pk__in=ids).only("path", "depth"):
            if not page_in_scope(page, user):
                raise Http404
        return None
