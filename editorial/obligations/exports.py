"""The obligations matrix as files (XLSX, PDF) through the shared report layer (editorial.documents)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from editorial.compliance.models import ReportingSettings
from editorial.documents import AdministrativeDocument, Signature, Table, render_pdf, to_xlsx

from .enums import ExportFormat, Status
from .services import Matrix

CONTENT_TYPES = {
    ExportFormat.PDF: "application/pdf",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _mark(status: str) -> str:
    """Short marks for the PDF grid (a legend explains them)."""
    return {Status.OK: "Đ", Status.FAILED: "KĐ"}.get(status, "—")


def title_lines(matrix: Matrix) -> list[str]:
    return [
        _("KẾT QUẢ KIỂM TRA NỘI DUNG BẮT BUỘC TRÊN CỔNG THÔNG TIN ĐIỆN TỬ TỈNH VÀ CÁC CỔNG THÀNH PHẦN"),
        _("Số liệu đến ngày %(day)s") % {"day": f"{matrix.today:%d/%m/%Y}"},
    ]


def xlsx_columns(matrix: Matrix) -> list[str]:
    headers = [f"{index}. {item.title_vi} ({item.legal_basis})" for index, item in enumerate(matrix.obligations, 1)]
    return [_("STT"), _("Đơn vị"), *headers, _("Số nghĩa vụ không đạt"), _("Nghĩa vụ không đạt")]


def xlsx_rows(matrix: Matrix) -> list[list[Any]]:
    numbers = {item.pk: index for index, item in enumerate(matrix.obligations, 1)}
    rows = []
    for index, checklist in enumerate(matrix.checklists, 1):
        cells = [line.result.label for line in checklist.lines]
        failing = ", ".join(str(numbers[line.obligation.pk]) for line in checklist.failing)
        rows.append([index, checklist.unit.name_vi, *cells, len(checklist.failing), failing])
    return rows


def legend_table(matrix: Matrix) -> Table:
    return Table(
        heading=_("Các nghĩa vụ được kiểm tra"),
        columns=[_("STT"), _("Nghĩa vụ"), _("Căn cứ pháp lý"), _("Áp dụng cho")],
        rows=[
            [str(index), item.title_vi, item.legal_basis, str(item.get_applies_to_display())]
            for index, item in enumerate(matrix.obligations, 1)
        ],
        widths=[0.6, 5.0, 4.0, 1.6],
        numeric_columns=frozenset({0}),
    )


def grid_table(matrix: Matrix) -> Table:
    count = len(matrix.obligations)
    return Table(
        heading=_("Kết quả theo đơn vị (Đ: đạt; KĐ: không đạt; —: không áp dụng)"),
        columns=[_("Đơn vị"), *(str(index) for index in range(1, count + 1)), _("Không đạt")],
        rows=[
            [
                checklist.unit.name_vi,
                *(_mark(line.result.status) for line in checklist.lines),
                str(len(checklist.failing)),
            ]
            for checklist in matrix.checklists
        ],
        widths=[4.0, *([0.8] * count), 1.2],
        emphasised_rows=frozenset(index for index, checklist in enumerate(matrix.checklists) if checklist.failing),
    )


def failures_table(matrix: Matrix) -> Table:
    rows = [
        [checklist.unit.name_vi, line.obligation.title_vi, line.result.detail, line.result.next_step]
        for checklist in matrix.failing_units
        for line in checklist.failing
    ]
    return Table(
        heading=_("Nội dung cần khắc phục"),
        columns=[_("STT"), _("Đơn vị"), _("Nghĩa vụ"), _("Hiện trạng"), _("Việc cần làm")],
        rows=[[str(index), *row] for index, row in enumerate(rows, 1)],
        widths=[0.6, 2.6, 3.0, 4.0, 4.0],
        numeric_columns=frozenset({0}),
    )


def to_document(matrix: Matrix) -> AdministrativeDocument:
    config = ReportingSettings.load()
    failing = matrix.failing_units
    summary = _(
        "Ban Biên tập kiểm tra nội dung bắt buộc trên Cổng thông tin điện tử tỉnh và các cổng thành phần theo "
        "Điều 8 Quy chế hoạt động của Cổng và Điều 4, Điều 7 Nghị định số 42/2022/NĐ-CP: %(units)s cổng, "
        "%(obligations)s nghĩa vụ; %(failing)s cổng còn nghĩa vụ không đạt."
    ) % {"units": len(matrix.checklists), "obligations": len(matrix.obligations), "failing": len(failing)}
    body: list[Any] = [summary, legend_table(matrix), grid_table(matrix)]
    details = failures_table(matrix)
    if details.rows:
        body.append(details)
    return AdministrativeDocument(
        issuer_parent=config.issuer_parent,
        issuer=config.issuer,
        number=_("Số: …/%(suffix)s") % {"suffix": config.number_suffix},
        place=config.place,
        date=matrix.today,
        kind=_("BÁO CÁO"),
        title=_("Kết quả kiểm tra nội dung bắt buộc trên Cổng thông tin điện tử tỉnh và các cổng thành phần"),
        addressees=ReportingSettings.lines(config.addressees),
        body=body,
        recipients=[_("Như trên;"), *(f"{line};" for line in ReportingSettings.lines(config.copies_to))],
        signatures=[Signature(title=config.signer_title, name=config.signer_name, capacity=config.signer_capacity)],
        landscape=True,
    )


def render(matrix: Matrix, fmt: str) -> bytes:
    """The matrix file; always in Vietnamese, the language of the administration."""
    with override("vi"):
        if fmt == ExportFormat.XLSX:
            return to_xlsx(
                xlsx_columns(matrix),
                xlsx_rows(matrix),
                title_lines=title_lines(matrix),
                sheet_name=_("Nghĩa vụ nội dung"),
                numeric_columns=frozenset({0, len(matrix.obligations) + 2}),
                emphasised_rows=frozenset(index for index, item in enumerate(matrix.checklists) if item.failing),
            )
        if fmt == ExportFormat.PDF:
            return render_pdf(to_document(matrix))
    raise ValueError(f"Unknown format: {fmt}")


def filename(matrix: Matrix, fmt: str) -> str:
    return f"nghia-vu-noi-dung-{matrix.today:%Y-%m-%d}.{fmt}"
