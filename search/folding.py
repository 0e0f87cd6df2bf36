"""Vietnamese folding for search: what a query typed without diacritics must still find.

"Khánh Hòa" → "khanh hoa", "Ủy ban" → "uy ban", "Đà Nẵng" → "da nang". Only Latin letters lose
their marks: Russian "й" and "ё" stay as they are. Tone placement ("hòa"/"hoà") folds to the same
letters, so classic and modern spellings find each other.
"""

from __future__ import annotations

import re
from html import unescape

from editorial.tcvn6909 import fold as fold_letters

_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")


def fold(text: str) -> str:
    """The TCVN 6909 layer's search key (lower case, no Latin diacritics, đ → d), spaces collapsed."""
    return _SPACE_RE.sub(" ", fold_letters(text or "")).strip()


def html_to_text(html: str) -> str:
    return _SPACE_RE.sub(" ", unescape(_TAG_RE.sub(" ", html or ""))).strip()


def body_text(page: object) -> str:
    """A page's StreamField body as plain text ("" for pages without one)."""
    body = getattr(page, "body", None)
    return stream_text(list(body.raw_data)) if body is not None else ""


def page_text(page: object) -> str:
    """Summary and body as plain text: what snippets and the exact-first ranking read."""
    return " ".join(part for part in (getattr(page, "summary", "") or "", body_text(page)) if part)


def stream_text(raw: object) -> str:
    """Every string of a StreamField's raw data (headings, paragraphs, table cells), as plain text."""
    parts: list[str] = []

    def walk(value: object, key: str | None = None) -> None:
        if isinstance(value, str):
            if key not in ("id", "type", "url", "href", "format", "alt"):
                parts.append(html_to_text(value))
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, dict):
            for sub_key, item in value.items():
                walk(item, sub_key)

    walk(raw)
    return " ".join(part for part in parts if part)
