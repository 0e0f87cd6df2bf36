"""Request-level rules: who acts (for the audit log), and the password that must be changed first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import context
from .passwords import change_required

# What a user who must change the password may still open.
OPEN_PATHS = ("/admin/security/password/", "/admin/logout/", "/admin/jsi18n/", "/admin/password_reset/")


# Configuration screens whose mere viewing is logged (S-HD 14.2: viewing the system configuration).
CONFIGURATION_NAMESPACES = frozenset(
    {
        "wagtailsettings",
        "wagtailsites",
        "wagtailusers_users",
        "wagtailusers_groups",
        "wagtailredirects",
        "wagtaillocales",
        "wagtailadmin_workflows",
        "editorial_calendar",
        "wagtailsnippets_subportals_unit",
        # Reading contributors' personal data is logged too (who saw whose bank account).
        "editorial_contributor",
    }
)
CONFIGURATION_VIEWS = frozenset({"security_lockouts", "security_audit_log"})


class AuditContextMiddleware:
    """Binds the request to the audit log's context: the IP now, the user once authenticated."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = context.bind_request(request)
        try:
            return self.get_response(request)
        finally:
            context.reset(token)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> None:
        match = request.resolver_match
        if request.method != "GET" or match is None or not request.user.is_authenticated:
            return
        from . import audit

        export = request.GET.get("export", "")
        if export and match.url_name not in CONFIGURATION_VIEWS and request.path_info.startswith("/admin/"):
            # Wagtail's report spreadsheets (pages, workflows, history…): exports are logged (S-HD 14.2).
            audit.record(
                "report.export",
                object_type=match.view_name[:100],
                object_repr=request.path[:255],
                changes={"format": export[:10], "query": request.GET.urlencode()[:500]},
            )
        if match.namespace in CONFIGURATION_NAMESPACES or match.url_name in CONFIGURATION_VIEWS:
            audit.record(
                "settings.view",
                object_type=match.view_name[:100],
                object_id=str(next(iter(kwargs.values()), ""))[:64],
                object_repr=request.path[:255],
            )


class PasswordPolicyMiddleware:
    """An expired password, or one set by an administrator, is changed before anything else (S-HD 13.1)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        path = request.path_info
        if (
            user is not None
            and user.is_authenticated
            and path.startswith("/admin/")
            and not path.startswith(OPEN_PATHS)
        ):
            reason = change_required(user)
            if reason:
                messages.warning(request, reason)
                return redirect(f"{reverse('security_password_change')}?next={request.get_full_path()[:500]}")
        return self.get_response(request)
