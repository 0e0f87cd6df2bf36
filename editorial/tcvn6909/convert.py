"""Decode text in one named legacy encoding.

Legacy text reaches us one character per byte (FIELD-NOTES, "How legacy
text reaches the converter"): bytes 00-7F and A0-FF as U+0000-U+00FF, bytes
80-9F either as their Windows-1252 characters or as C1 controls.  Every
decoder here accepts both forms.  Characters that cannot be a byte (real
Unicode) pass through untouched, so a decoder never destroys text it does not
understand.  Single-byte decoding is one C charmap call when the text is
all bytes (the usual case) and one ``str.translate`` otherwise.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from collections.abc import Callable

from .case import restore_tcvn3_case
from .syllables import good_case, is_acronym, is_syllable
from .tables import (
    CP1252_HIGH,
    CP1258_DECODE,
    TCVN3_DECODE,
    VISCII_DECODE,
    VNI_BREVE_BASES,
    VNI_BREVE_MARKS,
    VNI_CIRCUMFLEX_BASES,
    VNI_CIRCUMFLEX_MARKS,
    VNI_SINGLES,
    VNI_TONE_BASES,
    VNI_TONE_MARKS,
    VPS_DECODE,
)
from .viqr import decode_viqr

LEGACY_SOURCES = ("tcvn3", "vni", "viscii", "vps", "viqr", "cp1258", "mojibake")
SOURCES = ("auto", *LEGACY_SOURCES, "unicode")

# cp1252 character of bytes 80-9F -> the byte as a C1 control (a Latin-1 read).
TO_LATIN1_FORM: dict[int, int] = {ord(ch): 0x80 + i for i, ch in enumerate(CP1252_HIGH) if ord(ch) > 0xFF}
# And back: a C1 control -> its Windows-1252 character.
C1_TO_CP1252: dict[int, str] = {0x80 + i: ch for i, ch in enumerate(CP1252_HIGH) if ord(ch) > 0xFF}


def _byte_translation(table: str) -> dict[int, str]:
    """str.translate map for a 256-entry table, in both forms of 80-9F."""
    trans: dict[int, str] = {}
    for byte, char in enumerate(table):
        if char != chr(byte):
            trans[byte] = char
    for i, cp_char in enumerate(CP1252_HIGH):
        target = table[0x80 + i]
        if ord(cp_char) > 0xFF and target != cp_char:
            trans[ord(cp_char)] = target
    return trans


_TCVN3 = _byte_translation(TCVN3_DECODE)
_VISCII = _byte_translation(VISCII_DECODE)
_VPS = _byte_translation(VPS_DECODE)
_CP1258 = _byte_translation(CP1258_DECODE)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _single_byte(text: str, table: str, trans: dict[int, str]) -> str:
    """Decode with a C charmap when ``text`` is all bytes (the usual case).

    ``str.translate`` with a dict costs a lookup per character; encoding
    back to bytes and charmap-decoding runs at C speed.  Mixed text (real
    Unicode, or both forms of 80-9F) falls back to translate.
    """
    for form in ("latin-1", "cp1252"):
        try:
            data = text.encode(form)
        except UnicodeEncodeError:
            continue
        return codecs.charmap_decode(data, "strict", table)[0]
    return text.translate(trans)


def decode_tcvn3_raw(text: str) -> str:
    """TCVN3 without case restoration: toned capitals come out lower case."""
    return _single_byte(text, TCVN3_DECODE, _TCVN3)


def decode_tcvn3(text: str) -> str:
    """TCVN3 (.VnTime), restoring toned capitals from the word and the line."""
    return _nfc(restore_tcvn3_case(decode_tcvn3_raw(text)))


def decode_tcvn3_upper(text: str) -> str:
    """TCVN3 typed in a ``.Vn...H`` capitals font: every letter is a capital."""
    decoded = _nfc(decode_tcvn3_raw(text))
    return "".join(ch.upper() if len(ch.upper()) == 1 else ch for ch in decoded)


def decode_viscii(text: str) -> str:
    return _nfc(_single_byte(text, VISCII_DECODE, _VISCII))


def decode_vps(text: str) -> str:
    return _nfc(_single_byte(text, VPS_DECODE, _VPS))


def decode_cp1258(text: str) -> str:
    """Windows-1258: precomposed Latin-1 letters plus combining tone bytes."""
    return _nfc(_single_byte(text, CP1258_DECODE, _CP1258))


# --- VNI -----------------------------------------------------------------


def _vni_translation() -> dict[int, str]:
    trans: dict[int, str] = dict(C1_TO_CP1252)
    trans.update(VNI_SINGLES)
    for marks in (VNI_TONE_MARKS, VNI_CIRCUMFLEX_MARKS, VNI_BREVE_MARKS):
        for byte, combining in marks.items():
            trans[byte] = combining
            trans[byte - 0x20] = combining
    return trans


def _mark_class(marks: dict[int, str]) -> str:
    return "".join(chr(b) + chr(b - 0x20) for b in marks)


_VNI = _vni_translation()
CP1252_DECODE_BASE = "".join(chr(b) for b in range(0x80)) + CP1252_HIGH + "".join(chr(b) for b in range(0xA0, 0x100))
# A mark byte that does not follow a letter it can go on keeps its
# Windows-1252 meaning (it was never a VNI mark).
_VNI_STRAY = re.compile(
    f"(?<![{VNI_TONE_BASES}])[{_mark_class(VNI_TONE_MARKS)}]"
    f"|(?<![{VNI_CIRCUMFLEX_BASES}])[{_mark_class(VNI_CIRCUMFLEX_MARKS)}]"
    f"|(?<![{VNI_BREVE_BASES}])[{_mark_class(VNI_BREVE_MARKS)}]"
)


def _vni_charmap() -> tuple[str, dict[str, str]]:
    """A one-character-per-byte table with marks on private-use placeholders."""
    table = list(CP1252_DECODE_BASE)
    placeholders: dict[str, str] = {}
    for byte, value in _VNI.items():
        if byte > 0xFF:
            continue
        if len(value) == 1 and not unicodedata.combining(value):
            table[byte] = value
        else:
            placeholder = chr(0xF700 + byte)
            table[byte] = placeholder
            placeholders[placeholder] = value
    return "".join(table), placeholders


def _vni_fast(text: str) -> str | None:
    """C-speed VNI: charmap-decode, then swap placeholders for combining marks."""
    for form in ("latin-1", "cp1252"):
        try:
            decoded = codecs.charmap_decode(text.encode(form), "strict", _VNI_TABLE)[0]
        except UnicodeEncodeError:
            continue
        for placeholder, marks in _VNI_PLACEHOLDERS.items():
            if placeholder in decoded:
                decoded = decoded.replace(placeholder, marks)
        return decoded
    return None


_VNI_TABLE, _VNI_PLACEHOLDERS = _vni_charmap()


_VNI_MARK = re.compile(
    f"[{_mark_class(VNI_TONE_MARKS)}{_mark_class(VNI_CIRCUMFLEX_MARKS)}{_mark_class(VNI_BREVE_MARKS)}]"
)
_VNI_PAIR = re.compile(
    f"[{VNI_TONE_BASES}][{_mark_class(VNI_TONE_MARKS)}]"
    f"|[{VNI_CIRCUMFLEX_BASES}][{_mark_class(VNI_CIRCUMFLEX_MARKS)}]"
    f"|[{VNI_BREVE_BASES}][{_mark_class(VNI_BREVE_MARKS)}]"
)


def _has_stray_mark(text: str) -> bool:
    """Is some mark byte not right after a letter it goes on?  (Bases are
    never marks, so pairs cannot overlap: counting is enough, and fast.)"""
    return len(_VNI_MARK.findall(text)) != len(_VNI_PAIR.findall(text))


def decode_vni(text: str) -> str:
    """VNI-Windows: a base letter followed by a mark byte."""
    if not _has_stray_mark(text):
        fast = _vni_fast(text)
        return _nfc(fast if fast is not None else text.translate(_VNI))
    parts: list[str] = []
    last = 0
    for match in _VNI_STRAY.finditer(text):
        parts.append(text[last : match.start()].translate(_VNI))
        parts.append(match.group())
        last = match.end()
    parts.append(text[last:].translate(_VNI))
    return _nfc("".join(parts))


# --- UTF-8 read as Windows-1252 / Latin-1 ----------------------------------

# A continuation byte; U+FFFD stands for one of the five bytes cp1252 leaves
# undefined when the reader replaced them (81 8D 8F 90 9D: "Đ" is C4 90).
_CONT = "[\x80-\xbf\ufffd]"
_UTF8_SEQUENCE = re.compile(
    (
        "(?:[\xc2-\xdf]C|\xe0[\xa0-\xbf]C|[\xe1-\xec\xee\xef]CC|\xed[\x80-\x9f]C"
        "|\xf0[\x90-\xbf]CC|[\xf1-\xf3]CCC|\xf4[\x80-\x8f]CC)+"
    ).replace("C", _CONT)
)
_UNDEFINED_CP1252 = ("\x81", "\x9d", "\x8d", "\x8f", "\x90")  # ề ờ ọ ỏ Đ: likeliest first
_MAX_GUESSES = 3


def _utf8(run: str) -> str | None:
    try:
        return run.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return None


def _fill_replacements(chunk: str) -> str | None:
    """Guess the bytes behind U+FFFD so the words in ``chunk`` are syllables."""
    holes = chunk.count("\ufffd")
    if holes > _MAX_GUESSES:
        return None
    best, best_points = None, None
    for guess in itertools.product(_UNDEFINED_CP1252, repeat=holes):
        filled = iter(guess)
        candidate = "".join(next(filled) if ch == "\ufffd" else ch for ch in chunk)
        decoded = _decode_sequences(candidate)
        if decoded == candidate:
            continue
        points = sum(_word_points(run) for run in _WORD_RUN.findall(decoded))
        if best_points is None or points > best_points:
            best, best_points = decoded, points
    return best


def _word_points(run: str) -> int:
    if run.isascii() or is_acronym(run) or (good_case(run) and is_syllable(run)):
        return 1
    return -1


def _decode_sequences(text: str) -> str:
    latin1 = text.translate(TO_LATIN1_FORM)
    parts: list[str] = []
    last = 0
    for match in _UTF8_SEQUENCE.finditer(latin1):
        decoded = _utf8(match.group()) if "\ufffd" not in match.group() else None
        if decoded is None:
            continue
        parts.append(text[last : match.start()])
        parts.append(decoded)
        last = match.end()
    parts.append(text[last:])
    return "".join(parts)


_WORD_RUN = re.compile(r"[^\W\d_]+")
_CHUNK_WITH_HOLE = re.compile(r"[^ \t\r\n]*\ufffd[^ \t\r\n]*")


def decode_mojibake(text: str) -> str:
    """Undo UTF-8 that was read as Windows-1252 (or Latin-1)."""
    for form in ("latin-1", "cp1252"):  # all of it is UTF-8: decode in C
        try:
            return _nfc(text.encode(form).decode("utf-8"))
        except UnicodeError:
            continue
    if "\ufffd" in text:
        text = _CHUNK_WITH_HOLE.sub(lambda m: _fill_replacements(m.group()) or m.group(), text)
    return _nfc(_decode_sequences(text))


def decode_unicode(text: str) -> str:
    """Already Unicode: only compose (handles NFD with the dot below first)."""
    return _nfc(text)


DECODERS: dict[str, Callable[[str], str]] = {
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
    "viscii": decode_viscii,
    "vps": decode_vps,
    "viqr": decode_viqr,
    "cp1258": decode_cp1258,
    "mojibake": decode_mojibake,
    "unicode": decode_unicode,
}

# Decoders used while scoring candidates: no case restoration (it needs the
# whole line and cannot change whether a word is a syllable).
RAW_DECODERS: dict[str, Callable[[str], str]] = {
    **DECODERS,
    "tcvn3": lambda text: _nfc(decode_tcvn3_raw(text)),
}
