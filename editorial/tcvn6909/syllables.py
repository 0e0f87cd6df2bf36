"""Which strings are possible Vietnamese syllables.

Auto-detection decodes each word in every candidate encoding and keeps the
reading that gives real syllables; tone-style conversion and the damage
check need the same knowledge.  Rather than parse at run time we enumerate
every well-formed syllable once (onset x rhyme x allowed tone x allowed tone
position, about 30 000 strings) and test membership in a set.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .tables import ACUTE, DOT, GRAVE, HOOK, TILDE

TONES = ("", GRAVE, ACUTE, HOOK, TILDE, DOT)
_STOP_CODAS = frozenset({"c", "ch", "p", "t"})
_MARKED_VOWELS = "ăâêôơư"

ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m",
    "n", "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip

# Vowel cluster -> codas it takes ("" = open syllable).
RHYMES: dict[str, tuple[str, ...]] = {
    "a": ("", "c", "ch", "i", "m", "n", "ng", "nh", "o", "p", "t", "u", "y"),
    "ă": ("c", "m", "n", "ng", "p", "t"),
    "â": ("c", "m", "n", "ng", "p", "t", "u", "y"),
    "e": ("", "c", "m", "n", "ng", "o", "p", "t"),
    "ê": ("", "ch", "m", "n", "nh", "p", "t", "u"),
    "i": ("", "ch", "m", "n", "nh", "p", "t", "u"),
    "o": ("", "c", "i", "m", "n", "ng", "p", "t"),
    "ô": ("", "c", "i", "m", "n", "ng", "p", "t"),
    "ơ": ("", "i", "m", "n", "p", "t"),
    "u": ("", "c", "i", "m", "n", "ng", "p", "t"),
    "ư": ("", "c", "i", "m", "ng", "t", "u"),
    "y": ("",),
    "ia": ("",),
    "iê": ("c", "m", "n", "ng", "p", "t", "u"),
    "yê": ("m", "n", "ng", "t", "u"),
    "ua": ("",),
    "uô": ("c", "i", "m", "n", "ng", "t"),
    "ưa": ("",),
    "ươ": ("c", "i", "m", "n", "ng", "p", "t", "u"),
    "oa": ("", "c", "ch", "i", "m", "n", "ng", "nh", "o", "p", "t", "y"),
    "oă": ("c", "m", "n", "ng", "t"),
    "oe": ("", "m", "n", "o", "t"),
    "oo": ("c", "ng"),
    "uâ": ("n", "ng", "t", "y"),
    "uê": ("", "ch", "n", "nh", "t", "u"),
    "uơ": ("",),
    "uy": ("", "a", "ch", "n", "nh", "p", "t", "u"),
    "uyê": ("n", "t"),
}


def _onset_allows(onset: str, cluster: str) -> bool:
    """Spelling rules: c/k, g/gh, ng/ngh, and qu + a non-rounded vowel."""
    first = cluster[0]
    front = first in "eêi" or cluster.startswith("y")
    if onset == "c":
        return not front
    if onset == "k":
        return front
    if onset in ("g", "ng"):
        return first not in "eê"
    if onset in ("gh", "ngh"):
        return first in "eêi"
    if onset == "qu":
        return first not in "ouư"
    if onset == "gi":
        return first not in "i"
    return True


def tone_positions(cluster: str, coda: str) -> tuple[int, ...]:
    """Index (within the cluster) where the tone mark may sit.

    Both house styles are accepted: classic "hòa/thủy" and modern "hoà/thuỷ"
    differ only for open oa/oe/uy.
    """
    marked = [i for i, ch in enumerate(cluster) if ch in _MARKED_VOWELS]
    if marked:
        return (marked[-1],)
    if len(cluster) == 1:
        return (0,)
    if cluster in ("ia", "ua"):
        return (0,)
    if cluster in ("oa", "oe", "uy"):
        return (0, 1) if coda == "" else (1,)
    if cluster == "oo":
        return (0, 1)
    return (len(cluster) - 1,)


def _build() -> frozenset[str]:
    out: set[str] = set()
    for cluster, codas in RHYMES.items():
        for onset in ONSETS:
            if not _onset_allows(onset, cluster):
                continue
            for coda in codas:
                for tone in TONES:
                    if coda in _STOP_CODAS and tone not in (ACUTE, DOT):
                        continue
                    if not tone:
                        out.add(onset + cluster + coda)
                        continue
                    for pos in tone_positions(cluster, coda):
                        toned = cluster[: pos + 1] + tone + cluster[pos + 1 :]
                        word = onset + toned + coda
                        out.add(unicodedata.normalize("NFC", word))
    return frozenset(out)


@lru_cache(maxsize=1)
def syllable_set() -> frozenset[str]:
    """All lower-case NFC Vietnamese syllables (built on first use)."""
    return _build()


def is_syllable(word: str) -> bool:
    """True when ``word`` (any case, NFC) is a well-formed Vietnamese syllable."""
    return word.lower() in syllable_set()


def good_case(word: str) -> bool:
    """lower, UPPER or Title case: "CộNG" is not how anyone writes."""
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


def is_acronym(word: str) -> bool:
    """ "QĐ", "HĐND", or a lone "đ" list marker: not syllables, not garbage."""
    if word in ("đ", "Đ"):
        return True
    return len(word) > 1 and word.isupper() and all(ch.isascii() or ch == "Đ" for ch in word)
