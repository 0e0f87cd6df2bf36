"""Số, ký hiệu: the forms that are accepted, normalised and keyed, and those refused with a reason."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from portal.legal import numbering
from portal.legal.choices import DocumentType as T


@pytest.mark.parametrize(
    "raw, document_type, year, body, canonical",
    [
        ("26/2014/QĐ-UBND", T.QUYET_DINH, 2014, "UBND", "26/2014/QĐ-UBND"),
        ("59/2020/QH14", T.LUAT, 2020, "QH", "59/2020/QH14"),
        ("45/2025/NĐ-CP", T.NGHI_DINH, 2025, "CP", "45/2025/NĐ-CP"),
        ("01/CT-UBND", T.CHI_THI, 2024, "UBND", "01/CT-UBND"),
        ("1234/UBND-VP", T.CONG_VAN, 2024, "UBND", "1234/UBND-VP"),
        ("12/2024/TT-BTTTT", T.THONG_TU, 2024, "BTTTT", "12/2024/TT-BTTTT"),
        ("318/QĐ-TTg", T.QUYET_DINH, 2023, "TTg", "318/QĐ-TTg"),
        ("15/2024/NQ-HĐND", T.NGHI_QUYET, 2024, "HĐND", "15/2024/NQ-HĐND"),
        ("103/2023/QH15", T.NGHI_QUYET, 2023, "QH", "103/2023/QH15"),  # a resolution of the National Assembly
        ("02/2022/UBTVQH15", T.PHAP_LENH, 2022, "UBTVQH", "02/2022/UBTVQH15"),
        ("125/KH-UBND", T.KE_HOACH, 2025, "UBND", "125/KH-UBND"),
        ("45/TB-UBND", T.THONG_BAO, 2026, "UBND", "45/TB-UBND"),
        ("03/HD-SYT", T.HUONG_DAN, 2026, "SYT", "03/HD-SYT"),
        ("08/2019/TTLT-BTC-BNV", T.THONG_TU, 2019, "BNV", "08/2019/TTLT-BTC-BNV"),
        ("12/BC-UBND", T.KHAC, 2025, "", "12/BC-UBND"),
        ("2345/SYT-NVY", T.CONG_VAN, 2025, "SYT", "2345/SYT-NVY"),
        # The same numbers as people type them.
        ("Số: 26 / 2014 / qđ – ubnd", T.QUYET_DINH, 2014, "UBND", "26/2014/QĐ-UBND"),
        ("26/2014/QD-UBND", T.QUYET_DINH, 2014, "UBND", "26/2014/QĐ-UBND"),
        ("26/2014/QÐ-UBND", T.QUYET_DINH, 2014, "UBND", "26/2014/QĐ-UBND"),  # Icelandic Eth of legacy fonts
        ("  26/2014/QĐ—UBND. ", T.QUYET_DINH, 2014, "UBND", "26/2014/QĐ-UBND"),
        ("２６／２０１４／ＱĐ－ＵＢＮＤ", T.QUYET_DINH, 2014, "UBND", "26/2014/QĐ-UBND"),
        ("26/2014/Q\u0110\u200b-UBND", T.QUYET_DINH, 2014, "UBND", "26/2014/QĐ-UBND"),  # zero-width space
        ("26/2014/QĐ UBND", T.QUYET_DINH, 2014, "UBND", "26/2014/QĐ-UBND"),
        ("No. 318/qd-ttg", T.QUYET_DINH, 2023, "TTg", "318/QĐ-TTg"),
        ("1234/ubnd-vp", T.CONG_VAN, 2024, "UBND", "1234/UBND-VP"),
        ("45/2025/nd-cp", T.NGHI_DINH, 2025, "CP", "45/2025/NĐ-CP"),
        ("Hiến pháp 2013", T.HIEN_PHAP, 2013, "", None),  # the Constitution has no number
    ],
)
def test_valid_numbers_are_accepted_and_written_canonically(raw, document_type, year, body, canonical):
    if canonical is None:
        with pytest.raises(ValidationError):
            numbering.parse(raw)
        return
    parsed = numbering.validate(raw, document_type, year, body)
    assert parsed.canonical == canonical


@pytest.mark.parametrize(
    "raw, document_type, year, body, fragment",
    [
        ("", T.QUYET_DINH, 2024, "", "Chưa nhập"),
        ("   ", T.QUYET_DINH, 2024, "", "Chưa nhập"),
        ("abc", T.QUYET_DINH, 2024, "", "không đúng dạng"),
        ("26-2014-QĐ-UBND", T.QUYET_DINH, 2014, "", "không đúng dạng"),
        ("QĐ-UBND/26", T.QUYET_DINH, 2014, "", "không đúng dạng"),
        ("26/2014/", T.QUYET_DINH, 2014, "", "không đúng dạng"),
        ("26/2014", T.QUYET_DINH, 2014, "", "không đúng dạng"),
        ("26//QĐ-UBND", T.QUYET_DINH, 2014, "", "không đúng dạng"),
        ("26/2014/2015/QĐ-UBND", T.QUYET_DINH, 2014, "", "không đúng dạng"),
        ("26/2014/-UBND", T.QUYET_DINH, 2014, "", "không đúng dạng"),
        ("26/2014/QĐ-UBND<script>", T.QUYET_DINH, 2014, "", "không đúng dạng"),
        ("26/14/QĐ-UBND", T.QUYET_DINH, 2014, "", "không đúng dạng"),
        ("-5/QĐ-UBND", T.QUYET_DINH, 2024, "", "không đúng dạng"),
        ("2.5/QĐ-UBND", T.QUYET_DINH, 2024, "", "không đúng dạng"),
        ("0/QĐ-UBND", T.QUYET_DINH, 2024, "", "số nguyên dương"),
        ("000/2024/QĐ-UBND", T.QUYET_DINH, 2024, "", "số nguyên dương"),
        ("1234567/UBND-VP", T.CONG_VAN, 2024, "", "quá lớn"),
        ("9" * 5000 + "/QĐ-UBND", T.QUYET_DINH, 2024, "", "dài quá"),
        ("26/1900/QĐ-UBND", T.QUYET_DINH, 1900, "", "không hợp lệ"),
        ("26/9999/QĐ-UBND", T.QUYET_DINH, 2024, "", "không hợp lệ"),
        ("12/QĐ", T.QUYET_DINH, 2024, "", "thiếu chữ viết tắt tên cơ quan"),
        # The year in the number is the year of issue.
        ("26/2015/QĐ-UBND", T.QUYET_DINH, 2014, "UBND", "phải trùng với năm ban hành (2014)"),
        # The type abbreviation is the chosen type's.
        ("26/2014/NĐ-CP", T.QUYET_DINH, 2014, "", "là của loại Nghị định"),
        ("26/2014/TT-BTC", T.NGHI_DINH, 2014, "", "là của loại Thông tư"),
        ("01/QĐ-UBND", T.CHI_THI, 2024, "", "cần «CT»"),
        ("01/UBND-VP", T.CHI_THI, 2024, "", "thiếu chữ viết tắt tên loại"),
        ("1234/QĐ-UBND", T.CONG_VAN, 2024, "", "không có chữ viết tắt tên loại"),
        ("59/2020/NĐ-CP", T.LUAT, 2020, "", "không có chữ viết tắt tên loại"),
        ("59/2020/UBND", T.LUAT, 2020, "", "QH"),
        ("59/QH14", T.LUAT, 2020, "", "phải có năm ban hành"),
        ("45/NĐ-CP", T.NGHI_DINH, 2025, "", "phải có năm ban hành"),
        ("12/TT-BTTTT", T.THONG_TU, 2024, "", "phải có năm ban hành"),
        ("15/2024/KH-HĐND", T.NGHI_QUYET, 2024, "", "«NQ"),
        ("45/KH-UBND", T.THONG_BAO, 2026, "", "cần «TB»"),
        ("03/TB-SYT", T.HUONG_DAN, 2026, "", "cần «HD»"),
        ("03/HĐ-SYT", T.HUONG_DAN, 2026, "", "Hợp đồng"),  # HĐ (contract) is not HD (guidance)
        # The symbol names the chosen issuing body.
        ("15/2024/NQ-HĐND", T.NGHI_QUYET, 2024, "UBND", "cơ quan ban hành đã chọn"),
        ("26/2014/QĐ-UBND", T.QUYET_DINH, 2014, "SYT", "cơ quan ban hành đã chọn"),
    ],
)
def test_invalid_numbers_are_refused_with_the_reason(raw, document_type, year, body, fragment):
    with pytest.raises(ValidationError) as refused:
        numbering.validate(raw, document_type, year, body)
    assert any(fragment in message for message in refused.value.messages), refused.value.messages


def test_several_problems_are_reported_together():
    with pytest.raises(ValidationError) as refused:
        numbering.validate("26/2015/NĐ-CP", T.QUYET_DINH, 2014, "UBND")
    assert len(refused.value.messages) == 3


def test_uniqueness_key_ignores_spelling_and_keeps_the_year():
    def key(raw, year):
        return numbering.uniqueness_key(numbering.parse(raw), year)

    assert key("26/2014/QĐ-UBND", 2014) == key("Số: 26/2014/qd - ubnd", 2014) == key("026/2014/QÐ-UBND", 2014)
    assert key("26/2014/QĐ-UBND", 2014) != key("26/QĐ-UBND", 2014)  # normative and individual series differ
    # Numbers without a year restart every year: the same symbol in another year is another document.
    assert key("01/CT-UBND", 2024) != key("01/CT-UBND", 2025)
    assert key("01/CT-UBND", 2024) == key("1/ct-ubnd", 2024)
    assert key("318/QĐ-TTg", 2023) == key("318/QD-TTG", 2023)


def test_search_tokens_tolerate_partial_and_unaccented_numbers():
    key = numbering.search_key("26/2014/QĐ-UBND")
    assert key == "|26|2014|qd|ubnd|"
    for query in ("26/2014", "qd-ubnd", "QĐ-UBND", "QD UBND", "ubnd 26", "0026", "２６／２０１４"):
        assert all(token in key for token in numbering.query_tokens(query)), query
    for query in ("2", "26/2015", "ND-CP", "UBN"):
        assert not all(token in key for token in numbering.query_tokens(query)), query
    assert numbering.query_tokens("") == [] and numbering.query_tokens("!!! ///") == []
    assert len(numbering.query_tokens(" ".join(["a"] * 100))) == numbering.MAX_QUERY_TOKENS
    assert numbering.query_tokens("9" * 10_000) == ["|" + "9" * 10_000 + "|"]  # no int() of huge numbers
