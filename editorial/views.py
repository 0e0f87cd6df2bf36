"""Admin views of the editorial app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.models import Category, SectionPage
from subportals.permissions import page_in_scope, unit_of_page

from .docx_import import check_upload, import_docx


class DocxImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp .docx"), help_text=gettext_lazy("Thông cáo báo chí dạng Word (.docx), tối đa 20 MB.")
    )
    category = forms.ModelChoiceField(label=gettext_lazy("Chuyên mục"), queryset=Category.objects.all())

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload


def can_import_into(user: Any, section: SectionPage) -> bool:
    return page_in_scope(section, user) and section.permissions_for_user(user).can_add_subpage()


class DocxImportView(WagtailAdminTemplateMixin, FormView):
    form_class = DocxImportForm
    template_name = "wagtailadmin/generic/form.html"
    page_title = gettext_lazy("Nhập tin bài từ tệp .docx")
    header_icon = "doc-full"

    def dispatch(self, request: HttpRequest, *args: Any, section_id: int, **kwargs: Any) -> HttpResponse:
        self.section = get_object_or_404(SectionPage, pk=section_id)
        if not can_import_into(request.user, self.section):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "action_url": reverse("editorial_import_docx", args=[self.section.pk]),
                "submit_button_label": _("Tạo bản nháp"),
                "form_is_multipart": True,
                "page_subtitle": self.section.title,
            }
        )
        return context

    def form_valid(self, form: DocxImportForm) -> HttpResponse:
        unit = unit_of_page(self.section)
        try:
            article = import_docx(
                form.cleaned_data["file"],
                section=self.section,
                category=form.cleaned_data["category"],
                user=self.request.user,
                collection=unit.collection,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
            return self.form_invalid(form)
        return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))
