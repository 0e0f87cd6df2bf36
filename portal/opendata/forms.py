"""The admin form of a dataset: files of the editor's own unit, at least one file to publish, a chart that fits."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from wagtail.documents import get_permission_policy as document_permission_policy

from portal.forms import PortalPageForm
from subportals.permissions import is_portal_manager


class DatasetPageForm(PortalPageForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        formset = self.formsets.get("resources")
        if formset is None:
            return cleaned
        documents = self._resource_documents(formset)
        self._refuse_foreign_documents(formset)
        if not documents and any(self.data.get(key) for key in self.GATED_ACTIONS):
            self.add_error(None, _("Bộ dữ liệu cần ít nhất một tệp CSV hoặc XLSX trước khi gửi duyệt hoặc xuất bản."))
        if documents and cleaned.get("chart_kind"):
            self._check_chart_columns(documents[0], cleaned)
        return cleaned

    @staticmethod
    def _kept_forms(formset: Any) -> list[Any]:
        kept = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data and not data.get("DELETE"):
                kept.append(form)
        return kept

    def _resource_documents(self, formset: Any) -> list[Any]:
        if not formset.is_valid():
            return []
        ordered = sorted(self._kept_forms(formset), key=lambda form: form.cleaned_data.get("ORDER") or 0)
        return [form.cleaned_data["document"] for form in ordered if form.cleaned_data.get("document")]

    def _refuse_foreign_documents(self, formset: Any) -> None:
        """Files from another unit's collection, chosen by ID, are refused (naming them by number only)."""
        user = getattr(self, "for_user", None)
        if user is None or is_portal_manager(user):
            return
        allowed = set(
            document_permission_policy()
            .collections_user_has_permission_for(user, "choose")
            .values_list("pk", flat=True)
        )
        for form in self._kept_forms(formset):
            document = form.cleaned_data.get("document")
            if document is not None and document.collection_id not in allowed:
                form.add_error(
                    "document",
                    _("Tài liệu số %(pk)s không thuộc thư mục của đơn vị bạn.") % {"pk": document.pk},
                )

    def _check_chart_columns(self, document: Any, cleaned: dict[str, Any]) -> None:
        from .tables import preview_for_document

        label_column, value_column = cleaned.get("chart_label_column"), cleaned.get("chart_value_column")
        if not label_column or not value_column or label_column == value_column:
            return  # the model's own check names the problem
        preview = preview_for_document(document, cleaned.get("header_row") or 1)
        if not preview.ok:
            return  # the page shows why there is no preview; the chart waits for a readable file
        for name, column in (("chart_label_column", label_column), ("chart_value_column", value_column)):
            if column > preview.shown_columns:
                self.add_error(
                    name,
                    _("Bảng trong tệp đầu tiên chỉ có %(count)s cột (xem trước tối đa 20 cột).")
                    % {"count": preview.shown_columns},
                )
                return
        from .numbers import parse_number

        if not any(parse_number(value) is not None for value in preview.column(value_column)):
            self.add_error(
                "chart_value_column",
                _("Cột «%(name)s» không có giá trị số nào để vẽ biểu đồ.")
                % {"name": preview.header_name(value_column)},
            )
