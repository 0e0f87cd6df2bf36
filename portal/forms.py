"""The admin form of every portal page: TCVN 6909 text, the unit's own media, the checks before review."""

from editorial.forms import NormalizedTextFormMixin, SubstantiveUpdateFormMixin, WorkflowChecksFormMixin
from editorial.royalties.forms import CreditsFormMixin
from subportals.forms import UnitScopedPageForm


class PortalPageForm(
    CreditsFormMixin, SubstantiveUpdateFormMixin, WorkflowChecksFormMixin, NormalizedTextFormMixin, UnitScopedPageForm
):
    pass
