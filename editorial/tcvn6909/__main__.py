"""Command line: convert legacy Vietnamese text on stdin to NFC UTF-8.

    python -m editorial.tcvn6909 --from tcvn3 < cu.txt > moi.txt

Needs no Django.  Reads bytes: UTF-8 when they are valid UTF-8, otherwise
Windows-1252 with the five undefined bytes as C1 controls (how Windows
hands legacy bytes over).  Writes exactly one line per input line.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import SOURCES, STYLES, clean, convert_tone_style, to_unicode
from .convert import C1_TO_CP1252

DESCRIPTION = (
    "Chuyển văn bản tiếng Việt mã cũ (TCVN3/ABC, VNI, VISCII, VPS, VIQR, "
    "Windows-1258, Unicode tổ hợp, UTF-8 bị đọc nhầm) sang Unicode dựng sẵn "
    "TCVN 6909:2001 (NFC, UTF-8). Đọc từ stdin, ghi ra stdout, mỗi dòng vào "
    "một dòng ra. / Convert legacy-encoded Vietnamese on stdin to NFC UTF-8."
)
EPILOG = (
    "Ví dụ / example: python -m editorial.tcvn6909 --from tcvn3 < cu.txt > moi.txt\n"
    "Mã thoát / exit codes: 0 thành công, 2 lỗi (thông báo ở stderr)."
)


def read_input(data: bytes) -> str:
    """UTF-8 if valid, else one character per byte (cp1252, C1 for the gaps)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1").translate(C1_TO_CP1252)
    return text.removeprefix("\ufeff")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m editorial.tcvn6909",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--from",
        dest="source",
        type=str.lower,
        choices=SOURCES,
        default="auto",
        help="bảng mã đầu vào; auto = tự nhận diện, chỉ chuyển phần mã cũ (mặc định: auto)",
    )
    parser.add_argument(
        "--style",
        choices=STYLES,
        help="kiểu đặt dấu: classic = hòa/thủy, modern = hoà/thuỷ (mặc định: giữ nguyên)",
    )
    parser.add_argument(
        "--clean",
        action="store_true",
        help="bỏ ký tự vô hình/điều khiển, gộp khoảng trắng thừa",
    )
    return parser


def run(source: str, style: str | None, tidy: bool, data: bytes) -> bytes:
    """The conversion itself, separate from I/O so it is easy to test."""
    text = to_unicode(read_input(data), source)
    if tidy:
        text = clean(text, keep_lines=True)
    if style:
        text = convert_tone_style(text, style)
    return text.encode("utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # exits 2 with a message on bad usage
    try:
        data = sys.stdin.buffer.read()
        sys.stdout.buffer.write(run(args.source, args.style, args.clean, data))
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        # The reader went away (e.g. "| head"); stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except MemoryError:
        print("lỗi: không đủ bộ nhớ cho đầu vào này / out of memory", file=sys.stderr)
        return 2
    except Exception as exc:  # never a traceback on the command line
        print(f"lỗi: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
