"""Read a .docx press release into simple blocks, decoding legacy fonts.

Old Word files keep TCVN3 or VNI bytes as ordinary characters and only the
font says how to read them (FIELD-NOTES: "read a .docx run's font").  Each
run is decoded by its font: ``.VnTime``-style fonts are TCVN3 (``...H``
fonts, e.g. ``.VnTimeH``, show every letter as a capital), ``VNI-*`` fonts
are VNI, anything else is detected per paragraph.  No Django here: the CMS
turns the blocks into a draft page.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .case import restore_tcvn3_case
from .convert import DECODERS, decode_tcvn3_raw, decode_tcvn3_upper
from .detect import detect
from .tables import CP1252_HIGH

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # refuse zip bombs before parsing


class DocxError(ValueError):
    """The file is not a readable .docx document."""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    html: str  # text with <strong>, <em>, <a href>, <br> only


@dataclass(frozen=True)
class ListItem:
    html: str
    level: int  # 0 = top level
    ordered: bool


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Image:
    data: bytes
    filename: str
    alt: str
    content_type: str


Block = Heading | Paragraph | ListItem | Table | Image


def font_source(font: str | None) -> str:
    """Encoding implied by a font name: "tcvn3", "tcvn3-upper" (.Vn...H capitals
    fonts), "vni", "vps", "viscii", or "auto" for any other font."""
    if not font:
        return "auto"
    name = font.strip()
    lowered = name.lower()
    if lowered.startswith(".vn"):
        return "tcvn3-upper" if name.endswith("H") else "tcvn3"
    if lowered.startswith("vni-") or lowered.startswith("vni "):
        return "vni"
    if lowered.startswith("vps"):
        return "vps"
    if lowered.startswith("viscii"):
        return "viscii"
    return "auto"


# --- fonts ----------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FONT_ATTRS = ("ascii", "hAnsi", "cs", "eastAsia")


def _rfonts_name(rpr: Any) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(f"{_W}rFonts")
    if fonts is None:
        return None
    for attr in _FONT_ATTRS:
        value = fonts.get(f"{_W}{attr}")
        if value:
            return str(value)
    return None


def _style_font(style: Any) -> str | None:
    seen = 0
    while style is not None and seen < 20:
        name = _rfonts_name(style.element.find(f"{_W}rPr"))
        if name:
            return name
        style, seen = style.base_style, seen + 1
    return None


def _default_font(document: Any) -> str | None:
    styles = document.styles.element
    rpr = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    return _rfonts_name(rpr)


# --- runs -----------------------------------------------------------------


@dataclass
class _Piece:
    text: str
    bold: bool
    italic: bool
    link: str | None
    source: str


def _pieces(paragraph: Any, default_font: str | None) -> Iterator[_Piece]:
    from docx.text.hyperlink import Hyperlink

    paragraph_font = _style_font(paragraph.style)
    for item in paragraph.iter_inner_content():
        runs = item.runs if isinstance(item, Hyperlink) else [item]
        link = item.url if isinstance(item, Hyperlink) else None
        for run in runs:
            font = _rfonts_name(run._r.rPr) or _style_font(run.style) or paragraph_font or default_font
            yield _Piece(run.text, bool(run.bold), bool(run.italic), link, font_source(font))


_CP1252_SPECIALS = "".join(ch for ch in CP1252_HIGH if ord(ch) > 0xFF)
# A letter no legacy encoding produces: the run is already Unicode, whatever
# its font says (fonts get changed after the text was converted).
_UNICODE_LETTER = re.compile(f"[^\x00-\xff{_CP1252_SPECIALS}\\W\\d_]")


def _decode_pieces(pieces: list[_Piece]) -> None:
    """Decode in place; TCVN3 neighbours are decoded together for case context."""
    for piece in pieces:
        if _UNICODE_LETTER.search(piece.text):
            piece.source = "unicode"
    auto = "".join(p.text for p in pieces if p.source == "auto")
    auto_source = detect(auto) if auto else "unicode"
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if piece.source == "tcvn3":
            end = index
            while end < len(pieces) and pieces[end].source == "tcvn3":
                end += 1
            _decode_tcvn3_group(pieces[index:end])
            index = end
            continue
        if piece.source == "tcvn3-upper":
            piece.text = decode_tcvn3_upper(piece.text)
        else:
            source = auto_source if piece.source == "auto" else piece.source
            piece.text = DECODERS[source if source in DECODERS else "unicode"](piece.text)
        index += 1


def _decode_tcvn3_group(group: list[_Piece]) -> None:
    raw = decode_tcvn3_raw("".join(p.text for p in group))
    restored = restore_tcvn3_case(raw)
    if len(restored) != len(raw):  # cannot split back: decode one by one
        for piece in group:
            piece.text = DECODERS["tcvn3"](piece.text)
        return
    pos = 0
    for piece in group:
        size = len(piece.text)
        piece.text = unicodedata.normalize("NFC", restored[pos : pos + size])
        pos += size


def _to_html(pieces: list[_Piece]) -> str:
    out: list[str] = []
    for piece in _merged(pieces):
        text = html.escape(piece.text, quote=False).replace("\n", "<br>").replace("\t", " ")
        if not text:
            continue
        if piece.italic:
            text = f"<em>{text}</em>"
        if piece.bold:
            text = f"<strong>{text}</strong>"
        if piece.link and piece.link.lower().startswith(("http://", "https://", "mailto:")):
            text = f'<a href="{html.escape(piece.link)}">{text}</a>'
        out.append(text)
    return "".join(out).strip()


def _merged(pieces: list[_Piece]) -> list[_Piece]:
    merged: list[_Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if last and (last.bold, last.italic, last.link) == (piece.bold, piece.italic, piece.link):
            last.text += piece.text
        else:
            merged.append(_Piece(piece.text, piece.bold, piece.italic, piece.link, piece.source))
    return merged


# --- paragraphs -------------------------------------------------------------


def _heading_level(paragraph: Any) -> int | None:
    name = (paragraph.style.name or "") if paragraph.style is not None else ""
    if name == "Title":
        return 1
    if name.lower().startswith("heading "):
        tail = name.split(" ", 1)[1]
        if tail.isdigit():
            return int(tail)
    ppr = paragraph._p.pPr
    outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    if outline is not None:
        value = outline.get(f"{_W}val", "")
        if value.isdigit() and int(value) < 9:
            return int(value) + 1
    return None


def _list_info(paragraph: Any, numbering: Any) -> tuple[int, bool] | None:
    """(level, ordered) when the paragraph is a list item."""
    name = (paragraph.style.name or "") if paragraph.style is not None else ""
    ppr = paragraph._p.pPr
    num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
    level = 0
    num_id = None
    if num_pr is not None:
        ilvl = num_pr.find(f"{_W}ilvl")
        num = num_pr.find(f"{_W}numId")
        level = int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0
        num_id = num.get(f"{_W}val") if num is not None else None
        if num_id == "0":
            return None  # numbering explicitly removed
    if name.startswith("List Bullet"):
        return level, False
    if name.startswith("List Number"):
        return level, True
    if num_id is None:
        return None
    return level, _is_ordered(numbering, num_id, level)


def _is_ordered(numbering: Any, num_id: str, level: int) -> bool:
    if numbering is None:
        return False
    root = numbering.element
    abstract_id = None
    for num in root.findall(f"{_W}num"):
        if num.get(f"{_W}numId") == num_id:
            ref = num.find(f"{_W}abstractNumId")
            abstract_id = ref.get(f"{_W}val") if ref is not None else None
    for abstract in root.findall(f"{_W}abstractNum"):
        if abstract.get(f"{_W}abstractNumId") != abstract_id:
            continue
        # The level itself, else the deepest defined level above it.
        levels = {int(lvl.get(f"{_W}ilvl", "0")): lvl for lvl in abstract.findall(f"{_W}lvl")}
        usable = [n for n in levels if n <= level] or list(levels)
        if not usable:
            return False
        fmt = levels[max(usable)].find(f"{_W}numFmt")
        return fmt is not None and fmt.get(f"{_W}val") not in ("bullet", "none")
    return False


def _images(paragraph: Any) -> Iterator[Image]:
    for drawing in paragraph._p.xpath(".//w:drawing"):
        alt = ""
        for doc_pr in drawing.xpath(".//wp:docPr"):
            alt = doc_pr.get("descr") or doc_pr.get("title") or ""
        for rid in drawing.xpath(".//a:blip/@r:embed"):
            part = paragraph.part.related_parts.get(rid)
            if part is None or not hasattr(part, "blob"):
                continue
            yield Image(
                data=part.blob,
                filename=posixpath.basename(str(part.partname)),
                alt=_auto(alt),
                content_type=part.content_type,
            )


def _auto(text: str) -> str:
    from . import to_unicode

    return to_unicode(text, "auto")


def _paragraph_blocks(paragraph: Any, numbering: Any, default_font: str | None) -> Iterator[Block]:
    pieces = list(_pieces(paragraph, default_font))
    _decode_pieces(pieces)
    level = _heading_level(paragraph)
    if level is not None:
        text = "".join(p.text for p in pieces).strip()
        if text:
            yield Heading(level, text)
    else:
        body = _to_html(pieces)
        info = _list_info(paragraph, numbering)
        if body and info is not None:
            yield ListItem(body, info[0], info[1])
        elif body:
            yield Paragraph(body)
    yield from _images(paragraph)


def _cell_text(cell: Any, default_font: str | None) -> str:
    lines = []
    for paragraph in cell.paragraphs:
        pieces = list(_pieces(paragraph, default_font))
        _decode_pieces(pieces)
        lines.append("".join(p.text for p in pieces).strip())
    return "\n".join(lines).strip()


def _table_block(table: Any, default_font: str | None) -> Table:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:  # merged cells repeat: keep each once
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell, default_font))
        rows.append(tuple(cells))
    return Table(tuple(rows))


def _check_zip(source: str | Path | IO[bytes]) -> None:
    try:
        with zipfile.ZipFile(source) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise DocxError(f"not a .docx file: {exc}") from exc
    if total > MAX_UNCOMPRESSED:
        raise DocxError(f"document expands to {total} bytes, over the {MAX_UNCOMPRESSED} limit")
    if hasattr(source, "seek"):
        source.seek(0)


def read_docx(source: str | Path | IO[bytes]) -> list[Block]:
    """Blocks of a .docx file in reading order (raises ``DocxError``)."""
    import docx

    _check_zip(source)
    try:
        document = docx.Document(source)
    except Exception as exc:  # python-docx raises several unrelated types
        raise DocxError(f"cannot read .docx: {exc}") from exc
    try:
        numbering = document.part.numbering_part
    except (KeyError, NotImplementedError):
        numbering = None
    default_font = _default_font(document)
    blocks: list[Block] = []
    from docx.table import Table as DocxTable

    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            blocks.append(_table_block(item, default_font))
        else:
            blocks.extend(_paragraph_blocks(item, numbering, default_font))
    return blocks
