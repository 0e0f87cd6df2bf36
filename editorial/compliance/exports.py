"""The compliance report as files: a table for CSV and XLSX, an administrative report for PDF."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from editorial.documents import AdministrativeDocument, Signature, Table, render_pdf, to_csv, to_xlsx

from .enums import ReportFormat
from .models import ReportingSettings
from .report import ComplianceReport, UnitRow
from .rules import in_sentence

CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.CSV: "text/csv; charset=utf-8",
}
MAX_MISSED_LISTED = 12


def columns() -> list[str]:
    return [
        _("STT"),
        _("Đơn vị"),
        _("Quy định"),
        _("Số lần cập nhật"),
        _("Tối thiểu phải có"),
        _("Số kỳ không đạt"),
        _("Các ngày/tuần không đạt"),
        _("Tỷ lệ đạt (%)"),
        _("Cập nhật gần nhất"),
        _("Kết quả"),
    ]


def _missed_text(row: UnitRow) -> str:
    labels = [bucket.label for bucket in row.evaluation.missed_buckets]
    if len(labels) > MAX_MISSED_LISTED:
        more = len(labels) - MAX_MISSED_LISTED
        labels = labels[:MAX_MISSED_LISTED] + [_("và %(n)s kỳ khác") % {"n": more}]
    return "; ".join(labels)


def _verdict(row: UnitRow) -> str:
    if row.failing:
        return _("Không đạt")
    if row.evaluation.judged:
        return _("Đạt")
    return _("Chưa đánh giá")


def table_rows(report: ComplianceReport, *, typed: bool = False) -> list[list[Any]]:
    """One row per unit, failing units first; ``typed`` keeps numbers as numbers (XLSX, CSV)."""
    rows = []
    for index, row in enumerate(report.rows, start=1):
        evaluation = row.evaluation
        percent = evaluation.percent
        last = timezone.localtime(row.last_update).strftime("%d/%m/%Y %H:%M") if row.last_update else "—"
        values: list[Any] = [
            index,
            row.unit.name_vi,
            row.rule.describe(),
            evaluation.updates,
            evaluation.required,
            evaluation.missed,
            _missed_text(row),
            percent if percent is not None else "—",
            last,
            _verdict(row),
        ]
        if not typed:
            values = [
                str(value) if not isinstance(value, float) else f"{value:.1f}".replace(".", ",") for value in values
            ]
        rows.append(values)
    return rows


def title_lines(report: ComplianceReport) -> list[str]:
    return [
        _("BÁO CÁO TÌNH HÌNH CẬP NHẬT THÔNG TIN TRÊN CỔNG THÔNG TIN ĐIỆN TỬ TỈNH VÀ CÁC CỔNG THÀNH PHẦN"),
        report.period.label,
        _("Số liệu đến ngày %(day)s") % {"day": f"{min(report.period.end, report.today):%d/%m/%Y}"},
    ]


def summary_paragraphs(report: ComplianceReport) -> list[str]:
    failing = report.failing
    paragraphs = [
        _(
            "Thực hiện Điều 11 Quy chế hoạt động của Cổng thông tin điện tử tỉnh, Ban Biên tập báo cáo tình hình "
            "cập nhật thông tin của Cổng thông tin điện tử tỉnh và các cổng thành phần trong %(period)s như sau:"
        )
        % {"period": in_sentence(report.period.label)},
        _(
            "Yêu cầu: Cổng thông tin điện tử tỉnh cập nhật ít nhất một lần mỗi ngày làm việc; mỗi cổng thành phần "
            "cập nhật ít nhất hai lần mỗi tuần. Số lần cập nhật tính theo thời điểm xuất bản thực tế; ngày làm việc "
            "tính theo lịch nghỉ lễ, Tết và ngày làm bù do Nhà nước công bố."
        ),
        _(
            "Kết quả: %(total)s đơn vị được theo dõi; %(passing)s đơn vị đạt; %(failing)s đơn vị không đạt "
            "(xếp đầu bảng dưới đây)."
        )
        % {"total": len(report.rows), "passing": len(report.passing), "failing": len(failing)},
    ]
    if failing:
        names = ", ".join(row.unit.name_vi for row in failing)
        paragraphs.append(_("Đề nghị các đơn vị sau khắc phục ngay: %(names)s.") % {"names": names})
    return paragraphs


def to_document(report: ComplianceReport, *, number: str, issued_on: datetime.date) -> AdministrativeDocument:
    config = ReportingSettings.load()
    emphasised = frozenset(index for index, row in enumerate(report.rows) if row.failing)
    table = Table(
        columns=columns(),
        rows=table_rows(report),
        widths=[0.6, 3.2, 1.8, 1.2, 1.2, 1.0, 3.0, 1.1, 1.6, 1.2],
        numeric_columns=frozenset({0, 3, 4, 5, 7}),
        emphasised_rows=emphasised,
    )
    recipients = [_("Như trên;"), *(f"{line};" for line in ReportingSettings.lines(config.copies_to)), _("Lưu: VT.")]
    return AdministrativeDocument(
        issuer_parent=config.issuer_parent,
        issuer=config.issuer,
        number=_("Số: %(number)s/%(suffix)s") % {"number": number, "suffix": config.number_suffix},
        place=config.place,
        date=issued_on,
        kind=_("BÁO CÁO"),
        title=_("Tình hình cập nhật thông tin trên Cổng thông tin điện tử tỉnh và các cổng thành phần, %(period)s")
        % {"period": in_sentence(report.period.label)},
        addressees=ReportingSettings.lines(config.addressees),
        body=[*summary_paragraphs(report), table],
        recipients=recipients,
        signatures=[Signature(title=config.signer_title, name=config.signer_name, capacity=config.signer_capacity)],
        landscape=True,
    )


def render(report: ComplianceReport, fmt: str, *, number: str = "", issued_on: datetime.date | None = None) -> bytes:
    """The report file in one format; always in Vietnamese, the language of the administration."""
    issued_on = issued_on or timezone.localdate()
    with override("vi"):
        if fmt == ReportFormat.PDF:
            return render_pdf(to_document(report, number=number or "…", issued_on=issued_on))
        if fmt == ReportFormat.XLSX:
            return to_xlsx(
                columns(),
                table_rows(report, typed=True),
                title_lines=title_lines(report),
                sheet_name=report.period.key,
                numeric_columns=frozenset({0, 3, 4, 5, 7}),
                emphasised_rows=frozenset(index for index, row in enumerate(report.rows) if row.failing),
            )
        if fmt == ReportFormat.CSV:
            return to_csv(columns(), table_rows(report, typed=True), title_lines=title_lines(report))
    raise ValueError(f"Unknown format: {fmt}")


def filename(report: ComplianceReport, fmt: str, number: int | None = None) -> str:
    prefix = f"{number:03d}-" if number else ""
    return f"{prefix}bao-cao-tan-suat-cap-nhat-{report.period.key.replace('..', '_')}.{fmt}"
