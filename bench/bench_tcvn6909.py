"""Decoding speed of editorial.tcvn6909, per legacy encoding and in auto mode.

    .venv/bin/python bench/bench_tcvn6909.py [--size 50] [--only tcvn3,vni]

Builds ~SIZE MB (UTF-8) of Vietnamese text by repeating seeds 000-003,
encodes it into each legacy encoding, times ``to_unicode`` explicitly and in
auto mode, and prints MB/s (MB of the Unicode text) next to
``unicodedata.normalize("NFC", ...)`` over the same text in the same run.
Figures only: nothing is asserted.  Needs no Django.
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from editorial.tcvn6909 import encode, to_unicode  # noqa: E402
from editorial.tcvn6909.encode import TARGETS  # noqa: E402

SEED_DIRS = (ROOT / "tests" / "editorial" / "data", ROOT.parent / "shared" / "seeds")


def corpus() -> str:
    for folder in SEED_DIRS:
        files = sorted(folder.glob("00[0-3]_*.txt"))
        if len(files) == 4:
            return "\n".join(f.read_text(encoding="utf-8") for f in files)
    raise SystemExit("seed files 000-003 not found in " + ", ".join(map(str, SEED_DIRS)))


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, default=50.0, help="MB of UTF-8 text (default 50)")
    parser.add_argument("--only", default=",".join(TARGETS), help="comma-separated encodings")
    args = parser.parse_args()

    base = unicodedata.normalize("NFC", corpus())
    base_mb = len(base.encode("utf-8")) / 1e6
    copies = max(1, round(args.size / base_mb))
    text = "\n".join([base] * copies)
    megabytes = len(text.encode("utf-8")) / 1e6
    print(f"text: {megabytes:.1f} MB UTF-8, {len(text):,} characters ({copies} copies of seeds 000-003)")

    nfc = timed(lambda: unicodedata.normalize("NFC", text))
    print(f"{'NFC baseline':<22}{megabytes / nfc:9.1f} MB/s   1.00x NFC time  (text already NFC)")
    decomposed = unicodedata.normalize("NFD", text)
    composing = timed(lambda nfd=decomposed: unicodedata.normalize("NFC", nfd))
    print(f"{'NFC of the NFD form':<22}{megabytes / composing:9.1f} MB/s {composing / nfc:7.1f}x NFC time")
    del decomposed

    unicode_auto = timed(lambda: to_unicode(text, "auto"))
    print(f"{'unicode (auto)':<22}{megabytes / unicode_auto:9.1f} MB/s {unicode_auto / nfc:7.1f}x NFC time")

    for name in args.only.split(","):
        # Encode one copy and repeat it: the legacy text has the same size.
        # Legacy files are bytes: what a table cannot hold becomes "?".
        one = encode(base, name).encode("latin-1", errors="replace").decode("latin-1")
        legacy = "\n".join([one] * copies)
        for mode in (name, "auto"):
            seconds = timed(lambda mode=mode, legacy=legacy: to_unicode(legacy, mode))
            label = f"{name} ({'explicit' if mode == name else 'auto'})"
            print(f"{label:<22}{megabytes / seconds:9.1f} MB/s {seconds / nfc:7.1f}x NFC time")
        del legacy


if __name__ == "__main__":
    main()
