"""Spot text whose accented letters were dropped.

A PDF made with a legacy font and extracted without the font's table loses
every letter outside ASCII: "Cổng thông tin điện tử" becomes
"C ng thông tin i n t".  What is left are orphans: the consonant clusters
around a lost vowel ("ng", "nh", "ch", "t") standing alone.  Real
Vietnamese, English and Russian almost never have them, except list markers
("b)"), units after numbers ("5 m") and capitalised abbreviations (handled).
We also flag U+FFFD replacement characters and "Vi?t"-style question marks
inside words, the other common loss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Orphans: what a Vietnamese syllable leaves when its vowel is lost.
_ORPHAN = re.compile(r"(?:c|ch|d|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|q|r|s|t|th|tr|v|x|b|i)", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = "\"'“”‘’()[]{}«»*_,;:!?."
_NUMBER = re.compile(r"[\d.,/%-]+")
_QUESTION_IN_WORD = re.compile(r"[^\W\d_]\?[^\W\d_]")
_URL = re.compile(r"://|www\.|@")
_CAPITAL_ORPHAN = re.compile(r"[B-DGHK-NP-TVXĐ]|NGH|NH|CH|NG|GH|KH|PH")
_LONE_VOWEL = re.compile(r"[iu]|Y|U")  # not "y": "y tế"
_MIN_ORPHANS = 2
_DAMAGED_TEXT = 3
_MIN_RATIO = 0.12


@dataclass(frozen=True)
class DamageFinding:
    """One suspicious line: 1-based number, the line, and why."""

    line_number: int
    line: str
    reason: str
    code: str  # "dropped-letters" or "replacement-characters", for translation


def _orphans(line: str, relaxed: bool = False) -> tuple[list[str], int]:
    """Orphan fragments in ``line`` and the number of word tokens.

    ``relaxed`` (inside a document already known to be damaged) also counts
    lone capitals ("T NH" for "TỈNH") and capital clusters ("NH", "CH").
    """
    tokens = _TOKEN.findall(line)
    found: list[str] = []
    words = 0
    previous = ""
    for index, raw in enumerate(tokens):
        token = raw.strip(_EDGE_PUNCT)
        if not token or _NUMBER.fullmatch(token):
            previous = token
            continue
        words += 1
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        is_marker = raw.endswith(")") or (raw.endswith(".") and len(token) == 1)
        after_number = bool(_NUMBER.fullmatch(previous)) and previous != ""
        if is_marker or after_number or following == "=":
            previous = token
            continue
        if (_ORPHAN.fullmatch(token) and not (token.isupper() and len(token) > 1)) or (
            relaxed and (_CAPITAL_ORPHAN.fullmatch(token) or _LONE_VOWEL.fullmatch(token))
        ):
            found.append(token)
        previous = token
    return found, words


def find_damage(text: str) -> list[DamageFinding]:
    """Lines that look damaged, with a short reason each.

    A line needs two orphan fragments to be flagged; once three lines of a
    text are flagged the text is damaged, and a single orphan (or a lone
    capital) flags a line too.
    """
    lines = text.split("\n")
    findings: dict[int, DamageFinding] = {}
    for number, line in enumerate(lines, start=1):
        if "\ufffd" in line:
            reason = "replacement characters (U+FFFD) in the text"
            findings[number] = DamageFinding(number, line, reason, "replacement-characters")
        elif len(_QUESTION_IN_WORD.findall(line)) >= 2 and not _URL.search(line):
            reason = "question marks inside words (lost letters)"
            findings[number] = DamageFinding(number, line, reason, "replacement-characters")
        else:
            orphans, words = _orphans(line)
            if len(orphans) >= _MIN_ORPHANS and len(orphans) >= _MIN_RATIO * words:
                findings[number] = _dropped(number, line, orphans)
    if sum(f.code == "dropped-letters" for f in findings.values()) >= _DAMAGED_TEXT:
        for number, line in enumerate(lines, start=1):
            if number not in findings:
                orphans, _words = _orphans(line, relaxed=True)
                if orphans:
                    findings[number] = _dropped(number, line, orphans)
    return [findings[n] for n in sorted(findings)]


def _dropped(number: int, line: str, orphans: list[str]) -> DamageFinding:
    shown = ", ".join(orphans[:6])
    reason = f"letters seem dropped: {len(orphans)} orphan fragment(s) ({shown})"
    return DamageFinding(number, line, reason, "dropped-letters")
