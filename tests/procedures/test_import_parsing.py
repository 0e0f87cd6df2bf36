"""Reading import files: encodings, Excel, and every kind of broken or hostile file, without the database."""

from __future__ import annotations

import io
import os

import pytest
from django.test import override_settings

from portal.procedures import importing
from portal.procedures.rules import Level, OnlineLevel

from .factories import HEADER, ROWS, csv_bytes, xlsx_bytes

EXPECTED_TITLES = [row[1] for row in ROWS]


def parse(data: bytes, name: str = "thu-tuc.csv") -> importing.ParsedFile:
    return importing.parse_upload(io.BytesIO(data), name)


def assert_rows_read(parsed: importing.ParsedFile) -> None:
    assert parsed.ok, parsed.errors
    assert [row.title for row in parsed.rows] == EXPECTED_TITLES
    assert all(not row.errors for row in parsed.rows), [row.errors for row in parsed.rows]
    first = parsed.rows[0].values
    assert first["code"] == "1.009972"
    assert first["levels"] == [Level.PROVINCE]
    assert first["online"] == OnlineLevel.PARTIAL
    assert first["days"] == 20
    assert first["papers"] == ["Đơn đề nghị cấp giấy phép xây dựng", "Bản vẽ thiết kế xây dựng"]
    assert first["legal"] == "Luật Xây dựng số 50/2014/QH13\nNghị định số 15/2021/NĐ-CP"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (csv_bytes(), "UTF-8"),
        (b"\xef\xbb\xbf" + csv_bytes(), "UTF-8 (có BOM)"),
        (csv_bytes(encoding="utf-16"), "UTF-16"),
        (csv_bytes(delimiter=";"), "UTF-8"),
        (csv_bytes(delimiter="\t"), "UTF-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "semicolon", "tab"],
)
def test_unicode_csv_files_are_read(data, encoding):
    parsed = parse(data)
    assert parsed.encoding == encoding
    assert_rows_read(parsed)


@pytest.mark.parametrize(("legacy", "name"), [("tcvn3", "TCVN3"), ("vni", "VNI")])
def test_legacy_encoded_csv_is_converted_to_unicode(legacy, name):
    data = csv_bytes(legacy=legacy)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    parsed = parse(data)
    assert name in parsed.encoding
    assert_rows_read(parsed)
    assert parsed.rows[1].values["unit"] == "Phòng Tài chính - Kế hoạch cấp huyện"


def test_header_names_match_without_diacritics_case_or_notes():
    header = ["MA THU TUC (*)", "ten thu tuc", "LINH VUC", "co quan thuc hien", "Cap thuc hien", "muc do dvc"]
    parsed = parse(csv_bytes([row[:6] for row in ROWS], header))
    assert parsed.ok, parsed.errors
    assert [row.code for row in parsed.rows] == [row[0] for row in ROWS]


def test_unknown_columns_are_reported_and_ignored():
    parsed = parse(csv_bytes([[*row, "ghi chú"] for row in ROWS], [*HEADER, "Ghi chú nội bộ"]))
    assert parsed.ok and parsed.ignored_columns == ["Ghi chú nội bộ"]


def test_xlsx_is_read_from_the_first_sheet_with_a_header_even_after_title_rows():
    parsed = parse(xlsx_bytes(title_rows=3), "danh-muc.xlsx")
    assert parsed.encoding == "XLSX"
    assert_rows_read(parsed)
    assert parsed.rows[0].line == 5  # the Excel row number an editor sees


def test_xlsx_number_cells_are_read_as_codes_and_days():
    rows = [[2.00079, "Đăng ký khai sinh", "Hộ tịch", "UBND cấp xã", "Cấp Xã", 4, "Trong ngày", 0, "", "", ""]]
    parsed = parse(xlsx_bytes(rows), "so.xlsx")
    values = parsed.rows[0].values
    assert parsed.rows[0].errors == []
    assert values["code"] == "2.000790"
    assert values["online"] == OnlineLevel.FULL
    assert values["days"] == 0
    assert values["fees"] == "0"


def test_formula_cells_are_kept_as_text_with_a_warning():
    formula = '=HYPERLINK("http://lua-dao.example","Bấm vào đây")'
    rows = [[*ROWS[0][:7], formula, *ROWS[0][8:]]]
    for data, name in ((csv_bytes(rows), "f.csv"), (xlsx_bytes(rows), "f.xlsx")):
        parsed = parse(data, name)
        row = parsed.rows[0]
        assert row.values["fees"] == formula
        assert any("công thức" in warning for warning in row.warnings)
        assert row.errors == []


def test_a_formula_in_the_code_column_is_a_row_error():
    rows = [["=1+1", *ROWS[0][1:]], ROWS[1]]
    parsed = parse(xlsx_bytes(rows), "f.xlsx")
    assert any("không đúng dạng" in error for error in parsed.rows[0].errors)
    assert parsed.rows[1].errors == []


def refused(data: bytes, name: str = "thu-tuc.csv") -> str:
    parsed = parse(data, name)
    assert not parsed.ok and parsed.rows == []
    return " ".join(parsed.errors)


def test_unbalanced_quotes_are_refused_with_the_line():
    data = csv_bytes() + '1.000001,"Thủ tục chưa đóng ngoặc,Hộ tịch,UBND xã,Cấp Xã,Toàn trình\r\n'.encode()
    message = refused(data)
    assert "ngoặc kép" in message and "dòng 7" in message


def test_a_character_after_a_closing_quote_is_refused():
    message = refused(csv_bytes() + b'1.000001,"Ten"x,Ho tich,UBND xa,Cap Xa,Toan trinh\r\n')
    assert "ngoặc kép" in message


def test_a_wrong_delimiter_is_refused_with_a_hint():
    message = refused(csv_bytes(delimiter="|"))
    assert "dòng tiêu đề" in message and "dấu phẩy, dấu chấm phẩy hoặc tab" in message


def test_a_missing_required_column_is_named():
    header = [name for name in HEADER if name != "Cấp thực hiện"]
    rows = [[cell for index, cell in enumerate(row) if HEADER[index] != "Cấp thực hiện"] for row in ROWS]
    assert "Thiếu cột bắt buộc: Cấp thực hiện" in refused(csv_bytes(rows, header))


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 64, b"PK\x03\x04" + os.urandom(2000), b"\x00\x01\x02" * 1000],
    ids=["all-bytes", "zip-junk", "controls"],
)
def test_binary_junk_is_refused(data):
    message = refused(data)
    assert "nhị phân" in message or "thực chất" in message or "tiêu đề" in message


def test_a_pdf_renamed_csv_is_refused_by_its_content():
    assert "PDF" in refused(b"%PDF-1.7\n" + b"1 0 obj\n" * 100)


def test_a_csv_renamed_xlsx_is_refused_by_its_content():
    assert "Excel" in refused(csv_bytes(), "thu-tuc.xlsx")


def test_a_damaged_xlsx_is_refused():
    data = bytearray(xlsx_bytes())
    data[len(data) // 2 : len(data) // 2 + 200] = b"\x00" * 200
    message = refused(bytes(data), "hong.xlsx")
    assert message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "rỗng"),
        (b"   \r\n\r\n", "không có nội dung"),
        (csv_bytes([]), "không có dòng thủ tục"),
        (csv_bytes([["", "", "", "", "", "", "", "", "", "", ""]] * 3), "không có dòng thủ tục"),
    ],
    ids=["empty", "blank", "header-only", "blank-rows"],
)
def test_empty_files_are_refused(data, words):
    assert words in refused(data)


def test_other_extensions_are_refused():
    assert ".csv hoặc .xlsx" in refused(csv_bytes(), "thu-tuc.txt")


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "lon.csv"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing is written, nothing must be read
    parsed = importing.parse_path(path)
    assert not parsed.ok and "quá lớn" in parsed.errors[0]

    class Unreadable(io.BytesIO):
        size = 50 * 1024 * 1024

        def read(self, *args):
            raise AssertionError("an oversized file must not be read")

    parsed = importing.parse_upload(Unreadable(), "lon.csv")
    assert "quá lớn" in parsed.errors[0]


def test_100k_rows_are_refused():
    lines = ["Mã thủ tục,Tên thủ tục,Lĩnh vực,Cơ quan thực hiện,Cấp thực hiện,Mức độ DVC"]
    lines += ["1.000001,a,b,c,Cấp Xã,Toàn trình"] * 100_000
    data = "\n".join(lines).encode()
    assert len(data) < importing.max_bytes()  # refused for its rows, not its size
    assert "quá nhiều dòng" in refused(data)


@override_settings(PROCEDURE_IMPORT_MAX_ROWS=2)
def test_the_row_limit_is_a_setting():
    assert "tối đa 2 thủ tục" in refused(csv_bytes())


def test_row_errors_are_collected_per_row_in_vietnamese():
    rows = [
        ["1.0099", "Tên", "Xây dựng", "Sở Xây dựng", "Cấp Tỉnh", "Toàn trình", "", "", "", "", ""],
        ["1.009973", "", "Xây dựng", "Sở Xây dựng", "Cấp Bộ", "Mức độ 9", "", "", "", "", "http://dichvucong.gov.vn/"],
        ["1.009974", "x" * 300, "Xây dựng", "", "Cấp Tỉnh", "Toàn trình", "", "", "", "", "https://evil.example/"],
        ROWS[0],
    ]
    parsed = parse(csv_bytes(rows))
    assert parsed.ok
    first, second, third, fourth = (row.errors for row in parsed.rows)
    assert any("không đúng dạng" in error for error in first)
    assert any("Thiếu «Tên thủ tục»" in error for error in second)
    assert any("cấp thực hiện" in error for error in second)
    assert any("mức độ dịch vụ công" in error for error in second)
    assert any("https://" in error for error in second)
    assert any("dài quá 255" in error for error in third)
    assert any("Thiếu «Cơ quan thực hiện»" in error for error in third)
    assert any("evil.example" in error for error in third)
    assert fourth == []


def test_a_row_with_more_cells_than_the_header_is_flagged():
    parsed = parse(csv_bytes([[*ROWS[0], "thừa"]]))
    assert any("nhiều ô hơn" in error for error in parsed.rows[0].errors)


def test_markup_in_cells_stays_text():
    rows = [[*ROWS[0][:1], "<script>alert(1)</script>Cấp phép", *ROWS[0][2:]]]
    parsed = parse(csv_bytes(rows))
    assert parsed.rows[0].title == "<script>alert(1)</script>Cấp phép"
    html = importing.steps_html("<b>Bước 1</b>", "")
    assert "<b>Bước" not in html and "&lt;b&gt;" in html


def test_the_template_file_reads_back_as_a_header_without_rows():
    data = importing.template_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "không có dòng thủ tục" in refused(data)
