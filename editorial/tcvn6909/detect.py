"""Find and convert the legacy parts of a text.

Lines are split on "\\n" only.  A line without any character a legacy
encoding could have produced is Unicode and only composed (NFC).  Other
lines are cut into whitespace-separated chunks, each read in every candidate
encoding and scored (``scoring.py``).  Then:

* a legacy reading wins a line when it beats the text as written on at least
  one chunk that holds a legacy-only character (two such chunks when the
  line also holds real Unicode letters, unless a garbage word turns into a
  common one: "n¨m" is "năm"), and on at least one chunk the text
  as written reads as garbage: turning one symbol into a letter ("m²" is
  "mỗ" in VISCII) is not enough on its own;
* in a line that also holds Unicode, or where the reading loses somewhere,
  only the chunks it wins (and ties between them) are converted;
* readings often tie within a line (TCVN3 and VNI both read "Löu" as a
  word); the encoding that scored best over the whole document breaks the
  tie, and it also converts a line that is equally plausible either way when
  the nearest decided line (a line with real Unicode letters counts, as
  Unicode) was in that encoding.

Correct Unicode, Russian, English, numbers and URLs never win a chunk for a
legacy reading and pass through unchanged (composed to NFC).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .case import line_ends_sentence, restore_line
from .convert import RAW_DECODERS, decode_tcvn3_raw
from .scoring import CANDIDATES, CP1252_SPECIALS, VIQR_HINT, chunk_info, plainly_unicode

_SUSPECT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xff{CP1252_SPECIALS}]")
# A letter no legacy reading produces: the line holds real Unicode text.
_UNICODE_LETTER = re.compile(f"[^\x00-\xff{CP1252_SPECIALS}\\W\\d_]")
# Unmistakable VIQR: a modifier, a hook/grave/tilde inside a word ("ti?nh"),
# or dd + vowel at a word start.
_VIQR_STRONG = re.compile(
    r"[aeoAEO]\^|[aA]\(|[ouOU]\+|[aeiouyAEIOUY][?`~][a-zA-Z]|(?<![^\W\d_])(?:dd|DD|Dd)[aeiouyAEIOUY]"
)
_CHUNK = re.compile(r"[^ \t\r\n\x0b\x0c]+")
_SUSPECT_CHUNK = re.compile(f"[^ \\t\\r\\n\\x0b\\x0c]*{_SUSPECT.pattern}[^ \\t\\r\\n\\x0b\\x0c]*")
_NOT_VIQR = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xc0-\xd6\xd8-\xf6\xf8-\xff]|{_UNICODE_LETTER.pattern}")
# Controls no encoding here uses for a letter: their share marks binary data.
_NEVER_TEXT = re.compile("[\x00\x01\x07\x08\x0e\x0f\x7f]")
_BINARY_RATIO = 0.01
_LONG_LINE = 100_000
_PIECE = 65_536
_VIQR = CANDIDATES.index("viqr")
_MOJIBAKE = CANDIDATES.index("mojibake")


@dataclass(frozen=True)
class Segment:
    """A stretch of the input and how it was read."""

    start: int
    end: int
    source: str  # "unicode" or one of CANDIDATES
    text: str  # as given
    converted: str  # NFC Unicode


@dataclass(slots=True)
class _Line:
    """One line (or piece of a very long line) and its candidate scores.

    The per-candidate figures are tuples (one entry per CANDIDATES), empty
    when the line was not analysed; slots and tuples keep a 50 MB text's
    half a million lines small.
    """

    start: int
    text: str
    totals: tuple[int, ...] = ()
    favour: tuple[int, ...] = ()
    strong: tuple[int, ...] = ()  # won where the text as written is garbage
    sure: tuple[int, ...] = ()  # ... and the reading is a common word
    unfixed: tuple[int, ...] = ()  # chunks the reading leaves as garbage
    worst: tuple[int, ...] = ()
    changed: tuple[bool, ...] = ()
    unicode_letters: bool = False
    decided: bool = False  # a neighbour can follow this line's reading
    source: str = "unicode"
    whole: bool = True
    pending: bool = False


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _analyse(line: _Line) -> None:
    """Score every candidate on the line's chunks (pass 1)."""
    text = line.text
    if not _SUSPECT.search(text) and not (text.isascii() and VIQR_HINT.search(text)):
        return
    line.unicode_letters = _UNICODE_LETTER.search(text) is not None
    if line.unicode_letters and plainly_unicode(text):
        line.decided = True  # real Unicode text: neighbours may follow it
        return
    if len(text) >= 64 and len(_NEVER_TEXT.findall(text)) > _BINARY_RATIO * len(text):
        return  # binary garbage, not text in any encoding: leave it be
    count = len(CANDIDATES)
    totals, favour, worst = [0] * count, [0] * count, [0] * count
    strong, sure, unfixed = [0] * count, [0] * count, [0] * count
    changed = 0
    # VIQR is plain ASCII: a line with Latin-1 letters or Unicode is not VIQR.
    viqr_ok = not _NOT_VIQR.search(text)
    # Each distinct chunk is scored once per line (text repeats its words);
    # plain ASCII chunks read the same in every byte encoding: skip them
    # unless the line may be VIQR.
    finder = _CHUNK if viqr_ok and VIQR_HINT.search(text) else _SUSPECT_CHUNK
    for chunk, times in Counter(finder.findall(text)).items():
        verdict = chunk_info(chunk)
        changed |= verdict.changed
        if verdict.garbage:
            for i in range(count):
                if verdict.garbage >> i & 1:
                    unfixed[i] += times
        for i in verdict.active:
            if i == _VIQR and not viqr_ok:
                continue
            delta = verdict.deltas[i]
            totals[i] += delta * times
            if delta < worst[i]:
                worst[i] = delta
            if verdict.wins >> i & 1:
                favour[i] += times
                if verdict.strong >> i & 1:
                    strong[i] += times
                if verdict.sure >> i & 1:
                    sure[i] += times
    line.totals, line.favour, line.worst = tuple(totals), tuple(favour), tuple(worst)
    line.strong, line.sure, line.unfixed = tuple(strong), tuple(sure), tuple(unfixed)
    line.changed = tuple(bool(changed >> i & 1) for i in range(count))


def _may_follow(line: _Line, best: int) -> bool:
    """Can this undecided line take the document's encoding from a neighbour?"""
    return best >= 0 and not line.unicode_letters and line.changed[best] and line.worst[best] >= 0


def _decide(line: _Line, weights: list[int], best: int) -> None:
    """Pick the reading of one analysed line (pass 2)."""
    if not line.totals:
        return
    line.decided = True
    choice, key = -1, None
    for i in range(len(CANDIDATES)):
        if line.totals[i] <= 0 or line.favour[i] == 0:
            continue
        candidate_key = (line.totals[i] + (i == best), weights[i], line.favour[i], -i)
        if key is None or candidate_key > key:
            choice, key = i, candidate_key
    if choice < 0:
        line.pending = _may_follow(line, best)
        line.decided = not line.pending
        return
    # Beside real Unicode, two wins, or one garbage word that reads as a
    # common one ("Quảng Bình ... n¨m 2014").
    need = 2 if line.unicode_letters and not line.sure[choice] else 1
    if choice == _VIQR and not _VIQR_STRONG.search(line.text) and not (best == _VIQR and weights[best] >= 3):
        need = max(need, 2)
    if line.favour[choice] < need or line.unfixed[choice] > line.favour[choice]:
        # Too few wins, or more words stay garbage than it fixes: French,
        # German or Nordic text, not Vietnamese in a legacy encoding.
        return
    if choice != _VIQR and not line.strong[choice]:
        # Only symbols turned into letters ("m²" -> "mỗ" in VISCII): not enough
        # on its own; follow the neighbours like an undecided line.
        line.pending = _may_follow(line, best)
        line.decided = not line.pending
        return
    line.source = CANDIDATES[choice]
    line.whole = line.worst[choice] >= 0 and not line.unicode_letters


def _resolve_pending(lines: list[_Line], best: int) -> None:
    """Lines equally plausible either way follow the nearest decided line."""
    name = CANDIDATES[best]
    decided = [ln.decided for ln in lines]
    previous: list[int | None] = []
    last: int | None = None
    for i, flag in enumerate(decided):
        previous.append(last)
        if flag:
            last = i
    following: int | None = None
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line.pending:
            near = [j for j in (previous[i], following) if j is not None]
            if near:
                nearest = min(near, key=lambda j: abs(j - i))
                if lines[nearest].source == name:
                    line.source, line.whole = name, True
        if decided[i]:
            following = i


def _decode_piece(source: str, text: str, sentence_start: bool) -> str:
    if source == "tcvn3":
        return _nfc(restore_line(decode_tcvn3_raw(text), sentence_start))
    return RAW_DECODERS[source](text)


def _line_segments(line: _Line, sentence_start: bool) -> list[Segment]:
    text, offset = line.text, line.start
    if line.source == "unicode":
        return [Segment(offset, offset + len(text), "unicode", text, _nfc(text))]
    if line.whole:
        converted = _decode_piece(line.source, text, sentence_start)
        return [Segment(offset, offset + len(text), line.source, text, converted)]
    runs = _winning_runs(line)
    out: list[Segment] = []
    pos = 0
    for start, end in runs:
        if start > pos:
            out.append(Segment(offset + pos, offset + start, "unicode", text[pos:start], _nfc(text[pos:start])))
        piece = text[start:end]
        starts = sentence_start and not text[:start].strip()
        out.append(Segment(offset + start, offset + end, line.source, piece, _decode_piece(line.source, piece, starts)))
        pos = end
    if pos < len(text):
        out.append(Segment(offset + pos, offset + len(text), "unicode", text[pos:], _nfc(text[pos:])))
    return out


def _winning_runs(line: _Line) -> list[tuple[int, int]]:
    """Character ranges to convert in a line that is not converted whole.

    With real Unicode in the line: the chunks the reading wins and the ties
    between them.  Without: everything except the chunks it loses.
    """
    index = CANDIDATES.index(line.source)
    chunks = [m.span() for m in _CHUNK.finditer(line.text)]
    runs: list[tuple[int, int]] = []
    first = last = -1
    for n, (start, end) in enumerate(chunks):
        verdict = chunk_info(line.text[start:end])
        delta = verdict.deltas[index]
        wins = bool(verdict.wins >> index & 1)
        if wins or (delta == 0 and not line.unicode_letters):
            first = n if first < 0 else first
            last = n
        elif delta < 0 and first >= 0:
            runs.append((first, last))
            first = last = -1
    if first >= 0:
        runs.append((first, last))
    return [(chunks[a][0], chunks[b][1]) for a, b in runs]


def _pieces(line: str) -> list[tuple[int, int]]:
    """Cut a very long line at spaces so the work stays linear and bounded."""
    if len(line) <= _LONG_LINE:
        return [(0, len(line))]
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(line):
        end = min(start + _PIECE, len(line))
        if end < len(line):
            space = line.rfind(" ", start + _PIECE // 2, end)
            if space > start:
                end = space + 1
        spans.append((start, end))
        start = end
    return spans


def _plan(text: str) -> tuple[list[_Line], set[int]]:
    """Decide every line's reading; also where the "\n" go (pass 1 and 2)."""
    lines: list[_Line] = []
    breaks: set[int] = set()  # a "\n" follows the line before this index
    offset = 0
    raw_lines = text.split("\n")
    for number, raw in enumerate(raw_lines):
        for start, end in _pieces(raw):
            lines.append(_Line(offset + start, raw[start:end]))
        if number < len(raw_lines) - 1:
            breaks.add(len(lines))
        offset += len(raw) + 1
    for line in lines:
        _analyse(line)
    weights = [sum(max(0, ln.totals[i]) for ln in lines if ln.totals) for i in range(len(CANDIDATES))]
    # Sentence-final "a." reads as VIQR "ạ": only lines with ^ ( + or dd count.
    weights[_VIQR] = sum(max(0, ln.totals[_VIQR]) for ln in lines if ln.totals and _VIQR_STRONG.search(ln.text))
    best = max(range(len(CANDIDATES)), key=lambda i: (weights[i], -i)) if any(weights) else -1
    for line in lines:
        _decide(line, weights, best)
    if any(line.pending for line in lines):
        _resolve_pending(lines, best)
    return lines, breaks


def _walk(text: str) -> Iterator[Segment]:
    """Segments line by line, newlines included, in order (pass 3)."""
    lines, breaks = _plan(text)
    sentence_start = True
    for index, line in enumerate(lines):
        parts = _line_segments(line, sentence_start)
        yield from parts
        sentence_start = line_ends_sentence("".join(p.converted for p in parts))
        if index + 1 in breaks:
            end = line.start + len(line.text)
            yield Segment(end, end + 1, "unicode", "\n", "\n")


def segments(text: str) -> list[Segment]:
    """Split ``text`` into Unicode and legacy segments (newlines are Unicode)."""
    return _merge([seg for seg in _walk(text) if seg.end > seg.start])


def _merge(parts: list[Segment]) -> list[Segment]:
    """Join neighbours read the same way (linear: join lists, not strings)."""
    merged: list[Segment] = []
    group: list[Segment] = []
    for seg in [*parts, None]:
        if seg is not None and group and group[-1].source == seg.source:
            group.append(seg)
            continue
        if group:
            merged.append(
                Segment(
                    group[0].start,
                    group[-1].end,
                    group[0].source,
                    "".join(g.text for g in group),
                    "".join(g.converted for g in group),
                )
            )
        group = [seg] if seg is not None else []
    return merged


def convert_auto(text: str) -> str:
    """Auto mode of ``to_unicode``: convert only the legacy parts."""
    return _nfc("".join([seg.converted for seg in _walk(text)]))


def detect(text: str) -> str:
    """The legacy encoding that covers most of ``text``, else "unicode"."""
    sizes: dict[str, int] = {}
    for seg in _walk(text):
        if seg.source != "unicode":
            sizes[seg.source] = sizes.get(seg.source, 0) + seg.end - seg.start
    if not sizes:
        return "unicode"
    return max(sizes, key=lambda name: (sizes[name], -CANDIDATES.index(name)))
