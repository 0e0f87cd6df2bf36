"""Forms of the royalty screens, and the checks shared with the approval form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import BonusRule, Genre


def _current(model: Any) -> list[Any]:
    """The rows in force today, one per code."""
    today = timezone.localdate()
    seen: dict[str, Any] = {}
    for row in model.objects.filter(effective_from__lte=today).order_by("code", "-effective_from"):
        seen.setdefault(row.code, row)
    return list(seen.values())


def genre_choices() -> list[tuple[str, str]]:
    return [(genre.code, str(genre)) for genre in sorted(_current(Genre), key=lambda genre: genre.name)]


def bonus_choices() -> list[tuple[str, str]]:
    return [(bonus.code, str(bonus)) for bonus in _current(BonusRule)]


def check_grade(genre_code: str, coefficient: str, bonus_code: str = "", day: Any = None) -> None:
    """Raise a form error naming the rule when the grade is outside the rules in force."""
    from .services import parse_coefficient

    day = day or timezone.localdate()
    try:
        rules.check_coefficient(rules.genre_on(genre_code, day), parse_coefficient(coefficient))
        if bonus_code:
            rules.bonus_on(bonus_code, day)
    except rules.RuleError as error:
        raise forms.ValidationError(str(error)) from None


class GradeForm(forms.Form):
    genre = forms.ChoiceField(label=_("Thể loại"))
    coefficient = forms.CharField(label=_("Hệ số"), max_length=10)
    bonus = forms.ChoiceField(label=_("Thưởng"), required=False)
    reason = forms.CharField(label=_("Lý do (khi sửa)"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["genre"].choices = genre_choices()
        self.fields["bonus"].choices = [("", "—"), *bonus_choices()]


class ExcludeForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không chi trả"), max_length=500)


class CreditsFormMixin:
    """The contributors an editor may credit are those of the units the page belongs to."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        formset = getattr(self, "formsets", {}).get("credits")
        if formset is None:
            return
        from .people import Contributor

        allowed = Contributor.objects.filter(is_active=True)
        unit = self._royalty_unit()
        allowed = allowed.filter(unit=unit) if unit is not None else allowed.none()
        for form in [*formset.forms, formset.empty_form]:
            if "contributor" in form.fields:
                form.fields["contributor"].queryset = allowed

    def _royalty_unit(self) -> Any:
        from subportals.permissions import unit_of_page

        page = self.instance if self.instance.pk else getattr(self, "parent_page", None)
        return unit_of_page(page) if page is not None and page.pk else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        formset = getattr(self, "formsets", {}).get("credits")
        if formset is None or not formset.is_valid():
            return cleaned
        shares: dict[str, list[Any]] = {}
        for form in formset.forms:
            data = getattr(form, "cleaned_data", {})
            if not data or data.get("DELETE") or not data.get("contributor"):
                continue
            shares.setdefault(data["role"], []).append(data["share_percent"])
        for values in shares.values():
            try:
                rules.split_shares(values)
            except rules.RuleError as error:
                self.add_error(None, forms.ValidationError(str(error)))
        return cleaned
