"""Admin screens of government links, scoped to the user's units behind every URL.

Wagtail's snippet screens ask the permission policy per action, and per object for some of them;
here every screen naming a link by its key answers 404 when the link is outside the user's units,
the listing and the chooser list only the user's links, and the bulk actions ignore the others.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .forms import GovernmentLinkForm
from .models import GovernmentLink
from .permissions import visible_links


def _visible_pk(user: Any, pk: Any) -> bool:
    try:
        key = int(unquote(str(pk)))
    except (TypeError, ValueError):
        return False
    return visible_links(user).filter(pk=key).exists()


class UnitScopedObjectMixin:
    """Any view with a ``pk`` in its URL refuses (404) links outside the user's units, before it loads them."""

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        pk = kwargs.get("pk", args[0] if args else None)
        if pk is not None and not _visible_pk(request.user, pk):
            raise Http404
        super().setup(request, *args, **kwargs)  # type: ignore[misc]


class LinkIndexView(IndexView):
    def get_base_queryset(self) -> Any:
        return super().get_base_queryset().filter(pk__in=visible_links(self.request.user).values("pk"))


class LinkChooseView(chooser_views.ChooseView):
    def get_object_list(self) -> Any:
        return visible_links(self.request.user)


class LinkChooseResultsView(chooser_views.ChooseResultsView):
    def get_object_list(self) -> Any:
        return visible_links(self.request.user)


class LinkChosenView(chooser_views.SnippetChosenView):
    def get_object(self, pk: Any) -> Any:
        if not _visible_pk(self.request.user, pk):
            raise Http404
        return super().get_object(pk)


class LinkChooserViewSet(chooser_views.SnippetChooserViewSet):
    choose_view_class = LinkChooseView
    choose_results_view_class = LinkChooseResultsView
    chosen_view_class = LinkChosenView


class GovernmentLinkViewSet(SnippetViewSet):
    model = GovernmentLink
    icon = "link"
    menu_label = _("Liên kết website")
    menu_order = 340
    add_to_admin_menu = True
    list_display = ["title_vi", "url", "group", "unit", "sort_order", "is_active"]
    list_filter = ["group", "is_active"]
    search_fields = ["title_vi", "title_en", "title_ru", "url"]
    ordering = ["unit", "group", "sort_order", "title_vi"]
    copy_view_enabled = False
    index_view_class = LinkIndexView
    chooser_viewset_class = LinkChooserViewSet
    edit_handler = ObjectList(
        [
            MultiFieldPanel([FieldPanel("title_vi"), FieldPanel("title_en"), FieldPanel("title_ru")], _("Tên trang")),
            MultiFieldPanel([FieldPanel("url"), FieldPanel("confirm_other_domain")], _("Địa chỉ")),
            MultiFieldPanel(
                [
                    FieldPanel("group"),
                    FieldPanel("unit", widget=forms.Select),
                    FieldPanel("sort_order"),
                    FieldPanel("is_active"),
                ],
                _("Phân loại"),
            ),
        ],
        base_form_class=GovernmentLinkForm,
    )

    def construct_view(self, view_class: type, **kwargs: Any) -> Any:
        scoped = type(f"UnitScoped{view_class.__name__}", (UnitScopedObjectMixin, view_class), {})
        return super().construct_view(scoped, **kwargs)


class ScopedLinkDeleteBulkAction(DeleteBulkAction):
    """The snippet bulk delete, for links: links outside the user's units are not even listed."""

    models = [GovernmentLink]

    def get_actionable_objects(self) -> tuple[list[Any], dict[str, Any]]:
        objects, extra = super().get_actionable_objects()
        visible = set(visible_links(self.request.user).values_list("pk", flat=True))
        hidden = [obj for obj in extra.get("items_with_no_access", []) if obj.pk in visible]
        return [obj for obj in objects if obj.pk in visible], {"items_with_no_access": hidden}
