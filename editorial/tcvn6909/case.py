"""Restore toned capitals in TCVN3 text.

TCVN3 has codes for Ă Â Ê Ô Ơ Ư Đ but none for toned capitals: ``.VnTimeH``
fonts (and Unikey) put them on the lower-case codes, so "CỘNG HÒA" arrives
as "CéNG HßA" and decodes to "CộNG HòA".  FIELD-NOTES: restore the case
from the word and the line.  The rules, in order:

1. A word whose other cased letters are all capitals is a capital word
   ("CộNG" -> "CỘNG", "ĐịNH" -> "ĐỊNH", "ủY" -> "ỦY").
2. "Xã", "Và" (one capital, then only toned letters) and words made only of
   toned letters ("ở") are capitals when the line is a capitals line: it has
   a capital syllable and no word with a lower-case letter.
3. A toned letter that starts a sentence is a capital: first word of a line
   after a blank line, a line ending in . ! ? : ; or a list marker; or a
   word after . ! ? inside the line.
4. "ủy ban" is "Ủy ban" (the People's Committee is always capitalised).
"""

from __future__ import annotations

import re

from .syllables import is_syllable

# The lower-case toned vowels: in TCVN3 these codes are also the capitals.
AMBIGUOUS = frozenset("àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
_AMBIGUOUS_RE = re.compile(f"[{''.join(sorted(AMBIGUOUS))}]")
_WORD = re.compile(r"[^\W\d_]+")
_LIST_MARKER = re.compile(
    r"\s*(?:[-–—•*+>#]+|\(?(?:\d+(?:\.\d+)*|[a-zđ]|[ivxlcIVXLC]+)[.):])?"
    r"\s*[*_“\"'‘(\[]*\s*"
)
_SENTENCE_GAP = re.compile(r"[.!?…][\"”’)\]*_]*\s+[\"“‘(\[*_]*$")
_ENDS_SENTENCE = re.compile(r"[.!?:;…][\"”’)\]*_#\s]*$")
# Words that may change: an ambiguous letter with a capital in the word, or
# an ambiguous first letter (sentence start, "ở", "ủy ban").
_UPPER = "A-ZĂÂÊÔƠƯĐẮẦẨẪẤỀỄẾỒỔỖỐẰẲẴ\u00c0-\u00d6\u00d8-\u00deŠŒŽŸ"
_AMB = _AMBIGUOUS_RE.pattern
_L = r"[^\W\d_]"
_CANDIDATE_WORD = re.compile(f"(?<!{_L})(?:{_AMB}{_L}*|{_L}*(?:[{_UPPER}]{_L}*{_AMB}|{_AMB}{_L}*[{_UPPER}]){_L}*)")
# An unambiguous lower-case letter: the line is not a capitals line.
_PLAIN_LOWER = re.compile("[a-zăâêôơưđ]")


def _classify(word: str) -> str:
    """'upper', 'single' (one leading capital), 'none' or 'lower'."""
    upper_at: list[int] = []
    for i, char in enumerate(word):
        if char in AMBIGUOUS:
            continue
        if char.islower():
            return "lower"
        if char.isupper():
            upper_at.append(i)
    if not upper_at:
        return "none"
    if len(upper_at) == 1 and upper_at[0] == 0:
        return "single"
    return "upper"


def _capitalize_first(word: str) -> str:
    return word[0].upper() + word[1:]


def _line_is_caps(line: str) -> bool:
    """A capitals line: a capital syllable and no word with a lower-case letter."""
    if _PLAIN_LOWER.search(line):
        return False  # fast answer for ordinary lines
    caps_evidence = False
    for word in _WORD.findall(line):
        cls = _classify(word)
        if cls == "lower":
            return False
        if cls == "upper" and len(word) > 1 and is_syllable(word):
            caps_evidence = True
    return caps_evidence


def _starts_sentence(line: str, start: int, line_start: bool) -> bool:
    """Is the word at ``start`` the first of a sentence?"""
    prefix = line[:start]
    if _LIST_MARKER.fullmatch(prefix):
        return line_start or bool(prefix.strip())
    return _SENTENCE_GAP.search(line, max(0, start - 12), start) is not None


def restore_line(line: str, sentence_start: bool = True) -> str:
    """Restore the case of one decoded TCVN3 line.

    ``sentence_start`` says whether the line begins a sentence (the previous
    line was blank or ended with sentence punctuation).
    """
    if not _AMBIGUOUS_RE.search(line):
        return line
    caps_line: bool | None = None
    out: list[str] = []
    last = 0
    for match in _CANDIDATE_WORD.finditer(line):
        word, start = match.group(), match.start()
        new = word
        if word.islower():  # "lower" or "none": only ambiguous or lower-case letters
            if caps_line is None and all(ch in AMBIGUOUS for ch in word):
                caps_line = _line_is_caps(line)
            if caps_line and all(ch in AMBIGUOUS for ch in word):
                new = word.upper()
            elif word[0] in AMBIGUOUS and _starts_sentence(line, start, sentence_start):
                new = _capitalize_first(word)
            elif word == "ủy" and line.startswith(" ban", match.end()):
                new = "Ủy"
        else:
            cls = _classify(word)
            if cls == "single" and caps_line is None:
                caps_line = _line_is_caps(line)
            if cls == "upper" or (cls == "single" and caps_line):
                new = word.upper()
            elif cls == "lower" and word[0] in AMBIGUOUS and _starts_sentence(line, start, sentence_start):
                new = _capitalize_first(word)
        if new != word:
            out.append(line[last:start])
            out.append(new)
            last = match.end()
    if not out:
        return line
    out.append(line[last:])
    return "".join(out)


def line_ends_sentence(line: str) -> bool:
    """Does the next line start a sentence after this one?"""
    stripped = line.strip()
    return not stripped or _ENDS_SENTENCE.search(stripped) is not None


def restore_tcvn3_case(text: str) -> str:
    """Restore toned capitals line by line (lines split on "\\n" only)."""
    if not _AMBIGUOUS_RE.search(text):
        return text
    lines = text.split("\n")
    out: list[str] = []
    sentence_start = True
    for line in lines:
        out.append(restore_line(line, sentence_start))
        sentence_start = line_ends_sentence(line)
    return "\n".join(out)
