"""Test-side Vietnamese encoders (no tests here), built independently of editorial.tcvn6909.

The package decodes; these encode, from other sources: the TCVN3 pairs and
the VNI letter list as published in Unikey-era converters, glibc's VISCII
charmap when the machine has it (else Mozilla's table), Mozilla's VPS table,
Python's own cp1258 codec and RFC 1456 for VIQR.  Output is one character
per byte in the Latin-1 form (U+0000-U+00FF), like a Latin-1 read of a file.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
SEED_FILES = sorted(DATA.glob("00[0-4]_*.txt"))
GLIBC_CHARMAPS = Path("/usr/share/i18n/charmaps")

TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none, grave, acute, hook, tilde, dot
VOWELS = "aăâeêioôơuưy"


def seed(number: int) -> str:
    """Seed text 000-004 (UTF-8 files copied into tests/editorial/data)."""
    return SEED_FILES[number].read_text(encoding="utf-8")


def letters() -> list[str]:
    """Every vowel with every tone plus đ, lower then upper case (146)."""
    lower = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
    return lower + [ch.upper() for ch in lower]


# Characters the 8-bit tables cannot hold, written the way a converter would.
ASCII_FALLBACK = {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."}


# --- TCVN3 ------------------------------------------------------------------
# (Unicode, TCVN3) pairs as listed by Unikey-era converters; capitals with a
# tone have no code and go on the lower-case code (.VnTimeH convention).
_TCVN3_PAIRS = [
    ("àáảãạ", "µ¸¶·¹"),
    ("ăằắẳẵặ", "¨»¾¼½Æ"),
    ("âầấẩẫậ", "©ÇÊÈÉË"),
    ("đ", "®"),
    ("èéẻẽẹ", "ÌÐÎÏÑ"),
    ("êềếểễệ", "ªÒÕÓÔÖ"),
    ("ìíỉĩị", "×ÝØÜÞ"),
    ("òóỏõọ", "ßãáâä"),
    ("ôồốổỗộ", "«åèæçé"),
    ("ơờớởỡợ", "¬êíëìî"),
    ("ùúủũụ", "ïóñòô"),
    ("ưừứửữự", "\xadõøö÷ù"),
    ("ỳýỷỹỵ", "úýûüþ"),
    ("ĂÂĐÊÔƠƯ", "¡¢§£¤¥¦"),
]


@cache
def _tcvn3_map() -> dict[str, str]:
    mapping = {}
    for uni, legacy in _TCVN3_PAIRS:
        mapping.update(zip(uni, legacy, strict=True))
    for letter in letters():
        if letter.isupper() and letter not in mapping and not letter.isascii():
            mapping[letter] = mapping[letter.lower()]
    return mapping


def encode_tcvn3(text: str) -> str:
    mapping = _tcvn3_map()
    return "".join(mapping.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# --- VNI --------------------------------------------------------------------
# Capital letters in VNI-Windows: base letter + mark byte(s); tones in the
# order acute, grave, hook, tilde, dot.  Lower case is the lower() of these.
_VNI_CAPITALS = {
    "AÁÀẢÃẠ": ["A", "AÙ", "AØ", "AÛ", "AÕ", "AÏ"],
    "ÂẤẦẨẪẬ": ["AÂ", "AÁ", "AÀ", "AÅ", "AÃ", "AÄ"],
    "ĂẮẰẲẴẶ": ["AÊ", "AÉ", "AÈ", "AÚ", "AÜ", "AË"],
    "EÉÈẺẼẸ": ["E", "EÙ", "EØ", "EÛ", "EÕ", "EÏ"],
    "ÊẾỀỂỄỆ": ["EÂ", "EÁ", "EÀ", "EÅ", "EÃ", "EÄ"],
    "OÓÒỎÕỌ": ["O", "OÙ", "OØ", "OÛ", "OÕ", "OÏ"],
    "ÔỐỒỔỖỘ": ["OÂ", "OÁ", "OÀ", "OÅ", "OÃ", "OÄ"],
    "ƠỚỜỞỠỢ": ["Ô", "ÔÙ", "ÔØ", "ÔÛ", "ÔÕ", "ÔÏ"],
    "UÚÙỦŨỤ": ["U", "UÙ", "UØ", "UÛ", "UÕ", "UÏ"],
    "ƯỨỪỬỮỰ": ["Ö", "ÖÙ", "ÖØ", "ÖÛ", "ÖÕ", "ÖÏ"],
    "IÍÌỈĨỊ": ["I", "Í", "Ì", "Æ", "Ó", "Ò"],
    "YÝỲỶỸỴ": ["Y", "YÙ", "YØ", "YÛ", "YÕ", "Î"],
    "Đ": ["Ñ"],
}


@cache
def _vni_map() -> dict[str, str]:
    mapping = {}
    for capitals, codes in _VNI_CAPITALS.items():
        for capital, code in zip(capitals, codes, strict=True):
            mapping[capital] = code
            mapping[capital.lower()] = code.lower()
    return mapping


def encode_vni(text: str) -> str:
    mapping = _vni_map()
    return "".join(mapping.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# --- VISCII and VPS -----------------------------------------------------------
# Mozilla's tables (vps.ut, viscii.ut); glibc's VISCII charmap is preferred.
MOZILLA_VISCII = (
    "\x00\x01Ẳ\x03\x04ẴẪ\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"  # 00
    "\x10\x11\x12\x13Ỷ\x15\x16\x17\x18Ỹ\x1a\x1b\x1c\x1dỴ\x1f"  # 10
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f"
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ"  # 80
    "ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"  # 90
    "Õắằặấầẩậẽẹếềểễệố"  # A0
    "ồổỗỠƠộờởịỰỨỪỬơớƯ"  # B0
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"  # C0
    "ĐứÒÓÔạỷừửÙÚỹỵÝỡư"  # D0
    "àáâãảăữẫèéêẻìíĩỉ"  # E0
    "đựòóôõỏọụùúũủýợỮ"  # F0
)
MOZILLA_VPS = (
    "\x00\x01ẠẬẶẸỆ\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"  # 00
    "ỊỌỘỢỤỰ\x16\x17\x18Ỵ\x1a\x1bẪỮ\x1e\x1f"  # 10
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f"
    "ÀẢÃẤẦẨọỗĂếềểệẮẰẲ"  # 80
    "Ế‘’ỀỂỄỐỒỔỖýỷỵỚỜỞ"  # 90
    "\xa0ắằẳẵặỠớÙờởỡŨỨợỪ"  # A0
    "ổỬỲỸÍÌộỈĨÓửữÒỎÕự"  # B0
    "ầÁÂấẩẫậđẻÉÊẹỉễịỹ"  # C0
    "ƯỦồốÔỏơÈừứÚũưÝẺß"  # D0
    "àáâãảạăçèéêẽìíîĩ"  # E0
    "ẴĐòóôõöƠụùúủüỶẼỳ"  # F0
)
# Unikey's VPS codes for the letters it does not move off the C0 range.
UNIKEY_VPS = {
    "À": 0x80, "Ả": 0x81, "Ã": 0x82, "Ấ": 0x83, "Ầ": 0x84, "Ẩ": 0x85, "ỗ": 0x87, "Ă": 0x88,
    "ế": 0x89, "ề": 0x8A, "ể": 0x8B, "Ắ": 0x8D, "Ằ": 0x8E, "Ẳ": 0x8F, "Ế": 0x90, "Ề": 0x93,
    "Ể": 0x94, "Ễ": 0x95, "Ố": 0x96, "Ồ": 0x97, "Ổ": 0x98, "Ỗ": 0x99, "ý": 0x9A, "ỷ": 0x9B,
    "Ớ": 0x9D, "Ờ": 0x9E, "Ở": 0x9F, "ắ": 0xA1, "ằ": 0xA2, "ẳ": 0xA3, "ẵ": 0xA4, "Ỡ": 0xA6,
    "ớ": 0xA7, "Ù": 0xA8, "ờ": 0xA9, "ở": 0xAA, "ỡ": 0xAB, "Ũ": 0xAC, "Ứ": 0xAD, "Ừ": 0xAF,
    "ổ": 0xB0, "Ử": 0xB1, "Ỳ": 0xB2, "Ỹ": 0xB3, "Í": 0xB4, "Ì": 0xB5, "Ỉ": 0xB7, "Ĩ": 0xB8,
    "Ó": 0xB9, "ử": 0xBA, "Ò": 0xBC, "Ỏ": 0xBD, "Õ": 0xBE, "ầ": 0xC0, "Á": 0xC1, "Â": 0xC2,
    "ấ": 0xC3, "ẩ": 0xC4, "đ": 0xC7, "ẻ": 0xC8, "É": 0xC9, "Ê": 0xCA, "ỉ": 0xCC, "ễ": 0xCD,
    "ỹ": 0xCF, "Ư": 0xD0, "Ủ": 0xD1, "ồ": 0xD2, "ố": 0xD3, "Ô": 0xD4, "ỏ": 0xD5, "ơ": 0xD6,
    "È": 0xD7, "ừ": 0xD8, "ứ": 0xD9, "Ú": 0xDA, "ũ": 0xDB, "ư": 0xDC, "Ý": 0xDD, "Ẻ": 0xDE,
    "à": 0xE0, "á": 0xE1, "â": 0xE2, "ã": 0xE3, "ả": 0xE4, "ă": 0xE6, "è": 0xE8, "é": 0xE9,
    "ê": 0xEA, "ẽ": 0xEB, "ì": 0xEC, "í": 0xED, "ĩ": 0xEF, "Ẵ": 0xF0, "Đ": 0xF1, "ò": 0xF2,
    "ó": 0xF3, "ô": 0xF4, "õ": 0xF5, "Ơ": 0xF7, "ù": 0xF9, "ú": 0xFA, "ủ": 0xFB, "Ỷ": 0xFD,
    "Ẽ": 0xFE, "ỳ": 0xFF,
}  # fmt: skip


def glibc_charmap(name: str) -> dict[str, int] | None:
    """Unicode character -> byte from /usr/share/i18n/charmaps, if present."""
    path = GLIBC_CHARMAPS / f"{name}.gz"
    if not path.exists():
        return None
    mapping: dict[str, int] = {}
    with gzip.open(path, "rt", encoding="latin-1") as handle:
        for line in handle:
            match = re.match(r"<U([0-9A-F]{4})>\s+/x([0-9a-f]{2})\s", line)
            if match:
                mapping.setdefault(chr(int(match.group(1), 16)), int(match.group(2), 16))
    return mapping


@cache
def _viscii_map() -> dict[str, str]:
    glibc = glibc_charmap("VISCII")
    if glibc is not None:
        return {ch: chr(b) for ch, b in glibc.items() if ord(ch) != b}
    return {ch: chr(b) for b, ch in enumerate(MOZILLA_VISCII) if ord(ch) != b}


@cache
def _vps_map() -> dict[str, str]:
    return {ch: chr(b) for b, ch in enumerate(MOZILLA_VPS) if ord(ch) != b}


def _encode_table(text: str, mapping: dict[str, str]) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        ch = ASCII_FALLBACK.get(ch, ch) if ch not in mapping else ch
        out.append(mapping.get(ch, ch))
    return "".join(out)


def encode_viscii(text: str) -> str:
    return _encode_table(text, _viscii_map())


def encode_vps(text: str) -> str:
    return _encode_table(text, _vps_map())


# --- Windows-1258 -------------------------------------------------------------


def encode_cp1258(text: str) -> str:
    """Python's cp1258 codec: precomposed where it can, else base + tone byte."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258").decode("latin-1"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(m for m in parts if m in TONES[1:])
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in TONES[1:]))
        try:
            out.append((base + tone).encode("cp1258").decode("latin-1"))
        except UnicodeEncodeError:
            out.append(ch)
    return "".join(out)


# --- VIQR (RFC 1456) ------------------------------------------------------------
_VIQR_MARKS = {"\u0302": "^", "\u0306": "(", "\u031b": "+"}
_VIQR_TONES = {"\u0301": "'", "\u0300": "`", "\u0309": "?", "\u0303": "~", "\u0323": "."}


def encode_viqr(text: str) -> str:
    """VIQR; a literal mark character after a vowel gets a backslash."""
    out: list[str] = []
    text = unicodedata.normalize("NFC", text)
    vowel_before = False
    for i, ch in enumerate(text):
        if ch in "đĐ":
            out.append("dd" if ch == "đ" else "DD")
            vowel_before = False
            continue
        parts = unicodedata.normalize("NFD", ch)
        if parts[0].lower() in "aeiouy" and len(parts) > 1:
            out.append(parts[0])
            out.extend(_VIQR_MARKS[m] for m in parts[1:] if m in _VIQR_MARKS)
            out.extend(_VIQR_TONES[m] for m in parts[1:] if m in _VIQR_TONES)
            vowel_before = True
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if (ch in "'`?~.^(+\\" and (vowel_before or ch == "\\")) or (
            ch in "dD" and nxt in ("d", "D") and nxt and (not prev.isalnum() or (ch == "D" and prev.isupper()))
        ):
            out.append("\\" + ch)
        else:
            out.append(ch)
        vowel_before = ch.lower() in "aeiouy"
    return "".join(out)


# --- UTF-8 read as a legacy code page ---------------------------------------------


def cp1252_read(data: bytes) -> str:
    """Bytes as Windows shows them: cp1252, the five undefined bytes as C1."""
    return "".join(bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in data)


def encode_mojibake(text: str) -> str:
    return cp1252_read(text.encode("utf-8"))


def to_cp1252_form(latin1_form: str) -> str:
    """The same bytes as a Windows-1252 read (80-9F become “ ” – … etc.)."""
    return "".join(cp1252_read(bytes([ord(ch)])) if ord(ch) < 0x100 else ch for ch in latin1_form)


def to_latin1_form(cp1252_form: str) -> str:
    """The same bytes as a Latin-1 read (“ ” – … become U+0093 U+0094 ...)."""
    out = []
    for ch in cp1252_form:
        try:
            byte = ch.encode("cp1252")
        except UnicodeEncodeError:
            out.append(ch)
            continue
        out.append(byte.decode("latin-1"))
    return "".join(out)


ENCODERS = {
    "tcvn3": encode_tcvn3,
    "vni": encode_vni,
    "viscii": encode_viscii,
    "vps": encode_vps,
    "viqr": encode_viqr,
    "cp1258": encode_cp1258,
    "mojibake": encode_mojibake,
}


def expected_after(encoding: str, text: str) -> str:
    """What decoding should give back: NFC, with the 8-bit tables' fallbacks."""
    text = unicodedata.normalize("NFC", text)
    if encoding in ("viscii", "vps"):
        vps_keep = "‘’" if encoding == "vps" else ""
        text = "".join(ch if ch in vps_keep else ASCII_FALLBACK.get(ch, ch) for ch in text)
    return text
