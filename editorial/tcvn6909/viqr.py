"""VIQR (RFC 1456): Vietnamese written with ASCII marks after the vowel.

"Vie^.t Nam" is "Việt Nam"; ``dd``/``DD`` at the start of a word (and
``DD`` inside a capitals acronym, "NDD-CP") is đ/Đ; a
backslash makes the next mark character literal ("sao\\?", "\\DDoS").  Two
practical rules keep ordinary punctuation intact, as Unikey's reader does: a
word takes only one tone mark (so the "?" in "gi`?" is a question mark), and
nothing inside a URL or e-mail address is read as a mark.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .tables import ACUTE, BREVE, CIRCUMFLEX, DOT, GRAVE, HOOK, HORN, TILDE

_TONES = {"'": ACUTE, "`": GRAVE, "?": HOOK, "~": TILDE, ".": DOT}
_MODIFIERS = {"^": CIRCUMFLEX, "(": BREVE, "+": HORN}
# Which modifier each vowel can take.
_MODIFIER_BASES = {"^": "aeoAEO", "(": "aA", "+": "ouOU"}
_VOWELS = frozenset("aeiouyAEIOUY")
_ESCAPABLE = frozenset("\\'`?~.^(+/dD")
_ESCAPE = re.compile(r"\\([\\'`?~.^(+/dD])")
_URL_LIKE = re.compile(r"://|^www\.|^mailto:|[\w.+-]@[\w-]+\.\w", re.IGNORECASE)
_CHUNK = re.compile(r"\S+")


@lru_cache(maxsize=1 << 16)
def _decode_chunk(chunk: str) -> str:
    """Decode one whitespace-free chunk (cached: text repeats its words)."""
    if _URL_LIKE.search(chunk):
        return _ESCAPE.sub(r"\1", chunk)
    out: list[str] = []
    i, n = 0, len(chunk)
    toned = False  # the current word already has its tone
    word_start = True
    while i < n:
        char = chunk[i]
        nxt = chunk[i + 1] if i + 1 < n else ""
        if char == "\\" and nxt in _ESCAPABLE and nxt:
            out.append(nxt)
            i += 2
            if nxt.isalpha():
                word_start = False
            else:
                word_start, toned = True, False
            continue
        # dd/DD/Dd start a word; inside a capitals acronym "NDD" is "NĐ".
        caps_inside = char == "D" == nxt and i > 0 and chunk[i - 1].isupper()
        if (word_start or caps_inside) and char in "dD" and nxt and nxt in "dD":
            out.append("Đ" if char == "D" else "đ")
            i += 2
            word_start = False
            continue
        if char in _VOWELS:
            letter = char
            j = i + 1
            if j < n and chunk[j] in _MODIFIERS and char in _MODIFIER_BASES[chunk[j]]:
                letter += _MODIFIERS[chunk[j]]
                j += 1
            if j < n and chunk[j] in _TONES and not toned:
                letter += _TONES[chunk[j]]
                toned = True
                j += 1
            out.append(letter)
            i = j
            word_start = False
            continue
        out.append(char)
        i += 1
        if char.isalnum():
            word_start = False
        else:
            word_start, toned = True, False
    return unicodedata.normalize("NFC", "".join(out))


def decode_viqr(text: str) -> str:
    """Decode VIQR text; whitespace and line structure are kept as they are."""
    return _CHUNK.sub(lambda m: _decode_chunk(m.group()), text)
