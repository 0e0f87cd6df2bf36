from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Biên tập")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signal_handlers  # noqa: F401
        from .compliance import signal_handlers as compliance_signal_handlers  # noqa: F401
        from .royalties import signal_handlers as royalty_signal_handlers  # noqa: F401
