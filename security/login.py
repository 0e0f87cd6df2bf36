"""The admin login form: browsers are told not to remember passwords (S-HD 13.1.b)."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms.auth import LoginForm


class PortalLoginForm(LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "off"
        self.fields["password"].widget.attrs["autocomplete"] = "off"
        self.fields["username"].max_length = 150
        # No "remember me": Wagtail would keep the session cookie past the browser's closing.
        self.fields.pop("remember", None)
