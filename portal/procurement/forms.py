"""The admin form of a project: its attached documents must be the unit's own (their type: ProjectDocument.clean)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.documents import get_permission_policy

from portal.forms import PortalPageForm
from subportals.permissions import is_portal_manager


class ProjectPageForm(PortalPageForm):
    """The page form checks choosers on the page itself; the documents sit in an inline formset, checked here."""

    def is_valid(self) -> bool:
        # The formset's forms are cleaned after the page form's own clean(), so check them afterwards.
        valid = super().is_valid()
        return self._check_documents() and valid

    def _check_documents(self) -> bool:
        formset = self.formsets.get("documents")
        if formset is None:
            return True
        ok = True
        user = getattr(self, "for_user", None)
        allowed: set[int] | None = None
        if user is not None and not is_portal_manager(user):
            policy = get_permission_policy()
            allowed = set(policy.collections_user_has_permission_for(user, "choose").values_list("pk", flat=True))
        for form in formset.forms:
            document = getattr(form, "cleaned_data", {}).get("document")
            if document is None or form.cleaned_data.get("DELETE"):
                continue
            if allowed is not None and document.collection_id not in allowed:
                ok = False
                # Named by number only: its title belongs to the other unit.
                form.add_error(
                    "document",
                    _("Tài liệu số %(pk)s không thuộc thư mục của đơn vị bạn.") % {"pk": document.pk}
                    + " "
                    + _("Hãy chọn tài liệu trong thư mục của đơn vị mình."),
                )
                # The form shown again must not carry the other unit's document, not even its title.
                data = form.data.copy()
                data[form.add_prefix("document")] = ""
                form.data = data
        return ok
