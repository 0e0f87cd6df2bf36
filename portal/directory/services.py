"""The directory of official e-mail and web addresses (P-Art. 8.7), generated from the units at request time.

Nothing here is stored twice: a unit's public e-mail, phone, address and named contacts live on the
unit (``subportals.Unit``, ``subportals.UnitContact``); deactivating a unit removes it from the
directory at once. Two queries whatever the number of units and contacts.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.i18n import active_language
from search.folding import fold
from subportals.contacts import Phone, parse_phones
from subportals.enums import UnitKind
from subportals.models import Unit

KIND_ORDER = (UnitKind.MAIN, UnitKind.DEPARTMENT, UnitKind.DISTRICT, UnitKind.OTHER)
GROUP_LABELS = {
    UnitKind.MAIN: gettext_lazy("Cơ quan cấp tỉnh"),
    UnitKind.DEPARTMENT: gettext_lazy("Sở, ban, ngành"),
    UnitKind.DISTRICT: gettext_lazy("Huyện, thị xã, thành phố"),
    UnitKind.OTHER: gettext_lazy("Đơn vị khác"),
}
MAX_QUERY_CHARS = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class ContactRow:
    full_name: str
    position: str
    email: str
    phones: list[Phone]
    phone_text: str
    confirmed_at: datetime.date | None


@dataclass
class DirectoryEntry:
    unit: Unit
    code: str
    name: str
    kind: str
    kind_label: str
    email: str
    phones: list[Phone]
    phone_text: str
    address: str
    site_url: str
    website: str
    contacts: list[ContactRow] = field(default_factory=list)
    search_text: str = ""


@dataclass(frozen=True)
class DirectoryFilters:
    kind: str = ""
    q: str = ""

    @property
    def active(self) -> bool:
        return bool(self.kind or self.q)

    def querystring(self) -> str:
        from urllib.parse import urlencode

        pairs = [(name, value) for name, value in (("kind", self.kind), ("q", self.q)) if value]
        return urlencode(pairs)


def parse_filters(params: Any) -> DirectoryFilters:
    """``?kind=`` among the unit kinds and ``?q=`` (100 characters, no control characters); anything else ignored."""
    kind = params.get("kind", "")
    query = params.get("q", "")
    kind = kind if isinstance(kind, str) and kind in UnitKind.values else ""
    query = (
        " ".join(_CONTROL.sub(" ", query[: MAX_QUERY_CHARS * 4]).split())[:MAX_QUERY_CHARS]
        if isinstance(query, str)
        else ""
    )
    return DirectoryFilters(kind=kind, q=query)


def _phones(value: str) -> list[Phone]:
    """Numbers with their ``tel:`` links; a number stored before validation existed is shown without a link."""
    try:
        return parse_phones(value)
    except ValidationError:
        return []


def _entry(unit: Unit, language: str) -> DirectoryEntry:
    site_url = f"{unit.site.root_url}/{language}/" if unit.site_id else ""
    website = (
        unit.public_website if unit.public_website and unit.public_website.rstrip("/") != site_url.rstrip("/") else ""
    )
    contacts = [
        ContactRow(
            full_name=contact.full_name,
            position=contact.position,
            email=contact.email,
            phones=_phones(contact.phone),
            phone_text=contact.phone,
            confirmed_at=contact.confirmed_at,
        )
        for contact in unit.contacts.all()
    ]
    names = [unit.name_vi, unit.name_en, unit.name_ru, unit.code, *(contact.full_name for contact in contacts)]
    return DirectoryEntry(
        unit=unit,
        code=unit.code,
        name=unit.name,
        kind=unit.kind,
        kind_label=str(GROUP_LABELS.get(unit.kind, unit.get_kind_display())),
        email=unit.public_email,
        phones=_phones(unit.public_phone),
        phone_text=unit.public_phone,
        address=unit.public_address,
        site_url=site_url,
        website=website,
        contacts=contacts,
        search_text=fold(" ".join(name for name in names if name)),
    )


def directory_entries(filters: DirectoryFilters | None = None, only_unit: Unit | None = None) -> list[DirectoryEntry]:
    """Active units (all, or one) in directory order: by kind, then by name in the active language."""
    filters = filters or DirectoryFilters()
    units = Unit.objects.filter(is_active=True).select_related("site").prefetch_related("contacts")
    if only_unit is not None:
        units = units.filter(pk=only_unit.pk)
    if filters.kind:
        units = units.filter(kind=filters.kind)
    language = active_language()
    entries = [_entry(unit, language) for unit in units]
    words = fold(filters.q).split()
    if words:
        entries = [entry for entry in entries if all(word in entry.search_text for word in words)]
    order = {kind: index for index, kind in enumerate(KIND_ORDER)}
    entries.sort(key=lambda entry: (order.get(entry.kind, len(order)), fold(entry.name)))
    return entries


def grouped(entries: list[DirectoryEntry]) -> list[tuple[str, str, list[DirectoryEntry]]]:
    """``(kind, heading, entries)`` per kind, in directory order, kinds without units left out."""
    groups: dict[str, list[DirectoryEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.kind, []).append(entry)
    return [(kind, entries[0].kind_label, entries) for kind, entries in groups.items()]


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, str(GROUP_LABELS[kind])) for kind in KIND_ORDER]


def _date(value: datetime.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def csv_table(entries: list[DirectoryEntry], title: str) -> tuple[list[str], list[list[Any]], list[str]]:
    """Columns, rows (one per named contact, or one per unit without contacts) and title lines of the CSV."""
    columns = [
        _("Nhóm"),
        _("Đơn vị"),
        _("Thư điện tử"),
        _("Điện thoại"),
        _("Địa chỉ"),
        _("Trang web"),
        _("Người liên hệ"),
        _("Chức vụ"),
        _("Thư điện tử người liên hệ"),
        _("Điện thoại người liên hệ"),
        _("Ngày xác nhận"),
    ]
    rows: list[list[Any]] = []
    for entry in entries:
        unit_cells = [
            entry.kind_label,
            entry.name,
            entry.email,
            entry.phone_text,
            entry.address,
            entry.website or entry.site_url,
        ]
        if not entry.contacts:
            rows.append([*unit_cells, "", "", "", "", ""])
        for contact in entry.contacts:
            rows.append(
                [
                    *unit_cells,
                    contact.full_name,
                    contact.position,
                    contact.email,
                    contact.phone_text,
                    _date(contact.confirmed_at),
                ]
            )
    today = timezone.localdate()
    return columns, rows, [title, _("Xuất ngày %(date)s") % {"date": _date(today)}]


def stale_contacts(unit: Unit, max_age_days: int = 180, today: datetime.date | None = None) -> list[Any]:
    """Named contacts never confirmed, or confirmed longer ago than ``max_age_days`` (for the obligations check)."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=max_age_days)
    return [contact for contact in unit.contacts.all() if contact.confirmed_at is None or contact.confirmed_at < limit]
