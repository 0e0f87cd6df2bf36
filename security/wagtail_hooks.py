"""Admin wiring of the security app."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import two_factor, views
from .passwords import is_administrator, is_board_head


@hooks.register("register_admin_urls")
def _security_urls() -> list[Any]:
    return [
        path("security/password/", views.password_change, name="security_password_change"),
        path("security/audit-log/", views.audit_log, name="security_audit_log"),
        path("security/lockouts/", views.lockouts, name="security_lockouts"),
        path("security/keepalive/", views.keepalive, name="security_keepalive"),
        path("security/account-review/", views.account_review, name="security_account_review"),
        path("security/incidents/", views.incidents, name="security_incidents"),
        path("security/2fa/setup/", two_factor.setup, name="security_2fa_setup"),
        path("security/2fa/verify/", two_factor.verify, name="security_2fa_verify"),
    ]


@hooks.register("insert_global_admin_js")
def _session_timeout_js() -> str:
    """The idle warning: its settings travel as data attributes, its code as a static file (CSP-friendly)."""
    from django.conf import settings
    from django.templatetags.static import static
    from django.utils.html import format_html
    from django.utils.translation import gettext

    idle = int(settings.SESSION_COOKIE_AGE)
    warn = min(int(getattr(settings, "SESSION_IDLE_WARNING_SECONDS", 60)), idle)
    return format_html(
        '<div id="security-session-timeout" hidden data-idle-seconds="{}" data-warn-seconds="{}" data-message="{}" '
        'data-continue-label="{}" data-keepalive-url="{}" data-login-url="{}"></div><script src="{}" defer></script>',
        idle,
        warn,
        gettext("Phiên làm việc sắp kết thúc do không thao tác. Chọn «Tiếp tục» để giữ phiên."),
        gettext("Tiếp tục làm việc"),
        reverse("security_keepalive"),
        reverse("wagtailadmin_login"),
        static("security/session-timeout.js"),
    )


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.is_superuser


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)


@hooks.register("register_settings_menu_item")
def _audit_log_menu_item() -> MenuItem:
    return SuperuserMenuItem(_("Nhật ký hệ thống"), reverse("security_audit_log"), icon_name="history", order=900)


@hooks.register("register_settings_menu_item")
def _incidents_menu_item() -> MenuItem:
    return AdministratorMenuItem(
        _("Sự cố an toàn thông tin"), reverse("security_incidents"), icon_name="warning", order=903
    )


@hooks.register("register_settings_menu_item")
def _lockouts_menu_item() -> MenuItem:
    return AdministratorMenuItem(_("Tài khoản bị khóa"), reverse("security_lockouts"), icon_name="lock", order=901)


class ReviewMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return is_administrator(request.user) or is_board_head(request.user)


@hooks.register("register_settings_menu_item")
def _account_review_menu_item() -> MenuItem:
    return ReviewMenuItem(_("Rà soát tài khoản"), reverse("security_account_review"), icon_name="user", order=902)


@hooks.register("register_account_menu_item")
def _two_factor_account_item(request: HttpRequest) -> dict[str, Any]:
    return {
        "url": reverse("security_2fa_setup"),
        "label": _("Xác thực hai bước"),
        "help_text": _("Bật hoặc đổi ứng dụng xác thực (bắt buộc với tài khoản quản trị)."),
    }
