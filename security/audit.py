"""The audit log (S-HD 14): append an entry, verify the chain, describe objects and their changes.

Each entry's hash covers its own fields and the previous entry's hash, so editing, deleting or
reordering any entry in the database breaks the chain from that point on, and
``manage.py verify_audit_log`` says where. Appending locks a single head row, so concurrent
writers on PostgreSQL still form one chain.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from . import context
from .models import AuditArchive, AuditChainHead, AuditEntry

GENESIS = "0" * 64
# Never written to the log, whatever the model: secrets and the personal data of accounting.
# Substrings of field names never written to the log: secrets, and contributors' personal data (royalties).
REDACTED_FIELDS = frozenset({"password", "id_number", "tax_code", "bank_", "personal_", "token", "secret", "key"})
MAX_VALUE_LENGTH = 2000
PLAIN_TYPES = (str, int, float, bool, type(None), datetime.date, datetime.time, decimal.Decimal, uuid.UUID, list, dict)


def _normalise(value: Any) -> Any:
    """JSON as it comes back from the database, so that the hash is the same before and after saving."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def _clip(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_VALUE_LENGTH:
        return value[:MAX_VALUE_LENGTH] + "…"
    return value


def compute_hash(fields: dict[str, Any], previous_hash: str) -> str:
    payload = json.dumps({**fields, "previous_hash": previous_hash}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def hashed_fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "sequence": entry.sequence,
        "timestamp": entry.timestamp.astimezone(datetime.UTC).isoformat(),
        "actor_id": entry.actor_id,
        "actor_name": entry.actor_name,
        "ip": entry.ip,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "changes": entry.changes,
    }


def record(
    action: str,
    obj: Any = None,
    *,
    changes: dict[str, Any] | None = None,
    user: Any = None,
    ip: str | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    actor_name: str = "",
) -> AuditEntry:
    """Append one entry; the actor and IP come from the current request unless given."""
    actor = context.current()
    user = user if user is not None else actor.user
    if not getattr(user, "is_authenticated", False):
        user = None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk or "")
        object_repr = object_repr or _safe_str(obj)
    # No savepoint: an entry that cannot be written fails the whole change it belongs to.
    with transaction.atomic(savepoint=False):
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head, _created = AuditChainHead.objects.get_or_create(pk=1)
        entry = AuditEntry(
            sequence=head.sequence + 1,
            timestamp=timezone.now(),
            actor=user,
            actor_name=(actor_name or (user.get_username() if user else ""))[:150],
            ip=ip if ip is not None else actor.ip,
            action=action[:80],
            object_type=object_type[:100],
            object_id=object_id[:64],
            object_repr=object_repr[:255],
            changes=_normalise(changes or {}),
            previous_hash=head.last_hash,
        )
        entry.hash = compute_hash(hashed_fields(entry), entry.previous_hash)
        entry.save()
        head.sequence, head.last_hash = entry.sequence, entry.hash
        head.save(update_fields=["sequence", "last_hash"])
    return entry


def _safe_str(obj: Any) -> str:
    """How the log names an object: ``audit_repr()`` when the model has one (never a citizen's text)."""
    try:
        return str(obj.audit_repr() if hasattr(obj, "audit_repr") else obj)[:255]
    except Exception:
        return f"{obj._meta.label} #{obj.pk}"


def snapshot(obj: Any) -> dict[str, Any]:
    """The concrete field values of a model instance, secrets left out.

    A model's ``AUDIT_TEXT_FIELDS`` (free text a citizen typed, which may hold a name or a phone
    number) are logged as their length only, ``<name>_length``.
    """
    data = {}
    text_only_length = getattr(obj, "AUDIT_TEXT_FIELDS", ())
    for field in obj._meta.concrete_fields:
        name = field.attname
        if any(secret in name for secret in REDACTED_FIELDS):
            continue
        if name in text_only_length:
            data[f"{name}_length"] = len(field.value_from_object(obj) or "")
            continue
        value = field.value_from_object(obj)
        if not isinstance(value, PLAIN_TYPES):
            value = field.value_to_string(obj)
        data[name] = _clip(value)
    return _normalise(data)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Fields whose value changed, as {"field": [before, after]}."""
    return {key: [before.get(key), value] for key, value in after.items() if before.get(key) != value}


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    message: str


def anchor() -> tuple[int, str]:
    """Where the chain in the database starts: after the last archive, or at the beginning."""
    archive = AuditArchive.objects.order_by("-last_sequence").first()
    return (archive.last_sequence, archive.last_hash) if archive else (0, GENESIS)


def verify(chunk_size: int = 2000) -> Iterator[ChainProblem]:
    """Every break in the chain: a changed entry, a missing one, a reordered one."""
    expected_sequence, previous_hash = anchor()
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=chunk_size):
        expected_sequence += 1
        if entry.sequence != expected_sequence:
            yield ChainProblem(entry.sequence, f"thiếu mục {expected_sequence}–{entry.sequence - 1}")
            expected_sequence = entry.sequence
        if entry.previous_hash != previous_hash:
            yield ChainProblem(entry.sequence, "không nối với mục trước (mục trước đã bị sửa, xóa hoặc chèn)")
        if compute_hash(hashed_fields(entry), entry.previous_hash) != entry.hash:
            yield ChainProblem(entry.sequence, "nội dung đã bị sửa sau khi ghi")
        previous_hash = entry.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and head.sequence != expected_sequence:
        yield ChainProblem(head.sequence, f"các mục cuối đã bị xóa (mục cuối còn lại: {expected_sequence})")


def purge_archived(up_to_sequence: int) -> int:
    """Remove entries already written to an archive file (the only deletion the log allows)."""
    if not AuditArchive.objects.filter(last_sequence__gte=up_to_sequence).exists():
        raise PermissionError("Chỉ được xóa các mục đã lưu trữ.")
    queryset = AuditEntry.objects.filter(sequence__lte=up_to_sequence)
    return queryset._raw_delete(queryset.db)
