"""Vietnamese folding for search: what a query typed without diacritics must still find.

"Khánh Hòa" → "khanh hoa", "Ủy ban" → "uy ban", "Đà Nẵng" → "da nang". Only Latin letters lose
their marks: Russian "й" and "ё" stay as they are. Tone placement ("hòa"/"hoà") folds to the same
letters, so classic and modern spellings find each other.
"""

from __future__ import annotations

import re
from functools import cache
from html import unescape

import snowballstemmer

from editorial.tcvn6909 import fold as fold_letters

_TAG_RE = re.compile(r"<[^>]+>")
_WORD_RE = re.compile(r"\w+")
# English and Russian words are reduced to their stems (Snowball), so "documents" finds "document"
# and "районах" finds "район"; Vietnamese words do not inflect.
STEMMERS = {"en": "english", "ru": "russian"}
_SPACE_RE = re.compile(r"\s+")


def fold(text: str) -> str:
    """The TCVN 6909 layer's search key (lower case, no Latin diacritics, đ → d), spaces collapsed."""
    return _SPACE_RE.sub(" ", fold_letters(text or "")).strip()


def html_to_text(html: str) -> str:
    return _SPACE_RE.sub(" ", unescape(_TAG_RE.sub(" ", html or ""))).strip()


def body_text(page: object) -> str:
    """A page's body as plain text: a StreamField, a rich-text or plain string; "" for pages without one.

    Every content type is searched, and not all of them call their main text a StreamField.
    """
    body = getattr(page, "body", None)
    if body is None:
        return ""
    raw = getattr(body, "raw_data", None)
    if raw is not None:
        return stream_text(list(raw))
    if isinstance(body, str):
        return html_to_text(body)
    source = getattr(body, "source", None)  # wagtail.rich_text.RichText
    return html_to_text(source) if isinstance(source, str) else ""


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


@cache
def _stemmer(algorithm: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(algorithm)


def stems(text: str, language: str) -> list[str]:
    """The Snowball stems of the words of an English or Russian text (none for other languages)."""
    algorithm = STEMMERS.get(language)
    if algorithm is None or not text:
        return []
    return _stemmer(algorithm).stemWords([word.lower() for word in _WORD_RE.findall(text)])


def stem_index_text(text: str, language: str) -> str:
    """The stems that differ from their words, once each: what the index adds for the stemmed match."""
    words = {word.lower() for word in _WORD_RE.findall(text or "")}
    return " ".join(sorted({stem for stem in stems(text, language) if stem not in words}))


def index_text(text: str, language: str) -> str:
    """What every content type indexes for the database backends: the folded text and its en/ru stems.

    One helper for all types, so an English or Russian query finds other word forms in legal
    documents, datasets, procedures and projects exactly as in articles.
    """
    return f"{fold(text)} {stem_index_text(text, language)}".strip()


def joined(*parts: object) -> str:
    """The non-empty parts as one text (a missing field, None or "" adds nothing)."""
    return " ".join(str(part) for part in parts if part)


def language_of(page: object) -> str:
    """The language code of a page's locale ("" before the page has one)."""
    return page.locale.language_code if getattr(page, "locale_id", None) else ""  # type: ignore[attr-defined]
