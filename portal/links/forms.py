"""The admin form of a government link: the user's own units only, and a check on non-government domains."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from editorial.forms import NormalizedTextFormMixin
from subportals.models import Unit
from subportals.permissions import is_portal_manager

from .permissions import managed_unit_ids
from .validation import host_of, is_official_host, url_problems


class GovernmentLinkForm(NormalizedTextFormMixin, WagtailAdminModelForm):
    confirm_other_domain = forms.BooleanField(
        label=_("Xác nhận trang chính thức"),
        required=False,
        help_text=_(
            "Đánh dấu khi địa chỉ không thuộc tên miền .gov.vn (hoặc chinhphu.vn, quochoi.vn…) "
            "nhưng đúng là trang chính thức của cơ quan nhà nước."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance_url_before = self.instance.url if self.instance.pk else ""
        user = self.for_user
        field = self.fields.get("unit")
        if field is None:
            return
        if user is not None and is_portal_manager(user):
            field.empty_label = _("— Cổng chính (Trung tâm Cổng TTĐT quản lý) —")
            return
        # A board head adds links to the units they head, never to the main portal or another unit.
        field.queryset = Unit.objects.filter(pk__in=managed_unit_ids(user) if user is not None else [])
        field.required = True
        field.empty_label = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        url = cleaned.get("url")
        # An address the rules refuse gets their message (model validation), not this one.
        if url and "url" not in self.errors and not url_problems(url) and not cleaned.get("confirm_other_domain"):
            host = host_of(url)
            # Confirmed once for this host already: editing the title does not ask again.
            confirmed_before = bool(self.instance.pk) and host == host_of(self.instance_url_before)
            if not is_official_host(host) and not confirmed_before:
                self.add_error(
                    "url",
                    _(
                        "Tên miền %(host)s không phải tên miền của cơ quan nhà nước (.gov.vn). Nếu chắc chắn đây "
                        "là trang chính thức, hãy đánh dấu ô «Xác nhận trang chính thức» rồi lưu lại."
                    )
                    % {"host": host},
                )
        return cleaned
