"""HTML sanitising with bleach: rich text keeps Wagtail's stored format, citizen input keeps no markup.

Wagtail stores rich text in its own HTML dialect (``<a linktype="page" id="3">``, ``<embed
embedtype="image" …/>``, ``data-block-key`` on blocks). The allow-list below is exactly that
dialect with the features the portal enables; anything else (scripts, event handlers,
``javascript:`` links, iframes, styles) is removed before it is stored, whatever path the text
took (editor, import, API, shell).
"""

from __future__ import annotations

import re

import bleach

RICH_TEXT_TAGS = frozenset(
    {
        "p", "h2", "h3", "h4", "h5", "h6", "b", "i", "strong", "em", "u", "s", "sub", "sup", "br", "hr",
        "ul", "ol", "li", "a", "embed", "blockquote", "code",
    }
)  # fmt: skip
BLOCK_ATTRIBUTES = ["data-block-key"]
RICH_TEXT_ATTRIBUTES = {
    "a": ["href", "linktype", "id"],
    "embed": ["embedtype", "id", "format", "alt", "url"],
    **{tag: BLOCK_ATTRIBUTES for tag in ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")},
}
PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})
_EMBED_RE = re.compile(r"<embed(\b[^>]*?)\s*/?>")
_HTML_RE = re.compile(r"<\s*/?\s*[a-zA-Z!]")
# Elements whose content is code, not text: removed whole, not just untagged.
_CODE_ELEMENTS_RE = re.compile(r"<\s*(script|style|template)\b.*?(<\s*/\s*\1\s*>|$)", re.IGNORECASE | re.DOTALL)


def looks_like_html(value: str) -> bool:
    return bool(_HTML_RE.search(value))


def clean_rich_text(html: str) -> str:
    """Stored rich text with only the allowed tags, attributes and link protocols."""
    if not html or not looks_like_html(html):
        return html
    cleaned = bleach.clean(
        _CODE_ELEMENTS_RE.sub("", html),
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        protocols=PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    # Wagtail finds its embeds only in the self-closing form; bleach writes HTML5 void elements.
    return _EMBED_RE.sub(r"<embed\1/>", cleaned)


def clean_text(value: str) -> str:
    """Citizen input shown back as text: every tag removed, nothing left to interpret."""
    if not value:
        return value
    return bleach.clean(_CODE_ELEMENTS_RE.sub("", value), tags=set(), attributes={}, strip=True, strip_comments=True)
