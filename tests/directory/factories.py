"""Units with public contacts and a directory page, for the directory tests."""

from __future__ import annotations

import datetime
from typing import Any

from portal.directory.models import DirectoryPage
from subportals.models import Unit, UnitContact


def give_contacts(
    unit: Unit, *, email: str, phone: str = "(0258) 3 822 000", address: str = "", people: Any = ()
) -> Unit:
    """Public e-mail, phone and address on the unit, and its named contacts (name, position, e-mail, phone)."""
    unit.public_email = email
    unit.public_phone = phone
    unit.public_address = address or "Số 01 Trần Phú, phường Xương Huân, thành phố Nha Trang"
    unit.save()
    for order, (name, position, mail, number) in enumerate(people):
        UnitContact.objects.create(
            unit=unit,
            sort_order=order,
            full_name=name,
            position_vi=position,
            position_en=f"{position} (EN)",
            position_ru=f"{position} (RU)",
            email=mail,
            phone=number,
            confirmed_at=datetime.date(2026, 3, 1),
        )
    return unit


def make_directory(parent: Any, **fields: Any) -> DirectoryPage:
    page = DirectoryPage(title=fields.pop("title", "Danh bạ thư điện tử"), slug=fields.pop("slug", "danh-ba"), **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
