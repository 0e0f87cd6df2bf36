"""Administrative procedures (thủ tục hành chính), category 5 of Article 8 of the portal regulation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "portal.procedures"
    label = "procedures"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Thủ tục hành chính")
