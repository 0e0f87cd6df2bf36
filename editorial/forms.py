"""Form mixins of the editorial rules."""

from __future__ import annotations

from typing import Any

from .normalization import normalize_cleaned_data


class NormalizedTextFormMixin:
    """Model forms whose text input is converted to TCVN 6909 Unicode before anything is saved."""

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        normalize_cleaned_data(self._meta.model, cleaned_data)
        return cleaned_data
