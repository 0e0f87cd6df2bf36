"""Form mixins of the editorial rules."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from .normalization import normalize_cleaned_data
from .workflow.checks import check_page


class NormalizedTextFormMixin:
    """Model forms whose text input is converted to TCVN 6909 Unicode before anything is saved."""

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        normalize_cleaned_data(self._meta.model, cleaned_data)
        return cleaned_data


class SubstantiveUpdateFormMixin:
    """A new round of edits after publication starts unmarked: one mark counts one republication.

    While a draft is pending (in review, or saved again) the editor's mark is kept, so the board
    approves exactly what the editor declared.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance
        if (
            "substantive_update" in self.fields
            and instance.pk
            and instance.live
            and not instance.has_unpublished_changes
        ):
            self.initial["substantive_update"] = False


class WorkflowChecksFormMixin:
    """Page forms run the editorial checks when the page is submitted, approved or published.

    The form is refused with one error per problem, in Vietnamese, and everything typed is kept.
    Drafts are saved without the checks: a half-written article must never be lost.
    """

    GATED_ACTIONS = ("action-submit", "action-publish", "action-restart-workflow")

    def _workflow_action(self) -> tuple[str, dict[str, Any]] | None:
        if not self.data.get("action-workflow-action"):
            return None
        try:
            extra = json.loads(self.data.get("workflow-action-extra-data") or "{}")
        except ValueError:
            extra = {}
        return self.data.get("workflow-action-name", ""), extra if isinstance(extra, dict) else {}

    def _post_clean(self) -> None:
        super()._post_clean()
        action = self._workflow_action()
        if action is not None and action[0] == "reject" and not str(action[1].get("comment") or "").strip():
            self.add_error(None, _("Khi trả lại cần ghi rõ lý do."))
        gated = any(self.data.get(key) for key in self.GATED_ACTIONS) or (action is not None and action[0] == "approve")
        if not gated or self.errors:
            return
        # StreamField errors are drawn by JavaScript from the block tree: a message about the body
        # goes at the top of the form, where it is read without scripts.
        inline = {name for name in self.fields if name != "body"}
        for failure in check_page(self.instance):
            self.add_error(failure.field if failure.field in inline else None, failure.message)
