"""The label every advertisement carries: "Quảng cáo" / "Advertisement" / "Реклама".

Why a mapping in code and not gettext: the label is a legal duty (P-Art. 13; the Law on
Advertising requires that advertising on an information site be told apart from its
information), so it must be right in every language from the first deployment, whether or not
the ``.po`` files have been translated and compiled yet. An untranslated msgid would print the
Vietnamese word on the English and Russian pages, and a wrong translation in a catalogue would
silently break the duty; here the three strings are fixed and tested exactly. The msgid
"Quảng cáo" still goes through gettext for the admin (menu and model names), where a late
translation harms nobody.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from portal.i18n import DEFAULT_LANGUAGE, active_language

AD_LABEL: dict[str, str] = {"vi": "Quảng cáo", "en": "Advertisement", "ru": "Реклама"}
# Keeps the Vietnamese word in the message catalogue for the admin strings that use it.
ADMIN_MSGID = gettext_noop("Quảng cáo")


def ad_label(language: str | None = None) -> str:
    """The label in ``language`` (default: the active one), Vietnamese for any other language."""
    code = (language or active_language()).split("-")[0].lower()
    return AD_LABEL.get(code, AD_LABEL[DEFAULT_LANGUAGE])
