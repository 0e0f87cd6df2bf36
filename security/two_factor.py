"""TOTP two-factor authentication (django-otp): optional for everyone, required for administrators.

After the password, a user with a confirmed device enters the 6-digit code of their
authenticator app before anything else in the admin; an administrator without a device is
taken to enrolment first. Codes are accepted once (django-otp remembers the last step used),
within ``TOTP_TOLERANCE_STEPS`` steps of 30 s (0 by default), and a wrong code slows the next
attempts down (django-otp's throttling).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .passwords import is_administrator

OPEN_PATHS = ("/admin/security/2fa/", "/admin/logout/", "/admin/jsi18n/")


def required_for(user: Any) -> bool:
    return bool(getattr(settings, "TOTP_REQUIRED_FOR_ADMINISTRATORS", True)) and is_administrator(user)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực 6 chữ số"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}),
        error_messages={
            "min_length": gettext_lazy("Mã xác thực gồm đúng 6 chữ số."),
            "max_length": gettext_lazy("Mã xác thực gồm đúng 6 chữ số."),
            "required": gettext_lazy("Nhập mã 6 chữ số trong ứng dụng xác thực."),
        },
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not code.isdigit() or not code.isascii():
            raise forms.ValidationError(_("Mã xác thực gồm đúng 6 chữ số."))
        return code


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/admin/"
    return target if target.startswith("/admin/") and not target.startswith("//") else "/admin/"


def _check(device: TOTPDevice, code: str) -> str | None:
    """None when the code is right; otherwise the message to show."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        return _("Nhập sai quá nhiều lần; đợi một lát rồi thử lại.")
    if device.verify_token(code):
        return None
    return _("Mã xác thực không đúng hoặc đã dùng.")


def setup(request: HttpRequest) -> HttpResponse:
    """Enrolment: a new secret shown as a QR code and as text, confirmed by one valid code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user,
            name=_("Ứng dụng xác thực"),
            confirmed=False,
            tolerance=int(getattr(settings, "TOTP_TOLERANCE_STEPS", 0)),
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = _check(device, form.cleaned_data["code"])
        if problem is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            otp_login(request, device)
            audit.record("auth.2fa_enrolled", request.user)
            messages.success(request, _("Đã bật xác thực hai bước."))
            return redirect(_next(request))
        form.add_error("code", problem)
        audit.record("auth.2fa_failed", request.user)
    qr = segno.make(device.config_url, error="m")
    context = {
        "page_title": _("Bật xác thực hai bước"),
        "header_icon": "key",
        "form": form,
        "qr_svg": format_html("{}", qr.svg_inline(scale=4, title=_("Mã QR cho ứng dụng xác thực"))),
        "secret": device.config_url.split("secret=", 1)[1].split("&", 1)[0],
        "next": _next(request),
        "required": required_for(request.user),
    }
    return render(request, "security/two_factor_setup.html", context, status=400 if form.errors else 200)


def verify(request: HttpRequest) -> HttpResponse:
    """The second step of every login for users with a device."""
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not devices:
        return redirect(f"{reverse('security_2fa_setup')}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            if _check(device, form.cleaned_data["code"]) is None:
                otp_login(request, device)
                audit.record("auth.2fa_verified", request.user)
                return redirect(_next(request))
        form.add_error("code", _check(devices[0], "x") or _("Mã xác thực không đúng hoặc đã dùng."))
        audit.record("auth.2fa_failed", request.user)
    context = {"page_title": _("Xác thực hai bước"), "header_icon": "key", "form": form, "next": _next(request)}
    return render(request, "security/two_factor_verify.html", context, status=400 if form.errors else 200)


class TwoFactorMiddleware:
    """Until the second factor is given, the admin shows nothing but the 2FA screens (after OTPMiddleware)."""

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
            and not user.is_verified()
        ):
            if user_has_device(user):
                return redirect(f"{reverse('security_2fa_verify')}?next={request.get_full_path()[:500]}")
            if required_for(user):
                messages.warning(request, _("Tài khoản quản trị phải bật xác thực hai bước trước khi tiếp tục."))
                return redirect(f"{reverse('security_2fa_setup')}?next={request.get_full_path()[:500]}")
        return self.get_response(request)
