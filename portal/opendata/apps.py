from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "portal.opendata"
    label = "opendata"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Dữ liệu mở và thống kê")
