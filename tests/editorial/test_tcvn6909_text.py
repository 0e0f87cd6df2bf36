"""normalize(), cleaning, tone style, search folding and the damage check."""

from __future__ import annotations

import unicodedata

import pytest

from editorial.tcvn6909 import (
    clean,
    convert_tone_style,
    find_damage,
    fold,
    normalize,
    tone_variants,
)
from tests.editorial.test_tcvn6909_support import ENCODERS, seed

RUSSIAN = (
    "Портал обеспечивает доступ к информации на вьетнамском, английском и русском языках.\n"
    "Граждане могут направлять вопросы и предложения; ответы публикуются в течение 5 дней."
)
ENGLISH = (
    "The Khanh Hoa provincial portal publishes legal documents, news and online public services.\n"
    "Citizens can send questions and feedback; the portal management unit forwards them to the right office."
)


def tidy_spaces(text: str) -> str:
    """The space rule, line by line: indentation kept, runs become one space,
    nothing before a line break, at most one space at the very end."""
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        indent = line[: len(line) - len(line.lstrip(" "))]
        words = line[len(indent) :].split(" ")
        body = " ".join(w for w in words if w) + (" " if line.endswith(" ") and line.strip() else "")
        if index < len(lines) - 1:
            body = body.rstrip(" \t")
        out.append(indent + body)
    return "\n".join(out)


@pytest.mark.parametrize("number", range(4))
def test_normalize_keeps_unicode_seeds(number: int) -> None:
    text = seed(number)
    assert normalize(text) == tidy_spaces(unicodedata.normalize("NFC", text))


def test_normalize_changes_seed_002_only_by_spaces() -> None:
    text = seed(2)
    result = normalize(text)
    assert result != text  # it has markdown "  " line ends
    assert result.replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("text", [ENGLISH, RUSSIAN])
def test_normalize_keeps_english_and_russian(text: str) -> None:
    assert normalize(text) == text


@pytest.mark.parametrize("encoding", list(ENCODERS))
def test_normalize_converts_legacy_text(encoding: str) -> None:
    text = "Cổng thông tin điện tử tỉnh Khánh Hòa được cập nhật hằng ngày."
    assert normalize(ENCODERS[encoding](text)) == text


def test_clean_keeps_a_separating_space_at_the_end() -> None:
    # Rich text is cleaned piece by piece between tags: "Ban hành <b>Quy chế</b>".
    assert clean("Ban hành ") == "Ban hành "
    assert clean("Ban hành   ") == "Ban hành "
    assert normalize(" ") == " "


def test_clean_removes_invisible_and_control_characters() -> None:
    dirty = "\ufeffCổng\u200b thông\u00a0tin\u00ad  điện   tử\x07\r\nKhánh\u202eHòa \t\r\n"
    assert clean(dirty) == "Cổng thông tin điện tử\nKhánhHòa\n"
    # A lone CR and the Unicode separators are line breaks, unless lines must stay.
    assert clean("a\rb\u2028c") == "a\nb\nc"
    assert clean("a\rb\u2028c", keep_lines=True) == "abc"
    # Emoji joiners are kept; indentation is kept.
    assert clean("  👩\u200d💻 ok") == "  👩\u200d💻 ok"


def test_normalize_decodes_before_cleaning_controls() -> None:
    # VPS puts Ạ on 02 and Ộ on 12: cleaning first would destroy them.
    vps = ENCODERS["vps"]("ĐẠI HỘI ĐẠI BIỂU")
    assert "\x02" in vps or "\x12" in vps
    assert normalize(vps) == "ĐẠI HỘI ĐẠI BIỂU"


def test_tone_styles() -> None:
    classic = "Khánh Hòa, hòa bình, thủy lợi, khỏe mạnh, quý khách, thuở xưa, hoàn thành, ngoài ra"
    modern = "Khánh Hoà, hoà bình, thuỷ lợi, khoẻ mạnh, quý khách, thuở xưa, hoàn thành, ngoài ra"
    assert convert_tone_style(classic, "modern") == modern
    assert convert_tone_style(modern, "classic") == classic
    assert convert_tone_style("HÒA BÌNH, THỦY", "modern") == "HOÀ BÌNH, THUỶ"
    assert tone_variants("Thủy") == ("Thủy", "Thuỷ")
    assert normalize("Hòa  bình", style="modern") == "Hoà bình"
    assert normalize("Hoà bình", style="classic") == "Hòa bình"
    assert normalize("Hoà bình") == "Hoà bình"  # kept as written
    with pytest.raises(ValueError):
        normalize("x", style="northern")


def test_fold_for_search() -> None:
    assert fold("Khánh Hòa") == fold("khanh hoa") == fold("Khánh Hoà") == "khanh hoa"
    assert fold("ĐƯỜNG Đi") == "duong di"
    assert fold(unicodedata.normalize("NFD", "Việt Nam")) == "viet nam"
    assert fold("Йошкар-Ола, ёлка") == "йошкар-ола, ёлка"  # Russian letters stay letters


def test_find_damage_flags_seed_004_with_line_numbers() -> None:
    text = seed(4)
    findings = find_damage(text)
    numbers = {f.line_number for f in findings}
    lines = text.split("\n")
    assert lines[27].startswith("C n c Ngh nh s 64/2007")
    assert {8, 9, 28, 30, 42} <= numbers
    for finding in findings:
        assert lines[finding.line_number - 1] == finding.line
        assert finding.code == "dropped-letters"
        assert "orphan" in finding.reason
    # The part of seed 004 that was retyped is not flagged.
    assert not numbers & set(range(96, 151))


@pytest.mark.parametrize("number", range(4))
def test_find_damage_passes_clean_seeds(number: int) -> None:
    assert find_damage(seed(number)) == []


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH,
        RUSSIAN,
        "Xin chào",
        "Điều 5",
        "a) Ủy ban; b) Sở; c) Phòng",
        "Diện tích 5 m, cao 3 m, nặng 2 t",
        "It's a test; don't panic, we'll see.",
        "- Lưu: VT, KGVX, TH.",
    ],
)
def test_find_damage_passes_normal_text(text: str) -> None:
    assert find_damage(text) == []


def test_find_damage_flags_dropped_letters_and_replacement_chars() -> None:
    findings = find_damage("Tiêu đề\nC ng thông tin i n t t nh Khánh Hòa\nVi\ufffdt Nam")
    assert [(f.line_number, f.code) for f in findings] == [(2, "dropped-letters"), (3, "replacement-characters")]
