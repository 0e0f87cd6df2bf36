"""Projects, investment, bidding and public procurement (dự án, đầu tư, đấu thầu, mua sắm công), category 8."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "portal.procurement"
    label = "procurement"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Dự án, đấu thầu, mua sắm công")
