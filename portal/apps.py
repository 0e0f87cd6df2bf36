from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Cổng thông tin")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signal_handlers, wagtail_fixes
        from .pagecache import checks  # noqa: F401  (registers the system check)
        from .pagecache import signal_handlers as page_cache_signals  # noqa: F401  (connects them)

        wagtail_fixes.apply()
        signal_handlers.connect()
