"""The admin form of a unit and of its public contacts: no person or e-mail listed twice.

Kept apart from ``admin_forms`` (which imports the models) so that ``Unit.base_form_class`` can
name it; both the management unit's Unit screen and a unit's own contacts screen use it.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminModelForm

from .contacts import ContactEntry, duplicate_contacts


class UnitContactsFormMixin:
    """Refuses duplicate named contacts; the error is shown on the repeated row, the typed rows are kept."""

    formsets: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()  # type: ignore[misc]
        formset = getattr(self, "formsets", {}).get("contacts")
        if formset is None or not formset.is_valid():
            return cleaned
        rows = []
        for index, form in enumerate(formset.forms):
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            rows.append(ContactEntry(index, data.get("full_name") or "", data.get("email") or ""))
        for index, field, message in duplicate_contacts(rows):
            formset.forms[index].add_error(field, message)
        return cleaned


class UnitAdminForm(UnitContactsFormMixin, WagtailAdminModelForm):
    """``Unit.base_form_class``."""
