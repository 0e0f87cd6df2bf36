"""Admin screens of the security app: changing one's password, lockouts, the audit log."""

from __future__ import annotations

import csv
import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from editorial.documents.tabular import csv_cell

from . import audit
from .models import AuditEntry


def password_change(request: HttpRequest) -> HttpResponse:
    """The one place a forced or expired password is changed; the validators apply in full."""
    next_url = request.POST.get("next") or request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}) or not next_url.startswith("/admin/"):
        next_url = "/admin/"
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect(next_url)
    context = {"form": form, "next": next_url, "page_title": _("Đổi mật khẩu"), "header_icon": "key"}
    return render(request, "security/password_change.html", context, status=400 if form.errors else 200)


def can_read_audit_log(user: Any) -> bool:
    return user.is_superuser


CSV_COLUMNS = [
    "sequence",
    "timestamp",
    "actor",
    "ip",
    "action",
    "object_type",
    "object_id",
    "object",
    "changes",
    "hash",
]
FILTERS = ("action", "actor", "ip", "date_from", "date_to")


def _entries(request: HttpRequest) -> Any:
    queryset = AuditEntry.objects.select_related("actor")
    params = {key: request.GET.get(key, "").strip()[:100] for key in FILTERS}
    if params["action"]:
        queryset = queryset.filter(action__startswith=params["action"])
    if params["actor"]:
        queryset = queryset.filter(actor_name__icontains=params["actor"])
    if params["ip"]:
        queryset = queryset.filter(ip__startswith=params["ip"])
    for key, lookup in (("date_from", "timestamp__date__gte"), ("date_to", "timestamp__date__lte")):
        try:
            if params[key]:
                queryset = queryset.filter(**{lookup: datetime.date.fromisoformat(params[key])})
        except ValueError:
            params[key] = ""
    return queryset, params


def audit_log(request: HttpRequest) -> HttpResponse:
    """Read-only: there is no edit or delete door; exporting is itself logged."""
    if not can_read_audit_log(request.user):
        raise PermissionDenied
    queryset, params = _entries(request)
    if request.GET.get("export") == "csv":
        audit.record("audit.export", object_type="security.auditentry", changes={"filters": params})
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="nhat-ky-he-thong.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for entry in queryset.order_by("sequence").iterator(chunk_size=2000):
            cells = [
                entry.sequence,
                entry.timestamp.isoformat(),
                entry.actor_name,
                entry.ip or "",
                entry.action,
                entry.object_type,
                entry.object_id,
                entry.object_repr,
                entry.changes,
                entry.hash,
            ]
            writer.writerow([csv_cell(cell) for cell in cells])
        return response
    page = Paginator(queryset, 100).get_page(request.GET.get("p"))
    context = {"page_title": _("Nhật ký hệ thống"), "header_icon": "history", "entries": page, "params": params}
    return render(request, "security/audit_log.html", context)


def lockouts(request: HttpRequest) -> HttpResponse:
    """Accounts and addresses locked after repeated failures; an administrator may unlock them."""
    from axes.models import AccessAttempt
    from axes.utils import reset
    from django.conf import settings

    from .passwords import is_administrator

    if not is_administrator(request.user):
        raise PermissionDenied
    if request.method == "POST":
        username = request.POST.get("username", "")[:150]
        ip = request.POST.get("ip", "")[:45]
        removed = reset(username=username) if username else reset(ip=ip) if ip else 0
        if removed:
            audit.record("auth.unlock", object_type="auth.user", object_repr=username or ip, changes={"ip": ip})
            messages.success(request, _("Đã mở khóa %(who)s.") % {"who": username or ip})
        else:
            messages.error(request, _("Không có khóa nào để mở."))
        return redirect("security_lockouts")
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by(
        "-attempt_time"
    )
    context = {"page_title": _("Tài khoản bị khóa"), "header_icon": "lock", "attempts": attempts[:500]}
    return render(request, "security/lockouts.html", context)


def keepalive(request: HttpRequest) -> HttpResponse:
    """Any admin request refreshes the idle timer (SESSION_SAVE_EVERY_REQUEST); this one does only that."""
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


REVIEW_COLUMNS = [
    "Tài khoản",
    "Họ tên",
    "Thư điện tử",
    "Hoạt động",
    "Đơn vị",
    "Nhóm",
    "Đăng nhập lần cuối",
    "Quyền",
]


def review_csv(rows: list[Any]) -> bytes:
    from editorial.documents import to_csv

    values = [
        [
            row.username,
            row.full_name,
            row.email,
            "có" if row.active else "không",
            row.units,
            row.groups,
            row.last_login.strftime("%d/%m/%Y %H:%M") if row.last_login else "",
            row.rights,
        ]
        for row in rows
    ]
    return to_csv(REVIEW_COLUMNS, values)


def account_review(request: HttpRequest) -> HttpResponse:
    """Administrators see every account; a board head sees the accounts of their own units."""
    from subportals.enums import EditorialRole
    from subportals.models import Unit

    from .accounts import review_rows
    from .passwords import is_administrator

    if is_administrator(request.user):
        units = None
    else:
        units = Unit.objects.filter(
            role_groups__role=EditorialRole.BOARD_HEAD, role_groups__group__user=request.user
        ).distinct()
        if not units.exists():
            raise PermissionDenied
    rows = review_rows(units)
    if request.GET.get("export") == "csv":
        audit.record("personal_data.export", object_type="auth.user", changes={"rows": len(rows)})
        response = HttpResponse(review_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="ra-soat-tai-khoan.csv"'
        response["Cache-Control"] = "private, no-store"
        return response
    context = {"page_title": _("Rà soát tài khoản"), "header_icon": "user", "rows": rows, "columns": REVIEW_COLUMNS}
    return render(request, "security/account_review.html", context)


def incidents(request: HttpRequest) -> HttpResponse:
    """Security incidents (defacement, page errors): administrators take them in hand and close them."""
    from .integrity.models import Incident
    from .integrity.services import acknowledge_incident, resolve_incident
    from .passwords import is_administrator

    if not is_administrator(request.user):
        raise PermissionDenied
    if request.method == "POST":
        raw_id = request.POST.get("incident", "")
        incident = Incident.objects.filter(pk=int(raw_id)).first() if raw_id.isdigit() and len(raw_id) < 12 else None
        action = request.POST.get("action")
        note = request.POST.get("note", "").strip()[:2000]
        if incident is None or action not in ("acknowledge", "resolve"):
            messages.error(request, _("Không tìm thấy sự cố hoặc thao tác không hợp lệ."))
        elif action == "resolve" and not note:
            messages.error(request, _("Khi đóng sự cố cần ghi rõ cách đã xử lý."))
        elif action == "acknowledge":
            acknowledge_incident(incident, request.user)
            audit.record("incident.acknowledge", incident)
            messages.success(request, _("Đã tiếp nhận sự cố #%(id)s.") % {"id": incident.pk})
        else:
            resolve_incident(incident, request.user, note=note)
            audit.record("incident.resolve", incident, changes={"note": note})
            messages.success(request, _("Đã đóng sự cố #%(id)s.") % {"id": incident.pk})
        return redirect("security_incidents")
    page = Paginator(Incident.objects.order_by("-detected_at"), 30).get_page(request.GET.get("p"))
    context = {"page_title": _("Sự cố an toàn thông tin"), "header_icon": "warning", "incidents": page}
    return render(request, "security/incidents.html", context)
