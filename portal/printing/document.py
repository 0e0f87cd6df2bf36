"""What a printed page holds, independent of the page type and of the output (HTML or PDF)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Fact:
    """One labelled property (number and symbol, issuing body, investor…), printed in a two-column table."""

    label: str
    value: str


@dataclass(frozen=True)
class Heading:
    kind: ClassVar[str] = "heading"
    text: str


@dataclass(frozen=True)
class RichText:
    """Rich text already cleaned and expanded (``richtext.print_html``): safe to insert as HTML."""

    kind: ClassVar[str] = "richtext"
    html: str


@dataclass(frozen=True)
class Quote:
    kind: ClassVar[str] = "quote"
    text: str
    attribution: str = ""


@dataclass(frozen=True)
class Figure:
    """An image whose rendition could be made; ``rendition`` is kept so the PDF can read its file."""

    kind: ClassVar[str] = "figure"
    url: str
    width: int
    height: int
    alt: str
    caption: str = ""
    rendition: Any = None


@dataclass(frozen=True)
class DataTable:
    kind: ClassVar[str] = "table"
    caption: str
    head: list[str] | None
    rows: list[list[str]]


@dataclass(frozen=True)
class ItemList:
    """A titled list of plain lines (required papers, legal basis)."""

    kind: ClassVar[str] = "list"
    heading: str
    items: list[str]
    ordered: bool = False


Part = Heading | RichText | Quote | Figure | DataTable | ItemList


@dataclass(frozen=True)
class Attachment:
    label: str
    url: str  # absolute
    details: str = ""  # "PDF, 120 KB"


@dataclass
class PrintDocument:
    """Everything the print view and the PDF show, in reading order."""

    language: str
    site_name: str
    title: str
    slug: str
    source_url: str  # the canonical, absolute URL of the page
    printed_at: datetime.datetime
    published_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None
    summary: str = ""
    summary_label: str = ""
    facts: list[Fact] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
