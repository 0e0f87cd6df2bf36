"""Rendering of reports as files: PDF laid out per Nghị định 30/2020/NĐ-CP, XLSX and CSV.

The layer is deliberately free of Django models and HTTP so that reports (the compliance report
to the Department of Information and Communications, royalty statements, …) can be produced by
views, management commands and background jobs alike, and tested as plain functions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

__all__ = [
    "AdministrativeDocument",
    "Signature",
    "Table",
    "date_line",
    "render_pdf",
    "to_csv",
    "to_xlsx",
]


@dataclass(frozen=True)
class Table:
    """A table inside a document body; cells are already formatted as text by the caller."""

    columns: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None
    numeric_columns: frozenset[int] = frozenset()
    emphasised_rows: frozenset[int] = frozenset()
    heading: str = ""


@dataclass(frozen=True)
class Signature:
    """One signing block: capacity ("KT. TRƯỞNG BAN"), title, note, signing space and name."""

    title: str
    name: str = ""
    capacity: str = ""
    note: str = "(Ký, ghi rõ họ tên)"


@dataclass(frozen=True)
class AdministrativeDocument:
    """Everything an administrative document (NĐ 30/2020, Phụ lục I) prints, in reading order."""

    issuer_parent: str
    issuer: str
    number: str
    place: str
    date: datetime.date
    kind: str
    title: str
    addressees: list[str] = field(default_factory=list)
    body: list[str | Table] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    landscape: bool = False


# The renderers import the data classes above, so they are imported after them.
from editorial.documents.dates import date_line  # noqa: E402
from editorial.documents.pdf import render_pdf  # noqa: E402
from editorial.documents.tabular import to_csv, to_xlsx  # noqa: E402
