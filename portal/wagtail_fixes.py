"""Defences around Wagtail behaviour that turns hostile admin input into a server error.

Wagtail's chooser widgets (image, document, page, snippet) look the posted id up to redraw a form
that failed validation; a non-numeric id such as ``1 OR 1=1`` raised ValueError there — a 500
instead of the form's own "select a valid choice" message. Applied once in PortalConfig.ready().
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.widgets.chooser import BaseChooser

_original_get_instance = BaseChooser.get_instance


def _get_instance(self: BaseChooser, value: Any) -> Any:
    try:
        return _original_get_instance(self, value)
    except (TypeError, ValueError, OverflowError):
        return None  # The form field reports the bad value; the widget just shows nothing chosen.


def apply() -> None:
    if BaseChooser.get_instance is not _get_instance:
        BaseChooser.get_instance = _get_instance
