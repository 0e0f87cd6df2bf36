"""What a citizen typed, made safe for every backend: no syntax, no control characters, a sane length.

SQLite FTS5 answers a query of only spaces, or one containing ``"``, with a server error
(wagtail#13227); Lucene treats ``+ - && || ! ( ) { } [ ] ^ " ~ * ? : \\ /`` as operators. The
query keeps only letters, digits and the characters inside words (``26/2014/QĐ-UBND`` becomes
the terms ``26 2014 qđ ubnd``), is normalised to TCVN 6909 and the house tone style (so "hoà"
and "hòa" are the same), and is folded for the diacritic-free match.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.utils import timezone

from editorial.tcvn6909 import normalize

from .folding import fold

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class CleanQuery:
    text: str  # exact (house style), for display and the exact match
    folded: str  # without diacritics, for the folded match
    truncated: bool = False
    stems: tuple[str, ...] = ()  # en/ru word stems (search.folding.stems), for the stemmed match

    @property
    def empty(self) -> bool:
        return not self.text

    @property
    def terms(self) -> list[str]:
        return self.text.split()

    @property
    def folded_terms(self) -> list[str]:
        return self.folded.split()


def clean_query(raw: str | None) -> CleanQuery:
    """The words of the query, or an empty query; never raises whatever the input."""
    from django.conf import settings

    if not raw:
        return CleanQuery("", "")
    text = "".join(char for char in str(raw) if unicodedata.category(char)[0] != "C" or char in " \t")
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    try:
        text = normalize(text, style=getattr(settings, "TCVN_TONE_STYLE", None) or None)
    except Exception:
        text = unicodedata.normalize("NFC", text)
    words = [word for word in _WORD_RE.findall(text.replace("_", " ")) if word.strip()]
    truncated = truncated or len(words) > MAX_TERMS
    words = words[:MAX_TERMS]
    exact = " ".join(word.lower() for word in words)
    return CleanQuery(exact, fold(exact), truncated)


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight of a day in the portal's time zone (Asia/Ho_Chi_Minh): date filters are local days
    on every backend (the database's and Elasticsearch's)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
