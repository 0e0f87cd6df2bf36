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

    # The board head grades the article's royalty while approving (editorial.royalties).
    royalty_genre = forms.ChoiceField(label=_("Thể loại (chấm nhuận bút)"), required=False)
    royalty_coefficient = forms.CharField(
        label=_("Hệ số nhuận bút"),
        required=False,
        max_length=10,
        help_text=_("Trưởng ban biên tập chấm khi duyệt bước cuối; để trống để chấm sau."),
    )
    royalty_bonus = forms.ChoiceField(label=_("Thưởng"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        from editorial.royalties.forms import bonus_choices, genre_choices

        super().__init__(*args, **kwargs)
        self.fields["royalty_genre"].choices = [("", "—"), *genre_choices()]
        self.fields["royalty_bonus"].choices = [("", "—"), *bonus_choices()]

    def clean(self) -> dict[str, object]:
        from editorial.royalties.forms import check_grade

        cleaned = super().clean()
        genre, coefficient = cleaned.get("royalty_genre"), (cleaned.get("royalty_coefficient") or "").strip()
        if genre or coefficient:
            if not (genre and coefficient):
                raise forms.ValidationError(_("Để chấm nhuận bút cần chọn cả thể loại và hệ số."))
            check_grade(genre, coefficient, cleaned.get("royalty_bonus") or "")
        return cleaned
