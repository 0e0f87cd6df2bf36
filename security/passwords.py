"""Password rules of Vietnamese state systems (S-HD 13.1.đ, S-LC 4.1)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class ComplexityValidator:
    """Upper case, lower case, a digit and a special character (S-HD 13.1.đ)."""

    def validate(self, password: str, user: Any = None) -> None:
        missing = []
        if not any(ch.isupper() for ch in password):
            missing.append(_("một chữ in hoa"))
        if not any(ch.islower() for ch in password):
            missing.append(_("một chữ thường"))
        if not any(ch.isdigit() for ch in password):
            missing.append(_("một chữ số"))
        if not any(not ch.isalnum() and not ch.isspace() for ch in password):
            missing.append(_("một ký tự đặc biệt"))
        if missing:
            raise ValidationError(
                _("Mật khẩu phải có ít nhất %(missing)s.") % {"missing": ", ".join(missing)},
                code="password_not_complex",
            )

    def get_help_text(self) -> str:
        return _("Mật khẩu phải có chữ in hoa, chữ thường, chữ số và ký tự đặc biệt.")


class AdministratorLengthValidator:
    """Administrators need longer passwords (S-LC 4.1: at least 10 characters)."""

    def __init__(self, min_length: int = 10) -> None:
        self.min_length = min_length

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or not (getattr(user, "is_superuser", False) or getattr(user, "is_staff", False)):
            return
        if len(password) < self.min_length:
            raise ValidationError(
                _("Mật khẩu của quản trị viên phải có ít nhất %(min)d ký tự.") % {"min": self.min_length},
                code="password_too_short_admin",
            )

    def get_help_text(self) -> str:
        return _("Quản trị viên cần mật khẩu ít nhất %(min)d ký tự.") % {"min": self.min_length}
