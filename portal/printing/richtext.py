"""Rich text for print: cleaned again for the print view, converted to reportlab's markup for the PDF.

Stored rich text is already cleaned when it is saved (``security.sanitize``); it is cleaned again
here because a print copy must never carry what slipped into the database another way (a raw
update, an old row). The PDF converter keeps only what a reader needs on paper: paragraphs,
headings, lists, quotes, bold/italic/underline/sub/superscript and web links; everything else is
reduced to its text, and script-like elements are dropped with their content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from xml.sax.saxutils import escape, quoteattr

from wagtail.rich_text import expand_db_html

from editorial.documents.pdf import markup
from security.sanitize import clean_rich_text

# A paragraph longer than this is cut (at a space) into several: reportlab re-wraps what is left of a
# paragraph on every page it splits, so one huge paragraph costs quadratic time.
MAX_BLOCK_CHARS = 2000
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_RELATIVE_HREF_RE = re.compile(r'href="(/[^"]*)"')
_SPACES_RE = re.compile(r"\s+")

_INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "s": "strike", "sub": "sub", "sup": "super"}
_HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
_BLOCKS = {"p", "div", "blockquote", "li", "pre", "address", "figcaption", *_HEADINGS}
_SKIPPED = {"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head", "title"}


def absolute_url(href: str, base_url: str) -> str:
    """A link target usable on paper, or "" when it is not a web, mail or phone link."""
    href = (href or "").strip()
    if not href:
        return ""
    target = urljoin(base_url, href)
    return target if urlsplit(target).scheme.lower() in LINK_SCHEMES else ""


def print_html(source: str, base_url: str) -> str:
    """Stored rich text as HTML for the print view: cleaned, expanded, internal links made absolute."""
    html = expand_db_html(clean_rich_text(source or ""))
    return _RELATIVE_HREF_RE.sub(lambda m: f'href="{escape(urljoin(base_url, m.group(1)))}"', html)


@dataclass(frozen=True)
class Block:
    """One PDF paragraph: a style name of ``portal.printing.pdf``, reportlab markup, list bullet and depth."""

    style: str
    markup: str
    bullet: str = ""
    level: int = 0
    continued: bool = False  # a piece of a longer paragraph: no space after it


class _Converter(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.lists: list[list] = []  # [ordered, counter] per open list
        self.inline: list[tuple[str, str]] = []  # (HTML name, reportlab opening tag or "") still open
        self.parts: list[str] = []
        self.length = 0
        self.style = "body"
        self.bullet = ""
        self.skip_depth = 0

    # --- paragraphs ------------------------------------------------------------------------------

    def _flush(self, continued: bool = False) -> None:
        text = "".join(self.parts).strip()
        if self.length and text:
            closing = "".join(self._closing(self.inline))
            self.blocks.append(Block(self.style, text + closing, self.bullet, max(len(self.lists) - 1, 0), continued))
            self.bullet = ""
        # Formatting still open goes on in the next paragraph.
        self.parts = [f"<{opening}>" for _, opening in self.inline if opening]
        self.length = 0

    def _start_block(self, style: str) -> None:
        self._flush()
        self.style = style

    # --- parser callbacks --------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag in ("ul", "ol"):
            self._start_block("body")
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            self._start_block("li")
            if self.lists:
                self.lists[-1][1] += 1
                ordered, counter = self.lists[-1]
                self.bullet = f"{counter}." if ordered else "•"
            else:
                self.bullet = "•"
        elif tag in _HEADINGS:
            self._start_block(_HEADINGS[tag])
        elif tag == "blockquote":
            self._start_block("quote")
        elif tag in _BLOCKS:
            self._start_block("li" if self.lists else "body")
        elif tag == "br":
            self.parts.append("<br/>")
        elif tag in _INLINE:
            self._open(tag, _INLINE[tag])
        elif tag == "a":
            target = absolute_url(dict(attrs).get("href") or "", self.base_url)
            self._open("a", f'a href={quoteattr(target)} color="#1a4f8b"' if target else "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            return
        if tag == "br" and not self.skip_depth:
            self.parts.append("<br/>")

    def _open(self, name: str, opening: str) -> None:
        self.inline.append((name, opening))
        if opening:
            self.parts.append(f"<{opening}>")

    @staticmethod
    def _closing(tags: list[tuple[str, str]]) -> list[str]:
        return [f"</{opening.split()[0]}>" for _, opening in reversed(tags) if opening]

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip_depth = max(self.skip_depth - 1, 0)
            return
        if self.skip_depth:
            return
        if tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
            self.style = "li" if self.lists else "body"
        elif tag in _BLOCKS:
            self._flush()
            self.style = "li" if self.lists else "body"
        elif tag in _INLINE or tag == "a":
            # Close only a tag that is open; what was opened inside it (badly nested) closes with it.
            for index in range(len(self.inline) - 1, -1, -1):
                if self.inline[index][0] == tag:
                    self.parts += self._closing(self.inline[index:])
                    del self.inline[index:]
                    break

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        text = _SPACES_RE.sub(" ", data)
        if not text.strip() and not self.length:
            return
        while len(text) + self.length > MAX_BLOCK_CHARS:
            cut = text.rfind(" ", 0, max(MAX_BLOCK_CHARS - self.length, 1))
            if cut <= 0:
                cut = max(MAX_BLOCK_CHARS - self.length, 1)
            self._add(text[:cut])
            self._flush(continued=True)
            text = text[cut:]
        self._add(text)

    def _add(self, text: str) -> None:
        if text:
            self.parts.append(markup(text))
            self.length += len(text)

    def close(self) -> None:
        super().close()
        self._flush()
        self.inline = []


def pdf_blocks(html: str, base_url: str) -> list[Block]:
    """Paragraphs of reportlab markup from rich text (already expanded by ``print_html``)."""
    converter = _Converter(base_url)
    converter.feed(html or "")
    converter.close()
    return converter.blocks
