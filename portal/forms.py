"""The admin form of every portal page: TCVN 6909 text, the unit's own media, the checks before review."""

from editorial.forms import NormalizedTextFormMixin, SubstantiveUpdateFormMixin, WorkflowChecksFormMixin
from subportals.forms import UnitScopedPageForm


class PortalPageForm(SubstantiveUpdateFormMixin, WorkflowChecksFormMixin, NormalizedTextFormMixin, UnitScopedPageForm):
    pass
