"""The admin form of a legal document (number unique per issuing body, own unit's files) and the
public filter form of the register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.forms import PortalPageForm

from . import numbering
from .choices import DocumentStatus, DocumentType

MAX_NUMBER_QUERY = 60


class LegalDocumentPageForm(PortalPageForm):
    """Refuses a number already used by another document of the same body, naming that document.

    The number's form, type and year, the dates and the status are the model's rules (``rules.py``,
    run by ``LegalDocumentPage.clean``) so that imports obey them too.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("issuing_body")
        if field is not None:
            from django.db.models import Q

            current = getattr(self.instance, "issuing_body_id", None)
            field.queryset = field.queryset.filter(Q(is_active=True) | Q(pk=current))
            field.label_from_instance = lambda body: body.name_vi

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        self._check_number(cleaned_data)
        self._check_replacement(cleaned_data)
        self._check_attachments()
        self._check_related_links()
        return cleaned_data

    def _check_number(self, cleaned_data: dict[str, Any]) -> None:
        text = (cleaned_data.get("number_symbol") or "").strip()
        if not text:
            if not self.is_deferred_validation and cleaned_data.get("document_type") != DocumentType.HIEN_PHAP:
                self.add_error("number_symbol", _("Chưa nhập số, ký hiệu văn bản."))
            return
        try:
            parsed = numbering.parse(text)
        except ValidationError:
            return  # the model's rules say what is wrong with it
        cleaned_data["number_symbol"] = parsed.canonical
        body, issue_date = cleaned_data.get("issuing_body"), cleaned_data.get("issue_date")
        if body is None or issue_date is None:
            return
        from .queries import find_duplicate

        existing = find_duplicate(
            numbering.uniqueness_key(parsed, issue_date.year),
            body_id=body.pk,
            translation_key=self.instance.translation_key,
        )
        if existing is not None:
            self.add_error(
                "number_symbol",
                _(
                    "Số, ký hiệu %(number)s của %(body)s đã dùng cho văn bản «%(title)s» "
                    "(ban hành ngày %(date)s%(state)s). Mỗi văn bản của một cơ quan ban hành có một số, ký hiệu "
                    "riêng; hãy kiểm tra lại số hoặc sửa văn bản đã có."
                )
                % {
                    "number": parsed.canonical,
                    "body": body.name_vi,
                    "title": existing.title,
                    "date": formats.date_format(existing.issue_date, "SHORT_DATE_FORMAT"),
                    "state": "" if existing.live else _(", chưa xuất bản"),
                },
            )

    def _check_replacement(self, cleaned_data: dict[str, Any]) -> None:
        """A replacing document that is not published would leave the public page "replaced" with no link."""
        from .rules import replacement_publication_problems

        replacing = cleaned_data.get("replaced_by")
        if replacing is not None and replacing.translation_key == self.instance.translation_key:
            return  # itself: the model's rules say so
        for field, messages in replacement_publication_problems(replacing).items():
            for message in messages:
                self.add_error(field, message)

    def _check_attachments(self) -> None:
        """Editors attach files of their own unit only (the chooser's scope is not a check by itself)."""
        from subportals.permissions import is_portal_manager

        formset = self.formsets.get("attachments")
        user = getattr(self, "for_user", None)
        if formset is None or user is None or is_portal_manager(user):
            return
        from wagtail.documents import get_permission_policy

        formset.is_valid()
        allowed = set(
            get_permission_policy().collections_user_has_permission_for(user, "choose").values_list("pk", flat=True)
        )
        for form in formset.forms:
            document = getattr(form, "cleaned_data", {}).get("document")
            if document is not None and document.collection_id not in allowed:
                form.add_error(
                    "document",
                    _("Tài liệu số %(pk)s không thuộc thư mục của đơn vị bạn.") % {"pk": document.pk},
                )

    def _check_related_links(self) -> None:
        formset = self.formsets.get("related_links")
        if formset is None:
            return
        formset.is_valid()
        seen: set[str] = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", {})
            target = data.get("target")
            if target is None or data.get("DELETE"):
                continue
            if target.translation_key == self.instance.translation_key:
                form.add_error("target", _("Không thể ghi một văn bản là văn bản liên quan của chính nó."))
            elif target.translation_key in seen:
                form.add_error("target", _("Văn bản này đã có trong danh sách văn bản liên quan."))
            seen.add(target.translation_key)


class DocumentFilterForm(forms.Form):
    """The register's filters; a bad value is dropped with a notice, never an error page."""

    q = forms.CharField(label=gettext_lazy("Trích yếu có từ"), required=False)
    number = forms.CharField(label=gettext_lazy("Số, ký hiệu"), required=False, max_length=MAX_NUMBER_QUERY)
    document_type = forms.ChoiceField(
        label=gettext_lazy("Loại văn bản"),
        required=False,
        choices=[("", gettext_lazy("Tất cả"))] + list(DocumentType.choices),
    )
    issuing_body = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan ban hành"), required=False, queryset=None, empty_label=gettext_lazy("Tất cả")
    )
    year = forms.IntegerField(
        label=gettext_lazy("Năm ban hành"), required=False, min_value=numbering.MIN_YEAR, max_value=numbering.MAX_YEAR
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Tình trạng hiệu lực"),
        required=False,
        choices=[("", gettext_lazy("Tất cả"))] + list(DocumentStatus.choices),
    )

    FILTERS = ("document_type", "issuing_body", "year", "status", "number")

    def __init__(self, *args: Any, bodies: Any = None, years: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import IssuingBody

        self.fields["issuing_body"].queryset = bodies if bodies is not None else IssuingBody.objects.all()
        self.fields["issuing_body"].label_from_instance = lambda body: body.name
        years = list(years or [])
        typed = str(self.data.get("year", "")) if self.is_bound else ""
        if typed.isdigit() and numbering.MIN_YEAR <= int(typed) <= numbering.MAX_YEAR and int(typed) not in years:
            years = sorted([*years, int(typed)], reverse=True)  # a valid year without documents stays selected
        year_choices = [("", _("Tất cả"))] + [(str(year), str(year)) for year in years]
        self.fields["year"].widget = forms.Select(choices=year_choices)

    def value(self, name: str) -> Any:
        if not self.is_bound or name in self.errors:
            return None
        return self.cleaned_data.get(name)

    def dropped(self) -> list[str]:
        """Labels of the filters whose value was not valid (and so not applied)."""
        if not self.is_bound:
            return []
        return [str(self.fields[name].label) for name in (*self.FILTERS, "q") if name in self.errors]
