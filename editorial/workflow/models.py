"""The board's approval step, with the separation-of-duties rules of P-Art. 7.5."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState


class WorkflowRuleError(PermissionDenied):
    """An action the rules refuse; the message says which rule, in the user's language."""


def submitted_by(obj: Any) -> int | None:
    state = getattr(obj, "current_workflow_state", None)
    return state.requested_by_id if state is not None else None


def _warn(warnings: list[str]) -> None:
    """Budget warnings reach the approver on the next page (the request comes from the audit context)."""
    from django.contrib import messages

    from security import context

    request = context.current().request
    if request is not None:
        for warning in warnings:
            messages.warning(request, warning)


class BoardApprovalTask(AbstractGroupApprovalTask):
    """A group's step: members may approve or send back, except on what they submitted themselves."""

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, str, bool]]:
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        if submitted_by(obj) == user.pk:
            # Nobody approves their own submission; the author may still cancel it.
            return []
        return [
            ("reject", _("Trả lại để sửa"), True),
            ("approve", _("Duyệt"), False),
            ("approve", _("Duyệt kèm ý kiến"), True),
        ]

    def get_form_for_action(self, action: str) -> type[forms.Form]:
        from .forms import ApprovalCommentForm, RejectionForm

        return RejectionForm if action == "reject" else ApprovalCommentForm

    def on_action(self, task_state: TaskState, user: Any, action_name: str, **kwargs: Any) -> Any:
        """Enforce the rules again here: the edit view passes its extra data without a form."""
        obj = task_state.workflow_state.content_object
        if action_name not in {name for name, _label, _modal in self.get_actions(obj, user)}:
            raise WorkflowRuleError(_("Không được tự duyệt tin bài do chính mình gửi."))
        comment = str(kwargs.get("comment") or "").strip()
        if action_name == "reject" and not comment:
            raise WorkflowRuleError(_("Khi trả lại cần ghi rõ lý do."))
        if action_name == "approve":
            from .checks import check_page

            failures = check_page(obj.get_latest_revision_as_object())
            if failures:
                raise WorkflowRuleError(" ".join(failure.message for failure in failures))
        kwargs["comment"] = comment
        grade = {
            name: str(kwargs.pop(f"royalty_{name}", "") or "").strip() for name in ("genre", "coefficient", "bonus")
        }
        if action_name == "approve" and grade["genre"]:
            self._check_grade(obj, user, grade)
        result = super().on_action(task_state, user, action_name, **kwargs)
        if action_name == "approve" and grade["genre"]:
            from editorial.royalties import rules, services

            # The page is published by now: a grade that no longer fits is reported, never a server error.
            try:
                warnings = services.set_pending_grade(
                    obj, genre_code=grade["genre"], coefficient=grade["coefficient"], bonus_code=grade["bonus"], by=user
                )
            except rules.RuleError as error:
                warnings = [
                    _("Tin bài đã được duyệt nhưng chưa chấm được nhuận bút: %(error)s Hãy chấm trên màn hình tháng.")
                    % {"error": error}
                ]
            _warn(warnings)
        return result

    @staticmethod
    def _check_grade(obj: Any, user: Any, grade: dict[str, str]) -> None:
        """Checked before approving: the editor screen passes the grade without the approval form."""
        from django import forms as django_forms

        from editorial.royalties.forms import check_grade
        from editorial.royalties.permissions import can_grade
        from subportals.permissions import unit_of_page

        unit = unit_of_page(obj)
        if unit is None or not can_grade(user, unit):
            raise WorkflowRuleError(_("Chỉ Trưởng ban biên tập của đơn vị chấm nhuận bút."))
        try:
            check_grade(grade["genre"], grade["coefficient"], grade["bonus"])
        except django_forms.ValidationError as error:
            raise WorkflowRuleError(" ".join(error.messages)) from None

    @classmethod
    def get_description(cls) -> str:
        return str(
            _(
                "Thành viên các nhóm được chọn duyệt hoặc trả lại (kèm lý do) tin bài ở bước này; "
                "không ai được duyệt tin do chính mình gửi."
            )
        )

    class Meta:
        verbose_name = _("bước duyệt của Ban biên tập")
        verbose_name_plural = _("các bước duyệt của Ban biên tập")
