"""Admin screens of ad slots and advertisements: the management unit's alone.

Everyone else sees no menu item and gets 403 behind every URL of these screens, their choosers
and their bulk actions (a user who may enter the admin but is not a manager cannot even read the
titles of the ads).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from subportals.permissions import is_portal_manager
from subportals.provisioning import MANAGEMENT_GROUP_NAME

from .forms import AdSlotForm, AdvertisementForm
from .models import AdSlot, Advertisement

ACTIONS = ("add", "change", "delete", "view")


class ManagementOnlyPolicy(BasePermissionPolicy):
    """Every action for the management unit (and operators), none for anybody else."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action in ACTIONS and is_portal_manager(user)

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet:
        if not any(action in ACTIONS for action in actions):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__name=MANAGEMENT_GROUP_NAME))
            .distinct()
        )


class ManagersOnlyMixin:
    """Refuses a non-manager before the view loads anything (lists, objects, chooser results)."""

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        if not is_portal_manager(request.user):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)  # type: ignore[misc]


def _managers_only(view_class: type) -> type:
    return type(f"ManagersOnly{view_class.__name__}", (ManagersOnlyMixin, view_class), {})


class ManagersOnlyChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class: type, **kwargs: Any) -> Any:
        return super().construct_view(_managers_only(view_class), **kwargs)


class ManagersOnlySnippetViewSet(SnippetViewSet):
    chooser_viewset_class = ManagersOnlyChooserViewSet
    copy_view_enabled = False

    def construct_view(self, view_class: type, **kwargs: Any) -> Any:
        return super().construct_view(_managers_only(view_class), **kwargs)


class AdSlotViewSet(ManagersOnlySnippetViewSet):
    model = AdSlot
    icon = "placeholder"
    menu_label = _("Vị trí quảng cáo")
    list_display = ["name", "code", "size", "max_ads", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel([FieldPanel("code"), FieldPanel("name"), FieldPanel("is_active")], _("Vị trí")),
            MultiFieldPanel([FieldPanel("width"), FieldPanel("height"), FieldPanel("max_ads")], _("Kích thước")),
            FieldPanel("description"),
        ],
        base_form_class=AdSlotForm,
    )


class AdvertisementViewSet(ManagersOnlySnippetViewSet):
    model = Advertisement
    icon = "pick"
    menu_label = _("Quảng cáo")
    list_display = ["title", "advertiser", "slot", "start_at", "end_at", "all_sites", "is_active"]
    list_filter = ["slot", "is_active", "all_sites"]
    search_fields = ["title", "advertiser", "notes"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("slot", widget=forms.Select), FieldPanel("advertiser"), FieldPanel("title")],
                _("Quảng cáo"),
            ),
            MultiFieldPanel([FieldPanel("image"), FieldPanel("target_url")], _("Ảnh và liên kết")),
            MultiFieldPanel([FieldPanel("start_at"), FieldPanel("end_at")], _("Thời gian hiển thị")),
            MultiFieldPanel(
                [FieldPanel("all_sites"), FieldPanel("units", widget=forms.CheckboxSelectMultiple)],
                _("Cổng hiển thị"),
            ),
            MultiFieldPanel([FieldPanel("is_active"), FieldPanel("sort_order"), FieldPanel("notes")], _("Khác")),
        ],
        base_form_class=AdvertisementForm,
    )


class AdsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Quảng cáo")
    menu_icon = "pick"
    menu_order = 350
    items = (AdvertisementViewSet, AdSlotViewSet)


class ManagersOnlyDeleteBulkAction(DeleteBulkAction):
    """The snippet bulk delete for ads and slots: refused to non-managers before any object is read."""

    models = [AdSlot, Advertisement]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not is_portal_manager(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
