"""The PDF copy of a page ("save", NĐ 42/2022, Art. 7), laid out with reportlab.

It reuses the bundled Liberation Serif faces registered by ``editorial.documents.pdf`` (they cover
Vietnamese and Cyrillic), so the file looks the same whatever fonts the server has. Every page
carries the source URL and the date of printing in its footer, so a loose sheet still says where
it comes from. A page whose tables cannot be laid out (a cell taller than a sheet) is printed again
with those tables as plain lines rather than failing.
"""

from __future__ import annotations

import html
import io
import logging
import re
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from django.utils import formats
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    LayoutError,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from editorial.documents.pdf import FONT_BOLD, FONT_ITALIC, FONT_REGULAR, markup

from .document import DataTable, Figure, Heading, ItemList, PrintDocument, Quote, RichText
from .richtext import absolute_url, pdf_blocks

logger = logging.getLogger(__name__)

MARGIN = 20 * mm
FOOTER_SIZE = 8
LINK_COLOR = "#1a4f8b"
PX_TO_PT = 0.75  # a CSS pixel is 0.75 pt
MAX_TABLE_COLUMNS = 20


@dataclass(frozen=True)
class Labels:
    """The fixed words of the file, in the page's language (translated by the caller)."""

    source: str
    printed: str
    page: str
    attachments: str


def _style(name: str, font: str = FONT_REGULAR, size: float = 12, **kwargs: object) -> ParagraphStyle:
    kwargs.setdefault("leading", round(size * 1.3, 1))
    return ParagraphStyle(name, fontName=font, fontSize=size, **kwargs)


STYLES = {
    "site": _style("site", FONT_BOLD, 10, textColor=colors.HexColor("#7a1215"), spaceAfter=4),
    "title": _style("title", FONT_BOLD, 18, leading=23, spaceAfter=6),
    "dates": _style("dates", FONT_ITALIC, 10, textColor=colors.HexColor("#444444"), spaceAfter=8),
    "summary": _style("summary", FONT_BOLD, 12, alignment=TA_JUSTIFY, spaceAfter=8),
    "body": _style("body", alignment=TA_JUSTIFY, spaceAfter=6),
    "h2": _style("h2", FONT_BOLD, 14, spaceBefore=8, spaceAfter=4, keepWithNext=1),
    "h3": _style("h3", FONT_BOLD, 13, spaceBefore=6, spaceAfter=4, keepWithNext=1),
    "h4": _style("h4", FONT_BOLD, 12, spaceBefore=6, spaceAfter=3, keepWithNext=1),
    "li": _style("li", leftIndent=8 * mm, bulletIndent=3 * mm, spaceAfter=3),
    "quote": _style("quote", FONT_ITALIC, leftIndent=10 * mm, rightIndent=10 * mm, spaceAfter=6),
    "attribution": _style("attribution", size=11, leftIndent=10 * mm, spaceAfter=8),
    "caption": _style("caption", FONT_ITALIC, 10, alignment=TA_CENTER, spaceAfter=8),
    "fact_label": _style("fact_label", FONT_BOLD, 10.5),
    "fact_value": _style("fact_value", size=10.5),
    "th": _style("th", FONT_BOLD, 10),
    "td": _style("td", size=10),
    "source": _style("source", size=10, spaceBefore=2),
}


def _para(text: str, style: str) -> Paragraph:
    return Paragraph(markup(text), STYLES[style])


def _link(url: str) -> str:
    """A printed link: the URL itself, clickable when it is a web address."""
    target = absolute_url(url, "")
    if not target:
        return markup(url)
    return f'<a href={quoteattr(target)} color="{LINK_COLOR}">{markup(url)}</a>'


def _grid_style(header: bool) -> TableStyle:
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), FONT_REGULAR, 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")))
    return TableStyle(commands)


def _facts(doc: PrintDocument, width: float) -> list[Flowable]:
    if not doc.facts:
        return []
    rows = [[_para(fact.label, "fact_label"), _para(fact.value, "fact_value")] for fact in doc.facts]
    table = Table(rows, colWidths=[width * 0.34, width * 0.66], splitInRow=1, spaceAfter=8)
    table.setStyle(_grid_style(header=False))
    return [table]


def _table(part: DataTable, width: float, simple: bool) -> list[Flowable]:
    flowables: list[Flowable] = []
    if part.caption:
        flowables.append(_para(part.caption, "h4"))
    rows = ([part.head] if part.head else []) + part.rows
    if simple:  # the fallback: one line per row
        return flowables + [_para(" | ".join(row), "body") for row in rows]
    columns = min(max(len(row) for row in rows), MAX_TABLE_COLUMNS)
    data = []
    for index, row in enumerate(rows):
        cells = (list(row) + [""] * columns)[:columns]
        style = "th" if part.head and index == 0 else "td"
        data.append([_para(cell, style) for cell in cells])
    table = Table(
        data, colWidths=[width / columns] * columns, repeatRows=1 if part.head else 0, splitInRow=1, spaceAfter=8
    )
    table.setStyle(_grid_style(header=bool(part.head)))
    return flowables + [table]


def _figure(part: Figure, width: float, height: float) -> list[Flowable]:
    """The image scaled into the frame; an unreadable file prints its caption only."""
    image: list[Flowable] = []
    try:
        with part.rendition.file.open("rb") as handle:
            data = handle.read()
        pixels_w, pixels_h = ImageReader(io.BytesIO(data)).getSize()
        scale = min(1.0, width / (pixels_w * PX_TO_PT), height * 0.7 / (pixels_h * PX_TO_PT))
        image = [Image(io.BytesIO(data), pixels_w * PX_TO_PT * scale, pixels_h * PX_TO_PT * scale)]
    except Exception:
        logger.warning("Printing: image %s left out of the PDF", part.url, exc_info=True)
    caption = [_para(part.caption, "caption")] if part.caption else []
    if image and not caption:
        image.append(Spacer(1, 6))
    return [KeepTogether(image + caption)] if image or caption else []


def _rich(part: RichText, base_url: str) -> list[Flowable]:
    flowables: list[Flowable] = []
    for block in pdf_blocks(part.html, base_url):
        style = STYLES[block.style]
        if block.level or block.continued:
            style = ParagraphStyle(
                f"{style.name}-{block.level}-{block.continued}",
                parent=style,
                leftIndent=style.leftIndent + block.level * 6 * mm,
                bulletIndent=style.bulletIndent + block.level * 6 * mm,
                spaceAfter=0 if block.continued else style.spaceAfter,
            )
        try:
            flowables.append(Paragraph(block.markup, style, bulletText=block.bullet or None))
        except ValueError:  # markup reportlab refuses: print the text alone
            flowables.append(Paragraph(markup(_strip_tags(block.markup)), style, bulletText=block.bullet or None))
    return flowables


def _strip_tags(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _list(part: ItemList) -> list[Flowable]:
    flowables: list[Flowable] = [_para(part.heading, "h2")]
    for index, item in enumerate(part.items, start=1):
        flowables.append(Paragraph(markup(item), STYLES["li"], bulletText=f"{index}." if part.ordered else "•"))
    return flowables


def _story(doc: PrintDocument, labels: Labels, dates: str, width: float, height: float, simple: bool) -> list:
    story: list[Flowable] = []
    if doc.site_name:
        story.append(_para(doc.site_name.upper(), "site"))
    story.append(_para(doc.title, "title"))
    if dates:
        story.append(_para(dates, "dates"))
    if doc.summary:
        prefix = f"<b>{markup(doc.summary_label)}:</b> " if doc.summary_label else ""
        story.append(Paragraph(prefix + markup(doc.summary), STYLES["summary"]))
    story += _facts(doc, width)
    for part in doc.parts:
        if isinstance(part, Heading):
            story.append(_para(part.text, "h2"))
        elif isinstance(part, RichText):
            story += _rich(part, doc.source_url)
        elif isinstance(part, Quote):
            story.append(_para(part.text, "quote"))
            if part.attribution:
                story.append(_para(f"— {part.attribution}", "attribution"))
        elif isinstance(part, Figure):
            story += _figure(part, width, height)
        elif isinstance(part, DataTable):
            story += _table(part, width, simple)
        elif isinstance(part, ItemList):
            story += _list(part)
    if doc.attachments:
        story.append(_para(labels.attachments, "h2"))
        for item in doc.attachments:
            text = markup(item.label) + (f" ({markup(item.details)})" if item.details else "")
            story.append(Paragraph(f"{text}<br/>{_link(item.url)}", STYLES["li"], bulletText="•"))
    story += [
        Spacer(1, 8),
        HRFlowable(width="100%", thickness=0.5, color=colors.HexColor("#888888"), spaceAfter=4),
        Paragraph(f"{markup(labels.source)}: {_link(doc.source_url)}", STYLES["source"]),
        _para(f"{labels.printed}: {labels_date(doc)}", "source"),
    ]
    return story


def labels_date(doc: PrintDocument) -> str:
    return formats.date_format(doc.printed_at, "DATETIME_FORMAT")


def _shorten(text: str, size: float, room: float) -> str:
    """Cut the middle of a long URL so that it fits the footer line."""
    if stringWidth(text, FONT_REGULAR, size) <= room:
        return text
    keep = len(text)
    while keep > 8 and stringWidth(text[: keep // 2] + "…" + text[-keep // 2 :], FONT_REGULAR, size) > room:
        keep -= 4
    return text[: keep // 2] + "…" + text[-keep // 2 :]


def _footer(doc: PrintDocument, labels: Labels):
    printed = f"{labels.printed}: {labels_date(doc)}"

    def draw(canvas, template) -> None:
        canvas.saveState()
        canvas.setFont(FONT_REGULAR, FOOTER_SIZE)
        canvas.setFillColor(colors.HexColor("#444444"))
        y = MARGIN / 2
        right = f"{printed} · {labels.page} {canvas.getPageNumber()}"
        right_width = stringWidth(right, FONT_REGULAR, FOOTER_SIZE)
        source = _shorten(f"{labels.source}: {doc.source_url}", FOOTER_SIZE, template.width - right_width - 6 * mm)
        canvas.drawString(template.leftMargin, y, source)
        canvas.drawRightString(template.leftMargin + template.width, y, right)
        canvas.setStrokeColor(colors.HexColor("#888888"))
        canvas.setLineWidth(0.4)
        canvas.line(template.leftMargin, y + FOOTER_SIZE + 2, template.leftMargin + template.width, y + FOOTER_SIZE + 2)
        canvas.restoreState()

    return draw


def render_pdf(doc: PrintDocument, labels: Labels, dates: str) -> bytes:
    """The A4 PDF of ``doc``; ``dates`` is the line of publication and update dates, already worded."""
    for simple in (False, True):
        buffer = io.BytesIO()
        template = BaseDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=doc.title,
            author=doc.site_name,
            subject=doc.source_url,
            creator=doc.site_name,
            lang=doc.language,
            initialFontName=FONT_REGULAR,
        )
        frame = Frame(template.leftMargin, template.bottomMargin, template.width, template.height, id="body")
        template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_footer(doc, labels))])
        story = _story(doc, labels, dates, frame._aW, frame._aH, simple)
        try:
            template.build(story)
        except LayoutError:
            if simple:
                raise
            logger.warning("Printing: %s laid out again without tables", doc.source_url, exc_info=True)
            continue
        return buffer.getvalue()
    raise AssertionError("unreachable")
