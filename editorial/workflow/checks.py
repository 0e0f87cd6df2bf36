"""What a page must satisfy before it is submitted or approved; each failure says what to fix.

Plain functions over a page object (a form's instance or a revision's object), no HTTP.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from editorial.normalization import normalize_html, normalize_text
from editorial.tcvn6909 import find_damage

# What Wagtail's rich-text editor can store for our features (portal.blocks.RICH_TEXT_FEATURES).
ALLOWED_TAGS = frozenset(
    {"p", "br", "b", "i", "strong", "em", "sup", "sub", "h2", "h3", "h4", "ol", "ul", "li", "a", "embed"}
)
ALLOWED_ATTRIBUTES = frozenset({"href", "linktype", "id", "embedtype", "alt", "format", "url", "data-block-key"})
ALLOWED_SCHEMES = frozenset({"", "http", "https", "mailto", "tel"})


@dataclass(frozen=True)
class CheckFailure:
    field: str
    message: str


class _TagAudit(HTMLParser):
    """Collects the tags, attributes and link schemes outside the rich-text whitelist."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(_("thẻ <%(tag)s>") % {"tag": tag})
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES:
                self.problems.append(_("thuộc tính %(attr)s") % {"attr": name})
            elif name == "href" and urlsplit((value or "").strip()).scheme.lower() not in ALLOWED_SCHEMES:
                self.problems.append(_("liên kết %(url)s") % {"url": (value or "")[:40]})

    def handle_comment(self, data: str) -> None:
        self.problems.append(_("chú thích HTML"))


def unsafe_html(markup: str) -> list[str]:
    """The parts of a rich-text value that a sanitised editor could not have produced."""
    audit = _TagAudit()
    audit.feed(markup)
    audit.close()
    return list(dict.fromkeys(audit.problems))


def _texts(name: str, value: Any) -> Iterator[tuple[str, str, bool]]:
    """(field label, text, is_html) for every piece of text in a field value."""
    if isinstance(value, str):
        yield name, value, False
    elif isinstance(value, RichText):
        yield name, value.source, True
    elif isinstance(value, StreamValue):
        for index, child in enumerate(value, start=1):
            label = _("%(field)s, khối %(n)s (%(type)s)") % {"field": name, "n": index, "type": child.block.label}
            yield from _block_texts(label, child.value)


def _block_texts(label: str, value: Any) -> Iterator[tuple[str, str, bool]]:
    if isinstance(value, str):
        yield label, value, False
    elif isinstance(value, RichText):
        yield label, value.source, True
    elif isinstance(value, dict):  # StructValue
        for child in value.values():
            yield from _block_texts(label, child)
    elif isinstance(value, list | tuple):
        for child in value:
            yield from _block_texts(label, child)


def _text_fields(page: Any) -> Iterable[tuple[str, str, Any]]:
    """(field name, its label, value) for every text-bearing field the page has."""
    for name in ("title", "summary", "featured_image_caption", "body"):
        if hasattr(page, name):
            yield name, capfirst(str(page._meta.get_field(name).verbose_name)), getattr(page, name)


def _image_alt_failures(page: Any) -> Iterator[CheckFailure]:
    image = getattr(page, "featured_image", None)
    if image is not None and not (image.description or "").strip():
        yield CheckFailure(
            "featured_image",
            _(
                "Ảnh đại diện (ảnh số %(pk)s) chưa có văn bản thay thế: mở ảnh trong mục Ảnh và điền ô "
                "«Mô tả» để người khiếm thị nghe được nội dung ảnh."
            )
            % {"pk": image.pk},
        )
    body = getattr(page, "body", None)
    if isinstance(body, StreamValue):
        for index, child in enumerate(body, start=1):
            image = child.value.get("image") if hasattr(child.value, "get") else None
            if image is None or not hasattr(image, "contextual_alt_text"):
                continue
            if not image.decorative and not (image.contextual_alt_text or "").strip():
                yield CheckFailure(
                    "body",
                    _("Nội dung, khối %(n)s: ảnh chưa có văn bản thay thế (hoặc đánh dấu là ảnh trang trí).")
                    % {"n": index},
                )


def check_page(page: Any) -> list[CheckFailure]:
    """Every rule a page must meet before it goes to the board or to the public."""
    failures: list[CheckFailure] = []
    if hasattr(page, "category_id") and page.category_id is None:
        failures.append(CheckFailure("category", _("Chưa chọn chuyên mục (một trong 12 chuyên mục của Điều 8).")))
    if hasattr(page, "summary") and not (page.summary or "").strip():
        failures.append(CheckFailure("summary", _("Chưa có tóm tắt: viết một hoặc hai câu nêu nội dung chính.")))
    failures.extend(_image_alt_failures(page))
    for field, label, value in _text_fields(page):
        for where, text, is_html in _texts(label, value):
            failures.extend(_text_failures(field, where, text, is_html))
    return failures


def _text_failures(field: str, where: str, text: str, is_html: bool) -> Iterator[CheckFailure]:
    if is_html:
        problems = unsafe_html(text)
        if problems:
            yield CheckFailure(
                field,
                _("%(where)s: có mã HTML không được phép (%(what)s); hãy dán lại dưới dạng văn bản thường.")
                % {"where": where, "what": ", ".join(problems)},
            )
    if (normalize_html(text) if is_html else normalize_text(text)) != text:
        yield CheckFailure(
            field,
            _("%(where)s: còn ký tự không theo chuẩn Unicode TCVN 6909 (mã cũ, ký tự ẩn); hãy lưu lại để chuyển đổi.")
            % {"where": where},
        )
    if is_html:
        text = html.unescape(strip_tags(re.sub(r"</(p|li|h\d)>|<br\s*/?>", "\n", text)))
    for finding in find_damage(text):
        yield CheckFailure(
            field,
            _("%(where)s, dòng %(line)s: chữ tiếng Việt bị mất dấu hoặc mất chữ («%(text)s»); hãy gõ lại đoạn này.")
            % {"where": where, "line": finding.line_number, "text": finding.line.strip()[:80]},
        )
