"""PDF rendering of administrative documents laid out per Nghị định 30/2020/NĐ-CP (Phụ lục I).

Only the bundled Liberation Serif fonts are used (metric-compatible with Times New Roman, which
NĐ 30/2020 prescribes, and covering Vietnamese), so the output does not depend on the fonts of
the machine that renders it. The output is byte-identical for identical input because reports
are archived together with a checksum.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from editorial.documents import AdministrativeDocument, Signature, Table
from editorial.documents.dates import date_line

__all__ = ["FONT_BOLD", "FONT_BOLD_ITALIC", "FONT_ITALIC", "FONT_REGULAR", "markup", "render_pdf"]

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_REGULAR = "LiberationSerif"
FONT_BOLD = "LiberationSerif-Bold"
FONT_ITALIC = "LiberationSerif-Italic"
FONT_BOLD_ITALIC = "LiberationSerif-BoldItalic"
_FONT_FILES = {
    FONT_REGULAR: "LiberationSerif-Regular.ttf",
    FONT_BOLD: "LiberationSerif-Bold.ttf",
    FONT_ITALIC: "LiberationSerif-Italic.ttf",
    FONT_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
ADDRESSEE_LABEL = "Kính gửi:"
RECIPIENTS_LABEL = "Nơi nhận:"
ARCHIVE_LINE = "Lưu: VT"
CREATOR = "Cổng thông tin điện tử tỉnh Khánh Hòa"

# NĐ 30/2020, Phụ lục I, mục I.4: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
BODY_SIZE = 13
TABLE_SIZE = 12
SIGNING_SPACE = 25 * mm
RULE_THICKNESS = 0.6


def _register_fonts() -> None:
    """Register the bundled fonts once per process; re-importing or reloading is harmless."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    # The family mapping lets <b>/<i> inside Paragraphs pick the right face.
    pdfmetrics.registerFontFamily(
        FONT_REGULAR, normal=FONT_REGULAR, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )


_register_fonts()


def _style(name: str, font: str = FONT_REGULAR, size: float = BODY_SIZE, **kwargs: object) -> ParagraphStyle:
    kwargs.setdefault("leading", round(size * 1.2, 1))
    return ParagraphStyle(name, fontName=font, fontSize=size, **kwargs)


_STYLES = {
    "issuer_parent": _style("issuer_parent", size=12, alignment=TA_CENTER),
    "issuer": _style("issuer", FONT_BOLD, size=12, alignment=TA_CENTER),
    "number": _style("number", alignment=TA_CENTER, spaceBefore=2),
    "national": _style("national", FONT_BOLD, size=12, alignment=TA_CENTER),
    "motto": _style("motto", FONT_BOLD, alignment=TA_CENTER),
    "date": _style("date", FONT_ITALIC, alignment=TA_CENTER, spaceBefore=2),
    "kind": _style("kind", FONT_BOLD, size=14, alignment=TA_CENTER, spaceBefore=18),
    "title": _style("title", FONT_BOLD, alignment=TA_CENTER, spaceBefore=2),
    "addressee": _style("addressee", alignment=TA_CENTER, spaceBefore=6, spaceAfter=6),
    "addressee_left": _style("addressee_left"),
    "body": _style("body", alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=6, leading=16),
    "table_heading": _style("table_heading", FONT_BOLD, spaceBefore=6, spaceAfter=4, keepWithNext=1),
    "th": _style("th", FONT_BOLD, size=TABLE_SIZE, alignment=TA_CENTER),
    "td": _style("td", size=TABLE_SIZE),
    "td_num": _style("td_num", size=TABLE_SIZE, alignment=TA_RIGHT),
    "td_bold": _style("td_bold", FONT_BOLD, size=TABLE_SIZE),
    "td_num_bold": _style("td_num_bold", FONT_BOLD, size=TABLE_SIZE, alignment=TA_RIGHT),
    "recipients_label": _style("recipients_label", FONT_BOLD_ITALIC, size=12),
    "recipient": _style("recipient", size=11, leading=13),
    "capacity": _style("capacity", FONT_BOLD, alignment=TA_CENTER),
    "signer_title": _style("signer_title", FONT_BOLD, alignment=TA_CENTER),
    "signer_note": _style("signer_note", FONT_ITALIC, alignment=TA_CENTER),
    "signer_name": _style("signer_name", FONT_BOLD, alignment=TA_CENTER),
}

# C0 controls (other than tab and newlines) and DEL are invalid in reportlab's markup parser.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _plain(text: object) -> str:
    """Return user text as clean NFC: decomposed Vietnamese would print as loose accents."""
    text = str(text).encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be encoded
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL_CHARACTERS.sub("", text)


def markup(text: object) -> str:
    """Escape user text for reportlab's mini-markup so `<b>`, `&` or `<script>` print literally."""
    return escape(_plain(text)).replace("\n", "<br/>")


def _para(text: object, style: str) -> Paragraph:
    return Paragraph(markup(text), _STYLES[style])


class _Rule(Flowable):
    """A centred horizontal rule with room above it so it clears the descenders of the line above.

    (HRFlowable draws on its bottom edge and ignores its spacing inside table cells.)
    """

    def __init__(self, width: float, space_above: float = 3, space_below: float = 3) -> None:
        super().__init__()
        self.width = width
        self.space_above = space_above
        self.space_below = space_below
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(self.width, avail_width)
        return self.width, self.space_above + self.space_below

    def draw(self) -> None:
        self.canv.setLineWidth(RULE_THICKNESS)
        self.canv.setStrokeColor(colors.black)
        self.canv.line(0, self.space_below, self.width, self.space_below)


def _text_width(text: str, style: str) -> float:
    return pdfmetrics.stringWidth(_plain(text), _STYLES[style].fontName, _STYLES[style].fontSize)


def _grid(rows: list[list[object]], widths: Sequence[float], commands: Sequence[tuple] = (), **kwargs) -> PdfTable:
    """A borderless layout table with no padding, used to place blocks side by side."""
    table = PdfTable(rows, colWidths=list(widths), **kwargs)
    table.setStyle(
        TableStyle(
            [
                # Cell styles default to Helvetica, which would then be referenced by the file.
                ("FONT", (0, 0), (-1, -1), FONT_REGULAR, BODY_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                *commands,
            ]
        )
    )
    return table


def _heading(doc: AdministrativeDocument, frame_width: float) -> Flowable:
    """The issuing body on the left, the national name and motto on the right (NĐ 30, ô 1–5)."""
    national_width = max(_text_width(NATIONAL_NAME, "national"), _text_width(NATIONAL_MOTTO, "motto"))
    right_width = max(national_width + 6 * mm, frame_width * 0.56)
    left_width = frame_width - right_width
    issuer_width = min(_text_width(doc.issuer.upper(), "issuer"), left_width)
    left: list[Flowable] = []
    if doc.issuer_parent.strip():
        left.append(_para(doc.issuer_parent.upper(), "issuer_parent"))
    left += [
        _para(doc.issuer.upper(), "issuer"),
        # NĐ 30: under the issuing body, a rule a third to a half as long as its name.
        _Rule(max(issuer_width * 0.4, 15 * mm)),
    ]
    if doc.number.strip():
        left.append(_para(doc.number, "number"))
    right = [
        _para(NATIONAL_NAME, "national"),
        _para(NATIONAL_MOTTO, "motto"),
        # NĐ 30: under the motto, a rule as long as the motto.
        _Rule(_text_width(NATIONAL_MOTTO, "motto")),
        _para(date_line(doc.place, doc.date), "date"),
    ]
    return _grid([[left, right]], [left_width, right_width])


def _title(doc: AdministrativeDocument, frame_width: float) -> list[Flowable]:
    """The kind of document and its summary (trích yếu), with a short rule under it."""
    flowables: list[Flowable] = [_para(doc.kind.upper(), "kind")]
    if doc.title.strip():
        flowables.append(_para(doc.title, "title"))
    title_width = min(max(_text_width(doc.title, "title"), _text_width(doc.kind, "kind")), frame_width)
    flowables.append(_Rule(max(title_width * 0.4, 20 * mm), space_above=4, space_below=6))
    return flowables


def _strip_punctuation(text: str) -> str:
    return _plain(text).strip().rstrip(";.,").strip()


def _list_lines(items: Sequence[str]) -> list[str]:
    """Items as "- X;" lines, the last one closed with a full stop, as NĐ 30 lists are."""
    cleaned = [item for item in (_strip_punctuation(i) for i in items) if item]
    return [f"- {item}{'.' if index == len(cleaned) - 1 else ';'}" for index, item in enumerate(cleaned)]


def _addressees(doc: AdministrativeDocument, frame_width: float) -> list[Flowable]:
    addressees = [a for a in (_strip_punctuation(a) for a in doc.addressees) if a]
    if not addressees:
        return []
    if len(addressees) == 1:
        return [_para(f"{ADDRESSEE_LABEL} {addressees[0]}.", "addressee")]
    lines = _list_lines(addressees)
    label_width = _text_width(ADDRESSEE_LABEL, "addressee_left") + 3 * mm
    lines_width = min(max(_text_width(line, "addressee_left") for line in lines) + 2 * mm, frame_width * 0.7)
    table = _grid(
        [[_para(ADDRESSEE_LABEL, "addressee_left"), [_para(line, "addressee_left") for line in lines]]],
        [label_width, lines_width],
        [("ALIGN", (0, 0), (-1, -1), "LEFT")],
        hAlign="CENTER",
        spaceBefore=6,
        spaceAfter=6,
    )
    return [table]


def _column_widths(table: Table, column_count: int, frame_width: float) -> list[float]:
    weights = list(table.widths) if table.widths is not None else [1.0] * column_count
    if len(weights) != column_count or any(w <= 0 for w in weights):
        raise ValueError(f"Table widths {table.widths!r} must be {column_count} positive numbers.")
    total = sum(weights)
    return [frame_width * w / total for w in weights]


def _cell_style(table: Table, row: int, column: int) -> str:
    numeric = column in table.numeric_columns
    if row in table.emphasised_rows:
        return "td_num_bold" if numeric else "td_bold"
    return "td_num" if numeric else "td"


class _DataTable(PdfTable):
    """A table whose rows move whole to the next page, except rows taller than a page, which split.

    reportlab's own `splitInRow` also splits a row at the foot of a page when the rest of the table
    was just moved on, which prints the repeated header twice on the same page.
    """

    frame_height: float = 0.0  # the full body height: a row taller than it can only be split

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        parts = self._splitRows(availHeight, doInRowSplit=self._next_row_oversized(availHeight))
        for part in parts:
            part.frame_height = self.frame_height
        return parts

    def _next_row_oversized(self, avail_height: float) -> bool:
        """Whether the first row that does not fit in `avail_height` could not fit on any page."""
        heights = self._rowHeights
        repeat_rows = self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1
        used = 0.0
        for index, height in enumerate(heights):
            if used + height > avail_height:
                header = sum(heights[:repeat_rows])
                return index >= repeat_rows and header + height > self.frame_height
            used += height
        return False


def _table(table: Table, frame_width: float, frame_height: float) -> list[Flowable]:
    """A data table: header repeated on every page, cells wrapping, rows allowed to split."""
    flowables: list[Flowable] = []
    if table.heading.strip():
        flowables.append(_para(table.heading, "table_heading"))
    column_count = max([len(table.columns), *(len(row) for row in table.rows)])
    if column_count == 0:
        return flowables
    data: list[list[Paragraph]] = []
    has_header = bool(table.columns)
    if has_header:
        header = list(table.columns) + [""] * (column_count - len(table.columns))
        data.append([_para(label, "th") for label in header])
    for row_index, row in enumerate(table.rows):
        cells = list(row) + [""] * (column_count - len(row))
        data.append([_para(cell, _cell_style(table, row_index, col)) for col, cell in enumerate(cells)])
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), FONT_REGULAR, TABLE_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if has_header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ]
    pdf_table = _DataTable(
        data,
        colWidths=_column_widths(table, column_count, frame_width),
        repeatRows=1 if has_header else 0,
        # A cell longer than a page would otherwise make the layout fail (see _DataTable).
        splitInRow=1,
        hAlign="CENTER",
        spaceAfter=6,
    )
    pdf_table.frame_height = frame_height
    pdf_table.setStyle(TableStyle(commands))
    flowables.append(pdf_table)
    return flowables


def _body(doc: AdministrativeDocument, frame_width: float, frame_height: float) -> list[Flowable]:
    flowables: list[Flowable] = []
    for part in doc.body:
        if isinstance(part, Table):
            flowables += _table(part, frame_width, frame_height)
        elif _plain(part).strip():
            flowables.append(_para(_plain(part).strip(), "body"))
        else:
            flowables.append(Spacer(1, 6))
    return flowables


def _recipients(recipients: Sequence[str]) -> list[Flowable]:
    """The "Nơi nhận" block; the archive line "Lưu: VT." is added unless the caller wrote one."""
    items = [r for r in (_strip_punctuation(r) for r in recipients) if r]
    if not any(item.casefold().startswith("lưu") for item in items):
        items.append(ARCHIVE_LINE)
    return [_para(RECIPIENTS_LABEL, "recipients_label")] + [_para(line, "recipient") for line in _list_lines(items)]


def _signature_head(signature: Signature) -> list[Flowable]:
    """Capacity, title and note: everything printed above the signing space."""
    flowables: list[Flowable] = []
    if signature.capacity.strip():
        flowables.append(_para(signature.capacity.upper(), "capacity"))
    flowables.append(_para(signature.title.upper(), "signer_title"))
    if signature.note.strip():
        flowables.append(_para(signature.note, "signer_note"))
    return flowables


def _signature_name(signature: Signature) -> list[Flowable]:
    return [_para(signature.name, "signer_name")] if signature.name.strip() else []


def _closing(doc: AdministrativeDocument, frame_width: float) -> list[Flowable]:
    """Recipients bottom left and one signature bottom right, or several signatures in a row."""
    recipients = [r for r in doc.recipients if _plain(r).strip()]
    if len(doc.signatures) <= 1:
        left = _recipients(recipients) if recipients else []
        right: list[Flowable] = []
        if doc.signatures:
            signature = doc.signatures[0]
            right = [*_signature_head(signature), Spacer(1, SIGNING_SPACE), *_signature_name(signature)]
        if not (left or right):
            return []
        left_width = frame_width * 0.45
        # A one-row table never splits, so the block moves to the next page as a whole.
        return [_grid([[left, right]], [left_width, frame_width - left_width], spaceBefore=6)]
    # Several signers (e.g. royalty statements): heads bottom-aligned so that the titles share a
    # line even when only one signer has a capacity line above the title; names share a line too.
    share = frame_width / len(doc.signatures)
    signatures = _grid(
        [[_signature_head(s) for s in doc.signatures], [_signature_name(s) for s in doc.signatures]],
        [share] * len(doc.signatures),
        [("VALIGN", (0, 0), (-1, 0), "BOTTOM"), ("TOPPADDING", (0, 1), (-1, 1), SIGNING_SPACE)],
    )
    flowables: list[Flowable] = [Spacer(1, 6)]
    if recipients:
        flowables += [*_recipients(recipients), Spacer(1, 6)]
    return [KeepTogether([*flowables, signatures])]


def _number_later_pages(canvas: Canvas, template: BaseDocTemplate) -> None:
    """NĐ 30: page numbers centred in the top margin, from the second page on."""
    page = canvas.getPageNumber()
    if page < 2:
        return
    canvas.saveState()
    canvas.setFont(FONT_REGULAR, BODY_SIZE)
    x = template.leftMargin + template.width / 2
    y = template.pagesize[1] - template.topMargin / 2 - BODY_SIZE / 3
    canvas.drawCentredString(x, y, str(page))
    canvas.restoreState()


def render_pdf(doc: AdministrativeDocument) -> bytes:
    """Render `doc` as an A4 PDF; identical documents give byte-identical files."""
    buffer = io.BytesIO()
    pagesize = landscape(A4) if doc.landscape else A4
    template = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=_plain(f"{doc.kind} {doc.title}").strip(),
        author=_plain(doc.issuer),
        subject=_plain(doc.number),
        creator=CREATOR,
        lang="vi",
        # Fixed creation date and document ID: the archive stores a checksum of the file.
        invariant=1,
        initialFontName=FONT_REGULAR,
        initialFontSize=BODY_SIZE,
    )
    frame = Frame(
        template.leftMargin,
        template.bottomMargin,
        template.width,
        template.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_number_later_pages)])
    width = template.width
    story: list[Flowable] = [
        _heading(doc, width),
        *_title(doc, width),
        *_addressees(doc, width),
    ]
    body = _body(doc, width, template.height)
    closing = _closing(doc, width)
    if closing and body and isinstance(body[-1], Paragraph):
        # A signature must not stand alone on the last page: keep the last paragraph with it.
        body, closing = body[:-1], [KeepTogether([body[-1], *closing])]
    story += [*body, *closing]
    template.build(story)
    return buffer.getvalue()
