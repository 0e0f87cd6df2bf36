"""Every Vietnamese letter survives every legacy encoding, decoded explicitly.

The encoders live in test_tcvn6909_support and come from other sources than the
package's tables, so a wrong table entry shows up here.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from editorial.tcvn6909 import to_unicode
from editorial.tcvn6909.convert import decode_tcvn3_upper
from editorial.tcvn6909.tables import TCVN3_DECODE, VISCII_DECODE, VPS_DECODE
from tests.editorial.test_tcvn6909_support import (
    ENCODERS,
    MOZILLA_VISCII,
    UNIKEY_VPS,
    encode_tcvn3,
    expected_after,
    glibc_charmap,
    letters,
    to_cp1252_form,
    to_latin1_form,
)

ALL_LETTERS = letters()
NON_TCVN3 = [name for name in ENCODERS if name != "tcvn3"]


def test_alphabet_has_every_letter_with_every_tone() -> None:
    assert len(ALL_LETTERS) == 146
    assert len(set(ALL_LETTERS)) == 146
    assert "ặ" in ALL_LETTERS and "Ỵ" in ALL_LETTERS and "Đ" in ALL_LETTERS


@pytest.mark.parametrize("encoding", NON_TCVN3)
@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_letter_round_trip(encoding: str, letter: str) -> None:
    encoded = ENCODERS[encoding](letter)
    assert to_unicode(encoded, encoding) == letter


@pytest.mark.parametrize("encoding", NON_TCVN3)
def test_all_letters_in_one_text(encoding: str) -> None:
    text = " ".join(ALL_LETTERS)
    assert to_unicode(ENCODERS[encoding](text), encoding) == text


@pytest.mark.parametrize("letter", [ch for ch in ALL_LETTERS if ch.islower()])
def test_tcvn3_lower_case_letters(letter: str) -> None:
    # Mid-sentence: a toned letter opening a sentence would become a capital.
    text = f"nh{letter} và {letter}"
    assert to_unicode(encode_tcvn3(text), "tcvn3") == text


@pytest.mark.parametrize("letter", [ch for ch in ALL_LETTERS if ch.isupper()])
def test_tcvn3_capitals_restored_inside_a_capital_word(letter: str) -> None:
    # Toned capitals share the lower-case codes; "TH?NG" has capitals around it.
    word = f"TH{letter}NG"
    assert to_unicode(encode_tcvn3(word), "tcvn3") == word


@pytest.mark.parametrize("letter", [ch for ch in ALL_LETTERS if ch.isupper()])
def test_tcvn3_capitals_from_vntimeh_font(letter: str) -> None:
    assert decode_tcvn3_upper(encode_tcvn3(letter.lower())) == letter


def test_tcvn3_capitals_on_a_capitals_line() -> None:
    assert to_unicode("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "tcvn3") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert to_unicode("QUYÕT §ÞNH", "tcvn3") == "QUYẾT ĐỊNH"
    # A lone "Xã" in a normal line stays title case; the sentence start is a capital.
    assert to_unicode("X· héi. ë ®©y cã ñy ban", "tcvn3") == "Xã hội. Ở đây có Ủy ban"


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii", "vps", "cp1258"])
def test_both_forms_of_bytes_80_to_9f_decode_alike(encoding: str) -> None:
    sample = "ĐỘC LẬP, Tự do “Hạnh phúc” – ỌỘỢỊ ẠẶẬ ỲỴ ÀẢÃ"
    latin1_form = to_latin1_form(ENCODERS[encoding](sample))
    cp1252_form = to_cp1252_form(latin1_form)
    assert any(0x80 <= ord(ch) <= 0x9F for ch in latin1_form)
    assert latin1_form != cp1252_form
    assert to_unicode(latin1_form, encoding) == to_unicode(cp1252_form, encoding)
    decoded = to_unicode(latin1_form, encoding)
    if encoding == "tcvn3":  # lone toned capitals ("ỌỘỢỊ") cannot be told from lower case
        assert decoded.lower() == expected_after(encoding, sample).lower()
    else:
        assert decoded == expected_after(encoding, sample)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "cp1258"])
def test_curly_quotes_and_dashes_keep_their_cp1252_meaning(encoding: str) -> None:
    # Word's smart quotes (93/94) and dashes are not letters in these tables.
    line = "Ban hành “Quy chế” – ‘mới’…"
    cp1252_form = to_cp1252_form(ENCODERS[encoding](line))
    latin1_form = to_latin1_form(cp1252_form)
    assert "\x93" in latin1_form and "“" in cp1252_form
    assert to_unicode(cp1252_form, encoding) == line
    assert to_unicode(latin1_form, encoding) == line
    assert to_unicode(latin1_form, "auto") == line


VISCII_CONTROL_LETTERS = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
VPS_CONTROL_LETTERS = {
    0x02: "Ạ", 0x03: "Ậ", 0x04: "Ặ", 0x05: "Ẹ", 0x06: "Ệ", 0x10: "Ị", 0x11: "Ọ", 0x12: "Ộ",
    0x13: "Ợ", 0x14: "Ụ", 0x15: "Ự", 0x19: "Ỵ", 0x1C: "Ẫ", 0x1D: "Ữ",
}  # fmt: skip


@pytest.mark.parametrize(("encoding", "table"), [("viscii", VISCII_CONTROL_LETTERS), ("vps", VPS_CONTROL_LETTERS)])
def test_letters_on_control_positions(encoding: str, table: dict[int, str]) -> None:
    for byte, letter in table.items():
        assert to_unicode(f"A{chr(byte)}B", encoding) == f"A{letter}B"
    # 1C/1D/1E are line separators for str.splitlines(): not for us.
    text = "\n".join(f"x{chr(byte)}y" for byte in table)
    decoded = to_unicode(text, encoding)
    assert decoded.split("\n") == [f"x{letter}y" for letter in table.values()]
    assert to_unicode(text, "auto").count("\n") == text.count("\n")


@pytest.mark.parametrize(("encoding", "table"), [("viscii", VISCII_CONTROL_LETTERS), ("vps", VPS_CONTROL_LETTERS)])
def test_control_position_letters_in_auto_mode(encoding: str, table: dict[int, str]) -> None:
    words = "CỘNG HÒA ĐẶC BIỆT ẨN DỤ ỌỘỢỊ TỶ LỆ ỸỴ"
    line = ENCODERS[encoding](words)
    assert any(ord(ch) < 0x20 for ch in line)
    assert to_unicode(line, "auto") == words


def test_viscii_table_matches_glibc_charmap() -> None:
    glibc = glibc_charmap("VISCII")
    if glibc is None:
        pytest.skip("glibc charmaps not installed")
    for byte, char in enumerate(VISCII_DECODE):
        assert glibc[char] == byte, (hex(byte), char)
    assert VISCII_DECODE == MOZILLA_VISCII


def test_tcvn3_table_matches_glibc_charmap_for_text_bytes() -> None:
    glibc = glibc_charmap("TCVN5712-1")
    if glibc is None:
        pytest.skip("glibc charmaps not installed")
    for byte in range(0xA0, 0x100):
        if 0xB0 <= byte <= 0xB4:  # combining marks in glibc, kept as cp1252 symbols here
            continue
        assert glibc[TCVN3_DECODE[byte]] == byte, hex(byte)


def test_vps_table_matches_unikey() -> None:
    for letter, byte in UNIKEY_VPS.items():
        assert VPS_DECODE[byte] == letter, (letter, hex(byte))


@pytest.mark.parametrize(("encoding", "iconv_name"), [("viscii", "VISCII"), ("cp1258", "CP1258")])
def test_decoding_agrees_with_iconv(encoding: str, iconv_name: str) -> None:
    iconv = shutil.which("iconv")
    if iconv is None:
        pytest.skip("iconv not installed")
    text = " ".join(ALL_LETTERS) + " Căn cứ Luật Tổ chức chính quyền địa phương"
    data = subprocess.run(
        [iconv, "-f", "UTF-8", "-t", iconv_name], input=text.encode(), capture_output=True, check=False
    )
    if data.returncode != 0:
        pytest.skip(f"iconv cannot encode to {iconv_name} here")
    decoded = to_unicode(data.stdout.decode("latin-1"), encoding)
    assert decoded == unicodedata.normalize("NFC", text)


def test_tcvn3_agrees_with_iconv_lower_case() -> None:
    iconv = shutil.which("iconv")
    if iconv is None:
        pytest.skip("iconv not installed")
    text = " ".join(ch for ch in ALL_LETTERS if ch.islower()) + " ĂÂÊÔƠƯĐ"
    data = subprocess.run(
        [iconv, "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(), capture_output=True, check=False
    )
    if data.returncode != 0:
        pytest.skip("iconv has no TCVN5712-1")
    assert to_unicode(data.stdout.decode("latin-1"), "tcvn3") == text


def test_vni_marks_take_case_from_the_base_letter() -> None:
    assert to_unicode("VIEÄT NAM", "vni") == "VIỆT NAM"
    assert to_unicode("Vieät Nam ñöôïc", "vni") == "Việt Nam được"
    # A mark byte after a consonant was never a mark: it keeps its cp1252 meaning.
    assert to_unicode("caù vaø bù", "vni") == "cá và bù"


def test_cp1258_combining_tone_bytes() -> None:
    # "Việt" as Windows-1258 writes it: ê (EA) then the dot-below byte (F2).
    assert to_unicode("Vi\xeaòt Nam", "cp1258") == "Việt Nam"
    assert to_unicode("\xd0\xf4ng", "cp1258") == "Đông"


def test_unknown_source_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown source"):
        to_unicode("x", "koi8-r")
    with pytest.raises(TypeError):
        to_unicode(b"x", "tcvn3")  # type: ignore[arg-type]
