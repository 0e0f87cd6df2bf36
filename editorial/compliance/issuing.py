"""Issuing a report: number it, render it, store the exact bytes with a checksum, and send it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from security import audit

from . import exports
from .enums import ReportFormat
from .models import IssuedReport, ReportingSettings
from .report import ComplianceReport
from .rules import in_sentence

NUMBER_ATTEMPTS = 5


def _next_number(year: int) -> int:
    return (IssuedReport.objects.filter(year=year).aggregate(top=Max("number"))["top"] or 0) + 1


def issue(
    report: ComplianceReport, formats: list[str], *, user: Any = None, source: str, recipients: str = ""
) -> list[IssuedReport]:
    """Store the report as sent, one record per format under one number (the next of the year)."""
    unknown = [fmt for fmt in formats if fmt not in ReportFormat.values]
    if unknown or not formats:
        raise ValueError(f"Unknown format: {unknown}")
    issued_on = timezone.localdate()
    for _attempt in range(NUMBER_ATTEMPTS):
        number = _next_number(issued_on.year)
        files = {fmt: exports.render(report, fmt, number=str(number), issued_on=issued_on) for fmt in formats}
        try:
            with transaction.atomic():
                issued = [
                    IssuedReport.objects.create(
                        number=number,
                        year=issued_on.year,
                        period_start=report.period.start,
                        period_end=report.period.end,
                        period_label=report.period.label,
                        format=fmt,
                        source=source,
                        issued_by=user if getattr(user, "pk", None) else None,
                        filename=exports.filename(report, fmt, number),
                        content=content,
                        recipients=recipients,
                    )
                    for fmt, content in files.items()
                ]
                for item in issued:
                    audit.record("report.export", item, changes={"period": item.period_label, "sha256": item.sha256})
                return issued
        except IntegrityError:
            continue
    raise RuntimeError("Could not allocate a report number")


def send(issued: list[IssuedReport], recipients: list[str]) -> int:
    """E-mail issued files (one message, every format attached) to the configured recipients."""
    if not recipients or not issued:
        return 0
    config = ReportingSettings.load()
    first = issued[0]
    with override("vi"):
        subject = _("[Cổng TTĐT] Báo cáo tần suất cập nhật – %(period)s") % {"period": first.period_label}
        body = _(
            "Kính gửi: %(addressees)s.\n\n%(issuer)s gửi báo cáo tình hình cập nhật thông tin trên Cổng thông tin "
            "điện tử tỉnh và các cổng thành phần, %(period)s (số %(number)s/%(suffix)s), đính kèm thư này.\n\n"
            "Mã kiểm tra SHA-256 của từng tệp:\n%(checksums)s\n"
        ) % {
            "addressees": "; ".join(ReportingSettings.lines(config.addressees)),
            "issuer": config.issuer.capitalize(),
            "period": in_sentence(first.period_label),
            "number": first.number,
            "suffix": config.number_suffix,
            "checksums": "\n".join(f"- {item.filename}: {item.sha256}" for item in issued),
        }
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    for item in issued:
        message.attach(item.filename, bytes(item.content), exports.CONTENT_TYPES[item.format])
    return message.send()
