"""Factories and a small world for the links tests: main portal, two departments, their boards, a manager."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import factory

from portal.links.enums import LinkGroup
from portal.links.models import GovernmentLink
from subportals.enums import EditorialRole, UnitKind
from subportals.models import Unit
from subportals.provisioning import ensure_management_group
from tests.factories import UserFactory, make_unit, member


class GovernmentLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernmentLink

    title_vi = factory.Sequence(lambda n: f"Cổng thông tin điện tử số {n}")
    title_en = factory.Sequence(lambda n: f"Portal number {n}")
    title_ru = factory.Sequence(lambda n: f"Портал номер {n}")
    url = factory.Sequence(lambda n: f"https://congthongtin{n}.gov.vn")
    group = LinkGroup.CENTRAL
    unit = None
    sort_order = factory.Sequence(lambda n: n)


@dataclass
class LinksWorld:
    main: Unit
    a: Unit
    b: Unit
    users: dict[str, Any]


def build_world() -> LinksWorld:
    main = make_unit()
    a = make_unit("sotuphap", UnitKind.DEPARTMENT)
    b = make_unit("soyte", UnitKind.DEPARTMENT)
    users: dict[str, Any] = {}
    for unit, prefix in ((a, "a"), (b, "b"), (main, "main")):
        for role in EditorialRole:
            users[f"{prefix}_{role.value}"] = member(unit, role, f"{prefix}.{role.value}")
    users["manager"] = UserFactory(username="quanly.cong")
    users["manager"].groups.add(ensure_management_group())
    users["no_group"] = UserFactory(username="khong.nhom")
    return LinksWorld(main=main, a=a, b=b, users=users)
