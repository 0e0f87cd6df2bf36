"""The command line, run as a real subprocess with plain ``python -m``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.editorial.test_tcvn6909_support import ENCODERS, expected_after, seed, to_latin1_form

ROOT = Path(__file__).resolve().parents[2]
TEXT = "\n".join(seed(1).split("\n")[:40]) + "\n"


def run_cli(*args: str, data: bytes, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "editorial.tcvn6909", *args],
        input=data,
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize("encoding", list(ENCODERS))
@pytest.mark.parametrize("mode", ["explicit", "auto"])
def test_cli_decodes_legacy_bytes(encoding: str, mode: str) -> None:
    data = to_latin1_form(ENCODERS[encoding](TEXT)).encode("latin-1")
    source = encoding if mode == "explicit" else "auto"
    result = run_cli("--from", source, data=data)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    output = result.stdout.decode("utf-8")
    assert output.count("\n") == TEXT.count("\n")
    assert output == expected_after(encoding, TEXT)


def test_cli_reads_cp1252_form_and_utf8() -> None:
    # Bytes 93/94 are Word's curly quotes in a TCVN3 file.
    result = run_cli("--from", "tcvn3", data=b"\x93Quy ch\xd5\x94 v\xb5 C\xe9NG H\xdfA\n")
    assert result.stdout.decode() == "“Quy chế” và CỘNG HÒA\n"
    result = run_cli(data="Việt Nam\r\nHà Nội".encode())
    assert result.stdout.decode() == "Việt Nam\r\nHà Nội"


def test_cli_style_and_clean() -> None:
    data = "Khánh  Hòa\u200b, thủy lợi \n".encode()
    assert run_cli("--style", "modern", data=data).stdout.decode() == "Khánh  Hoà\u200b, thuỷ lợi \n"
    assert run_cli("--clean", "--style", "classic", data=data).stdout.decode() == "Khánh Hòa, thủy lợi\n"


def test_cli_keeps_one_line_per_line_with_separator_bytes() -> None:
    # VPS letters on 1C/1D, VISCII on 1E, cp1252 85 ("…" or NEL): no extra lines.
    data = b"\x1c\x1d \x1e x\x85y\r\nz\n"
    for source in ("auto", "vps", "viscii", "tcvn3", "unicode"):
        result = run_cli("--from", source, data=data)
        assert result.returncode == 0
        assert result.stdout.count(b"\n") == 2, source


def test_cli_empty_input() -> None:
    result = run_cli(data=b"")
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


def test_cli_bad_arguments_exit_2_without_traceback() -> None:
    result = run_cli("--from", "koi8-r", data=b"x")
    assert result.returncode == 2
    assert b"invalid choice" in result.stderr
    assert b"Traceback" not in result.stderr
    result = run_cli("--style", "southern", data=b"x")
    assert result.returncode == 2


def test_cli_help_is_vietnamese() -> None:
    result = run_cli("--help", data=b"")
    assert result.returncode == 0
    assert "bảng mã" in result.stdout.decode()


def test_cli_binary_garbage_is_best_effort() -> None:
    data = bytes(range(256)) * 2000 + os.urandom(200_000)
    result = run_cli(data=data)
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr
    assert result.stdout.count(b"\n") == data.count(b"\n")
    result.stdout.decode("utf-8")  # always valid UTF-8


def test_cli_twenty_megabyte_line() -> None:
    line = to_latin1_form(ENCODERS["tcvn3"](" ".join(seed(0).split()))).encode("latin-1")
    data = (line * (20_000_000 // len(line) + 1))[:20_000_000]
    result = run_cli("--from", "auto", data=data, timeout=300)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.count(b"\n") == 0
    assert result.stdout.startswith("Số: 26/2014/QĐ-UBND Quảng Bình".encode())


def test_cli_works_without_django() -> None:
    code = "import sys, editorial.tcvn6909.__main__; print(any(m.startswith('django') for m in sys.modules))"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, env=env, check=False)
    assert result.stdout.strip() == b"False", result.stderr
