"""Character data for the Vietnamese legacy encodings.

Each single-byte table lists, for bytes 00-FF, the character that byte
stands for.  Sources (read for facts, cross-checked in the tests):

* TCVN3 (ABC, TCVN 5712:1993 VN3): glibc charmap ``TCVN5712-1`` for A0-FF,
  minus B0-B4 (combining tone marks the ``.VnTime`` fonts do not use, left as
  Windows-1252 so "25°C" survives); 00-9F keep their Windows-1252 meaning
  (FIELD-NOTES: Word's curly quotes 93/94 stay quotes in TCVN3 text).
  Toned capitals have no code of their own: ``.VnTimeH`` puts them on the
  lower-case codes, see ``case.py``.
* VISCII (RFC 1456): glibc charmap ``VISCII`` (letters on C0 02 05 06 14 19 1E).
* VPS: Mozilla ``vps.ut``, agreeing with Unikey's vnconv table except where
  Unikey avoids the C0 positions (02-06 10-15 19 1C 1D).
* Windows-1258: Python's ``cp1258`` codec; bytes it leaves undefined keep
  their Windows-1252 meaning.
* VNI-Windows: base letter followed by a mark byte (Unikey vnconv, xvnkb).
"""

from __future__ import annotations

# Combining marks used for the five Vietnamese tones and three letter marks.
GRAVE = "\u0300"  # huyền
ACUTE = "\u0301"  # sắc
TILDE = "\u0303"  # ngã
HOOK = "\u0309"  # hỏi
DOT = "\u0323"  # nặng
CIRCUMFLEX = "\u0302"
BREVE = "\u0306"
HORN = "\u031b"
TONE_MARKS = GRAVE + ACUTE + TILDE + HOOK + DOT

# TCVN3 / ABC: byte -> character.
TCVN3_DECODE = (
    "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"  # 00
    "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"  # 10
    " !\"#$%&'()*+,-./"  # 20
    "0123456789:;<=>?"  # 30
    "@ABCDEFGHIJKLMNO"  # 40
    "PQRSTUVWXYZ[\\]^_"  # 50
    "`abcdefghijklmno"  # 60
    "pqrstuvwxyz{|}~\x7f"  # 70
    "€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f"  # 80
    "\x90‘’“”•–—˜™š›œ\x9džŸ"  # 90
    "\xa0ĂÂÊÔƠƯĐăâêôơưđẰ"  # A0
    "°±²³´àảãáạẲằẳẵắẴ"  # B0
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # C0
    "éẹềểễếệìỉỄẾỒĩíịò"  # D0
    "Ổỏõóọồổỗốộờởỡớợù"  # E0
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # F0
)
# VISCII: byte -> character.
VISCII_DECODE = (
    "\x00\x01Ẳ\x03\x04ẴẪ\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"  # 00
    "\x10\x11\x12\x13Ỷ\x15\x16\x17\x18Ỹ\x1a\x1b\x1c\x1dỴ\x1f"  # 10
    " !\"#$%&'()*+,-./"  # 20
    "0123456789:;<=>?"  # 30
    "@ABCDEFGHIJKLMNO"  # 40
    "PQRSTUVWXYZ[\\]^_"  # 50
    "`abcdefghijklmno"  # 60
    "pqrstuvwxyz{|}~\x7f"  # 70
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ"  # 80
    "ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"  # 90
    "Õắằặấầẩậẽẹếềểễệố"  # A0
    "ồổỗỠƠộờởịỰỨỪỬơớƯ"  # B0
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"  # C0
    "ĐứÒÓÔạỷừửÙÚỹỵÝỡư"  # D0
    "àáâãảăữẫèéêẻìíĩỉ"  # E0
    "đựòóôõỏọụùúũủýợỮ"  # F0
)
# VPS: byte -> character.
VPS_DECODE = (
    "\x00\x01ẠẬẶẸỆ\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"  # 00
    "ỊỌỘỢỤỰ\x16\x17\x18Ỵ\x1a\x1bẪỮ\x1e\x1f"  # 10
    " !\"#$%&'()*+,-./"  # 20
    "0123456789:;<=>?"  # 30
    "@ABCDEFGHIJKLMNO"  # 40
    "PQRSTUVWXYZ[\\]^_"  # 50
    "`abcdefghijklmno"  # 60
    "pqrstuvwxyz{|}~\x7f"  # 70
    "ÀẢÃẤẦẨọỗĂếềểệẮẰẲ"  # 80
    "Ế‘’ỀỂỄỐỒỔỖýỷỵỚỜỞ"  # 90
    "\xa0ắằẳẵặỠớÙờởỡŨỨợỪ"  # A0
    "ổỬỲỸÍÌộỈĨÓửữÒỎÕự"  # B0
    "ầÁÂấẩẫậđẻÉÊẹỉễịỹ"  # C0
    "ƯỦồốÔỏơÈừứÚũưÝẺß"  # D0
    "àáâãảạăçèéêẽìíîĩ"  # E0
    "ẴĐòóôõöƠụùúủüỶẼỳ"  # F0
)
# Windows-1258: byte -> character (tone bytes are combining marks).
CP1258_DECODE = (
    "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"  # 00
    "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"  # 10
    " !\"#$%&'()*+,-./"  # 20
    "0123456789:;<=>?"  # 30
    "@ABCDEFGHIJKLMNO"  # 40
    "PQRSTUVWXYZ[\\]^_"  # 50
    "`abcdefghijklmno"  # 60
    "pqrstuvwxyz{|}~\x7f"  # 70
    "€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f"  # 80
    "\x90‘’“”•–—˜™š›œ\x9džŸ"  # 90
    "\xa0¡¢£¤¥¦§¨©ª«¬\xad®¯"  # A0
    "°±²³´µ¶·¸¹º»¼½¾¿"  # B0
    "ÀÁÂĂÄÅÆÇÈÉÊË\u0300ÍÎÏ"  # C0
    "ĐÑ\u0309ÓÔƠÖ×ØÙÚÛÜƯ\u0303ß"  # D0
    "àáâăäåæçèéêë\u0301íîï"  # E0
    "đñ\u0323óôơö÷øùúûüư₫ÿ"  # F0
)


# Windows-1252 characters for bytes 80-9F (the five undefined bytes are the
# C1 controls, as Windows maps them).
CP1252_HIGH = (
    "€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f"  # 80
    "\x90‘’“”•–—˜™š›œ\x9džŸ"  # 90
)

# VNI-Windows: bytes that are letters on their own.
VNI_SINGLES: dict[int, str] = {
    0xD1: "Đ", 0xF1: "đ",
    0xD4: "Ơ", 0xF4: "ơ",
    0xD6: "Ư", 0xF6: "ư",
    0xCD: "Í", 0xED: "í",
    0xCC: "Ì", 0xEC: "ì",
    0xC6: "Ỉ", 0xE6: "ỉ",
    0xD3: "Ĩ", 0xF3: "ĩ",
    0xD2: "Ị", 0xF2: "ị",
    0xCE: "Ỵ", 0xEE: "ỵ",
}  # fmt: skip

# VNI-Windows: mark bytes (lower-case form; the upper-case form is 0x20 less)
# and the combining marks they add to the letter before them.
VNI_TONE_MARKS: dict[int, str] = {
    0xF9: ACUTE, 0xF8: GRAVE, 0xFB: HOOK, 0xF5: TILDE, 0xEF: DOT,
}  # fmt: skip
VNI_CIRCUMFLEX_MARKS: dict[int, str] = {
    0xE2: CIRCUMFLEX,
    0xE1: CIRCUMFLEX + ACUTE, 0xE0: CIRCUMFLEX + GRAVE, 0xE5: CIRCUMFLEX + HOOK,
    0xE3: CIRCUMFLEX + TILDE, 0xE4: CIRCUMFLEX + DOT,
}  # fmt: skip
VNI_BREVE_MARKS: dict[int, str] = {
    0xEA: BREVE,
    0xE9: BREVE + ACUTE, 0xE8: BREVE + GRAVE, 0xFA: BREVE + HOOK,
    0xFC: BREVE + TILDE, 0xEB: BREVE + DOT,
}  # fmt: skip
# Letters each mark family may follow (VNI "ô"/"ö" are the bases ơ/ư).
VNI_TONE_BASES = "aeouyAEOUY\xf4\xf6\xd4\xd6"
VNI_CIRCUMFLEX_BASES = "aeoAEO"
VNI_BREVE_BASES = "aA"
