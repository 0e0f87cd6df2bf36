"""Admin view of the management unit: create a complete sub-portal in one step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin_forms import NewSubportalForm
from .provisioning import provision_unit


def can_create_subportal(user: Any) -> bool:
    return user.is_active and user.has_perm("subportals.add_unit")


class CreateSubportalView(WagtailAdminTemplateMixin, FormView):
    form_class = NewSubportalForm
    template_name = "wagtailadmin/generic/form.html"
    page_title = gettext_lazy("Tạo cổng thành phần")
    header_icon = "site"
    _show_breadcrumbs = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_create_subportal(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            {"url": reverse("wagtailsnippets_subportals_unit:list"), "label": _("Đơn vị")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update({"action_url": reverse("subportals_create"), "submit_button_label": _("Tạo cổng")})
        return context

    def form_valid(self, form: NewSubportalForm) -> HttpResponse:
        unit = provision_unit(form.to_spec())
        messages.success(
            self.request,
            _("Đã tạo cổng «%(name)s»: trang chủ ba ngôn ngữ, ban biên tập, thư mục, quy trình duyệt.")
            % {"name": unit.name_vi},
        )
        return redirect(reverse("wagtailsnippets_subportals_unit:edit", args=[unit.pk]))
