"""Admin screens for royalty data: contributors (officers of their unit), rules, budgets, officers (managers).

Rules are dated rows: a rule already in force is never edited (its amounts paid stay explainable);
a change is a new row with the day it takes effect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from subportals.models import Unit
from subportals.permissions import is_portal_manager

from .ledger import RoyaltyBudget
from .models import BaseSalary, BonusRule, CoefficientUnit, Genre
from .people import Contributor, RoyaltyOfficer
from .permissions import officer_unit_ids


class RulePolicy(BasePermissionPolicy):
    """Allows the listed actions to users passing ``check``; everyone else sees neither menu nor URLs."""

    def __init__(self, model: Any, check: Callable[[Any], bool], actions: tuple[str, ...]):
        super().__init__(model)
        self.check, self.actions = check, actions

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action in self.actions and self.check(user)

    def users_with_any_permission(self, actions: Any) -> QuerySet:
        return get_user_model().objects.none()


def _is_officer(user: Any) -> bool:
    return bool(officer_unit_ids(user))


class ScopedObjectMixin:
    """An object outside the user's scope answers 404 behind every object URL (edit, history, usage…)."""

    scope: Callable[[QuerySet, Any], QuerySet] = staticmethod(lambda queryset, user: queryset)

    def get_object(self, *args: Any, **kwargs: Any) -> Any:
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not self.scope(type(obj)._default_manager.filter(pk=obj.pk), self.request.user).exists():
            raise Http404
        return obj


class ScopedViewMixin(ScopedObjectMixin):
    """Objects outside the user's scope answer 404, in lists and behind every object URL."""

    def get_base_queryset(self) -> QuerySet:
        return self.scope(super().get_base_queryset(), self.request.user)


def _scoped(view_class: type, scope: Callable[[QuerySet, Any], QuerySet], listing: bool = True) -> type:
    """``view_class`` limited to ``scope``; ``listing`` views (index, edit, delete) filter their queryset too.

    History and usage list other things (log entries, references), so only their object is checked.
    """
    mixin = ScopedViewMixin if listing else ScopedObjectMixin
    return type(f"Scoped{view_class.__name__}", (mixin, view_class), {"scope": staticmethod(scope)})


def _own_units(queryset: QuerySet, user: Any) -> QuerySet:
    return queryset.filter(unit_id__in=officer_unit_ids(user))


class ContributorForm(WagtailAdminModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "unit" in self.fields:
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=officer_unit_ids(self.for_user))


class ContributorViewSet(ModelViewSet):
    model = Contributor
    icon = "user"
    menu_label = _("Người hưởng nhuận bút")
    url_prefix = "editorial/royalties/contributors"
    list_display = ["full_name", "pen_name", "kind", "unit", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["full_name", "pen_name"]
    inspect_view_enabled = False
    copy_view_enabled = False
    index_view_class = _scoped(generic.IndexView, _own_units)
    edit_view_class = _scoped(generic.EditView, _own_units)
    delete_view_class = _scoped(generic.DeleteView, _own_units)
    history_view_class = _scoped(generic.HistoryView, _own_units, listing=False)
    usage_view_class = _scoped(generic.UsageView, _own_units, listing=False)
    inspect_view_class = _scoped(generic.InspectView, _own_units, listing=False)

    def get_form_class(self, for_update: bool = False) -> type:
        return self._edit_handler.get_form_class()

    @property
    def _edit_handler(self) -> Any:
        from wagtail.admin.panels import ObjectList

        return ObjectList(Contributor.panels, base_form_class=ContributorForm).bind_to_model(Contributor)


class DatedRuleForm(WagtailAdminModelForm):
    """A rule in force is kept as it was; only rows that take effect later may be corrected.

    A new or corrected row never starts before today either: lines already graded were priced by
    the rules shown then, and a correction for the past is an adjustment line, not a backdated rule.
    """

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        today = timezone.localdate()
        if self.instance.pk:
            original = type(self.instance).objects.get(pk=self.instance.pk)
            if original.effective_from <= today:
                raise forms.ValidationError(
                    _("Quy định này đã có hiệu lực nên không sửa được; hãy thêm mức mới với ngày áp dụng mới.")
                )
        effective_from = cleaned.get("effective_from")
        if effective_from is not None and effective_from < today:
            self.add_error(
                "effective_from",
                _(
                    "Ngày áp dụng không được trước hôm nay (%(today)s): các khoản đã chấm được tính theo quy định "
                    "đang áp dụng. Muốn sửa số tiền cho thời gian đã qua, hãy lập dòng điều chỉnh."
                )
                % {"today": f"{today:%d/%m/%Y}"},
            )
        return cleaned


def _manager_viewset(model_class: type, **attributes: Any) -> ModelViewSet:
    attributes.setdefault("inspect_view_enabled", False)
    attributes.setdefault("copy_view_enabled", False)
    viewset_class = type(f"{model_class.__name__}ViewSet", (ModelViewSet,), {"model": model_class, **attributes})
    return viewset_class(f"editorial_{model_class._meta.model_name}")


def _rule_viewset(model_class: type, fields: list[str], **attributes: Any) -> ModelViewSet:
    form_class = type(
        f"{model_class.__name__}Form",
        (DatedRuleForm,),
        {"Meta": type("Meta", (), {"model": model_class, "fields": fields})},
    )
    return _manager_viewset(
        model_class,
        url_prefix=f"editorial/royalties/{model_class._meta.model_name}",
        get_form_class=lambda self, for_update=False: form_class,
        list_display=attributes.pop("list_display", fields),
        **attributes,
    )


# Who may do what, registered once so that Wagtail's choosers, menus and views all ask the same policy.
MANAGER_ACTIONS = ("add", "change", "view")
register_permission_policy(Contributor, RulePolicy(Contributor, _is_officer, ("add", "change", "delete", "view")))
register_permission_policy(RoyaltyBudget, RulePolicy(RoyaltyBudget, is_portal_manager, MANAGER_ACTIONS))
register_permission_policy(
    RoyaltyOfficer, RulePolicy(RoyaltyOfficer, is_portal_manager, ("add", "change", "delete", "view"))
)
for _rule_model in (Genre, BonusRule, BaseSalary, CoefficientUnit):
    register_permission_policy(_rule_model, RulePolicy(_rule_model, is_portal_manager, MANAGER_ACTIONS))


class RoyaltyViewSetGroup(ViewSetGroup):
    menu_label = _("Nhuận bút")
    menu_icon = "pick"
    menu_order = 450

    def __init__(self) -> None:
        self.items = (
            ContributorViewSet("editorial_contributor"),
            _manager_viewset(
                RoyaltyBudget,
                icon="form",
                menu_label=_("Dự toán nhuận bút"),
                url_prefix="editorial/royalties/budgets",
                form_fields=["unit", "year", "amount", "note"],
                list_display=["unit", "year", "amount", "note"],
                list_filter=["year"],
            ),
            _manager_viewset(
                RoyaltyOfficer,
                icon="user",
                menu_label=_("Người phụ trách nhuận bút"),
                url_prefix="editorial/royalties/officers",
                form_fields=["unit", "user"],
                list_display=["user", "unit", "appointed_at"],
            ),
            _rule_viewset(
                Genre,
                ["code", "name", "kind", "coefficient_min", "coefficient_max", "effective_from", "legal_basis"],
                icon="list-ul",
                menu_label=_("Thể loại và khung hệ số"),
                list_filter=["kind"],
            ),
            _rule_viewset(
                BonusRule,
                ["code", "name", "percent", "effective_from", "legal_basis"],
                icon="pick",
                menu_label=_("Mức thưởng"),
            ),
            _rule_viewset(
                BaseSalary, ["amount", "effective_from", "legal_basis"], icon="form", menu_label=_("Lương cơ sở")
            ),
            _rule_viewset(
                CoefficientUnit,
                ["percent_of_base_salary", "effective_from", "legal_basis"],
                icon="form",
                menu_label=_("Giá trị đơn vị hệ số"),
            ),
        )
        super().__init__()
