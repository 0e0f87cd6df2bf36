from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """The security rules of Vietnamese state systems: accounts, passwords, lockout, audit, uploads."""

    name = "security"
    verbose_name = _("An toàn thông tin")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signal_handlers  # noqa: F401
        from .integrity import signal_handlers as integrity_signal_handlers  # noqa: F401
