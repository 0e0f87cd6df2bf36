"""Demo government links: the main portal's list, a department's own links, and the links pages."""

from __future__ import annotations

from typing import Any

from portal.demo import sites
from portal.translation import ensure_translation
from subportals.models import Unit

from .enums import LinkGroup
from .models import GovernmentLink, LinkIndexPage

G = LinkGroup
# (group, url, vi, en, ru)
MAIN_LINKS: list[tuple[str, str, str, str, str]] = [
    (G.CENTRAL, "https://chinhphu.vn", "Cổng Thông tin điện tử Chính phủ", "Government Portal", "Портал правительства"),
    (
        G.CENTRAL,
        "https://quochoi.vn",
        "Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "National Assembly of Viet Nam",
        "Национальное собрание Вьетнама",
    ),
    (
        G.CENTRAL,
        "https://dangcongsan.vn",
        "Báo điện tử Đảng Cộng sản Việt Nam",
        "Communist Party of Viet Nam Online",
        "Электронная газета КПВ",
    ),
    (
        G.CENTRAL,
        "https://dichvucong.gov.vn",
        "Cổng Dịch vụ công quốc gia",
        "National Public Service Portal",
        "Национальный портал госуслуг",
    ),
    (
        G.CENTRAL,
        "https://vbpl.vn",
        "Cơ sở dữ liệu quốc gia về văn bản pháp luật",
        "National legal documents database",
        "Национальная база правовых актов",
    ),
    (G.CENTRAL, "https://congbao.chinhphu.vn", "Công báo Chính phủ", "Official Gazette", "Официальный вестник"),
    (
        G.MINISTRY,
        "https://mic.gov.vn",
        "Bộ Thông tin và Truyền thông",
        "Ministry of Information and Communications",
        "Министерство информации и связи",
    ),
    (G.MINISTRY, "https://moj.gov.vn", "Bộ Tư pháp", "Ministry of Justice", "Министерство юстиции"),
    (G.MINISTRY, "https://moh.gov.vn", "Bộ Y tế", "Ministry of Health", "Министерство здравоохранения"),
    (
        G.MINISTRY,
        "https://moet.gov.vn",
        "Bộ Giáo dục và Đào tạo",
        "Ministry of Education and Training",
        "Министерство образования и подготовки кадров",
    ),
    (G.MINISTRY, "https://mof.gov.vn", "Bộ Tài chính", "Ministry of Finance", "Министерство финансов"),
    (G.MINISTRY, "https://moha.gov.vn", "Bộ Nội vụ", "Ministry of Home Affairs", "Министерство внутренних дел"),
    (
        G.MINISTRY,
        "https://bvhttdl.gov.vn",
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Ministry of Culture, Sports and Tourism",
        "Министерство культуры, спорта и туризма",
    ),
    (
        G.PROVINCE,
        "https://phuyen.gov.vn",
        "Cổng thông tin điện tử tỉnh Phú Yên",
        "Phú Yên Provincial Portal",
        "Портал провинции Фуйен",
    ),
    (
        G.PROVINCE,
        "https://ninhthuan.gov.vn",
        "Cổng thông tin điện tử tỉnh Ninh Thuận",
        "Ninh Thuận Provincial Portal",
        "Портал провинции Ниньтхуан",
    ),
    (
        G.PROVINCE,
        "https://daklak.gov.vn",
        "Cổng thông tin điện tử tỉnh Đắk Lắk",
        "Đắk Lắk Provincial Portal",
        "Портал провинции Даклак",
    ),
    (
        G.PROVINCE,
        "https://lamdong.gov.vn",
        "Cổng thông tin điện tử tỉnh Lâm Đồng",
        "Lâm Đồng Provincial Portal",
        "Портал провинции Ламдонг",
    ),
    (
        G.PROVINCIAL_AGENCY,
        "https://dichvucong.khanhhoa.gov.vn",
        "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Khánh Hòa",
        "Khánh Hòa administrative procedures system",
        "Система административных процедур Кханьхоа",
    ),
    (
        G.PROVINCIAL_AGENCY,
        "https://stttt.khanhhoa.gov.vn",
        "Sở Thông tin và Truyền thông tỉnh Khánh Hòa",
        "Khánh Hòa Department of Information and Communications",
        "Департамент информации и связи Кханьхоа",
    ),
    (
        G.PROVINCIAL_AGENCY,
        "https://syt.khanhhoa.gov.vn",
        "Sở Y tế tỉnh Khánh Hòa",
        "Khánh Hòa Department of Health",
        "Департамент здравоохранения Кханьхоа",
    ),
    (
        G.PROVINCIAL_AGENCY,
        "https://nhatrang.khanhhoa.gov.vn",
        "Ủy ban nhân dân thành phố Nha Trang",
        "Nha Trang City People's Committee",
        "Народный комитет города Нячанг",
    ),
    (G.OTHER, "https://baokhanhhoa.vn", "Báo Khánh Hòa điện tử", "Khánh Hòa Newspaper", "Газета «Кханьхоа»"),
]
# A department's own links (the Department of Health).
SUBPORTAL_CODE = "syt"
SUBPORTAL_LINKS: list[tuple[str, str, str, str, str]] = [
    (
        G.MINISTRY,
        "https://kcb.vn",
        "Cục Quản lý Khám, chữa bệnh – Bộ Y tế",
        "Medical Services Administration",
        "Управление медицинских услуг",
    ),
    (
        G.MINISTRY,
        "https://dav.gov.vn",
        "Cục Quản lý Dược – Bộ Y tế",
        "Drug Administration of Viet Nam",
        "Управление по лекарствам",
    ),
    (
        G.CENTRAL,
        "https://baohiemxahoi.gov.vn",
        "Bảo hiểm xã hội Việt Nam",
        "Viet Nam Social Security",
        "Социальное страхование Вьетнама",
    ),
    (
        G.PROVINCIAL_AGENCY,
        "https://bvdktinh.khanhhoa.gov.vn",
        "Bệnh viện Đa khoa tỉnh Khánh Hòa",
        "Khánh Hòa General Hospital",
        "Провинциальная больница Кханьхоа",
    ),
]
PAGE_TITLES = {"vi": "Liên kết website", "en": "Government links", "ru": "Ссылки на государственные сайты"}
PAGE_INTRO = {
    "vi": "<p>Cổng thông tin điện tử các cơ quan Trung ương, bộ, ngành, các tỉnh và cơ quan của tỉnh.</p>",
    "en": "<p>Websites of central bodies, ministries, provinces and provincial agencies.</p>",
    "ru": "<p>Сайты центральных органов, министерств, провинций и провинциальных ведомств.</p>",
}


def _ensure_links(unit: Unit | None, specs: list[tuple[str, str, str, str, str]]) -> int:
    created = 0
    for order, (group, url, vi, en, ru) in enumerate(specs, start=1):
        _link, made = GovernmentLink.objects.get_or_create(
            unit=unit,
            url=url,
            defaults={
                "group": group,
                "title_vi": vi,
                "title_en": en,
                "title_ru": ru,
                "sort_order": order * 10,
            },
        )
        created += made
    return created


def _ensure_page(seeder: Any, unit_code: str) -> LinkIndexPage:
    parent = seeder.sections.get((unit_code, "gioi-thieu")) or seeder.homes[unit_code]
    page = LinkIndexPage.objects.child_of(parent).filter(slug="lien-ket-website").first()
    if page is None:
        page = LinkIndexPage(title=PAGE_TITLES["vi"], slug="lien-ket-website", intro=PAGE_INTRO["vi"])
        parent.add_child(instance=page)
        page.save_revision().publish()
    for code in ("en", "ru"):
        ensure_translation(page, seeder.locales[code], title=PAGE_TITLES[code], intro=PAGE_INTRO[code])
    return page


def seed(seeder: Any) -> None:
    """Idempotent: links are looked up by unit and address, pages by parent and slug."""
    _ensure_links(None, MAIN_LINKS)
    _ensure_page(seeder, sites.MAIN_CODE)
    if SUBPORTAL_CODE in seeder.homes:
        _ensure_links(Unit.objects.get(code=SUBPORTAL_CODE), SUBPORTAL_LINKS)
        _ensure_page(seeder, SUBPORTAL_CODE)
