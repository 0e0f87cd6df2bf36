from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "portal.directory"
    label = "directory"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Danh bạ thư điện tử và trang thông tin")
