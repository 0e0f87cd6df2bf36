"""A model field for amounts in whole đồng, typed the Vietnamese way in the admin ("1.234.567.890")."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import rules


class VndAmountInput(forms.TextInput):
    """Shows the stored amount with dots between thousands, as officials write it."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return rules.group_digits(value, ".")
        return super().format_value(value)


class VndAmountFormField(forms.Field):
    widget = VndAmountInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        for name in ("max_value", "min_value", "step_size", "max_length"):
            kwargs.pop(name, None)
        kwargs.setdefault("help_text", _("Số đồng, ví dụ 1.234.567.890 (không có phần lẻ)."))
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        return rules.parse_vnd(value)


class VndAmountField(models.BigIntegerField):
    """Whole đồng; the model adds ``rules.validate_vnd`` (0 to 10^15)."""

    def formfield(self, **kwargs: Any) -> Any:
        return models.Field.formfield(self, **{"form_class": VndAmountFormField, **kwargs})
