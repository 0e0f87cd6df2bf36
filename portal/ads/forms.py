"""Admin forms of ad slots and advertisements: dates in order, sites chosen, text in TCVN 6909."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from editorial.forms import NormalizedTextFormMixin
from subportals.models import Unit


class AdSlotForm(NormalizedTextFormMixin, WagtailAdminModelForm):
    pass


class AdvertisementForm(NormalizedTextFormMixin, WagtailAdminModelForm):
    """The end must follow the start (``Advertisement.clean``, and a database constraint behind it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "units" in self.fields:
            self.fields["units"].queryset = Unit.objects.filter(site__isnull=False).order_by("kind", "name_vi")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "units" in self.fields and "all_sites" in cleaned and "units" not in self.errors:
            units = cleaned.get("units")
            if cleaned["all_sites"]:
                # "Every site" wins: no leftover choice that would surprise whoever unticks it later.
                cleaned["units"] = Unit.objects.none()
            elif not units:
                self.add_error("units", _("Chọn ít nhất một cổng để hiển thị, hoặc chọn «hiển thị trên mọi cổng»."))
        return cleaned
