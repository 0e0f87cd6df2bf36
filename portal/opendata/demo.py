"""Demo datasets: real CSV/XLSX files with plausible figures, in the main portal and the health department.

Figures are illustrative (rounded, consistent between files), not official statistics. Files use the
formats officials really send: UTF-8 with BOM and semicolons, tab-separated, comma-separated with
quoted numbers, a TCVN3-encoded CSV from an old system, and XLSX workbooks with a title row.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from openpyxl import Workbook
from wagtail.documents import get_document_model

from editorial.tcvn6909 import encode
from portal.demo import sites
from portal.translation import ensure_translation
from subportals.models import Unit

from .choices import Frequency, License, Topic
from .models import DatasetIndexPage, DatasetPage, DatasetResource
from .numbers import format_number

INDEX_SLUG = "du-lieu-mo"
INDEX_TITLES = {
    "vi": "Dữ liệu mở và số liệu thống kê",
    "en": "Open data and statistics",
    "ru": "Открытые данные и статистика",
}
INDEX_INTRO = {
    "vi": "<p>Các bộ dữ liệu do cơ quan nhà nước tỉnh Khánh Hòa công bố, tải về tự do dưới dạng CSV, XLSX.</p>",
    "en": "<p>Datasets published by the state agencies of Khánh Hòa, free to download as CSV and XLSX.</p>",
    "ru": "<p>Наборы данных органов власти провинции Кханьхоа, свободно доступные в форматах CSV и XLSX.</p>",
}


def vn(value: float, decimals: int = 1) -> str:
    """A figure as a Vietnamese statistics table writes it (1.234,5)."""
    return format_number(round(value, decimals), "vi", decimals)


def csv_file(rows: list[list[Any]], delimiter: str = ";", *, bom: bool = True, encoding: str = "utf-8") -> bytes:
    def cell(value: Any) -> str:
        text = str(value)
        return f'"{text}"' if delimiter in text or '"' in text else text

    text = "\r\n".join(delimiter.join(cell(value) for value in row) for row in rows) + "\r\n"
    if encoding == "tcvn3":
        return encode(text, "tcvn3").encode("latin-1")
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def xlsx_file(rows: list[list[Any]], title: str = "", sheet: str = "Số liệu") -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    if title:
        worksheet.append([title])
        worksheet.append([])
    for row in rows:
        worksheet.append(row)
    workbook.properties.creator = "Cổng thông tin điện tử tỉnh Khánh Hòa (dữ liệu mẫu)"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------------
# Figures

DISTRICTS = [
    # name, area km², average population 2024, aquaculture/fishing (tonnes)
    ("Thành phố Nha Trang", 254.6, 435_700),
    ("Thành phố Cam Ranh", 327.5, 132_400),
    ("Thị xã Ninh Hòa", 1196.8, 247_100),
    ("Huyện Vạn Ninh", 557.3, 137_900),
    ("Huyện Diên Khánh", 337.0, 148_200),
    ("Huyện Khánh Vĩnh", 1165.2, 40_900),
    ("Huyện Cam Lâm", 547.6, 112_800),
    ("Huyện Khánh Sơn", 338.5, 25_600),
    ("Huyện Trường Sa", 496.0, 240),
]


def population_rows() -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["Đơn vị hành chính", "Diện tích (km²)", "Dân số trung bình (người)", "Mật độ dân số (người/km²)"]
    ]
    for name, area, people in DISTRICTS:
        rows.append([name, vn(area), vn(people, 0), vn(people / area)])
    return rows


def population_xlsx_rows() -> list[list[Any]]:
    rows: list[list[Any]] = [["Đơn vị hành chính", "Diện tích (km²)", "Dân số trung bình (người)"]]
    rows += [[name, area, people] for name, area, people in DISTRICTS]
    return rows


MONTHS = ["Tháng 1", "Tháng 2", "Tháng 3", "Tháng 4", "Tháng 5", "Tháng 6"]
MONTHS += ["Tháng 7", "Tháng 8", "Tháng 9", "Tháng 10", "Tháng 11", "Tháng 12"]
# Thousand guest arrivals: (international, domestic); Tết and summer peaks, autumn rains.
VISITORS = [(352, 498), (318, 574), (331, 402), (296, 455), (241, 612), (228, 748)]
VISITORS += [(236, 781), (248, 706), (205, 388), (214, 342), (287, 356), (338, 421)]


def tourism_rows() -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["Tháng", "Tổng lượt khách lưu trú (nghìn lượt)", "Khách quốc tế (nghìn lượt)", "Khách nội địa (nghìn lượt)"]
    ]
    for month, (foreign, domestic) in zip(MONTHS, VISITORS, strict=True):
        rows.append([month, foreign + domestic, foreign, domestic])
    return rows


# Billion VND at current prices; growth in % at comparable prices; per capita in million VND.
GRDP = [(2020, 92_480, -0.09, 75.2), (2021, 88_640, -3.85, 71.6), (2022, 107_730, 17.07, 86.4)]
GRDP += [(2023, 120_510, 9.04, 96.1), (2024, 134_960, 10.16, 107.5)]


def grdp_rows() -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["Năm", "GRDP theo giá hiện hành (tỷ đồng)", "Tốc độ tăng (%)", "GRDP bình quân đầu người (triệu đồng)"]
    ]
    for year, value, growth, per_capita in GRDP:
        rows.append([str(year), vn(value, 0), vn(growth, 2), vn(per_capita)])
    return rows


BUSINESSES = [("Quý I/2024", 412, 3_180, 236), ("Quý II/2024", 468, 3_520, 198), ("Quý III/2024", 437, 2_960, 174)]
BUSINESSES += [("Quý IV/2024", 521, 4_210, 165), ("Quý I/2025", 446, 3_690, 251), ("Quý II/2025", 509, 4_020, 207)]
BUSINESSES += [("Quý III/2025", 488, 3_870, 189)]


def business_rows() -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["Quý", "Doanh nghiệp thành lập mới", "Vốn đăng ký (tỷ đồng)", "Doanh nghiệp quay lại hoạt động"]
    ]
    rows += [[quarter, str(new), vn(capital, 0), str(back)] for quarter, new, capital, back in BUSINESSES]
    return rows


BUDGET = [(2020, 14_620, 12_310, 2_310), (2021, 14_180, 11_950, 2_230), (2022, 18_310, 15_420, 2_890)]
BUDGET += [(2023, 16_870, 14_380, 2_490), (2024, 18_940, 16_120, 2_820), (2025, 20_150, 17_200, 2_950)]


def budget_rows() -> list[list[Any]]:
    rows: list[list[Any]] = [["Năm", "Tổng thu NSNN (tỷ đồng)", "Thu nội địa", "Thu từ xuất nhập khẩu"]]
    rows += [[str(year), total, domestic, customs] for year, total, domestic, customs in BUDGET]
    return rows


FISHERIES = [("Thành phố Nha Trang", 23_480, 3_150), ("Thành phố Cam Ranh", 31_920, 6_870)]
FISHERIES += [("Thị xã Ninh Hòa", 27_640, 9_420), ("Huyện Vạn Ninh", 30_150, 7_360)]
FISHERIES += [("Huyện Diên Khánh", 0, 610), ("Huyện Cam Lâm", 4_830, 5_240)]


def fisheries_rows() -> list[list[Any]]:
    rows: list[list[Any]] = [["Đơn vị hành chính", "Sản lượng khai thác (tấn)", "Sản lượng nuôi trồng (tấn)"]]
    rows += [[name, vn(caught, 0), vn(farmed, 0)] for name, caught, farmed in FISHERIES]
    return rows


HEALTH = [
    ("Thành phố Nha Trang", 9, 27, 3_420),
    ("Thành phố Cam Ranh", 2, 15, 520),
    ("Thị xã Ninh Hòa", 2, 27, 610),
    ("Huyện Vạn Ninh", 1, 13, 260),
    ("Huyện Diên Khánh", 1, 18, 310),
    ("Huyện Khánh Vĩnh", 1, 14, 150),
    ("Huyện Cam Lâm", 1, 14, 220),
    ("Huyện Khánh Sơn", 1, 8, 110),
]


def health_rows() -> list[list[Any]]:
    rows: list[list[Any]] = [["Đơn vị hành chính", "Bệnh viện", "Trạm y tế xã, phường", "Giường bệnh"]]
    rows += [[name, str(hospitals), str(stations), vn(beds, 0)] for name, hospitals, stations, beds in HEALTH]
    return rows


# --------------------------------------------------------------------------------------------------
# Specs


@dataclass
class FileSpec:
    title: dict[str, str]
    filename: str
    build: Callable[[], bytes]


@dataclass
class DatasetSpec:
    slug: str
    text: dict[str, dict[str, str]]  # language → title, summary, publisher, description
    topic: str
    frequency: str
    updated_on: datetime.date
    period: tuple[datetime.date, datetime.date]
    files: list[FileSpec]
    chart: tuple[str, int, int] = ("bar", 1, 2)
    header_row: int = 1
    license: str = License.CC_BY_4
    unit_code: str = sites.MAIN_CODE
    extra: dict[str, Any] = field(default_factory=dict)


D = datetime.date
STATISTICS = {
    "vi": "Cục Thống kê tỉnh Khánh Hòa",
    "en": "Khánh Hòa Statistics Office",
    "ru": "Статистическое управление",
}

MAIN_DATASETS = [
    DatasetSpec(
        slug="dan-so-theo-huyen-2024",
        text={
            "vi": {
                "title": "Dân số trung bình phân theo huyện, thị xã, thành phố năm 2024",
                "summary": "Diện tích, dân số trung bình và mật độ dân số của 9 đơn vị hành chính cấp huyện.",
                "publisher": STATISTICS["vi"],
                "description": "<p>Số liệu sơ bộ năm 2024; toàn tỉnh 1.280.840 người trên 5.220,5 km². Dân số "
                "trung bình tính theo phương pháp bình quân số học các thời điểm trong năm.</p>",
            },
            "en": {
                "title": "Average population by district, 2024",
                "summary": "Area, average population and density of the nine district-level units.",
                "publisher": STATISTICS["en"],
                "description": "<p>Preliminary 2024 figures; 1,280,840 people on 5,220.5 km² in the province. "
                "Average population is the mean over the year.</p>",
            },
            "ru": {
                "title": "Среднегодовая численность населения по районам, 2024",
                "summary": "Площадь, население и плотность населения девяти районов провинции.",
                "publisher": STATISTICS["ru"],
                "description": "<p>Предварительные данные за 2024 год.</p>",
            },
        },
        topic=Topic.POPULATION,
        frequency=Frequency.YEARLY,
        updated_on=D(2025, 4, 18),
        period=(D(2024, 1, 1), D(2024, 12, 31)),
        files=[
            FileSpec(
                {"vi": "Bảng số liệu (CSV)", "en": "Data table (CSV)", "ru": "Таблица данных (CSV)"},
                "dan-so-trung-binh-2024.csv",
                lambda: csv_file(population_rows()),
            ),
            FileSpec(
                {"vi": "Bảng số liệu (Excel)", "en": "Data table (Excel)", "ru": "Таблица данных (Excel)"},
                "dan-so-trung-binh-2024.xlsx",
                lambda: xlsx_file(population_xlsx_rows()),
            ),
        ],
        chart=("bar", 1, 3),
    ),
    DatasetSpec(
        slug="khach-du-lich-theo-thang-2025",
        text={
            "vi": {
                "title": "Khách du lịch lưu trú tại Khánh Hòa theo tháng năm 2025",
                "summary": "Lượt khách quốc tế và nội địa lưu trú tại các cơ sở lưu trú du lịch, từng tháng.",
                "publisher": "Sở Du lịch tỉnh Khánh Hòa",
                "description": "<p>Tổng hợp từ báo cáo của các cơ sở lưu trú; đơn vị tính: nghìn lượt khách.</p>",
            },
            "en": {
                "title": "Tourist arrivals in Khánh Hòa by month, 2025",
                "summary": "International and domestic guests staying in tourist accommodation, month by month.",
                "publisher": "Khánh Hòa Department of Tourism",
                "description": "<p>Compiled from accommodation reports; thousand guest arrivals.</p>",
            },
            "ru": {
                "title": "Туристы в провинции Кханьхоа по месяцам, 2025",
                "summary": "Иностранные и внутренние туристы в средствах размещения по месяцам.",
                "publisher": "Департамент туризма провинции Кханьхоа",
                "description": "<p>По отчётам средств размещения; тыс. прибытий.</p>",
            },
        },
        topic=Topic.TOURISM,
        frequency=Frequency.MONTHLY,
        updated_on=D(2026, 1, 12),
        period=(D(2025, 1, 1), D(2025, 12, 31)),
        files=[
            FileSpec(
                {
                    "vi": "Số liệu theo tháng (Excel)",
                    "en": "Monthly figures (Excel)",
                    "ru": "Помесячные данные (Excel)",
                },
                "khach-du-lich-2025.xlsx",
                lambda: xlsx_file(tourism_rows()),
            )
        ],
        chart=("line", 1, 2),
    ),
    DatasetSpec(
        slug="grdp-2020-2024",
        text={
            "vi": {
                "title": "Tổng sản phẩm trên địa bàn (GRDP) giai đoạn 2020–2024",
                "summary": "GRDP theo giá hiện hành, tốc độ tăng và GRDP bình quân đầu người từng năm.",
                "publisher": STATISTICS["vi"],
                "description": "<p>Tốc độ tăng tính theo giá so sánh 2010. Năm 2024 là số liệu sơ bộ.</p>",
            },
            "en": {
                "title": "Gross regional domestic product (GRDP), 2020–2024",
                "summary": "GRDP at current prices, growth rate and GRDP per capita by year.",
                "publisher": STATISTICS["en"],
                "description": "<p>Growth at constant 2010 prices; 2024 is preliminary.</p>",
            },
        },
        topic=Topic.ECONOMY,
        frequency=Frequency.YEARLY,
        updated_on=D(2025, 6, 30),
        period=(D(2020, 1, 1), D(2024, 12, 31)),
        files=[
            FileSpec(
                {"vi": "Bảng GRDP (CSV)", "en": "GRDP table (CSV)", "ru": "Таблица ВРП (CSV)"},
                "grdp-2020-2024.csv",
                lambda: csv_file(grdp_rows(), ",", bom=False),
            )
        ],
        chart=("bar", 1, 2),
    ),
    DatasetSpec(
        slug="doanh-nghiep-thanh-lap-moi",
        text={
            "vi": {
                "title": "Số doanh nghiệp thành lập mới theo quý, 2024–2025",
                "summary": "Doanh nghiệp đăng ký thành lập mới, vốn đăng ký và doanh nghiệp quay lại hoạt động.",
                "publisher": "Sở Kế hoạch và Đầu tư tỉnh Khánh Hòa",
                "description": "<p>Nguồn: Hệ thống thông tin quốc gia về đăng ký doanh nghiệp.</p>",
            }
        },
        topic=Topic.BUSINESS,
        frequency=Frequency.QUARTERLY,
        updated_on=D(2025, 10, 8),
        period=(D(2024, 1, 1), D(2025, 9, 30)),
        files=[
            FileSpec(
                {"vi": "Số liệu theo quý (CSV, phân cách tab)"},
                "doanh-nghiep-moi-theo-quy.csv",
                lambda: csv_file(business_rows(), "\t"),
            )
        ],
        chart=("bar", 1, 2),
    ),
    DatasetSpec(
        slug="thu-ngan-sach-2020-2025",
        text={
            "vi": {
                "title": "Thu ngân sách nhà nước trên địa bàn tỉnh, 2020–2025",
                "summary": "Tổng thu, thu nội địa và thu từ hoạt động xuất nhập khẩu; năm 2025 là ước thực hiện.",
                "publisher": "Sở Tài chính tỉnh Khánh Hòa",
                "description": "<p>Đơn vị tính: tỷ đồng. Số liệu 2020–2024 theo quyết toán được HĐND tỉnh "
                "phê chuẩn.</p>",
            }
        },
        topic=Topic.BUDGET,
        frequency=Frequency.YEARLY,
        updated_on=D(2026, 1, 20),
        period=(D(2020, 1, 1), D(2025, 12, 31)),
        files=[
            FileSpec(
                {"vi": "Thu ngân sách (Excel)"},
                "thu-ngan-sach-2020-2025.xlsx",
                lambda: xlsx_file(budget_rows(), title="THU NGÂN SÁCH NHÀ NƯỚC TRÊN ĐỊA BÀN TỈNH KHÁNH HÒA"),
            )
        ],
        chart=("line", 1, 2),
        header_row=3,
        license=License.GOVERNMENT,
    ),
    DatasetSpec(
        slug="san-luong-thuy-san-2024",
        text={
            "vi": {
                "title": "Sản lượng thủy sản khai thác và nuôi trồng theo địa phương năm 2024",
                "summary": "Sản lượng khai thác và nuôi trồng thủy sản của các huyện, thị xã, thành phố ven biển.",
                "publisher": "Sở Nông nghiệp và Phát triển nông thôn tỉnh Khánh Hòa",
                "description": "<p>Tệp xuất từ phần mềm thống kê cũ (bảng mã TCVN3); trang xem trước đã chuyển "
                "sang Unicode.</p>",
            }
        },
        topic=Topic.AGRICULTURE,
        frequency=Frequency.YEARLY,
        updated_on=D(2025, 3, 5),
        period=(D(2024, 1, 1), D(2024, 12, 31)),
        files=[
            FileSpec(
                {"vi": "Sản lượng thủy sản (CSV, bảng mã TCVN3)"},
                "san-luong-thuy-san-2024-tcvn3.csv",
                lambda: csv_file(fisheries_rows(), encoding="tcvn3"),
            )
        ],
        chart=("bar", 1, 2),
    ),
]

HEALTH_DATASET = DatasetSpec(
    slug="co-so-kham-chua-benh-2024",
    unit_code="syt",
    text={
        "vi": {
            "title": "Cơ sở khám bệnh, chữa bệnh và giường bệnh theo địa phương năm 2024",
            "summary": "Số bệnh viện, trạm y tế xã, phường và giường bệnh kế hoạch của từng địa phương.",
            "publisher": "Sở Y tế tỉnh Khánh Hòa",
            "description": "<p>Không gồm phòng khám tư nhân. Giường bệnh theo chỉ tiêu kế hoạch được giao.</p>",
        },
        "en": {
            "title": "Health facilities and hospital beds by locality, 2024",
            "summary": "Hospitals, commune health stations and planned hospital beds in each locality.",
            "publisher": "Khánh Hòa Department of Health",
            "description": "<p>Private clinics excluded; beds as planned.</p>",
        },
        "ru": {
            "title": "Медицинские учреждения и койки по районам, 2024",
            "summary": "Больницы, медпункты коммун и плановые койки по каждому району.",
            "publisher": "Департамент здравоохранения провинции Кханьхоа",
            "description": "<p>Без частных клиник.</p>",
        },
    },
    topic=Topic.HEALTH,
    frequency=Frequency.YEARLY,
    updated_on=D(2025, 2, 20),
    period=(D(2024, 1, 1), D(2024, 12, 31)),
    files=[
        FileSpec(
            {"vi": "Bảng số liệu (CSV)", "en": "Data table (CSV)", "ru": "Таблица данных (CSV)"},
            "co-so-kham-chua-benh-2024.csv",
            lambda: csv_file(health_rows()),
        )
    ],
    chart=("bar", 1, 4),
)


# --------------------------------------------------------------------------------------------------
# Seeding


def seed(seeder: Any) -> None:
    main_index = _index(seeder, sites.MAIN_CODE)
    for spec in MAIN_DATASETS:
        _dataset(seeder, main_index, spec)
    if ("syt", "du-lieu-thong-ke") in seeder.sections:
        _dataset(seeder, _index(seeder, "syt"), HEALTH_DATASET)


def _index(seeder: Any, unit_code: str) -> DatasetIndexPage:
    section = seeder.sections[(unit_code, "du-lieu-thong-ke")]
    index = DatasetIndexPage.objects.child_of(section).filter(slug=INDEX_SLUG).first()
    if index is None:
        index = DatasetIndexPage(title=INDEX_TITLES["vi"], slug=INDEX_SLUG, intro=INDEX_INTRO["vi"])
        section.add_child(instance=index)
        index.save_revision().publish()
    for language in ("en", "ru"):
        ensure_translation(index, seeder.locales[language], title=INDEX_TITLES[language], intro=INDEX_INTRO[language])
    return index


def _document(unit: Unit, spec: FileSpec) -> Any:
    Document = get_document_model()
    title = f"{spec.title['vi']} – {spec.filename}"
    document = Document.objects.filter(title=title, collection=unit.collection).first()
    if document is None:
        data = spec.build()
        document = Document(title=title, collection=unit.collection)
        document.file = ContentFile(data, name=spec.filename)
        document.file_size = len(data)
        document.file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        document.save()
    return document


def _dataset(seeder: Any, index: DatasetIndexPage, spec: DatasetSpec) -> DatasetPage:
    today = seeder.now.date()
    vi = spec.text["vi"]
    dataset = DatasetPage.objects.child_of(index).filter(slug=spec.slug).first()
    if dataset is None:
        unit = Unit.objects.select_related("collection").get(code=spec.unit_code)
        chart_kind, label_column, value_column = spec.chart
        dataset = DatasetPage(
            title=vi["title"],
            slug=spec.slug,
            summary=vi["summary"],
            publisher=vi["publisher"],
            description=vi["description"],
            topic=spec.topic,
            license=spec.license,
            update_frequency=spec.frequency,
            updated_on=min(spec.updated_on, today),
            period_start=spec.period[0],
            period_end=min(spec.period[1], today),
            header_row=spec.header_row,
            chart_kind=chart_kind,
            chart_label_column=label_column,
            chart_value_column=value_column,
            publication_date=timezone.make_aware(
                datetime.datetime.combine(min(spec.updated_on, today), datetime.time(8, 30))
            ),
        )
        for file_spec in spec.files:
            dataset.resources.add(DatasetResource(title=file_spec.title["vi"], document=_document(unit, file_spec)))
        index.add_child(instance=dataset)
        dataset.save_revision().publish()
    for language in ("en", "ru"):
        text = spec.text.get(language)
        if text:
            translation = ensure_translation(dataset, seeder.locales[language], **text)
            _translate_files(translation, spec, language)
    return dataset


def _translate_files(translation: DatasetPage, spec: DatasetSpec, language: str) -> None:
    """The files keep their documents; their titles are translated (once: the seed stays idempotent)."""
    changed = False
    resources = list(translation.resources.all())
    for resource, file_spec in zip(resources, spec.files, strict=False):
        title = file_spec.title.get(language)
        if title and resource.title != title:
            resource.title = title
            changed = True
    if changed:
        translation.resources = resources
        translation.save_revision().publish()
