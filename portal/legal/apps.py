"""Legal documents (văn bản pháp luật), category 4 of Article 8 of the portal regulation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "portal.legal"
    label = "legal"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Văn bản pháp luật")
