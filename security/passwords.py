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


# --- who counts as what --------------------------------------------------------------------


def is_administrator(user: Any) -> bool:
    """Operators and the portal management unit administer the system (S-LC 4.1–4.2)."""
    if user is None or getattr(user, "pk", None) is None:
        return bool(getattr(user, "is_superuser", False) or getattr(user, "is_staff", False))
    if user.is_superuser or user.is_staff:
        return True
    from subportals.provisioning import MANAGEMENT_GROUP_NAME

    return user.groups.filter(name=MANAGEMENT_GROUP_NAME).exists()


def is_board_head(user: Any) -> bool:
    if user is None or getattr(user, "pk", None) is None:
        return False
    from subportals.enums import EditorialRole

    return user.groups.filter(unit_role__role=EditorialRole.BOARD_HEAD).exists()


class PrivilegedLengthValidator(AdministratorLengthValidator):
    """Administrators and editorial board heads need at least 10 characters (S-LC 4.1)."""

    def validate(self, password: str, user: Any = None) -> None:
        if not (is_administrator(user) or is_board_head(user)):
            return
        if len(password) < self.min_length:
            raise ValidationError(
                _("Quản trị viên và trưởng ban biên tập cần mật khẩu ít nhất %(min)d ký tự.")
                % {"min": self.min_length},
                code="password_too_short_admin",
            )

    def get_help_text(self) -> str:
        return _("Quản trị viên và trưởng ban biên tập cần mật khẩu ít nhất %(min)d ký tự.") % {"min": self.min_length}


class PasswordHistoryValidator:
    """None of the last passwords again (S-LC 4.2)."""

    def __init__(self, count: int = 5) -> None:
        self.count = count

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or getattr(user, "pk", None) is None:
            return
        from django.contrib.auth.hashers import check_password

        from .models import PasswordHistory

        hashes = list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[: self.count])
        from django.contrib.auth import get_user_model

        stored = get_user_model()._default_manager.filter(pk=user.pk).values_list("password", flat=True).first()
        if stored:
            hashes.append(stored)
        if any(check_password(password, hashed) for hashed in hashes if hashed):
            raise ValidationError(
                _("Không được dùng lại %(count)d mật khẩu gần nhất.") % {"count": self.count},
                code="password_reused",
            )

    def get_help_text(self) -> str:
        return _("Không được dùng lại %(count)d mật khẩu gần nhất.") % {"count": self.count}


# --- expiry and forced change ------------------------------------------------------------------


def max_age_days(user: Any) -> int:
    from django.conf import settings

    if is_administrator(user):
        return int(getattr(settings, "PASSWORD_MAX_AGE_ADMIN_DAYS", 90))
    return int(getattr(settings, "PASSWORD_MAX_AGE_DAYS", 180))


def warning_days() -> int:
    from django.conf import settings

    return int(getattr(settings, "PASSWORD_EXPIRY_WARNING_DAYS", 14))


def state_of(user: Any) -> Any:
    from .models import AccountState

    state, _created = AccountState.objects.get_or_create(user=user, defaults={"password_changed_at": user.date_joined})
    return state


def expires_at(user: Any) -> Any:
    import datetime

    changed = state_of(user).password_changed_at or user.date_joined
    return changed + datetime.timedelta(days=max_age_days(user))


def days_left(user: Any) -> int:
    from django.utils import timezone

    return (expires_at(user) - timezone.now()).days


def change_required(user: Any) -> str | None:
    """Why the user must change their password before going on, or None."""
    from django.utils import timezone

    if not getattr(user, "is_authenticated", False) or not user.has_usable_password():
        return None
    if state_of(user).must_change_password:
        return _("Anh/chị cần đổi mật khẩu trước khi tiếp tục (lần đăng nhập đầu hoặc mật khẩu do quản trị viên đặt).")
    if expires_at(user) <= timezone.now():
        return _("Mật khẩu đã quá %(days)d ngày, cần đổi mật khẩu mới.") % {"days": max_age_days(user)}
    return None


def track_password_change(user: Any) -> None:
    """Before a user is saved: remember whether the password hash is being changed."""
    if user.pk is None:
        user._password_was_set = bool(user.password)
        return
    from django.contrib.auth import get_user_model

    old = get_user_model()._default_manager.filter(pk=user.pk).values_list("password", flat=True).first()
    user._password_was_set = old != user.password


def after_user_saved(user: Any, created: bool) -> None:
    """Record a new password: its hash for the history, its date, and whether it must be changed.

    Set by someone else (an administrator creating the account or resetting it) → the user must
    change it at the next login (S-HD 13.1.a). Set by the user, by e-mail reset or by code → not.
    """
    from django.utils import timezone

    from . import context
    from .models import AccountState, PasswordHistory

    if not getattr(user, "_password_was_set", False):
        if created:
            AccountState.objects.get_or_create(user=user, defaults={"password_changed_at": timezone.now()})
        return
    user._password_was_set = False
    actor = context.current().user
    by_someone_else = getattr(actor, "is_authenticated", False) and actor.pk != user.pk
    AccountState.objects.update_or_create(
        user=user, defaults={"password_changed_at": timezone.now(), "must_change_password": by_someone_else}
    )
    if user.has_usable_password():
        PasswordHistory.objects.create(user=user, password=user.password)
