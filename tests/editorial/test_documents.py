"""The documents layer renders real files; these tests read them back with real parsers (pypdf, csv, openpyxl)."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import re
import unicodedata
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

from editorial.documents import (
    AdministrativeDocument,
    Signature,
    Table,
    date_line,
    render_pdf,
    to_csv,
    to_xlsx,
)

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


def make_document(**overrides: object) -> AdministrativeDocument:
    values: dict[str, object] = {
        "issuer_parent": "UBND TỈNH KHÁNH HÒA",
        "issuer": "BAN BIÊN TẬP CỔNG THÔNG TIN ĐIỆN TỬ TỈNH",
        "number": "Số: 12/BC-BBT",
        "place": "Khánh Hòa",
        "date": datetime.date(2026, 11, 24),
        "kind": "BÁO CÁO",
        "title": "Kết quả cập nhật thông tin trên Cổng thông tin điện tử tỉnh tháng 11/2026",
        "addressees": ["Sở Thông tin và Truyền thông"],
        "body": [
            "Thực hiện Nghị định số 42/2022/NĐ-CP, Ban Biên tập báo cáo kết quả cập nhật thông tin như sau:",
            Table(
                columns=["STT", "Đơn vị", "Số tin bài", "Tỷ lệ (%)"],
                rows=[
                    ["1", "Sở Tư pháp", "125", "98,5"],
                    ["2", "UBND huyện Khánh Vĩnh", "3", "12,0"],
                    ["3", "Sở Y tế", "40", "75,0"],
                ],
                widths=[0.6, 4, 1.5, 1.5],
                numeric_columns=frozenset({2, 3}),
                emphasised_rows=frozenset({1}),
                heading="Bảng 1. Kết quả cập nhật thông tin",
            ),
            "Ban Biên tập kính báo cáo Sở Thông tin và Truyền thông xem xét, tổng hợp.",
        ],
        "recipients": ["Như trên", "Lãnh đạo UBND tỉnh (b/c)"],
        "signatures": [Signature(title="PHÓ TRƯỞNG BAN", capacity="KT. TRƯỞNG BAN", name="Nguyễn Thị Hồng Nhung")],
    }
    values.update(overrides)
    return AdministrativeDocument(**values)  # type: ignore[arg-type]


def normalise(text: str) -> str:
    """NFC and single spaces: pypdf may split lines or runs where the layout wraps them."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def page_texts(pdf: bytes) -> list[str]:
    return [normalise(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def texts_in_top_margin(pdf: bytes, page_index: int, margin: float = 20 * 72 / 25.4) -> list[str]:
    """Text drawn above the body frame (in the top margin) of one page, with its position."""
    page = PdfReader(io.BytesIO(pdf)).pages[page_index]
    height = float(page.mediabox.height)
    found: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        y = tm[5] * cm[3] + tm[4] * cm[1] + cm[5]
        if text.strip() and y > height - margin:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return found


# --- PDF ------------------------------------------------------------------------------------------


def test_pdf_contains_the_administrative_layout_in_vietnamese() -> None:
    pdf = render_pdf(make_document())

    assert pdf.startswith(b"%PDF-")
    [text] = page_texts(pdf)
    for expected in [
        "UBND TỈNH KHÁNH HÒA",
        NATIONAL_NAME,
        NATIONAL_MOTTO,
        "Số: 12/BC-BBT",
        "Khánh Hòa, ngày 24 tháng 11 năm 2026",
        "BÁO CÁO",
        "Kính gửi: Sở Thông tin và Truyền thông.",
        "Bảng 1. Kết quả cập nhật thông tin",
        "UBND huyện Khánh Vĩnh",
        "98,5",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT.",
        "KT. TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "(Ký, ghi rõ họ tên)",
        "Nguyễn Thị Hồng Nhung",
    ]:
        assert normalise(expected) in text, expected
    # The parts come in the order NĐ 30/2020 prescribes.
    positions = [text.index(normalise(s)) for s in ["BÁO CÁO", "Kính gửi", "Sở Tư pháp", "Nơi nhận", "Nguyễn Thị"]]
    assert positions == sorted(positions)


def test_pdf_embeds_only_the_bundled_liberation_serif_fonts() -> None:
    reader = PdfReader(io.BytesIO(render_pdf(make_document())))
    fonts = [ref.get_object() for ref in reader.pages[0]["/Resources"]["/Font"].values()]

    names = {str(font["/BaseFont"]).split("+", 1)[-1] for font in fonts}
    assert names == {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    }
    for font in fonts:
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), "the TrueType font is embedded"


def test_pdf_metadata() -> None:
    metadata = PdfReader(io.BytesIO(render_pdf(make_document()))).metadata

    assert metadata.title == "BÁO CÁO Kết quả cập nhật thông tin trên Cổng thông tin điện tử tỉnh tháng 11/2026"
    assert metadata.author == "BAN BIÊN TẬP CỔNG THÔNG TIN ĐIỆN TỬ TỈNH"


def test_pdf_several_addressees_are_listed_one_per_line() -> None:
    text = page_texts(render_pdf(make_document(addressees=["Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh"])))[0]

    assert "Kính gửi:" in text
    assert "- Sở Thông tin và Truyền thông;" in text
    assert "- Văn phòng UBND tỉnh." in text


def test_pdf_long_table_repeats_its_header_and_numbers_later_pages() -> None:
    rows = [[str(i), f"Đơn vị số {i}", str(i * 3), "50,0"] for i in range(1, 301)]
    table = Table(columns=["STT", "Tên đơn vị", "Số tin bài", "Tỷ lệ (%)"], rows=rows, widths=[1, 5, 2, 2])
    pdf = render_pdf(make_document(body=["Danh sách đơn vị:", table]))

    texts = page_texts(pdf)
    assert len(texts) >= 3
    assert [text.count("Tên đơn vị") for text in texts] == [1] * len(texts), "one header row on every page"
    assert "Đơn vị số 300" in texts[-1]
    assert texts_in_top_margin(pdf, 0) == [], "page 1 carries no page number"
    assert texts_in_top_margin(pdf, 1) == ["2"]
    assert texts_in_top_margin(pdf, 2) == ["3"]


def test_pdf_row_taller_than_a_page_splits_without_repeating_the_header_on_the_same_page() -> None:
    rows = [["1", "Ngắn"], ["2", "Nội dung rất dài của một ô. " * 400], ["3", "Cuối bảng"]]
    pdf = render_pdf(make_document(body=[Table(columns=["STT", "Cột tiêu đề"], rows=rows, widths=[1, 6])]))

    texts = page_texts(pdf)
    assert len(texts) >= 3
    assert [text.count("Cột tiêu đề") for text in texts[:-1]] == [1] * (len(texts) - 1)
    assert "Cuối bảng" in " ".join(texts)


def test_pdf_is_byte_identical_for_the_same_input() -> None:
    first = render_pdf(make_document())
    second = render_pdf(make_document())
    other_day = render_pdf(make_document(date=datetime.date(2026, 11, 25)))

    assert first == second
    assert first != other_day


def test_pdf_prints_hostile_text_literally() -> None:
    hostile = [
        ["<script>alert(1)</script>", "A & B", "<b>not bold</b>"],
        ["x" * 5000, "lời dài " * 700, "<para><font name='Nope'>"],
        ["שלום עולם مرحبا", "🙂👍🇻🇳", "\x00\x07\ud800 control"],
        ["", "", ""],
    ]
    document = make_document(
        title="Tiêu đề có <i>thẻ</i> & ký tự",
        body=[
            "Đoạn văn <b>&amp;</b> thô",
            Table(columns=["<th>", "&", "Cột 3"], rows=hostile),
            Table(columns=["Trống"], rows=[]),
            Table(columns=[], rows=[]),
            "",
        ],
        recipients=["<Nơi nhận>"],
        signatures=[Signature(title="<TRƯỞNG BAN>", name="Trần & Lê")],
    )

    pdf = render_pdf(document)

    text = " ".join(page_texts(pdf))
    for literal in ["<script>alert(1)</script>", "A & B", "<b>not bold</b>", "<i>thẻ</i> &", "<b>&amp;</b>"]:
        assert literal in text
    assert "Trống" in text
    assert "Trần & Lê" in text


def test_pdf_landscape_page_is_wider_than_tall() -> None:
    page = PdfReader(io.BytesIO(render_pdf(make_document(landscape=True)))).pages[0]

    assert float(page.mediabox.width) > float(page.mediabox.height)
    portrait = PdfReader(io.BytesIO(render_pdf(make_document()))).pages[0]
    assert float(portrait.mediabox.width) < float(portrait.mediabox.height)


def test_pdf_several_signatures_side_by_side() -> None:
    signatures = [
        Signature(title="NGƯỜI LẬP BIỂU", name="Lê Văn Bình"),
        Signature(title="KẾ TOÁN", name="Phạm Thị Cúc"),
        Signature(title="THỦ TRƯỞNG ĐƠN VỊ", name="Võ Minh Đức"),
    ]
    pdf = render_pdf(make_document(signatures=signatures, recipients=[], landscape=True))

    text = " ".join(page_texts(pdf))
    for signature in signatures:
        assert signature.title in text
        assert signature.name in text
    assert "Nơi nhận" not in text

    # Side by side: the three titles are drawn on the same baseline, left to right.
    positions: dict[str, tuple[float, float]] = {}

    def visit(run: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        for signature in signatures:
            if run.strip() == signature.title:
                positions[run.strip()] = (tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5])

    PdfReader(io.BytesIO(pdf)).pages[-1].extract_text(visitor_text=visit)
    xs = [positions[s.title][0] for s in signatures]
    ys = {round(positions[s.title][1]) for s in signatures}
    assert xs == sorted(xs)
    assert len(ys) == 1


def test_pdf_several_signatures_keep_recipients_when_given() -> None:
    signatures = [Signature(title="NGƯỜI LẬP BIỂU"), Signature(title="THỦ TRƯỞNG ĐƠN VỊ")]
    text = " ".join(page_texts(render_pdf(make_document(signatures=signatures, recipients=["Phòng Kế toán"]))))

    assert text.index("Nơi nhận:") < text.index("NGƯỜI LẬP BIỂU")
    assert "- Phòng Kế toán;" in text


def test_pdf_rejects_widths_that_do_not_match_the_columns() -> None:
    table = Table(columns=["A", "B"], rows=[["1", "2"]], widths=[1.0])

    with pytest.raises(ValueError, match="widths"):
        render_pdf(make_document(body=[table]))


def test_pdf_accepts_decomposed_vietnamese() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung")
    document = make_document(signatures=[Signature(title="TRƯỞNG BAN", name=decomposed)])

    assert "Nguyễn Thị Hồng Nhung" in page_texts(render_pdf(document))[0]


def test_document_is_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        make_document().kind = "CÔNG VĂN"  # type: ignore[misc]


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 1, 5), "Khánh Hòa, ngày 05 tháng 01 năm 2026"),
        (datetime.date(2026, 2, 28), "Khánh Hòa, ngày 28 tháng 02 năm 2026"),
        (datetime.date(2026, 11, 24), "Khánh Hòa, ngày 24 tháng 11 năm 2026"),
        (datetime.date(2026, 3, 9), "Khánh Hòa, ngày 09 tháng 3 năm 2026"),
        (datetime.date(2026, 12, 31), "Khánh Hòa, ngày 31 tháng 12 năm 2026"),
    ],
)
def test_date_line(day: datetime.date, expected: str) -> None:
    assert date_line("Khánh Hòa", day) == expected


def test_date_line_without_place() -> None:
    assert date_line("", datetime.date(2026, 3, 9)) == "Ngày 09 tháng 3 năm 2026"


# --- CSV ------------------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_and_crlf() -> None:
    data = to_csv(["Đơn vị", "Số tin"], [["Sở Tư pháp", 12]], title_lines=["BÁO CÁO THÁNG 11/2026"])

    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.decode("utf-8-sig").splitlines() == [
        "BÁO CÁO THÁNG 11/2026",
        "",
        "Đơn vị,Số tin",
        "Sở Tư pháp,12",
    ]


def test_csv_round_trip() -> None:
    rows = [
        ["Sở Tư pháp", 125, 98.5, Decimal("1234.50")],
        ['Phòng "Văn hóa", Thông tin', 0, -3.25, Decimal("-7")],
        ["Dòng 1\nDòng 2", None, 0.0, 1],
    ]
    data = to_csv(["Đơn vị", "Số tin", "Tỷ lệ", "Tiền"], rows)

    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert parsed == [
        ["Đơn vị", "Số tin", "Tỷ lệ", "Tiền"],
        ["Sở Tư pháp", "125", "98.5", "1234.50"],
        ['Phòng "Văn hóa", Thông tin', "0", "-3.25", "-7"],
        ["Dòng 1\nDòng 2", "", "0.0", "1"],
    ]


def test_csv_defuses_formula_injection() -> None:
    hostile = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "a=b", "-"]
    data = to_csv(["Ô"], [[cell] for cell in hostile] + [[-5], [Decimal("-1.5")]], title_lines=["=Tiêu đề"])

    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert parsed[0] == ["'=Tiêu đề"]
    cells = [row[0] for row in parsed[3:]]
    assert cells == [
        '\'=HYPERLINK("http://x","y")',
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "a=b",
        "'-",
        "-5",
        "-1.5",
    ]


# --- XLSX -----------------------------------------------------------------------------------------


def load(data: bytes) -> Worksheet:
    return load_workbook(io.BytesIO(data)).active


def test_xlsx_layout_and_types() -> None:
    data = to_xlsx(
        ["Đơn vị", "Số tin", "Tỷ lệ", "Tiền"],
        [
            ["Sở Tư pháp", 125, 0.985, Decimal("1234.5")],
            ["UBND huyện Khánh Vĩnh", 3, 0.12, Decimal("-7")],
        ],
        title_lines=["BÁO CÁO KẾT QUẢ CẬP NHẬT THÔNG TIN", "Tháng 11/2026"],
        numeric_columns=frozenset({1, 2, 3}),
        emphasised_rows=frozenset({1}),
    )
    sheet = load(data)

    assert sheet.title == "Báo cáo"
    assert sheet["A1"].value == "BÁO CÁO KẾT QUẢ CẬP NHẬT THÔNG TIN"
    assert sheet["A1"].font.bold
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A1:D1", "A2:D2"}
    # Row 3 is blank, the header is row 4.
    assert [c.value for c in sheet[4]] == ["Đơn vị", "Số tin", "Tỷ lệ", "Tiền"]
    assert all(c.font.bold for c in sheet[4])
    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == "A4:D6"
    assert sheet["B5"].value == 125 and isinstance(sheet["B5"].value, int)
    assert sheet["C5"].value == pytest.approx(0.985)
    assert sheet["D6"].value == -7
    assert sheet["B5"].alignment.horizontal == "right"
    assert not sheet["A5"].font.bold
    assert all(c.font.bold for c in sheet[6])
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["B"].width


def test_xlsx_keeps_formula_looking_text_as_text() -> None:
    formula = '=HYPERLINK("http://evil.example","Bấm vào đây")'
    sheet = load(to_xlsx(["Ô", "=Cột"], [[formula, "+1"], ["@x", -5]]))

    cell = sheet["A2"]
    assert cell.data_type != "f"
    assert cell.value == formula
    assert sheet["B1"].data_type != "f"
    assert sheet["B2"].value == "+1"
    assert sheet["B3"].value == -5


def test_xlsx_sanitises_the_sheet_name() -> None:
    sheet = load(to_xlsx(["A"], [[1]], sheet_name="Báo cáo [10/2026]: *?"))

    assert len(sheet.title) <= 31
    assert not set("[]:*?/\\") & set(sheet.title)
    assert sheet.title.startswith("Báo cáo")

    long_name = load(to_xlsx(["A"], [[1]], sheet_name="Kết quả cập nhật thông tin của các đơn vị tháng 11"))
    assert len(long_name.title) <= 31


def test_xlsx_column_widths_and_empty_tables() -> None:
    sheet = load(to_xlsx(["A", "B"], [], column_widths=[12, 40]))

    assert sheet.column_dimensions["A"].width == 12
    assert sheet.column_dimensions["B"].width == 40
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B1"


def test_xlsx_strips_control_characters() -> None:
    sheet = load(to_xlsx(["Ô"], [["a\x00b\x07c"]]))

    assert sheet["A2"].value == "abc"
