"""Forms: the public question form, the status lookup, the Q&A filters, and the admin actions.

Public text is validated first (lengths, required fields), then converted to TCVN 6909 Unicode
(``editorial.normalization``): a TCVN3 or VNI paste becomes proper Vietnamese before it is stored.
HTML is kept as typed text and escaped wherever it is shown.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from editorial.normalization import normalize_text
from subportals.enums import UnitKind
from subportals.models import Unit

from .attachments import check_attachment
from .enums import CloseReason, Kind, Status, Topic
from .models import ANSWER_MAX, QUESTION_MAX, TITLE_MAX
from .rules import clean_phone, normalise_code, validate_citizen_phone
from .spam import HONEYPOT_FIELD


def _compose(template: Any, what: Any) -> str:
    return capfirst(str(template) % {"what": str(what)})


_compose_lazy = lazy(_compose, str)


def _length_errors(what: Any) -> dict[str, Any]:
    """Messages naming the field, formatted in the language of the request, not at import."""
    return {
        "required": _compose_lazy(_("Hãy nhập %(what)s."), what),
        "max_length": _compose_lazy(
            _("%(what)s quá dài: tối đa %%(limit_value)d ký tự (đang có %%(show_value)d)."), what
        ),
    }


def unit_choices_queryset():
    """Active units, the province's own portal first, then departments and districts by name."""
    main_first = Case(When(kind=UnitKind.MAIN, then=Value(0)), default=Value(1), output_field=IntegerField())
    return Unit.objects.filter(is_active=True).order_by(main_first, "kind", "name_vi")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


# What a browser or Django puts where bytes were not valid UTF-8.
UNREADABLE = "\ufffd"


class FeedbackForm(forms.Form):
    """The public form of every portal and sub-portal."""

    TEXT_FIELDS = ("name", "title", "question")

    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=Kind.choices,
        initial=Kind.QUESTION,
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn loại: câu hỏi hay góp ý."), "invalid_choice": _("Loại không hợp lệ.")},
    )
    name = forms.CharField(
        label=_("Họ và tên"),
        max_length=100,
        error_messages=_length_errors(_("họ và tên")),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.com.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Điện thoại"),
        required=False,
        max_length=30,
        validators=[validate_citizen_phone],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    topic = forms.ChoiceField(
        label=_("Lĩnh vực"),
        choices=[("", _("— Chọn lĩnh vực —")), *Topic.choices],
        error_messages={"required": _("Hãy chọn lĩnh vực."), "invalid_choice": _("Lĩnh vực không hợp lệ.")},
    )
    unit = UnitChoiceField(
        label=_("Cơ quan, đơn vị liên quan"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Chưa rõ – để Trung tâm Cổng chuyển đến cơ quan có thẩm quyền"),
        error_messages={"invalid_choice": _("Đơn vị đã chọn không có trong danh sách.")},
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=TITLE_MAX, error_messages=_length_errors(_("tiêu đề")))
    question = forms.CharField(
        label=_("Nội dung câu hỏi, góp ý"),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages=_length_errors(_("nội dung")),
    )
    attachment = forms.FileField(
        label=_("Tệp đính kèm (không bắt buộc)"),
        required=False,
        error_messages={"empty": _("Tệp đính kèm rỗng."), "invalid": _("Tệp đính kèm không đọc được.")},
    )
    consent_publish = forms.BooleanField(
        label=_("Tôi đồng ý công khai câu hỏi và câu trả lời trên mục Hỏi đáp (không kèm họ tên, địa chỉ liên hệ)."),
        required=False,
    )
    agree = forms.BooleanField(
        label=_(
            "Tôi đồng ý để cơ quan nhà nước dùng thông tin liên hệ của tôi chỉ để trả lời câu hỏi này "
            "(Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân)."
        ),
        error_messages={"required": _("Cần đồng ý để cơ quan trả lời được cho bạn.")},
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)
    # The honeypot: hidden from people and screen readers; bots fill it.
    website = forms.CharField(label=_("Để trống ô này"), required=False, max_length=500)

    def __init__(self, *args: Any, site_unit: Unit | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices_queryset()
        if site_unit is not None and not site_unit.is_main and not self.is_bound:
            self.fields["unit"].initial = site_unit.pk
        self.attachment_dropped = False

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        return check_attachment(upload)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        contact_errors = self.errors.get("email") or self.errors.get("phone")
        if not contact_errors and not cleaned.get("email") and not cleaned.get("phone"):
            self.add_error("email", _("Hãy nhập thư điện tử hoặc số điện thoại để cơ quan trả lời bạn."))
        for name in self.TEXT_FIELDS:
            value = cleaned.get(name)
            if not isinstance(value, str):
                continue
            if UNREADABLE in value:
                # Bytes that were not UTF-8 arrive as U+FFFD: storing them would lose the citizen's words unseen.
                self.add_error(
                    name,
                    _(
                        "Có ký tự không đọc được (lỗi mã hóa, hiện thành «%(mark)s»). "
                        "Hãy gõ lại hoặc xóa những chỗ đó rồi gửi lại."
                    )
                    % {"mark": UNREADABLE},
                )
                continue
            value = normalize_text(value).strip()
            # One-line fields: runs of spaces, tabs and line breaks become one space.
            cleaned[name] = value if name == "question" else " ".join(value.split())
            if not cleaned[name]:
                self.add_error(name, _("Trường này không được để trống."))
        if self.errors and self.files.get("attachment"):
            self.attachment_dropped = True
        return cleaned

    def honeypot_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())


class LookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã tra cứu"),
        max_length=40,
        error_messages={"required": _("Hãy nhập mã tra cứu."), "max_length": _("Mã tra cứu có 10 ký tự.")},
    )

    def clean_ma(self) -> str:
        code = normalise_code(self.cleaned_data["ma"])
        if code is None:
            raise ValidationError(_("Mã tra cứu gồm 10 ký tự chữ và số, ví dụ: K7M2XQ9PAB."))
        return code


class QAFilterForm(forms.Form):
    """Filters of the public Q&A list; a bad value is dropped, never an error page."""

    topic = forms.ChoiceField(label=_("Lĩnh vực"), required=False, choices=[("", _("Tất cả")), *Topic.choices])
    unit = UnitChoiceField(
        label=_("Đơn vị trả lời"), queryset=Unit.objects.none(), required=False, empty_label=_("Tất cả")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices_queryset()

    def value(self, name: str) -> Any:
        if not self.is_bound or name in self.errors:
            return None
        return self.cleaned_data.get(name) or None


# --- Admin ---------------------------------------------------------------------------------------


class AssignForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Chuyển đến đơn vị"),
        queryset=Unit.objects.none(),
        error_messages={"required": _("Hãy chọn đơn vị."), "invalid_choice": _("Đơn vị không hợp lệ.")},
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices_queryset()
        self.fields["unit"].label_from_instance = lambda unit: unit.name_vi


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Câu trả lời"),
        required=False,
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages=_length_errors(_("câu trả lời")),
    )

    def clean_answer(self) -> str:
        return normalize_text(self.cleaned_data.get("answer") or "").strip()


class PublicationFieldsMixin(forms.Form):
    publish = forms.BooleanField(label=_("Công khai trên mục Hỏi đáp"), required=False)
    published_title = forms.CharField(
        label=_("Tiêu đề công khai"), required=False, max_length=TITLE_MAX, error_messages=_length_errors(_("tiêu đề"))
    )
    published_question = forms.CharField(
        label=_("Nội dung câu hỏi công khai (đã lược bỏ thông tin cá nhân)"),
        required=False,
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=_length_errors(_("nội dung câu hỏi")),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in ("published_title", "published_question"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = normalize_text(cleaned[name]).strip()
        return cleaned


class ApproveForm(PublicationFieldsMixin, AnswerForm):
    """The board head's approval: the answer as sent, and what the Q&A shows."""


class PublicationForm(PublicationFieldsMixin):
    """After approval: what the Q&A shows, or withdrawing it."""


class ReasonForm(forms.Form):
    note = forms.CharField(
        label=_("Lý do"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Hãy ghi lý do.")},
    )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Lý do đóng"),
        choices=[("", "—"), *CloseReason.choices],
        error_messages={"required": _("Hãy chọn lý do đóng câu hỏi.")},
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ListFilterForm(forms.Form):
    """Filters of the admin list; a bad value is dropped."""

    q = forms.CharField(label=_("Mã tra cứu"), required=False, max_length=40)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *Status.choices])
    unit = UnitChoiceField(
        label=_("Đơn vị xử lý"), queryset=Unit.objects.none(), required=False, empty_label=_("Tất cả")
    )
    overdue = forms.BooleanField(label=_("Chỉ câu hỏi quá hạn"), required=False)
    date_from = forms.DateField(label=_("Tiếp nhận từ ngày"), required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    date_to = forms.DateField(label=_("đến ngày"), required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"])

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else unit_choices_queryset()
        self.fields["unit"].label_from_instance = lambda unit: unit.name_vi

    def value(self, name: str) -> Any:
        if not self.is_bound:
            return None
        self.is_valid()
        return None if name in self.errors else self.cleaned_data.get(name)
