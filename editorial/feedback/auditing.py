"""The audit log of citizens' questions: tracking code, units, status and lengths, never the text.

The generic audit handler (``security.signal_handlers``) copies every column of a saved row except
those named ``personal_*``. A citizen's title, question, the answer and the history notes often
hold the citizen's name, address or phone number, so these models list those columns in
``AUDIT_TEXT_FIELDS`` (``security.audit.snapshot`` logs their length only) and name themselves
in the log by their tracking code (``audit_repr``).
"""

from __future__ import annotations


class TextFreeAudit:
    """Mixin for a model whose free-text columns stay out of the audit log (see the module docstring)."""

    # Columns logged as "<name>_length".
    AUDIT_TEXT_FIELDS: tuple[str, ...] = ()

    def audit_repr(self) -> str:
        """How the log names the object: never a text the citizen typed."""
        raise NotImplementedError
