"""Admin forms: the procedure page (its code unique on the portal) and the import upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import PortalPageForm

from . import importing, rules


class ProcedurePageForm(PortalPageForm):
    """A new page is not in the tree yet when the form is checked: its site comes from the parent."""

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        code = cleaned_data.get("national_code")
        parent = getattr(self, "parent_page", None)
        if code and not self.instance.path and parent is not None:
            locale_id = self.instance.locale_id or parent.locale_id
            other = rules.code_conflict(code, site_path=rules.site_path_of(parent.path), locale_id=locale_id)
            if other is not None:
                self.add_error("national_code", rules.duplicate_code_error(other))
        return cleaned_data

    def clean_national_code(self) -> str:
        return rules.clean_national_code(self.cleaned_data.get("national_code"))


class ProcedureImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp CSV hoặc XLSX"),
        help_text=_("Tệp xuất từ Cơ sở dữ liệu quốc gia về thủ tục hành chính, hoặc theo tệp mẫu."),
    )

    def clean_file(self) -> importing.ParsedFile:
        """The parsed file; refused whole when it cannot be read (size is checked before reading)."""
        from security.uploads import UploadRejected, scan_with_clamav

        upload = self.cleaned_data["file"]
        if upload.size <= importing.max_bytes():
            try:
                scan_with_clamav(upload, upload.name)
            except UploadRejected as refusal:
                raise forms.ValidationError(refusal.messages) from None
        parsed = importing.parse_upload(upload, upload.name)
        if not parsed.ok:
            raise forms.ValidationError(parsed.errors)
        upload.seek(0)
        self.upload_bytes = upload.read()
        return parsed
