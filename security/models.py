"""Accounts' password state, and the hash-chained audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountState(models.Model):
    """What the password policy needs to know about an account."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_state")
    password_changed_at = models.DateTimeField(_("đổi mật khẩu lúc"), null=True, blank=True)
    must_change_password = models.BooleanField(_("phải đổi mật khẩu khi đăng nhập"), default=False)

    class Meta:
        verbose_name = _("trạng thái tài khoản")
        verbose_name_plural = _("trạng thái tài khoản")

    def __str__(self) -> str:
        return str(self.user)


class PasswordHistory(models.Model):
    """Earlier password hashes, so that the last ones are not reused (S-LC 4.2)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class AppendOnlyQuerySet(models.QuerySet):
    """Audit entries are written once: no bulk update or delete (archiving uses ``purge_archived``)."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Nhật ký hệ thống không được sửa.")

    def delete(self) -> Any:
        raise PermissionError("Nhật ký hệ thống không được xóa.")


class AuditEntry(models.Model):
    """One event: who, when, from where, what, and before/after; each entry seals the previous one."""

    sequence = models.PositiveBigIntegerField(_("số thứ tự"), unique=True)
    timestamp = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), on_delete=models.SET_NULL, null=True, blank=True
    )
    actor_name = models.CharField(_("tài khoản"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    action = models.CharField(_("hành động"), max_length=80, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("nhật ký hệ thống")
        verbose_name_plural = _("nhật ký hệ thống")

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Nhật ký hệ thống không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("Nhật ký hệ thống không được xóa.")


class AuditChainHead(models.Model):
    """A single row locked while an entry is appended, so that concurrent writers form one chain."""

    sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"#{self.sequence}"


class AuditArchive(models.Model):
    """Entries moved out after the retention period: the file, its checksum, and the chain's anchor."""

    created_at = models.DateTimeField(_("thời điểm lưu trữ"), auto_now_add=True)
    first_sequence = models.PositiveBigIntegerField()
    last_sequence = models.PositiveBigIntegerField()
    last_hash = models.CharField(max_length=64)
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    entries = models.PositiveIntegerField()

    class Meta:
        ordering = ["-last_sequence"]
        verbose_name = _("bản lưu trữ nhật ký")
        verbose_name_plural = _("bản lưu trữ nhật ký")

    def __str__(self) -> str:
        return f"{self.first_sequence}–{self.last_sequence}"


# The defacement watch (security/integrity): its models belong to this app.
from .integrity.models import Incident, PageFingerprint  # noqa: E402, F401
