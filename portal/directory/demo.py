"""Demo public contacts of every demo unit, and directory pages on the main portal and Nha Trang's portal.

People are invented (plausible names and positions); addresses and phone numbers look like the
province's but are sample data. Nothing an operator has already filled in is overwritten.
"""

from __future__ import annotations

import datetime
from typing import Any

from portal.demo import sites
from portal.translation import ensure_translation
from subportals.models import Unit, UnitContact

from .models import DirectoryPage, DirectoryScope

# unit code → public e-mail, phone, address, and contacts (name, position vi/en/ru, e-mail, phone, days since confirmed)
CONTACTS: dict[str, dict[str, Any]] = {
    sites.MAIN_CODE: {
        "email": "congthongtin@khanhhoa.gov.vn",
        "phone": "(0258) 3 822 000",
        "address": "Số 01 Trần Phú, phường Xương Huân, thành phố Nha Trang, tỉnh Khánh Hòa",
        "people": [
            (
                "Trần Minh Đức",
                ("Giám đốc Trung tâm Cổng thông tin điện tử", "Director, E-Portal Centre", "Директор Центра портала"),
                "tmduc@khanhhoa.gov.vn",
                "(0258) 3 822 001",
                35,
            ),
            (
                "Nguyễn Thị Thu Hằng",
                ("Phó Giám đốc, phụ trách biên tập", "Deputy Director, editorial", "Заместитель директора, редакция"),
                "ntthang@khanhhoa.gov.vn",
                "(0258) 3 822 002",
                35,
            ),
            (
                "Lê Hoàng Phúc",
                ("Trưởng phòng Kỹ thuật", "Head of Technical Division", "Начальник технического отдела"),
                "lhphuc@khanhhoa.gov.vn",
                "0905 214 368",
                80,
            ),
        ],
    },
    "stttt": {
        "email": "stttt@khanhhoa.gov.vn",
        "phone": "(0258) 3 560 088",
        "address": "Số 17 Lê Thánh Tôn, phường Lộc Thọ, thành phố Nha Trang, tỉnh Khánh Hòa",
        "people": [
            (
                "Phạm Văn Hải",
                ("Giám đốc Sở", "Director", "Директор департамента"),
                "pvhai.stttt@khanhhoa.gov.vn",
                "(0258) 3 560 089",
                20,
            ),
            (
                "Võ Thị Ngọc Anh",
                ("Phó Giám đốc Sở", "Deputy Director", "Заместитель директора"),
                "vtnanh.stttt@khanhhoa.gov.vn",
                "(0258) 3 560 090",
                20,
            ),
            (
                "Đặng Quốc Bảo",
                ("Chánh Văn phòng Sở", "Chief of Office", "Руководитель аппарата"),
                "dqbao.stttt@khanhhoa.gov.vn",
                "0914 336 712",
                60,
            ),
        ],
    },
    "syt": {
        "email": "syt@khanhhoa.gov.vn",
        "phone": "(0258) 3 822 946",
        "address": "Số 04 Phan Chu Trinh, phường Xương Huân, thành phố Nha Trang, tỉnh Khánh Hòa",
        "people": [
            (
                "Huỳnh Thanh Tùng",
                ("Giám đốc Sở", "Director", "Директор департамента"),
                "httung.syt@khanhhoa.gov.vn",
                "(0258) 3 822 947",
                45,
            ),
            (
                "Ngô Thị Bích Vân",
                ("Phó Giám đốc Sở", "Deputy Director", "Заместитель директора"),
                "ntbvan.syt@khanhhoa.gov.vn",
                "(0258) 3 822 948",
                45,
            ),
            (
                "Bùi Quang Khải",
                ("Chánh Văn phòng Sở", "Chief of Office", "Руководитель аппарата"),
                "bqkhai.syt@khanhhoa.gov.vn",
                "0935 118 204",
                45,
            ),
            (
                "Đoàn Thị Mỹ Linh",
                ("Trưởng phòng Nghiệp vụ Y", "Head of Medical Affairs", "Начальник медицинского отдела"),
                "dtmlinh.syt@khanhhoa.gov.vn",
                "",
                210,
            ),
        ],
    },
    "nhatrang": {
        "email": "ubndnhatrang@khanhhoa.gov.vn",
        "phone": "(0258) 3 822 172",
        "address": "Số 08 Lê Thánh Tôn, phường Lộc Thọ, thành phố Nha Trang, tỉnh Khánh Hòa",
        "people": [
            (
                "Hồ Văn Thịnh",
                ("Chủ tịch UBND thành phố", "Chairman of the City People's Committee", "Председатель горнародкома"),
                "hvthinh.nhatrang@khanhhoa.gov.vn",
                "(0258) 3 822 173",
                15,
            ),
            (
                "Trương Thị Kim Oanh",
                ("Phó Chủ tịch UBND thành phố", "Vice Chairwoman", "Заместитель председателя"),
                "ttkoanh.nhatrang@khanhhoa.gov.vn",
                "(0258) 3 822 174",
                15,
            ),
            (
                "Nguyễn Đình Quân",
                (
                    "Chánh Văn phòng HĐND và UBND thành phố",
                    "Chief of Office, City Council and People's Committee",
                    "Руководитель аппарата горсовета и горнародкома",
                ),
                "ndquan.nhatrang@khanhhoa.gov.vn",
                "0905 772 519",
                15,
            ),
        ],
    },
}

PAGES = [
    (
        sites.MAIN_CODE,
        DirectoryScope.ALL,
        {
            "vi": "Danh bạ thư điện tử và trang thông tin điện tử",
            "en": "Directory of official e-mail and web addresses",
            "ru": "Справочник официальных адресов электронной почты и сайтов",
        },
        {
            "vi": "<p>Địa chỉ thư điện tử công vụ, điện thoại và cổng thông tin của các cơ quan, đơn vị "
            "trong tỉnh.</p>",
            "en": "<p>Official e-mail addresses, telephones and portals of the agencies of the province.</p>",
            "ru": "<p>Официальные адреса электронной почты, телефоны и порталы органов власти провинции.</p>",
        },
    ),
    (
        "nhatrang",
        DirectoryScope.OWN,
        {
            "vi": "Thông tin liên hệ UBND thành phố Nha Trang",
            "en": "Contacts of the Nha Trang City People's Committee",
            "ru": "Контакты Народного комитета города Нячанг",
        },
        {"vi": "", "en": "", "ru": ""},
    ),
]
SLUG = "danh-ba"


def seed(seeder: Any) -> None:
    today = seeder.now.date()
    for unit in Unit.objects.filter(code__in=list(CONTACTS)):
        _unit_contacts(unit, CONTACTS[unit.code], today)
    for unit_code, scope, titles, intros in PAGES:
        if (unit_code, "gioi-thieu") in seeder.sections:
            _page(seeder, seeder.sections[(unit_code, "gioi-thieu")], scope, titles, intros)


def _unit_contacts(unit: Unit, data: dict[str, Any], today: datetime.date) -> None:
    changed = []
    for field, key in (("public_email", "email"), ("public_phone", "phone"), ("public_address", "address")):
        if not getattr(unit, field):
            setattr(unit, field, data[key])
            changed.append(field)
    if changed:
        unit.save(update_fields=changed)
    existing = set(unit.contacts.values_list("full_name", flat=True))
    for order, (name, positions, email, phone, days) in enumerate(data["people"]):
        if name in existing:
            continue
        UnitContact.objects.create(
            unit=unit,
            sort_order=order,
            full_name=name,
            position_vi=positions[0],
            position_en=positions[1],
            position_ru=positions[2],
            email=email,
            phone=phone,
            confirmed_at=today - datetime.timedelta(days=days),
        )


def _page(seeder: Any, section: Any, scope: str, titles: dict[str, str], intros: dict[str, str]) -> DirectoryPage:
    page = DirectoryPage.objects.child_of(section).filter(slug=SLUG).first()
    if page is None:
        page = DirectoryPage(title=titles["vi"], slug=SLUG, scope=scope, intro=intros["vi"])
        section.add_child(instance=page)
        page.save_revision().publish()
    for language in ("en", "ru"):
        ensure_translation(page, seeder.locales[language], title=titles[language], intro=intros[language])
    return page
