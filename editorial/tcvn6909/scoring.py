"""How plausible one reading of a chunk of text is.

A chunk is a whitespace-free piece of a line.  Each reading scores points
per word: a real Vietnamese syllable with a non-ASCII letter +2 (+3 if it is
a common one, ``common.py``), an impossible Latin word, a stray control
character or an odd symbol glued to a letter -2.  ASCII words are neutral
(they read the same in every byte encoding) and so are acronyms with Đ
("QĐ", "HĐND") and words in other scripts (Russian).
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .case import restore_line
from .common import COMMON
from .convert import RAW_DECODERS, TO_LATIN1_FORM, decode_tcvn3_raw
from .syllables import good_case, is_acronym, is_syllable
from .tables import CP1252_HIGH

# Legacy readings, in order of preference on ties.
CANDIDATES = ("tcvn3", "vni", "viscii", "vps", "cp1258", "mojibake", "viqr")
BYTE_CANDIDATES = CANDIDATES[:-1]

CP1252_SPECIALS = "".join(ch for ch in CP1252_HIGH if ord(ch) > 0xFF)
_LETTER = r"[^\W\d_\xb2\xb3\xb9\xbc-\xbe]"  # letters, not ² ³ ¹ ¼ ½ ¾
# Characters only a byte encoding produces (C0/C1 controls, Latin-1).
HARD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xff]")
# A cp1252 character inside a word ("QUYŠT" = VISCII "QUYẾT").
_SOFT_INSIDE = re.compile(f"(?<={_LETTER})[{CP1252_SPECIALS}](?={_LETTER})")
VIQR_HINT = re.compile(r"[aeiouyAEIOUY][\^(+'`?~.]|(?<![^\W\d_])(?:dd|DD|Dd)|[A-Z]DD")
_HARD_SYMBOL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xbf\xd7\xf7]")
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]*")
_RUN = re.compile(f"{_LETTER}+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ODD = "¡¢£¤¥¦§¨ª¬\xad¯±´µ¶·¸¹º¼½¾¿×÷†‡ˆ‰Š‹ŒŽ˜™š›œžŸƒ"
# Latin-1 or cp1252 symbols inside a word are garbage ("Vi®t" is VISCII
# "Việt", "phá»©c" is UTF-8 "phức"); the rarer ones count even on one side.
_SYMBOLS = "\xa1-\xbf\xd7\xf7" + CP1252_SPECIALS.replace("‘", "").replace("’", "")
_ODD_GLUED = re.compile(f"(?<={_LETTER})[{_ODD}]|[{_ODD}](?={_LETTER})|(?<={_LETTER})[{_SYMBOLS}]+(?={_LETTER})")
_CACHE_LIMIT = 1 << 18
_CACHE_MAX_CHUNK = 48  # longer chunks are not words: do not keep them


def _is_latin(run: str) -> bool:
    return any(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in run)


# Points: a real syllable 2, a common one 3; an impossible word, a stray
# control or an odd symbol glued to a letter -2.
VALID, COMMON_VALID, BAD = 2, 3, -2


def score(decoded: str) -> int:
    """Syllables gained minus impossible words and garbage in one chunk."""
    points = 0
    for run in _RUN.findall(decoded):
        if run.isascii() or is_acronym(run):
            continue
        if good_case(run) and is_syllable(run):
            points += COMMON_VALID if run.lower() in COMMON else VALID
        elif _is_latin(run):
            points += BAD
    points += BAD * len(_CONTROL.findall(decoded))
    points += BAD * len(_ODD_GLUED.findall(decoded))
    return points


_run_ok: dict[str, bool] = {}


def _plain_run(run: str) -> bool:
    """A word that reads fine as written: ASCII, acronym, other script, syllable."""
    ok = _run_ok.get(run)
    if ok is None:
        ok = run.isascii() or is_acronym(run) or not _is_latin(run) or (good_case(run) and is_syllable(run))
        if len(_run_ok) >= _CACHE_LIMIT:
            _run_ok.clear()
        _run_ok[run] = ok
    return ok


def plainly_unicode(text: str) -> bool:
    """No legacy reading can beat ``text`` as written: every non-ASCII word is
    already a syllable (or an acronym, or another script) and nothing is odd.
    A chunk scores at most one syllable per word, so such a line never flips."""
    if _CONTROL.search(text) or _ODD_GLUED.search(text):
        return False
    return all(_plain_run(run) for run in set(_RUN.findall(unicodedata.normalize("NFC", text))))


def _has_word(decoded: str) -> bool:
    return any(len(run) > 1 and not run.isascii() for run in _RUN.findall(decoded))


_UTF8_LETTER = re.compile("[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def _utf8_letters(chunk: str) -> int:
    """Letters hiding as UTF-8 byte pairs/triples ("á»­" is "ử"): garbage as written."""
    if not HARD.search(chunk):
        return 0
    count = 0
    for match in _UTF8_LETTER.finditer(chunk.translate(TO_LATIN1_FORM)):
        try:
            char = match.group().encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            continue
        count += char.isalpha()
    return count


def _read(name: str, chunk: str) -> str:
    if name == "tcvn3":
        return unicodedata.normalize("NFC", restore_line(decode_tcvn3_raw(chunk)))
    return RAW_DECODERS[name](chunk)


class Verdict(NamedTuple):
    """How each candidate reading of one chunk compares with the text as written."""

    deltas: tuple[int, ...]  # score(candidate) - score(as written), per CANDIDATES
    active: tuple[int, ...]  # indices whose delta is not 0
    wins: int  # bit i: candidate i is better and the chunk has legacy evidence
    strong: int  # bit i: ... and the text as written is garbage (see detect.py)
    sure: int  # bit i: ... garbage as written, a common syllable when read ("næm" -> "năm")
    changed: int  # bit i: candidate i reads the chunk differently
    garbage: int  # bit i: candidate i reads it as garbage too (foreign text, not legacy)


_NEUTRAL = Verdict((0,) * len(CANDIDATES), (), 0, 0, 0, 0, 0)
_VIQR_INDEX = CANDIDATES.index("viqr")
_MOJIBAKE_INDEX = CANDIDATES.index("mojibake")
_cache: dict[str, Verdict] = {}


def chunk_info(chunk: str) -> Verdict:
    """Compare every candidate reading of ``chunk`` with it as written.

    A win needs legacy evidence: a character only a byte encoding produces
    (or, for VIQR, plain ASCII marks).  A win is strong when the text as
    written is garbage, when several symbols/controls become letters ("§·"
    is TCVN3 "Đã"), or when UTF-8 was decoded.  Cached: texts repeat words.
    """
    cached = _cache.get(chunk)
    if cached is not None:
        return cached
    plain = unicodedata.normalize("NFC", chunk)
    as_written = score(plain) + BAD * _utf8_letters(chunk)
    scores = [as_written] * len(CANDIDATES)
    changed = 0
    words = [False] * len(CANDIDATES)  # reading has a word of two letters or more
    if _PRINTABLE_ASCII.fullmatch(chunk):
        signal = 0
        decoded = RAW_DECODERS["viqr"](chunk) if VIQR_HINT.search(chunk) else plain
        if decoded != plain:
            scores[_VIQR_INDEX] = score(decoded)
            changed |= 1 << _VIQR_INDEX
            words[_VIQR_INDEX] = _has_word(decoded)
    else:
        signal = int(bool(HARD.search(chunk) or _SOFT_INSIDE.search(chunk)))
        if signal and len(_HARD_SYMBOL.findall(chunk)) >= 2:
            signal = 2
        for i, name in enumerate(BYTE_CANDIDATES):
            decoded = _read(name, chunk)
            if decoded != plain:
                scores[i] = score(decoded)
                changed |= 1 << i
                words[i] = _has_word(decoded)
    deltas = tuple(sc - as_written for sc in scores)
    active = tuple(i for i, d in enumerate(deltas) if d)
    garbage = sum(1 << i for i, sc in enumerate(scores) if sc < 0)
    wins = strong = sure = 0
    for i in active:
        # A lone symbol read as a one-letter word ("½" -> "Ỏ") is no evidence.
        if deltas[i] > 0 and (signal or i == _VIQR_INDEX) and words[i]:
            wins |= 1 << i
            if as_written < 0 or signal > 1 or i == _MOJIBAKE_INDEX:
                strong |= 1 << i
            if as_written < 0 and scores[i] >= COMMON_VALID:
                sure |= 1 << i
    result = Verdict(deltas, active, wins, strong, sure, changed, garbage) if changed or garbage else _NEUTRAL
    if len(chunk) <= _CACHE_MAX_CHUNK:
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        _cache[chunk] = result
    return result
