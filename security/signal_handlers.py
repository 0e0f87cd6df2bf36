"""Signal handlers of the security app (wired in SecurityConfig.ready): the audit log and password state."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from axes.signals import user_locked_out
from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from . import audit, context, passwords

# Technical tables that change on their own or hold the log itself: not audited row by row.
UNAUDITED_APPS = frozenset({"sessions", "contenttypes", "axes", "security", "wagtailsearch", "admin", "migrations"})
UNAUDITED_MODELS = frozenset(
    {
        "auth.permission",
        "wagtailcore.referenceindex",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailimages.rendition",
        "wagtailadmin.editingsession",
        "wagtail_localize.string",
        "wagtail_localize.stringsegment",
        "wagtail_localize.template",
        "wagtail_localize.templatesegment",
        "wagtail_localize.relatedobjectsegment",
        "wagtail_localize.overridablesegment",
        "wagtail_localize.translationcontext",
        "wagtail_localize.translationsource",
        "wagtail_localize.translationlog",
        "wagtail_localize.segmentoverride",
    }
)
# Content with its own revision history: the log says what happened, the revisions say how.
NO_DIFF_MODELS = frozenset({"wagtailcore.page", "wagtailcore.revision"})


@lru_cache(maxsize=512)
def _audited(sender: type) -> bool:
    meta = sender._meta
    if meta.app_label in UNAUDITED_APPS or meta.label_lower in UNAUDITED_MODELS:
        return False
    try:  # Historical models of migrations are not the registered classes: skip them.
        return apps.get_model(meta.label) is sender
    except LookupError:
        return False


def _diffable(sender: type) -> bool:
    return not any(parent._meta.label_lower in NO_DIFF_MODELS for parent in (sender, *sender._meta.get_parent_list()))


@receiver(pre_save, dispatch_uid="security_audit_before")
def _before_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or not _audited(sender):
        return
    if sender is get_user_model():
        passwords.track_password_change(instance)
    if instance.pk is not None and _diffable(sender):
        old = sender._default_manager.filter(pk=instance.pk).first()
        instance._audit_before = audit.snapshot(old) if old is not None else None


@receiver(post_save, dispatch_uid="security_audit_save")
def _after_save(sender: Any, instance: Any, created: bool = False, raw: bool = False, **kwargs: Any) -> None:
    if raw or not _audited(sender):
        return
    if sender is get_user_model():
        passwords.after_user_saved(instance, created)
    if created:
        changes = {"after": audit.snapshot(instance)} if _diffable(sender) else {}
        audit.record("model.create", instance, changes=changes)
        return
    before = getattr(instance, "_audit_before", None)
    changes = audit.diff(before, audit.snapshot(instance)) if before is not None else {}
    if before is not None and not changes:
        return  # Saved without changing anything.
    audit.record("model.update", instance, changes={"changed": changes} if changes else {})


@receiver(post_delete, dispatch_uid="security_audit_delete")
def _after_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not _audited(sender):
        return
    changes = {"before": audit.snapshot(instance)} if _diffable(sender) else {}
    audit.record("model.delete", instance, changes=changes)


@receiver(m2m_changed, dispatch_uid="security_audit_m2m")
def _membership_changed(sender: Any, instance: Any, action: str, model: Any, pk_set: Any, **kwargs: Any) -> None:
    """Groups of a user, permissions of a group or user: changes of access rights (S-HD 14.2)."""
    if action not in ("post_add", "post_remove", "post_clear") or not _audited(type(instance)):
        return
    field = sender._meta.db_table
    names = sorted(str(obj) for obj in model._default_manager.filter(pk__in=pk_set or [])) if pk_set else []
    audit.record("access.change", instance, changes={"relation": field, "operation": action[5:], "items": names})


@receiver(user_logged_in, dispatch_uid="security_audit_login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit.record("auth.login", user, user=user)
    left = passwords.days_left(user)
    if request is not None and 0 <= left <= passwords.warning_days():
        messages.warning(
            request,
            _("Mật khẩu của anh/chị sẽ hết hạn sau %(days)d ngày; hãy đổi mật khẩu mới.") % {"days": left},
            fail_silently=True,
        )


@receiver(user_logged_out, dispatch_uid="security_audit_logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record("auth.logout", user, user=user)


@receiver(user_login_failed, dispatch_uid="security_audit_login_failed")
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username") or "")[:150]
    audit.record(
        "auth.login_failed",
        object_type="auth.user",
        object_repr=username,
        actor_name=username,
        ip=context.client_ip(request) if request is not None else None,
    )


@receiver(user_locked_out, dispatch_uid="security_audit_lockout")
def _locked_out(
    sender: Any, request: Any = None, username: str | None = None, ip_address: str | None = None, **kw: Any
) -> None:
    audit.record(
        "auth.lockout",
        object_type="auth.user",
        object_repr=str(username or "")[:255],
        actor_name=str(username or "")[:150],
        ip=ip_address,
    )


def _mirror_wagtail_log(sender: Any, instance: Any, created: bool = False, raw: bool = False, **kwargs: Any) -> None:
    """Wagtail's own log entries (publish, workflow, privacy, …) join the chain with the client's IP."""
    if raw or not created:
        return
    audit.record(
        instance.action,
        user=instance.user,
        object_type=instance.content_type.app_labeled_name if instance.content_type_id else "",
        object_id=str(instance.object_id),
        object_repr=instance.label,
        changes=instance.data or {},
    )


for _model_label in ("wagtailcore.PageLogEntry", "wagtailcore.ModelLogEntry"):
    post_save.connect(_mirror_wagtail_log, sender=_model_label, dispatch_uid=f"security_mirror_{_model_label}")
