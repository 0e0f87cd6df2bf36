"""House tone-placement style and search folding.

The two styles differ only in open syllables with oa, oe, uy: classic puts
the tone on the first vowel (hòa, khỏe, thủy), modern on the second (hoà,
khoẻ, thuỷ).  After qu the u belongs to the onset, so "quý" never changes.
"""

from __future__ import annotations

import re
import unicodedata

from .tables import TONE_MARKS

STYLES = ("classic", "modern")

_PAIRS = ("oa", "oe", "uy")


def _compose(letter: str, mark: str) -> str:
    return unicodedata.normalize("NFC", letter + mark)


def _build_maps() -> tuple[dict[str, str], dict[str, str]]:
    to_modern: dict[str, str] = {}
    to_classic: dict[str, str] = {}
    for first, second in _PAIRS:
        for a in (first, first.upper()):
            for b in (second, second.upper()):
                for mark in TONE_MARKS:
                    classic = _compose(a, mark) + b
                    modern = a + _compose(b, mark)
                    to_modern[classic] = modern
                    to_classic[modern] = classic
    return to_modern, to_classic


_TO_MODERN, _TO_CLASSIC = _build_maps()


def _pattern(keys: dict[str, str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted(keys, key=len, reverse=True))
    # Not after q (qu-onset) nor another vowel; nothing but a word end after.
    return re.compile(f"(?<![qQ])(?:{alternatives})(?![^\\W\\d_])")


_MODERN_RE = _pattern(_TO_MODERN)
_CLASSIC_RE = _pattern(_TO_CLASSIC)


def convert_tone_style(text: str, style: str) -> str:
    """Move tone marks in open oa/oe/uy syllables to ``style`` ("classic"/"modern")."""
    if style == "modern":
        return _MODERN_RE.sub(lambda m: _TO_MODERN[m.group()], text)
    if style == "classic":
        return _CLASSIC_RE.sub(lambda m: _TO_CLASSIC[m.group()], text)
    raise ValueError(f"unknown tone style {style!r}; expected one of {STYLES}")


def tone_variants(text: str) -> tuple[str, str]:
    """(classic, modern) spellings, so search can index both."""
    return convert_tone_style(text, "classic"), convert_tone_style(text, "modern")


_LATIN_MARKS = re.compile(r"(?<=[A-Za-z])[\u0300-\u036f]+")


def fold(text: str) -> str:
    """Lower-case, drop Vietnamese/Latin diacritics, đ -> d: a search key.

    "Khánh Hòa", "Khánh Hoà" and "khanh hoa" fold equal.  Marks on
    non-Latin letters (Russian й, ё) are kept: they are different letters.
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = _LATIN_MARKS.sub("", decomposed).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", stripped).casefold()
