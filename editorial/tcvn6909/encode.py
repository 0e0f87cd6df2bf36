"""Encode Unicode into a legacy encoding (for benchmarks and exports).

The result is one character per byte in the Latin-1 form (U+0000-U+00FF), so
``encode(text, "vni").encode("latin-1")`` gives the bytes a legacy program
wrote.  TCVN3 puts toned capitals on the lower-case codes, as Unikey and
``.VnTimeH`` documents do.  Characters an encoding cannot hold are kept.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from .tables import (
    ACUTE,
    BREVE,
    CIRCUMFLEX,
    CP1258_DECODE,
    DOT,
    GRAVE,
    HOOK,
    HORN,
    TCVN3_DECODE,
    TILDE,
    VISCII_DECODE,
    VNI_BREVE_MARKS,
    VNI_CIRCUMFLEX_MARKS,
    VNI_SINGLES,
    VNI_TONE_MARKS,
    VPS_DECODE,
)

TARGETS = ("tcvn3", "vni", "viscii", "vps", "viqr", "cp1258", "mojibake")
_LETTERS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
_TONES = ("", GRAVE, ACUTE, HOOK, TILDE, DOT)


def vietnamese_letters() -> list[str]:
    """Every vowel with every tone, both cases, plus đ/Đ (146 letters)."""
    out = [unicodedata.normalize("NFC", v + t) for v in _LETTERS for t in _TONES]
    return [*out, "đ", "Đ"]


def _single_byte_map(table: str, capitals_on_lower_codes: bool) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for byte in range(0xFF, -1, -1):  # the lowest byte wins
        mapping[ord(table[byte])] = chr(byte)
    if capitals_on_lower_codes:
        for letter in vietnamese_letters():
            if letter.isupper() and not letter.isascii() and letter not in "ĂÂÊÔƠƯĐ":
                mapping[ord(letter)] = mapping[ord(letter.lower())]
    return {k: v for k, v in mapping.items() if chr(k) != v}


@cache
def _vni_map() -> dict[int, str]:
    mapping: dict[int, str] = {ord(v): chr(k) for k, v in VNI_SINGLES.items()}
    marks = {**VNI_TONE_MARKS, **VNI_CIRCUMFLEX_MARKS, **VNI_BREVE_MARKS}
    by_marks = {v: k for k, v in marks.items()}
    for letter in vietnamese_letters():
        if ord(letter) in mapping or letter.isascii():
            continue
        nfd = unicodedata.normalize("NFD", letter)
        base, rest = nfd[0], nfd[1:]
        if HORN in rest:  # ơ / ư are single bytes, tone follows
            base_char = {"o": "\xf4", "u": "\xf6", "O": "\xd4", "U": "\xd6"}[base]
            rest = rest.replace(HORN, "")
        else:
            base_char = base
        if base.lower() == "i" or (base.lower() == "y" and rest == DOT):
            continue  # single bytes already mapped
        rest = "".join(sorted(rest, key=lambda m: m not in (CIRCUMFLEX, BREVE)))
        mark = by_marks[rest]
        mapping[ord(letter)] = base_char + chr(mark if base.islower() else mark - 0x20)
    return mapping


@cache
def _cp1258_map() -> dict[int, str]:
    direct = {ch: chr(b) for b, ch in enumerate(CP1258_DECODE) if b >= 0x80}
    tones = {GRAVE: "\xcc", ACUTE: "\xec", HOOK: "\xd2", TILDE: "\xde", DOT: "\xf2"}
    mapping: dict[int, str] = {}
    for letter in vietnamese_letters():
        if letter in direct:
            mapping[ord(letter)] = direct[letter]
            continue
        nfd = unicodedata.normalize("NFD", letter)
        tone = next((m for m in nfd if m in tones), "")
        base = unicodedata.normalize("NFC", nfd.replace(tone, "")) if tone else letter
        base_byte = direct.get(base, base)
        mapping[ord(letter)] = base_byte + (tones[tone] if tone else "")
    return mapping


_VIQR_TONE = {GRAVE: "`", ACUTE: "'", HOOK: "?", TILDE: "~", DOT: "."}
_VIQR_MOD = {CIRCUMFLEX: "^", BREVE: "(", HORN: "+"}


def _viqr_letter(letter: str) -> str:
    if letter in "đĐ":
        return "dd" if letter == "đ" else "DD"
    nfd = unicodedata.normalize("NFD", letter)
    mods = "".join(_VIQR_MOD[m] for m in nfd[1:] if m in _VIQR_MOD)
    tone = "".join(_VIQR_TONE[m] for m in nfd[1:] if m in _VIQR_TONE)
    return nfd[0] + mods + tone


_VIQR_MARK_CHARS = frozenset("'`?~.^(+")


def encode_viqr(text: str) -> str:
    """RFC 1456 VIQR; a mark character after a vowel is escaped with "\\"."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    after_vowel = False
    word_start = True
    for index, char in enumerate(text):
        following = text[index + 1 : index + 2]
        if char in _VIQR_LETTERS:
            out.append(_viqr_letter(char))
            after_vowel, word_start = char not in "đĐ", False
            continue
        if char in _VIQR_MARK_CHARS and after_vowel:
            out.append("\\" + char)
        elif char == "\\":
            out.append("\\\\")
        elif char in "dD" and following and following in "dD" and (word_start or char == following == "D"):
            out.append("\\" + char)  # a literal "dd"/"DD" the reader would take for đ
        else:
            out.append(char)
        after_vowel = char in "aeiouyAEIOUY"
        word_start = not char.isalnum()
    return "".join(out)


_VIQR_LETTERS = frozenset(ch for ch in vietnamese_letters() if not ch.isascii())


def encode(text: str, target: str) -> str:
    """``text`` in ``target``, one character per byte (Latin-1 form)."""
    text = unicodedata.normalize("NFC", text)
    if target == "tcvn3":
        return text.translate(_TCVN3_MAP)
    if target == "viscii":
        return text.translate(_VISCII_MAP)
    if target == "vps":
        return text.translate(_VPS_MAP)
    if target == "vni":
        return text.translate(_vni_map())
    if target == "cp1258":
        return text.translate(_cp1258_map())
    if target == "viqr":
        return encode_viqr(text)
    if target == "mojibake":
        return text.encode("utf-8").decode("latin-1")
    raise ValueError(f"unknown target {target!r}; expected one of {TARGETS}")


_TCVN3_MAP = _single_byte_map(TCVN3_DECODE, capitals_on_lower_codes=True)
_VISCII_MAP = _single_byte_map(VISCII_DECODE, capitals_on_lower_codes=False)
_VPS_MAP = _single_byte_map(VPS_DECODE, capitals_on_lower_codes=False)
