"""The form that creates a sub-portal, shared by the admin view and ``manage.py create_subportal``."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from .enums import UnitKind
from .models import Unit
from .provisioning import UnitSpec

# A DNS name: labels of letters, digits and hyphens (no leading/trailing hyphen), 253 chars max.
HOSTNAME_RE = re.compile(
    r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$"
)


class NewSubportalForm(forms.Form):
    code = forms.SlugField(
        label=_("Mã đơn vị"),
        max_length=40,
        help_text=_("Chữ thường không dấu, số và gạch nối, ví dụ: syt, stnmt, ninhhoa."),
    )
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=[c for c in UnitKind.choices if c[0] != UnitKind.MAIN])
    name_vi = forms.CharField(label=_("Tên (tiếng Việt)"), max_length=255)
    name_en = forms.CharField(label=_("Tên (tiếng Anh)"), max_length=255)
    name_ru = forms.CharField(label=_("Tên (tiếng Nga)"), max_length=255)
    hostname = forms.CharField(
        label=_("Tên miền"), max_length=253, help_text=_("Ví dụ: syt.khanhhoa.gov.vn (không có http://).")
    )
    port = forms.IntegerField(label=_("Cổng HTTP"), min_value=1, max_value=65535, initial=80)
    approval_steps = forms.TypedChoiceField(
        label=_("Quy trình duyệt tin"),
        coerce=int,
        required=False,
        empty_value=2,
        choices=[
            (2, _("Hai bước: kiểm duyệt viên, rồi trưởng ban biên tập")),
            (1, _("Một bước: trưởng ban biên tập (đơn vị nhỏ)")),
        ],
        initial=2,
    )
    contact_emails = forms.CharField(
        label=_("Thư điện tử nhận thông báo"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Mỗi địa chỉ một dòng."),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].lower()
        if Unit.objects.filter(code=code).exists():
            raise forms.ValidationError(_("Mã đơn vị «%(code)s» đã được dùng."), params={"code": code})
        return code

    def clean_hostname(self) -> str:
        hostname = self.cleaned_data["hostname"].strip().lower().rstrip(".")
        if not HOSTNAME_RE.match(hostname):
            raise forms.ValidationError(_("Tên miền không hợp lệ: chỉ dùng chữ, số, dấu chấm và gạch nối."))
        return hostname

    def clean_contact_emails(self) -> str:
        emails = [line.strip() for line in self.cleaned_data["contact_emails"].splitlines() if line.strip()]
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError as exc:
                raise forms.ValidationError(
                    _("Địa chỉ thư điện tử không hợp lệ: %(email)s"), params={"email": email[:100]}
                ) from exc
        return "\n".join(emails)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        hostname, port = cleaned.get("hostname"), cleaned.get("port")
        if hostname and port and Site.objects.filter(hostname=hostname, port=port).exists():
            self.add_error("hostname", _("Tên miền này đã được một cổng khác sử dụng."))
        return cleaned

    def to_spec(self) -> UnitSpec:
        data = self.cleaned_data
        return UnitSpec(
            code=data["code"],
            kind=data["kind"],
            name_vi=data["name_vi"].strip(),
            name_en=data["name_en"].strip(),
            name_ru=data["name_ru"].strip(),
            hostname=data["hostname"],
            port=data["port"],
            contact_emails=data["contact_emails"],
            approval_steps=data["approval_steps"],
        )
