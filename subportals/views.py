"""Admin views: creating a sub-portal, proposing articles to the main portal and deciding on them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from . import syndication
from .admin_forms import NewSubportalForm
from .models import SyndicationRequest
from .permissions import units_of
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


class ProposeSyndicationView(WagtailAdminTemplateMixin, TemplateView):
    """Ask the main portal's board to carry a sub-portal article (GET confirms, POST proposes)."""

    template_name = "subportals/admin/propose_syndication.html"
    page_title = gettext_lazy("Đề xuất đăng lên cổng chính")
    header_icon = "upload"

    def dispatch(self, request: HttpRequest, *args: Any, page_id: int, **kwargs: Any) -> HttpResponse:
        self.page = get_object_or_404(Page, pk=page_id)
        if not syndication.can_propose(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(page=self.page, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            syndication.propose(self.page, request.user, note=request.POST.get("note", "")[:2000])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã gửi đề xuất đăng tin lên cổng chính; Ban biên tập cổng chính sẽ xem xét."))
        return redirect(reverse("wagtailadmin_explore", args=[self.page.get_parent().pk]))


class SyndicationListView(WagtailAdminTemplateMixin, TemplateView):
    """Proposals: the main board sees all and decides; a unit sees its own."""

    template_name = "subportals/admin/syndication_list.html"
    page_title = gettext_lazy("Đề xuất đăng lên cổng chính")
    header_icon = "upload"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        decider = syndication.can_decide(user)
        requests = SyndicationRequest.objects.select_related("page", "unit", "proposed_by", "decided_by")
        if not decider:
            requests = requests.filter(unit__in=units_of(user))
        return super().get_context_data(requests=requests[:200], can_decide=decider, **kwargs)


def decide_syndication(request: HttpRequest, request_id: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("subportals_syndication")
    request_obj = get_object_or_404(SyndicationRequest, pk=request_id)
    if not syndication.can_decide(request.user):
        raise PermissionDenied
    try:
        syndication.decide(
            request_obj,
            request.user,
            approve=request.POST.get("decision") == "approve",
            note=request.POST.get("note", "")[:2000],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã ghi nhận quyết định."))
    return redirect("subportals_syndication")
