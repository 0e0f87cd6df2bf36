"""The block of a required paper (thành phần hồ sơ): what to bring and how many copies."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class PaperBlock(blocks.StructBlock):
    name = blocks.TextBlock(label=_("Giấy tờ"), max_length=1000)
    copies = blocks.CharBlock(
        label=_("Số lượng, loại bản"), required=False, max_length=200, help_text=_("Ví dụ: 01 bản chính.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Giấy tờ trong hồ sơ")
        template = "procedures/blocks/paper.html"


def paper_values(stream: object) -> list[tuple[str, str]]:
    """(name, copies) of every paper of a StreamField value, to compare an import with what is stored."""
    values = []
    for child in stream or []:
        value = child.value
        values.append((str(value.get("name") or ""), str(value.get("copies") or "")))
    return values
