"""Reading .docx press releases built here with python-docx."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

from editorial.tcvn6909.docx import (  # noqa: E402
    DocxError,
    Heading,
    Image,
    ListItem,
    Paragraph,
    Table,
    font_source,
    read_docx,
)
from tests.editorial.test_tcvn6909_support import encode_tcvn3, encode_vni  # noqa: E402


def png_bytes() -> bytes:
    """A valid 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def add_run(paragraph, text: str, font: str | None = None, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    if font:
        run.font.name = font
    run.bold, run.italic = bold, italic
    return run


def numbered(paragraph, num_id: str, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), num_id)
    num_pr.append(ilvl)
    num_pr.append(num)
    ppr.append(num_pr)


@pytest.fixture
def press_release(tmp_path: Path) -> Path:
    document = docx.Document()
    heading = document.add_heading("", level=1)
    add_run(heading, encode_tcvn3("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ".VnTime")
    title = document.add_heading("", level=2)
    # .VnTimeH: the typist wrote lower-case codes, the font shows capitals.
    add_run(title, encode_tcvn3("quyết định về việc công bố"), ".VnTimeH")

    body = document.add_paragraph()
    add_run(body, encode_tcvn3("Sở Thông tin và Truyền thông "), ".VnTime", bold=True)
    add_run(body, encode_vni("tổ chức họp báo"), "VNI-Times", italic=True)
    add_run(body, " ngày 5/3 tại Nha Trang & <Khánh Hòa>.")

    document.add_paragraph("Cổng thông tin điện tử", style="List Bullet")
    item = document.add_paragraph(style="List Number")
    add_run(item, encode_vni("Dịch vụ công trực tuyến"), "VNI-Helve")
    nested = document.add_paragraph(style="List Bullet")
    add_run(nested, encode_tcvn3("Hỏi đáp"), ".VnArial")
    numbered(nested, "1", 1)

    table = document.add_table(rows=2, cols=3)
    add_run(table.cell(0, 0).paragraphs[0], encode_tcvn3("Đơn vị"), ".VnTime")
    add_run(table.cell(0, 1).paragraphs[0], encode_vni("Số tin"), "VNI-Times")
    table.cell(0, 2).text = "Ghi chú"
    table.cell(1, 0).text = "Sở TT&TT"
    table.cell(1, 1).text = "12"
    add_run(table.cell(1, 2).paragraphs[0], encode_tcvn3("Đạt"), ".VnTimeH")

    document.add_picture(io.BytesIO(png_bytes()))
    document.inline_shapes[0]._inline.docPr.set("descr", "Ảnh họp báo")
    path = tmp_path / "thong-cao.docx"
    document.save(path)
    return path


def test_press_release_blocks(press_release: Path) -> None:
    blocks = read_docx(press_release)
    kinds = [type(block).__name__ for block in blocks]
    assert kinds == ["Heading", "Heading", "Paragraph", "ListItem", "ListItem", "ListItem", "Table", "Image"]

    assert blocks[0] == Heading(1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert blocks[1] == Heading(2, "QUYẾT ĐỊNH VỀ VIỆC CÔNG BỐ")
    assert blocks[2] == Paragraph(
        "<strong>Sở Thông tin và Truyền thông </strong><em>tổ chức họp báo</em>"
        " ngày 5/3 tại Nha Trang &amp; &lt;Khánh Hòa&gt;."
    )
    assert blocks[3] == ListItem("Cổng thông tin điện tử", 0, False)
    assert blocks[4] == ListItem("Dịch vụ công trực tuyến", 0, True)
    assert blocks[5] == ListItem("Hỏi đáp", 1, False)
    assert blocks[6] == Table((("Đơn vị", "Số tin", "Ghi chú"), ("Sở TT&TT", "12", "ĐẠT")))

    image = blocks[7]
    assert isinstance(image, Image)
    assert image.data == png_bytes()
    assert image.filename.endswith(".png")
    assert image.content_type == "image/png"
    assert image.alt == "Ảnh họp báo"


def test_read_from_a_file_object(press_release: Path) -> None:
    with press_release.open("rb") as handle:
        blocks = read_docx(handle)
    assert isinstance(blocks[0], Heading)


def test_auto_detects_legacy_text_in_unknown_fonts(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    add_run(paragraph, encode_tcvn3("Ủy ban nhân dân tỉnh Khánh Hòa thông báo"), "Times New Roman")
    path = tmp_path / "auto.docx"
    document.save(path)
    assert read_docx(path) == [Paragraph("Ủy ban nhân dân tỉnh Khánh Hòa thông báo")]


def test_style_font_decides_when_the_run_has_none(tmp_path: Path) -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = ".VnTime"
    document.add_paragraph(encode_tcvn3("Thông cáo báo chí"))
    path = tmp_path / "style.docx"
    document.save(path)
    assert read_docx(path) == [Paragraph("Thông cáo báo chí")]


def test_font_names() -> None:
    assert font_source(".VnTime") == "tcvn3"
    assert font_source(".VnTimeH") == "tcvn3-upper"
    assert font_source(".VnArial NarrowH") == "tcvn3-upper"
    assert font_source("VNI-Times") == "vni"
    assert font_source("Times New Roman") == "auto"
    assert font_source(None) == "auto"


def test_not_a_docx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip file")
    with pytest.raises(DocxError):
        read_docx(bad)
    with pytest.raises(DocxError):
        read_docx(io.BytesIO(b"PK\x03\x04broken"))


def test_numbering_definitions_decide_ordered_lists(tmp_path: Path) -> None:
    # The default template: numId 1-4 are bullets, 5-9 decimal numbers.
    document = docx.Document()
    bullet = document.add_paragraph("Điểm một")
    numbered(bullet, "1", 0)
    number = document.add_paragraph()
    add_run(number, encode_tcvn3("Bước hai"), ".VnTime")
    numbered(number, "5", 2)
    plain = document.add_paragraph("Không phải danh sách")
    numbered(plain, "0", 0)
    path = tmp_path / "lists.docx"
    document.save(path)
    assert read_docx(path) == [
        ListItem("Điểm một", 0, False),
        ListItem("Bước hai", 2, True),
        Paragraph("Không phải danh sách"),
    ]


def test_unicode_runs_stay_unicode_whatever_the_font(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    add_run(paragraph, encode_tcvn3("Cổng thông tin "), "Times New Roman")
    add_run(paragraph, "Hà Nội và Việt Nam", "Arial")
    add_run(paragraph, " – đã chuyển mã", ".VnTime")  # converted text, font never changed
    path = tmp_path / "mixed.docx"
    document.save(path)
    assert read_docx(path) == [Paragraph("Cổng thông tin Hà Nội và Việt Nam – đã chuyển mã")]
