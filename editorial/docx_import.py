"""Turn a .docx press release into a draft article: headings, lists, tables and images kept.

Reading the file and decoding legacy fonts is ``editorial.tcvn6909.docx`` (no Django); this module
makes Wagtail objects of the blocks. The result is always a draft that goes through the workflow.
"""

from __future__ import annotations

import io
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.rich_text import RichText

from editorial.normalization import normalize_html, normalize_text
from editorial.tcvn6909.docx import DocxError, Heading, Image, ListItem, Paragraph, Table, read_docx

MAX_DOCX_BYTES = 20 * 1024 * 1024
SUMMARY_LIMIT = 590


def _plain(html: str) -> str:
    from django.utils.html import strip_tags

    return strip_tags(html).strip()


def _list_html(items: list[ListItem]) -> str:
    tag = "ol" if items[0].ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{normalize_html(item.html)}</li>" for item in items) + f"</{tag}>"


def _save_image(block: Image, collection: Collection, fallback_title: str) -> Any:
    """Only real pictures become images: Pillow must open them (no scripts or renamed files)."""
    try:
        with PILImage.open(io.BytesIO(block.data)) as picture:
            picture.verify()
    except (UnidentifiedImageError, OSError, PILImage.DecompressionBombError):
        return None
    image = get_image_model()(title=normalize_text(block.alt) or fallback_title, collection=collection)
    image.file = ImageFile(io.BytesIO(block.data), name=block.filename or "anh.png")
    image.save()
    return image


def body_from_blocks(blocks: list[Any], collection: Collection, title: str) -> list[tuple[str, Any]]:
    stream: list[tuple[str, Any]] = []
    pending_list: list[ListItem] = []

    def flush_list() -> None:
        if pending_list:
            stream.append(("paragraph", RichText(_list_html(pending_list))))
            pending_list.clear()

    for block in blocks:
        if isinstance(block, ListItem):
            if pending_list and pending_list[0].ordered != block.ordered:
                flush_list()
            pending_list.append(block)
            continue
        flush_list()
        if isinstance(block, Heading) and block.text.strip():
            stream.append(("heading", normalize_text(block.text)[:255]))
        elif isinstance(block, Paragraph) and _plain(block.html):
            stream.append(("paragraph", RichText(f"<p>{normalize_html(block.html)}</p>")))
        elif isinstance(block, Table) and block.rows:
            rows = [[normalize_text(cell) for cell in row] for row in block.rows]
            stream.append(("table", {"caption": "", "table": {"data": rows, "first_row_is_table_header": True}}))
        elif isinstance(block, Image):
            image = _save_image(block, collection, title)
            if image is not None:
                # ImageBlock's native value is the image carrying its alt text for this use.
                image.contextual_alt_text = image.title
                image.decorative = False
                stream.append(("image", {"image": image, "caption": ""}))
    flush_list()
    return stream


@transaction.atomic
def import_docx(source: IO[bytes], *, section: Any, category: Any, user: Any, collection: Collection) -> Any:
    """Create a draft article under ``section`` from a .docx file; raises ValidationError in Vietnamese."""
    from portal.models import ArticlePage

    try:
        blocks = read_docx(source)
    except DocxError as exc:
        raise ValidationError(
            _("Tệp không phải văn bản .docx đọc được (%(reason)s).") % {"reason": str(exc)[:200]}
        ) from exc
    texts = [
        b
        for b in blocks
        if isinstance(b, Heading | Paragraph) and _plain(getattr(b, "html", "") or getattr(b, "text", ""))
    ]
    if not texts:
        raise ValidationError(_("Văn bản không có nội dung để tạo tin bài."))
    first = texts[0]
    title = normalize_text(first.text if isinstance(first, Heading) else _plain(first.html))[:255]
    rest = [b for b in blocks if b is not first]
    summary_source = next((b for b in rest if isinstance(b, Paragraph) and _plain(b.html)), None)
    summary = normalize_text(_plain(summary_source.html))[:SUMMARY_LIMIT] if summary_source else title
    # The lead paragraph becomes the summary (sapo), shown above the body: not twice.
    rest = [b for b in rest if b is not summary_source]
    article = ArticlePage(
        title=title,
        summary=summary,
        category=category,
        body=body_from_blocks(rest, collection, title),
        owner=user,
        live=False,
    )
    section.add_child(instance=article)
    article.save_revision(user=user, log_action=True)
    return article


def check_upload(upload: Any) -> None:
    """Refuse what is not a .docx of a sensible size before reading it."""
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(".docx"):
        raise ValidationError(_("Chỉ nhận tệp Word dạng .docx."))
    if upload.size > MAX_DOCX_BYTES:
        raise ValidationError(_("Tệp quá lớn: tối đa %(mb)d MB.") % {"mb": MAX_DOCX_BYTES // (1024 * 1024)})
    if upload.size == 0:
        raise ValidationError(_("Tệp rỗng."))
