"""A dataset file is CSV or XLSX by its bytes, whatever it is called."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError

from portal.opendata.filetypes import check_table_file
from tests.opendata.factories import POPULATION_ROWS, csv_bytes, xlsx_bytes, zip_bomb_xlsx

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"This program cannot be run in DOS mode"


def check(data: bytes, name: str) -> str:
    return check_table_file(io.BytesIO(data), name)


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (csv_bytes(), "dan-so.csv", "csv"),
        (csv_bytes(encoding="utf-8-sig"), "dan-so.csv", "csv"),
        (csv_bytes(encoding="tcvn3"), "dan-so-tcvn3.csv", "csv"),
        (csv_bytes(encoding="vni"), "dan-so-vni.csv", "csv"),
        (xlsx_bytes(POPULATION_ROWS), "dan-so.xlsx", "xlsx"),
        (xlsx_bytes(POPULATION_ROWS), "DAN-SO.XLSX", "xlsx"),
    ],
)
def test_real_tables_are_accepted(data, name, expected):
    assert check(data, name) == expected


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (EXE, "dan-so.csv", "chương trình"),
        (EXE, "dan-so.xlsx", "chương trình"),
        (b"#!/bin/sh\nrm -rf /\n", "dan-so.csv", "tập lệnh"),
        (b"Huyen;Dan so\nCam Lam;1\n", "dan-so.xlsx", "không phải bảng dữ liệu XLSX"),
        (b"PK\x03\x04garbage that is no zip", "dan-so.xlsx", "XLSX"),
        (zip_bomb_xlsx(), "dan-so.xlsx", "tệp nén bất thường"),
        (xlsx_bytes(POPULATION_ROWS), "dan-so.csv", "không phải bảng dữ liệu CSV"),
        (b"%PDF-1.7\n1 0 obj\n", "dan-so.csv", "PDF"),
        (bytes(range(256)) * 20, "dan-so.csv", "nhị phân"),
        (csv_bytes(), "dan-so.txt", "CSV hoặc XLSX"),
        (csv_bytes(), "dan-so.exe", "CSV hoặc XLSX"),
        (b"", "rong.csv", "rỗng"),
        (b"<html><script>alert(1)</script></html>", "dan-so.csv", "HTML"),
    ],
)
def test_other_files_are_refused_with_a_vietnamese_reason(data, name, words):
    with pytest.raises(ValidationError) as refused:
        check(data, name)
    message = " ".join(refused.value.messages)
    assert words.lower() in message.lower(), message


def test_oversized_file_is_refused_before_reading(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    with pytest.raises(ValidationError) as refused:
        check(csv_bytes() * 50, "lon.csv")
    assert "quá lớn" in " ".join(refused.value.messages)
