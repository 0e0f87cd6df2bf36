"""Factories for procedures: lists, procedures, fields, and real CSV / XLSX bytes in several encodings."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import factory
import wagtail_factories

from editorial.tcvn6909 import encode
from portal.procedures.models import ProcedureField, ProcedureIndexPage, ProcedurePage
from portal.procedures.rules import OnlineLevel

HEADER = [
    "Mã thủ tục",
    "Tên thủ tục",
    "Lĩnh vực",
    "Cơ quan thực hiện",
    "Cấp thực hiện",
    "Mức độ DVC",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Thành phần hồ sơ",
    "Căn cứ pháp lý",
    "Đường dẫn",
]

ROWS = [
    [
        "1.009972",
        "Cấp giấy phép xây dựng mới đối với công trình cấp III",
        "Hoạt động xây dựng",
        "Sở Xây dựng tỉnh Khánh Hòa",
        "Cấp Tỉnh",
        "Dịch vụ công trực tuyến một phần",
        "20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "Lệ phí: 150.000 đồng/giấy phép",
        "- Đơn đề nghị cấp giấy phép xây dựng\n- Bản vẽ thiết kế xây dựng",
        "Luật Xây dựng số 50/2014/QH13\nNghị định số 15/2021/NĐ-CP",
        "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.009972",
    ],
    [
        "2.000720",
        "Đăng ký thành lập hộ kinh doanh",
        "Thành lập và hoạt động của hộ kinh doanh",
        "Phòng Tài chính - Kế hoạch cấp huyện",
        "Cấp Huyện",
        "Dịch vụ công trực tuyến toàn trình",
        "03 ngày làm việc",
        "100.000 đồng/lần",
        "Giấy đề nghị đăng ký hộ kinh doanh; Bản sao giấy tờ pháp lý của cá nhân",
        "Nghị định số 01/2021/NĐ-CP",
        "",
    ],
    [
        "2.000488",
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "Lý lịch tư pháp",
        "Sở Tư pháp tỉnh Khánh Hòa",
        "Cấp Tỉnh",
        "Toàn trình",
        "10 ngày",
        "200.000 đồng/lần/người",
        "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
        "Luật Lý lịch tư pháp số 28/2009/QH12",
        "https://dichvucong.khanhhoa.gov.vn/thu-tuc/2.000488",
    ],
]


def make_field(name: str = "Hoạt động xây dựng") -> ProcedureField:
    field = ProcedureField.objects.filter(name_vi=name).first()
    return field or ProcedureField.objects.create(name_vi=name)


class ProcedureIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProcedureIndexPage

    title = "Thủ tục hành chính"
    slug = factory.Sequence(lambda n: "thu-tuc-hanh-chinh" if n == 0 else f"thu-tuc-hanh-chinh-{n}")


class ProcedurePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProcedurePage

    title = factory.Sequence(lambda n: f"Thủ tục cấp giấy phép số {n}")
    slug = factory.Sequence(lambda n: f"thu-tuc-{n}")
    national_code = factory.Sequence(lambda n: f"1.{n + 100:06d}")
    field = factory.LazyFunction(make_field)
    competent_unit = "Sở Xây dựng tỉnh Khánh Hòa"
    at_province = True
    online_level = OnlineLevel.PARTIAL
    processing_time = "15 ngày làm việc"
    processing_days = 15
    fees = "Không"
    summary = "Thủ tục do Sở Xây dựng giải quyết trong 15 ngày làm việc."
    legal_basis = "Luật Xây dựng số 50/2014/QH13"


def csv_bytes(
    rows: Sequence[Sequence[Any]] = ROWS,
    header: Sequence[str] = HEADER,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    legacy: str | None = None,
) -> bytes:
    """A CSV file; ``legacy`` ("tcvn3", "vni") writes the text in that old encoding, as old tools do."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if legacy:
        return encode(text, legacy).encode("latin-1")
    return text.encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[Any]] = ROWS, header: Sequence[str] = HEADER, *, title_rows: int = 0) -> bytes:
    """An .xlsx workbook with the header (after ``title_rows`` title lines) and the rows, values as given."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thủ tục"
    for number in range(title_rows):
        sheet.append([f"DANH MỤC THỦ TỤC HÀNH CHÍNH (dòng tiêu đề {number + 1})"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
