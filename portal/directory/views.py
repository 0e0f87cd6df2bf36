"""The admin screen where a unit keeps its public contacts (the management unit also has the Unit screen)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from subportals.contacts import is_official_email
from subportals.models import Unit

from .permissions import contact_units


def contacts_edit_handler() -> ObjectList:
    """Only the public fields and the named contacts; the unit's code, kind and rules stay the manager's."""
    return ObjectList(Unit.public_contact_panels).bind_to_model(Unit)


class UnitContactsIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "directory/admin/unit_list.html"
    page_title = gettext_lazy("Thông tin liên hệ công khai")
    header_icon = "mail"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        units = list(contact_units(request.user).filter(is_active=True).order_by("kind", "name_vi"))
        if not units:
            raise Http404
        if len(units) == 1:
            return redirect("directory_unit_contacts", unit_id=units[0].pk)
        return self.render_to_response(self.get_context_data(units=units))


class UnitContactsEditView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtailadmin/generic/form.html"
    header_icon = "mail"
    _show_breadcrumbs = True

    def dispatch(self, request: HttpRequest, *args: Any, unit_id: int, **kwargs: Any) -> HttpResponse:
        # Another unit's screen answers 404, like every other admin URL naming another unit's object.
        self.unit = contact_units(request.user).filter(pk=unit_id).first()
        if self.unit is None:
            raise Http404
        self.edit_handler = contacts_edit_handler()
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("Liên hệ công khai: %(name)s") % {"name": self.unit.name_vi}

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            {"url": reverse("directory_units"), "label": _("Thông tin liên hệ công khai")},
            {"url": "", "label": self.unit.name_vi},
        ]

    def get_form(self) -> Any:
        form_class = self.edit_handler.get_form_class()
        data = self.request.POST if self.request.method == "POST" else None
        return form_class(data, instance=self.unit, for_user=self.request.user)

    def render_form(self, form: Any) -> HttpResponse:
        panel = self.edit_handler.get_bound_panel(instance=self.unit, request=self.request, form=form)
        context = self.get_context_data(
            form=form,
            panel=panel,
            media=form.media + panel.media,
            action_url=reverse("directory_unit_contacts", args=[self.unit.pk]),
            submit_button_label=_("Lưu"),
            submit_button_active_label=_("Đang lưu…"),
        )
        return self.render_to_response(context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_form(self.get_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form()
        if not form.is_valid():
            messages.error(request, _("Chưa lưu được: hãy sửa các lỗi bên dưới."))
            return self.render_form(form)
        unit = form.save()
        log(instance=unit, action="wagtail.edit", user=request.user)
        messages.success(request, _("Đã lưu thông tin liên hệ của «%(name)s».") % {"name": unit.name_vi})
        emails = [unit.public_email, *unit.contacts.values_list("email", flat=True)]
        unofficial = sorted({email for email in emails if email and not is_official_email(email)})
        if unofficial:
            messages.warning(
                request,
                _("Các địa chỉ sau không phải thư điện tử công vụ (.gov.vn), hãy kiểm tra lại: %(emails)s")
                % {"emails": ", ".join(unofficial)},
            )
        return redirect("directory_unit_contacts", unit_id=unit.pk)
