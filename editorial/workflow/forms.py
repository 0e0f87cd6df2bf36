"""Forms of the workflow actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm


class RejectionForm(TaskStateCommentForm):
    """Sending back needs a reason: the author must know what to fix."""

    comment = forms.CharField(
        label=_("Lý do trả lại"),
        help_text=_("Bắt buộc: ghi rõ cần sửa gì."),
        widget=forms.Textarea({"rows": 4}),
        required=True,
        max_length=5000,
    )

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(_("Khi trả lại cần ghi rõ lý do."))
        return comment


class ApprovalCommentForm(TaskStateCommentForm):
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea({"rows": 4}), required=False, max_length=5000)
