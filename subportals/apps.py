from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubportalsConfig(AppConfig):
    name = "subportals"
    verbose_name = _("Cổng thành phần")
    default_auto_field = "django.db.models.BigAutoField"
