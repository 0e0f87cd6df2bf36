"""The demo units: the provincial portal and three sub-portals, with their identity."""

from __future__ import annotations

from subportals.enums import UnitKind
from subportals.provisioning import UnitSpec

MAIN_CODE = "khanhhoa"


def unit_specs(domain: str, port: int) -> list[UnitSpec]:
    """Main portal on ``domain``; each sub-portal on ``<code>.<domain>``."""
    return [
        UnitSpec(
            code=MAIN_CODE,
            kind=UnitKind.MAIN,
            name_vi="Cổng thông tin điện tử tỉnh Khánh Hòa",
            name_en="Khánh Hòa Provincial Portal",
            name_ru="Портал провинции Кханьхоа",
            hostname=domain,
            port=port,
            contact_emails="congthongtin@khanhhoa.gov.vn",
        ),
        UnitSpec(
            code="stttt",
            kind=UnitKind.DEPARTMENT,
            name_vi="Sở Thông tin và Truyền thông",
            name_en="Department of Information and Communications",
            name_ru="Департамент информации и связи",
            hostname=f"stttt.{domain}",
            port=port,
            contact_emails="stttt@khanhhoa.gov.vn",
        ),
        UnitSpec(
            code="syt",
            kind=UnitKind.DEPARTMENT,
            name_vi="Sở Y tế",
            name_en="Department of Health",
            name_ru="Департамент здравоохранения",
            hostname=f"syt.{domain}",
            port=port,
            contact_emails="syt@khanhhoa.gov.vn",
        ),
        UnitSpec(
            code="nhatrang",
            kind=UnitKind.DISTRICT,
            name_vi="UBND thành phố Nha Trang",
            name_en="Nha Trang City People's Committee",
            name_ru="Народный комитет города Нячанг",
            hostname=f"nhatrang.{domain}",
            port=port,
            contact_emails="ubndnhatrang@khanhhoa.gov.vn",
        ),
    ]


MAIN_SETTINGS = {
    "name_vi": "Cổng thông tin điện tử tỉnh Khánh Hòa",
    "name_en": "Khánh Hòa Provincial Portal",
    "name_ru": "Портал провинции Кханьхоа",
    "agency_vi": "Ủy ban nhân dân tỉnh Khánh Hòa",
    "agency_en": "Khánh Hòa Provincial People's Committee",
    "agency_ru": "Народный комитет провинции Кханьхоа",
    "operator_vi": "Trung tâm Cổng thông tin điện tử, Sở Thông tin và Truyền thông",
    "operator_en": "E-Portal Centre, Department of Information and Communications",
    "operator_ru": "Центр электронного портала, Департамент информации и связи",
    "address": "Số 01 Trần Phú, phường Xương Huân, thành phố Nha Trang, tỉnh Khánh Hòa",
    "phone": "(0258) 3 822 000",
    "email": "congthongtin@khanhhoa.gov.vn",
    "licence": "Giấy phép số 00/GP-TTĐT (dữ liệu mẫu của bản trình diễn)",
    "editor_in_chief": "Trưởng Ban biên tập Cổng thông tin điện tử tỉnh",
}

# Sections of every demo site and the categories whose articles they hold.
SECTIONS: list[tuple[str, dict[str, str], tuple[str, ...]]] = [
    (
        "tin-tuc-su-kien",
        {"vi": "Tin tức - Sự kiện", "en": "News and events", "ru": "Новости и события"},
        ("tin-tuc", "chinh-sach-hoat-dong"),
    ),
    (
        "gioi-thieu",
        {"vi": "Giới thiệu", "en": "About", "ru": "О нас"},
        ("gioi-thieu", "to-chuc-bo-may", "danh-ba", "lien-ket"),
    ),
    (
        "van-ban-chinh-sach",
        {"vi": "Văn bản - Chính sách", "en": "Documents and policies", "ru": "Документы и политика"},
        ("van-ban-phap-luat", "pho-bien-phap-luat"),
    ),
    (
        "dich-vu-cong",
        {"vi": "Thủ tục - Dịch vụ công", "en": "Public services", "ru": "Госуслуги"},
        ("thu-tuc-hanh-chinh",),
    ),
    (
        "dau-tu-du-an",
        {"vi": "Đầu tư - Dự án", "en": "Investment and projects", "ru": "Инвестиции и проекты"},
        ("du-an-dau-thau",),
    ),
    (
        "du-lieu-thong-ke",
        {"vi": "Dữ liệu - Thống kê", "en": "Data and statistics", "ru": "Данные и статистика"},
        ("du-lieu-thong-ke",),
    ),
    ("hoi-dap", {"vi": "Hỏi đáp", "en": "Q&A", "ru": "Вопросы и ответы"}, ("gop-y-hoi-dap",)),
]

SERVICE_LINKS = [
    {
        "url": "https://dichvucong.gov.vn",
        "vi": ("Cổng Dịch vụ công quốc gia", "Nộp hồ sơ, tra cứu, thanh toán trực tuyến"),
        "en": ("National Public Service Portal", "Apply, track and pay online"),
        "ru": ("Национальный портал госуслуг", "Подача заявлений, отслеживание и оплата онлайн"),
    },
    {
        "url": "https://dichvucong.khanhhoa.gov.vn",
        "vi": ("Hệ thống thông tin giải quyết thủ tục hành chính tỉnh", "Dịch vụ công trực tuyến của tỉnh Khánh Hòa"),
        "en": ("Provincial administrative procedures system", "Online public services of Khánh Hòa"),
        "ru": ("Система административных процедур провинции", "Онлайн-услуги провинции Кханьхоа"),
    },
    {
        "url": "https://csdl.dichvucong.gov.vn",
        "vi": ("Cơ sở dữ liệu quốc gia về thủ tục hành chính", "Tra cứu thành phần hồ sơ, phí, lệ phí"),
        "en": ("National database of administrative procedures", "Required papers, fees and charges"),
        "ru": ("Национальная база административных процедур", "Документы, сборы и пошлины"),
    },
]

HOME_INTRO = {
    "vi": "<p>Cổng thông tin điện tử chính thức của Ủy ban nhân dân tỉnh Khánh Hòa: tin tức, văn bản, "
    "thủ tục hành chính và dịch vụ công trực tuyến.</p>",
    "en": "<p>The official portal of the Khánh Hòa Provincial People's Committee: news, documents, "
    "administrative procedures and online public services.</p>",
    "ru": "<p>Официальный портал Народного комитета провинции Кханьхоа: новости, документы, "
    "административные процедуры и онлайн-услуги.</p>",
}

# Demo accounts: one per editorial role and unit. The password meets the policy (upper, lower,
# digit, special, 10+ characters) and is documented in README.md.
DEMO_PASSWORD = "Demo#Portal2026"
ROLE_USERNAME_SUFFIX = {"editor": "bientap", "reviewer": "kiemduyet", "board_head": "truongban"}
ROLE_PEOPLE = {
    "editor": ("Nguyễn Thị", "Mai"),
    "reviewer": ("Trần Văn", "Hùng"),
    "board_head": ("Lê Minh", "Tuấn"),
}
