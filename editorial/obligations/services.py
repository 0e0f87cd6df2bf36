"""The checklist of a site and the matrix of all sites: obligations in force, run against each site's facts."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from subportals.models import Unit

from . import rules
from .enums import Status
from .facts import SiteFacts
from .models import Obligation


@dataclass(frozen=True)
class ChecklistLine:
    obligation: Obligation
    result: rules.RuleResult


@dataclass(frozen=True)
class Checklist:
    unit: Unit
    today: datetime.date
    lines: list[ChecklistLine]

    @property
    def failing(self) -> list[ChecklistLine]:
        return [line for line in self.lines if line.result.status == Status.FAILED]

    @property
    def passing(self) -> list[ChecklistLine]:
        return [line for line in self.lines if line.result.status == Status.OK]

    def result_of(self, code: str) -> rules.RuleResult | None:
        return next((line.result for line in self.lines if line.obligation.code == code), None)


@dataclass(frozen=True)
class Matrix:
    today: datetime.date
    obligations: list[Obligation]
    checklists: list[Checklist]

    @property
    def failing_units(self) -> list[Checklist]:
        return [checklist for checklist in self.checklists if checklist.failing]


def obligations_in_force(today: datetime.date | None = None) -> list[Obligation]:
    return list(Obligation.objects.in_force(today or timezone.localdate()))


def evaluate(unit: Unit, today: datetime.date | None = None, obligations: list[Obligation] | None = None) -> Checklist:
    """Every obligation in force, checked on the unit's site as of ``today``; retired ones are not run."""
    today = today or timezone.localdate()
    if obligations is None:
        obligations = obligations_in_force(today)
    facts = SiteFacts(unit, today)
    lines = []
    for obligation in obligations:
        if not obligation.in_force_on(today):
            continue
        if not obligation.applies_to_unit(unit):
            result = rules.not_applicable(_("Không áp dụng cho loại cổng này."))
        elif not facts.has_site:
            result = rules.not_applicable(_("Đơn vị chưa có cổng."))
        else:
            result = rules.run(obligation.rule_type, facts, obligation.parameters)
        lines.append(ChecklistLine(obligation, result))
    return Checklist(unit=unit, today=today, lines=lines)


def monitored_units() -> list[Unit]:
    """Active units with a site: the main portal first, then the sub-portals by name."""
    units = Unit.objects.filter(is_active=True, site__isnull=False).select_related("site")
    return sorted(units, key=lambda unit: (not unit.is_main, unit.name_vi.casefold(), unit.pk))


def matrix(units: Iterable[Unit] | None = None, today: datetime.date | None = None) -> Matrix:
    """Sites × obligations in force, for the management unit's screen and exports."""
    today = today or timezone.localdate()
    obligations = obligations_in_force(today)
    units = monitored_units() if units is None else list(units)
    return Matrix(today, obligations, [evaluate(unit, today, obligations) for unit in units])
