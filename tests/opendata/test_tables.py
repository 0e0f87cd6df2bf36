"""Previews of real CSV and XLSX bytes: encodings, delimiters, formulas, and every way a file breaks."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.cache import cache

from portal.opendata import tables
from portal.opendata.tables import error_message, preview_for_document, read_preview
from tests.opendata.factories import POPULATION_ROWS, csv_bytes, make_document, xlsx_bytes, zip_bomb_xlsx


def preview(data: bytes, name: str = "bang.csv", **kwargs):
    return read_preview(io.BytesIO(data), name, **kwargs)


def assert_population(result) -> None:
    assert result.ok, result.error
    assert result.header == POPULATION_ROWS[0]
    assert result.rows[0] == ["Thành phố Nha Trang", "254,6", "435.100"]
    assert result.rows[2][0] == "Thị xã Ninh Hòa"
    assert len(result.rows) == len(POPULATION_ROWS) - 1
    assert result.total_columns == 3 and not result.more_rows


@pytest.mark.parametrize(
    ("encoding", "delimiter", "legacy"),
    [
        ("utf-8", ";", ""),
        ("utf-8-sig", ";", ""),
        ("utf-16", ";", ""),
        ("utf-8", ",", ""),
        ("utf-8", "\t", ""),
        ("tcvn3", ";", "tcvn3"),
        ("vni", ";", "vni"),
        ("tcvn3", ",", "tcvn3"),
    ],
)
def test_csv_encodings_and_delimiters(encoding, delimiter, legacy):
    rows = POPULATION_ROWS if delimiter != "," else [[f'"{cell}"' for cell in row] for row in POPULATION_ROWS]
    result = preview(csv_bytes(rows, delimiter, encoding))
    assert_population(result)
    assert result.delimiter == delimiter
    assert result.encoding == legacy


def test_decomposed_unicode_is_composed():
    import unicodedata

    data = unicodedata.normalize("NFD", "Huyện;Dân số\nKhánh Sơn;25.000\n").encode()
    result = preview(data)
    assert result.header == ["Huyện", "Dân số"]
    assert result.rows == [["Khánh Sơn", "25.000"]]


def test_title_rows_above_the_header_are_skipped():
    data = ("BIỂU SỐ 01\nĐơn vị tính: người\n" + "\n".join(";".join(row) for row in POPULATION_ROWS)).encode()
    assert_population(preview(data, header_row=3))


def test_first_twenty_rows_and_columns_only_and_long_cells_cut():
    header = ";".join(f"Cột {index}" for index in range(1, 31))
    body = "\n".join(";".join(str(row * 100 + col) for col in range(30)) for row in range(50))
    data = (header + "\n" + body + "\n" + "x" * 5000 + ";1\n").encode()
    result = preview(data)
    assert len(result.rows) == tables.PREVIEW_ROWS
    assert all(len(row) == tables.PREVIEW_COLUMNS for row in result.rows)
    assert result.total_columns == 30 and result.columns_cut and result.more_rows
    long_cell = preview(("Tên;Ghi chú\nA;" + "chữ " * 2000 + "\n").encode()).rows[0][1]
    assert len(long_cell) <= tables.CELL_CHARS and long_cell.endswith("…")


def test_ten_thousand_columns_are_cut_to_twenty():
    header = ",".join(f"c{index}" for index in range(10_000))
    row = ",".join(str(index) for index in range(10_000))
    result = preview(f"{header}\n{row}\n".encode())
    assert result.ok and result.total_columns == 10_000
    assert len(result.header) == 20 and result.columns_cut


def test_one_column_is_a_preview():
    result = preview("Tên huyện\nCam Lâm\nKhánh Sơn\n".encode())
    assert result.ok and result.total_columns == 1 and result.rows == [["Cam Lâm"], ["Khánh Sơn"]]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"\r\n\r\n  \n", "empty"),
        (b";;;\n;;\n", "empty"),
        ('Huyện;Dân số\n"Cam Lâm;112.300\nKhánh Sơn;25.000\n'.encode(), "malformed_csv"),
        ('Huyện;Ghi chú\nCam Lâm;"có "ngoặc" lạ"\n'.encode(), "malformed_csv"),
        (bytes(range(256)) * 40, "binary"),
        (b"Huy\x00n;D\x00n s\x00\n", "binary"),
        (b"MZ\x90\x00\x03" + b"\x00" * 200, "not_table"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not_table"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "not_table"),
        (b"PK\x03\x04 not really a zip at all", "not_table"),
    ],
)
def test_broken_csv_gives_a_message_not_an_error(data, code):
    result = preview(data)
    assert result.error == code
    message = error_message(result)
    assert message and "%(" not in message


def test_huge_file_is_not_parsed(settings):
    settings.OPENDATA_PREVIEW_MAX_BYTES = 1024 * 1024
    data = ("Huyện;Dân số\n" + "Cam Lâm;112.300\n" * 80_000).encode()
    result = preview(data)
    assert result.error == "too_large"
    assert "MB" in error_message(result)


def test_a_field_larger_than_the_csv_limit_is_malformed():
    result = preview(('A;B\n"' + "x" * 200_000 + '";1\n').encode())
    assert result.error == "malformed_csv"


def test_xlsx_preview_keeps_numbers_dates_and_stored_formula_values():
    rows = [
        ["Tháng", "Lượt khách (nghìn)", "Ngày báo cáo"],
        ["Tháng 1", 812.5, datetime.date(2025, 2, 3)],
        ["Tháng 2", 905, datetime.date(2025, 3, 3)],
        ["Tổng", None, None],
    ]
    data = xlsx_bytes(rows, formulas={"B4": "=SUM(B2:B3)", "D2": '=HYPERLINK("http://example.com","bấm")'})
    result = preview(data, "khach.xlsx")
    assert result.ok and result.file_format == "xlsx"
    assert result.header == ["Tháng", "Lượt khách (nghìn)", "Ngày báo cáo"]
    assert result.rows[0][:3] == ["Tháng 1", 812.5, "03/02/2025"]
    # openpyxl wrote no cached value: the formula is neither evaluated nor shown as a formula.
    assert result.rows[2] == ["Tổng"]
    assert all("=SUM" not in str(cell) and "HYPERLINK" not in str(cell) for row in result.rows for cell in row)


def test_xlsx_with_cached_formula_value_shows_the_value(tmp_path):
    """A workbook saved by Excel keeps each formula's last value next to it: that value is shown."""
    import zipfile

    data = xlsx_bytes([["Năm", "GRDP"], ["2024", 1]])
    source = io.BytesIO(data)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            content = old.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(
                    b'<c r="B2" t="n"><v>1</v></c>', b'<c r="B2"><f>100000+29750</f><v>129750</v></c>'
                )
                assert b"<f>" in content
            new.writestr(info, content)
    result = preview(out.getvalue(), "grdp.xlsx")
    assert result.rows == [["2024", 129750]]


def test_xlsx_title_rows_and_legacy_text_cells():
    from editorial.tcvn6909 import encode

    rows = [[encode("Huyện", "tcvn3"), encode("Dân số", "tcvn3")], [encode("Khánh Vĩnh", "tcvn3"), 40300]]
    result = preview(xlsx_bytes(rows, title_rows=2), "bang.xlsx", header_row=3)
    assert result.header == ["Huyện", "Dân số"]
    assert result.rows == [["Khánh Vĩnh", 40300]]
    assert result.encoding == "tcvn3"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (zip_bomb_xlsx(), "unsafe_xlsx"),
        (xlsx_bytes([["a", 1]])[:400], "not_table"),  # cut short: no longer a readable zip
    ],
)
def test_broken_or_hostile_xlsx(data, code):
    result = preview(data, "bang.xlsx")
    assert result.error == code
    message = error_message(result)
    assert message and "%(" not in message and "zip_bomb" not in message
    if code == "unsafe_xlsx":
        assert "tệp nén bung ra quá lớn" in message


def test_xlsx_that_unpacks_too_big_for_a_preview(settings):
    settings.OPENDATA_XLSX_MAX_UNPACKED_BYTES = 2000
    rows = [["Cột"] + [f"giá trị {index}" for index in range(50)] for _ in range(30)]
    result = preview(xlsx_bytes(rows), "bang.xlsx")
    assert result.error == "too_large"


def test_xlsx_with_broken_sheet_xml():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes([["a", 1]]))) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            content = old.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = b"<worksheet><sheetData><row><c"
            new.writestr(info, content)
    result = preview(out.getvalue(), "bang.xlsx")
    assert result.error == "unreadable_xlsx"


@pytest.mark.django_db
def test_preview_is_parsed_once_per_stored_file(monkeypatch):
    cache.clear()
    document = make_document(csv_bytes(), "dan-so.csv")
    calls = []
    real = tables.read_preview
    monkeypatch.setattr(tables, "read_preview", lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    first = preview_for_document(document)
    second = preview_for_document(document)
    assert first.rows == second.rows and len(calls) == 1
    # Another header row, or a replaced file, is another preview.
    preview_for_document(document, header_row=2)
    assert len(calls) == 2
    from django.core.files.base import ContentFile

    document.file = ContentFile(csv_bytes(POPULATION_ROWS[:3]), name="dan-so-moi.csv")
    document._set_document_file_metadata()
    document.save()
    assert len(preview_for_document(document).rows) == 2 and len(calls) == 3


@pytest.mark.django_db
def test_missing_file_gives_a_message():
    document = make_document(csv_bytes(), "se-bi-xoa.csv")
    document.file.storage.delete(document.file.name)
    result = preview_for_document(document)
    assert result.error == "missing" and error_message(result)
