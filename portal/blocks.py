"""StreamField blocks of article bodies: the few kinds a government news item needs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

# Rich text stays plain on purpose: headings come from their own block, no raw HTML.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript", "subscript"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Tiêu đề mục")
        template = "portal/blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "portal/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người phát biểu / nguồn"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "portal/blocks/quote.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu đính kèm")
        template = "portal/blocks/document.html"


class CaptionedTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("Tên bảng"), required=False, max_length=255)
    table = TableBlock(label=_("Bảng"), table_options={"contextMenu": True, "startRows": 3, "startCols": 3})

    class Meta:
        icon = "table"
        label = _("Bảng")
        template = "portal/blocks/table.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Đoạn văn"), icon="pilcrow")
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    table = CaptionedTableBlock()


class ServiceLinkBlock(blocks.StructBlock):
    """A link to an online public service (P-Art. 9: linked with the national portal)."""

    title = blocks.CharBlock(label=_("Tên dịch vụ"), max_length=200)
    url = blocks.URLBlock(label=_("Địa chỉ"))
    description = blocks.CharBlock(label=_("Mô tả ngắn"), required=False, max_length=300)

    class Meta:
        icon = "link"
        label = _("Liên kết dịch vụ công")
