"""TCVN 6909:2001 text layer: legacy Vietnamese encodings to NFC Unicode.

Pure Python, no Django: the CMS calls ``normalize`` on every text that enters
(P-Art. 7.6), ``find_damage`` before review, and ``fold`` /
``tone_variants`` when indexing for search.

>>> to_unicode("Céng hßa", "tcvn3")
'Cộng hòa'
>>> fold("Khánh Hoà") == fold("khanh hoa")
True
"""

from __future__ import annotations

from .clean import clean
from .convert import DECODERS, LEGACY_SOURCES, SOURCES
from .damage import DamageFinding, find_damage
from .detect import Segment, convert_auto, detect, segments
from .encode import encode
from .tone import STYLES, convert_tone_style, fold, tone_variants

__all__ = [
    "LEGACY_SOURCES",
    "SOURCES",
    "STYLES",
    "DamageFinding",
    "Segment",
    "clean",
    "convert_tone_style",
    "detect",
    "encode",
    "find_damage",
    "fold",
    "normalize",
    "segments",
    "to_unicode",
    "tone_variants",
]


# Other names people use for the same encodings.
ALIASES = {
    "abc": "tcvn3",
    "tcvn": "tcvn3",
    "tcvn5712": "tcvn3",
    "vni-windows": "vni",
    "vni-win": "vni",
    "windows-1258": "cp1258",
    "win1258": "cp1258",
    "utf-8": "unicode",
    "utf8": "unicode",
    "nfc": "unicode",
    "nfd": "unicode",
}


def to_unicode(text: str, source: str = "auto") -> str:
    """Decode ``text`` from ``source`` (see ``SOURCES``) to NFC Unicode.

    "auto" converts only the parts that are legacy-encoded; everything else
    comes back as given (composed to NFC).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    name = ALIASES.get(source.lower(), source.lower()) if isinstance(source, str) else source
    if name == "auto":
        return convert_auto(text)
    try:
        decoder = DECODERS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown source {source!r}; expected one of {SOURCES}") from None
    return decoder(text)


def normalize(text: str, *, style: str | None = None) -> str:
    """What every text entering the CMS goes through.

    Convert legacy parts, compose to NFC, drop invisible and control
    characters, tidy spaces, and optionally apply the house tone ``style``
    ("classic" hòa/thủy, "modern" hoà/thuỷ; ``None`` keeps it as written).
    """
    if style is not None and style not in STYLES:
        raise ValueError(f"unknown tone style {style!r}; expected one of {STYLES}")
    result = clean(to_unicode(text, "auto"))
    if style is not None:
        result = convert_tone_style(result, style)
    return result
