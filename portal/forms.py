"""The admin form of every portal page: TCVN 6909 text and the unit's own media only."""

from editorial.forms import NormalizedTextFormMixin
from subportals.forms import UnitScopedPageForm


class PortalPageForm(NormalizedTextFormMixin, UnitScopedPageForm):
    pass
