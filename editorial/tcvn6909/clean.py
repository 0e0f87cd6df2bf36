"""Remove invisible and control characters, tidy spaces.

Runs after decoding, never before: VISCII and VPS keep letters on control
positions (FIELD-NOTES).  Leading indentation is kept; other runs of spaces
become one space; spaces before a line break go, but one space at the very
end stays (the CMS also cleans pieces of rich text between tags, where that
space separates two words); NBSP and the other Unicode spaces become plain
spaces; line breaks become "\\n".
"""

from __future__ import annotations

import re

# Zero-width and formatting characters that carry no text (soft hyphen, ZW
# space, LRM/RLM, bidi embeddings and isolates, word joiner, BOM, ...).
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb]"
    # ZWNJ/ZWJ only next to Latin text: between emoji they are meaningful.
    "|(?<=[\x00-\u024f\u1e00-\u1eff])[\u200c\u200d]|[\u200c\u200d](?=[\x00-\u024f\u1e00-\u1eff])"
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile("\r\n|[\r\u2028\u2029]")
_OTHER_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r"(?<=\S) {2,}")
_BEFORE_BREAK = re.compile(r"[ \t]+(?=\n)")


def clean(text: str, *, keep_lines: bool = False) -> str:
    r"""Return ``text`` without invisible/control characters and stray spaces.

    ``keep_lines`` keeps the number of "\n" (the CLI promises one output
    line per input line): CR and U+2028/2029 are then dropped, not turned
    into line breaks.
    """
    text = _LINE_BREAK.sub("" if keep_lines else "\n", text.replace("\r\n", "\n"))
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _OTHER_SPACE.sub(" ", text)
    text = _SPACE_RUN.sub(" ", text)
    return _BEFORE_BREAK.sub("", text)
