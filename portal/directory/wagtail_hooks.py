"""Admin URL and menu entry of the units' public contacts screen."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail import hooks


@hooks.register("register_admin_urls")
def _directory_admin_urls() -> list[Any]:
    from django.urls import path

    from .views import UnitContactsEditView, UnitContactsIndexView

    return [
        path("directory/units/", UnitContactsIndexView.as_view(), name="directory_units"),
        path("directory/units/<int:unit_id>/", UnitContactsEditView.as_view(), name="directory_unit_contacts"),
    ]


@hooks.register("register_admin_menu_item")
def _directory_menu_item() -> Any:
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import MenuItem

    from .permissions import contact_units

    class ContactsMenuItem(MenuItem):
        def is_shown(self, request: HttpRequest) -> bool:
            return contact_units(request.user).exists()

    return ContactsMenuItem(_("Liên hệ công khai"), reverse("directory_units"), icon_name="mail", order=340)
