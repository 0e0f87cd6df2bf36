"""Auto-detection: convert the legacy parts, leave real Unicode byte-identical."""

from __future__ import annotations

import unicodedata

import pytest

from editorial.tcvn6909 import detect, segments, to_unicode
from tests.editorial.test_tcvn6909_support import ENCODERS, expected_after, seed

CORPUS = "\n".join(seed(n) for n in range(4))
ENGLISH = (
    "The portal must be updated at least once every working day. Editors can't publish\n"
    "without review; see https://www.khanhhoa.gov.vn/en/about?id=12&lang=en or e-mail\n"
    "webmaster@khanhhoa.gov.vn. Prices: €5, 25°C, 100 m², naïve café in Zürich – “quoted” text…\n"
    "Q&A: Who? What? I'm fine. e.g. A. Smith, i.e. the 3rd item (a) and (b)."
)
RUSSIAN = (
    "Портал должен обновляться не реже одного раза в каждый рабочий день.\n"
    "Граждане могут задавать вопросы «Комитету» и получать ответы — ёлка, йод, 2024 г."
)


def line_accuracy(expected: str, actual: str) -> float:
    want, got = expected.split("\n"), actual.split("\n")
    assert len(want) == len(got)
    return sum(a == b for a, b in zip(want, got, strict=True)) / len(want)


@pytest.mark.parametrize("encoding", list(ENCODERS))
@pytest.mark.parametrize("mode", ["explicit", "auto"])
def test_seed_corpus_round_trip(encoding: str, mode: str) -> None:
    encoded = ENCODERS[encoding](CORPUS)
    decoded = to_unicode(encoded, encoding if mode == "explicit" else "auto")
    accuracy = line_accuracy(expected_after(encoding, CORPUS), decoded)
    assert accuracy >= 0.995, accuracy
    if encoding != "tcvn3":  # TCVN3 loses some capitals for good ("Trung tâm Ứng cứu")
        assert decoded == expected_after(encoding, CORPUS)


@pytest.mark.parametrize("encoding", list(ENCODERS))
def test_detect_names_the_encoding(encoding: str) -> None:
    assert detect(ENCODERS[encoding](seed(1))) == encoding


SENTENCES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý Cổng thông tin điện tử tỉnh Khánh Hòa.",
    "Sở Thông tin và Truyền thông chủ trì, phối hợp với các cơ quan, đơn vị liên quan.",
    "Người dân được gửi ý kiến, hỏi đáp qua Cổng; thủy lợi, khỏe mạnh, quý khách.",
]


@pytest.mark.parametrize("encoding", list(ENCODERS))
@pytest.mark.parametrize("sentence", SENTENCES)
def test_single_sentences_auto(encoding: str, sentence: str) -> None:
    assert to_unicode(ENCODERS[encoding](sentence), "auto") == sentence


@pytest.mark.parametrize("number", range(4))
def test_unicode_seeds_pass_through_unchanged(number: int) -> None:
    text = seed(number)
    assert to_unicode(text) == text
    assert [s.source for s in segments(text)] == ["unicode"]
    assert detect(text) == "unicode"


OTHER_LATIN = [
    "Le portail est mis à jour chaque jour. Où est la gare ? Déjà vu, très élevé, ça va, garçon, naïve, Noël.",
    "Die Straße führt über die Brücke. Müller, Größe, Äpfel, Öl, schön, für, Übung, weiß.",
    "El niño comió piña en la montaña. ¿Dónde está? ¡Qué bien! Año, señor, corazón.",
    "A informação é pública. Não há ações, português, coração, irmã, você, avô, três.",
    "Ångström, smörgåsbord, Øresund, Tórshavn, Reykjavík, þorn, ð, æ.",
    "Price: 5 €, 10 £, 3 ¥, 25 °C, ½ cup, ± 2, © 2024, ® TM™, § 5, ¶ 2, 2 × 3, 6 ÷ 2, 5‰, •, …, “x”, ‘y’ – —",
    "Hòa bình, Hoà bình, Thủy, Thuỷ, khỏe, khoẻ, Quý, hoá, toà, ngoài, thoái, Thông tin, Hà Nội",
    "ờ, à, ừ, ạ, ơi, ô kìa, ê, á à; Mã số: ABC-123; a.b@c.vn; http://x.vn/a?b=c&d=e#f",
]


@pytest.mark.parametrize("text", [ENGLISH, RUSSIAN, *OTHER_LATIN])
def test_english_russian_and_other_latin_pass_through_unchanged(text: str) -> None:
    assert to_unicode(text) == text
    assert detect(text) == "unicode"
    for line in text.split("\n"):  # also one line at a time, without context
        assert to_unicode(line) == line


def test_tcvn3_paragraph_inside_unicode() -> None:
    unicode_lines = seed(0).split("\n")[:40]
    paragraph = seed(2).split("\n")[60:70]
    text = "\n".join([*unicode_lines[:20], ENCODERS["tcvn3"]("\n".join(paragraph)), *unicode_lines[20:]])
    result = to_unicode(text)
    assert result.split("\n") == [*unicode_lines[:20], *paragraph, *unicode_lines[20:]]
    legacy = [s for s in segments(text) if s.source != "unicode"]
    assert {s.source for s in legacy} == {"tcvn3"}
    first_line = text.split("\n")[20]
    assert legacy[0].text.startswith(first_line)


def test_vni_line_between_unicode_lines() -> None:
    before, middle, after = "Ủy ban nhân dân tỉnh Khánh Hòa", "Cổng thông tin điện tử được cập nhật hằng ngày", "Hết."
    text = f"{before}\n{ENCODERS['vni'](middle)}\n{after}"
    assert to_unicode(text) == f"{before}\n{middle}\n{after}"
    sources = [s.source for s in segments(text)]
    assert sources == ["unicode", "vni", "unicode"]


def test_legacy_phrase_inside_a_unicode_line() -> None:
    phrase = "Quyết định về việc ban hành quy chế"
    line = f"Tiêu đề: {ENCODERS['tcvn3'](phrase)} (bản Unicode: Việt Nam)"
    assert to_unicode(line) == f"Tiêu đề: {phrase} (bản Unicode: Việt Nam)"


def test_one_odd_symbol_does_not_flip_a_unicode_line() -> None:
    # VISCII reads ² as "ỏ"; one such chunk must not convert a Unicode line.
    line = "Diện tích 50 m², nhiệt độ 25°C, giá 3 € – “tốt”"
    assert to_unicode(line) == line


def test_nfd_with_dot_below_first_is_composed() -> None:
    dot_first = "Vie\u0323\u0302t Nam, mo\u0323\u0302t, đu\u031b\u0323o\u031bc"
    assert to_unicode(dot_first) == "Việt Nam, một, đựơc"
    assert to_unicode(unicodedata.normalize("NFD", "Người được một")) == "Người được một"


def test_mojibake_in_both_read_forms() -> None:
    text = "Điều 1. Quyết định về việc Ủy ban nhân dân, người được"
    data = text.encode("utf-8")
    assert to_unicode(ENCODERS["mojibake"](text)) == text
    assert to_unicode(data.decode("latin-1")) == text
    assert to_unicode(data.decode("latin-1"), "mojibake") == text
    # cp1252 without the C1 mapping drops 81 8D 8F 90 9D as U+FFFD: Đ is guessed back.
    assert to_unicode(data.decode("cp1252", errors="replace"), "mojibake").startswith("Điều 1. Quyết định")


def test_viqr_escapes_and_dd() -> None:
    assert to_unicode("Vie^.t Nam, ddu+o+.c sao\\? \\DDoS", "viqr") == "Việt Nam, được sao? DDoS"
    assert to_unicode("O^ng te^n gi`\\? To^i te^n la` Tra^`n Va(n Hie^'u\\.", "viqr") == (
        "Ông tên gì? Tôi tên là Trần Văn Hiếu."
    )
    assert to_unicode("DDie^`u 1. NDD-CP, address", "viqr") == "Điều 1. NĐ-CP, address"
    assert to_unicode("Xem http://khanhhoa.gov.vn/a?b=1 nhe'", "viqr") == "Xem http://khanhhoa.gov.vn/a?b=1 nhé"


def test_viqr_auto_needs_real_evidence() -> None:
    viqr = "Co^?ng tho^ng tin ddie^.n tu+? ti?nh Kha'nh Ho`a"
    assert to_unicode(viqr) == "Cổng thông tin điện tử tỉnh Khánh Hòa"
    assert to_unicode("Who? Me. I'd go.") == "Who? Me. I'd go."


def test_lines_and_empty_input_are_kept() -> None:
    assert to_unicode("") == ""
    assert to_unicode("\n\n") == "\n\n"
    assert to_unicode("a\r\nb") == "a\r\nb"
    assert segments("") == []
