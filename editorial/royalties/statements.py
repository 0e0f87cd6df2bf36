"""Monthly royalty statements (bảng kê nhuận bút, thù lao) and their XLSX and PDF files.

A statement lists one unit's paid lines of one month by contributor: items, genre, coefficient,
amount, the contributor's total with tax withheld and net pay, and the unit's total in words.
Personal data (tax code, bank account) appears only when the reader is the unit's royalty officer.
Closing a month freezes what its statement shows per contributor (``freeze``): later edits of a
contributor or of the tax rules change open months only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from editorial.documents import AdministrativeDocument, Signature, Table, date_line, render_pdf, to_xlsx
from subportals.models import Unit

from . import pit
from .enums import ContributorKind, LineStatus
from .ledger import RoyaltyLine, RoyaltyMonth
from .people import Contributor
from .rules import in_words
from .services import money

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class ContributorBlock:
    """One contributor's lines; ``frozen`` is what the closed month's statement showed of them."""

    contributor: Contributor
    lines: list[RoyaltyLine] = field(default_factory=list)
    frozen: dict[str, Any] | None = None

    def _value(self, name: str) -> Any:
        return self.frozen[name] if self.frozen is not None else getattr(self.contributor, name)

    @property
    def name(self) -> str:
        return self.frozen["name"] if self.frozen is not None else str(self.contributor)

    @property
    def kind_label(self) -> str:
        return str(ContributorKind(self._value("kind")).label)

    @property
    def tax_code(self) -> str:
        return self._value("tax_code")

    @property
    def bank(self) -> str:
        return ", ".join(part for part in (self._value("bank_account"), self._value("bank_name")) if part)

    @property
    def gross(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def tax(self) -> int:
        if self.frozen is not None:
            return self.frozen["tax"]
        return pit.withholding(self.contributor.kind, self.contributor.is_resident, self.gross)

    @property
    def net(self) -> int:
        return self.gross - self.tax

    def snapshot(self) -> dict[str, Any]:
        """What the statement shows of this contributor, kept when the month is closed."""
        person = self.contributor
        return {
            "contributor": person.pk,
            "name": str(person),
            "kind": person.kind,
            "is_resident": person.is_resident,
            "tax_code": person.tax_code,
            "bank_account": person.bank_account,
            "bank_name": person.bank_name,
            "lines": [line.pk for line in self.lines],
            "gross": self.gross,
            "tax": self.tax,
        }


@dataclass
class Statement:
    unit: Unit
    period: datetime.date
    blocks: list[ContributorBlock]
    closing: RoyaltyMonth | None
    with_personal_data: bool

    @property
    def gross(self) -> int:
        return sum(block.gross for block in self.blocks)

    @property
    def tax(self) -> int:
        return sum(block.tax for block in self.blocks)

    @property
    def net(self) -> int:
        return self.gross - self.tax

    @property
    def gross_in_words(self) -> str:
        return in_words(self.gross)

    @property
    def net_in_words(self) -> str:
        return in_words(self.net)

    @property
    def line_count(self) -> int:
        return sum(len(block.lines) for block in self.blocks)


def paid_lines(unit: Unit, period: datetime.date) -> QuerySet[RoyaltyLine]:
    return (
        RoyaltyLine.objects.filter(unit=unit, period=period, status=LineStatus.GRADED)
        .select_related("contributor", "genre", "bonus", "adjusts")
        .order_by("contributor__full_name", "contributor_id", "earned_on", "pk")
    )


def build_statement(
    unit: Unit, period: datetime.date, *, contributor: Contributor | None = None, with_personal_data: bool = False
) -> Statement:
    """The statement of one month (three queries whatever its size); a closed month's as it was closed."""
    closing = RoyaltyMonth.objects.filter(unit=unit, period=period).select_related("closed_by").first()
    frozen = {row["contributor"]: row for row in (closing.personal_statement if closing else {}).get("blocks", [])}
    lines = paid_lines(unit, period)
    if frozen:
        lines = lines.filter(pk__in=[pk for row in frozen.values() for pk in row["lines"]])
    if contributor is not None:
        lines = lines.filter(contributor=contributor)
    blocks: dict[int, ContributorBlock] = {}
    for line in lines:
        block = blocks.setdefault(
            line.contributor_id, ContributorBlock(line.contributor, frozen=frozen.get(line.contributor_id))
        )
        block.lines.append(line)
    return Statement(unit, period, list(blocks.values()), closing, with_personal_data)


def freeze(unit: Unit, period: datetime.date) -> dict[str, Any]:
    """The month's statement as it stands, per contributor, to be kept with its closing."""
    return {"blocks": [block.snapshot() for block in build_statement(unit, period).blocks]}


def _coefficient(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}".replace(".", ",")


def columns(statement: Statement) -> list[str]:
    labels = [
        _("STT"),
        _("Người hưởng"),
        _("Tác phẩm"),
        _("Ngày đăng"),
        _("Phần việc"),
        _("Thể loại"),
        _("Hệ số"),
        _("Tỷ lệ hưởng (%)"),
        _("Thưởng (%)"),
        _("Số tiền (đồng)"),
        _("Thuế TNCN khấu trừ (đồng)"),
        _("Thực nhận (đồng)"),
    ]
    if statement.with_personal_data:
        labels += [_("Mã số thuế"), _("Số tài khoản, ngân hàng")]
    labels.append(_("Ký nhận"))
    return labels


def rows(statement: Statement, *, typed: bool = False) -> tuple[list[list[object]], set[int]]:
    """Item rows, then each contributor's total row (emphasised), then the unit's total."""
    out: list[list[object]] = []
    emphasised: set[int] = set()

    def cell(value: int) -> object:
        return value if typed else money(value)

    number = 0
    for block in statement.blocks:
        for line in block.lines:
            number += 1
            title = line.page_title
            if line.is_adjustment:
                title = _("Điều chỉnh: %(title)s (%(reason)s)") % {"title": title, "reason": line.note}
            row: list[object] = [
                number,
                block.name,
                title,
                f"{line.earned_on:%d/%m/%Y}",
                line.get_role_display(),
                line.genre.name if line.genre else "",
                _coefficient(line.coefficient),
                _coefficient(line.share_percent),
                _coefficient(line.bonus.percent) if line.bonus else "",
                cell(line.amount),
                "",
                "",
            ]
            if statement.with_personal_data:
                row += ["", ""]
            row.append("")
            out.append(row)
        total: list[object] = [
            "",
            block.name,
            _("Cộng (%(kind)s)") % {"kind": block.kind_label},
            "",
            "",
            "",
            "",
            "",
            "",
            cell(block.gross),
            cell(block.tax),
            cell(block.net),
        ]
        if statement.with_personal_data:
            total += [block.tax_code, block.bank]
        total.append("")
        emphasised.add(len(out))
        out.append(total)
    grand: list[object] = ["", _("TỔNG CỘNG"), "", "", "", "", "", "", ""]
    grand += [cell(statement.gross), cell(statement.tax), cell(statement.net)]
    if statement.with_personal_data:
        grand += ["", ""]
    grand.append("")
    emphasised.add(len(out))
    out.append(grand)
    return out, emphasised


def title_lines(statement: Statement) -> list[str]:
    return [
        _("BẢNG KÊ CHI TRẢ NHUẬN BÚT, THÙ LAO THÁNG %(month)s") % {"month": f"{statement.period:%m/%Y}"},
        statement.unit.name_vi,
        _("Tổng số tiền bằng chữ: %(words)s") % {"words": statement.gross_in_words},
    ]


NUMERIC = frozenset({0, 9, 10, 11})


def closing_lines(statement: Statement) -> list[str]:
    """Under the table, in the PDF and the XLSX alike: totals in figures and words, the month's state."""
    status = (
        _("Đã khóa sổ ngày %(day)s.") % {"day": f"{timezone.localdate(statement.closing.closed_at):%d/%m/%Y}"}
        if statement.closing
        else _("Tháng chưa khóa sổ: số liệu còn có thể thay đổi.")
    )
    return [
        _("Tổng số tiền: %(amount)s đồng (bằng chữ: %(words)s).")
        % {"amount": money(statement.gross), "words": statement.gross_in_words},
        _("Thuế thu nhập cá nhân khấu trừ: %(tax)s đồng; thực chi: %(net)s đồng (bằng chữ: %(words)s).")
        % {"tax": money(statement.tax), "net": money(statement.net), "words": statement.net_in_words},
        status,
    ]


def signatures() -> list[Signature]:
    return [
        Signature(title=_("NGƯỜI LẬP BẢNG")),
        Signature(title=_("KẾ TOÁN TRƯỞNG")),
        Signature(title=_("TRƯỞNG BAN BIÊN TẬP")),
    ]


def to_document(statement: Statement, issued_on: datetime.date) -> AdministrativeDocument:
    table_rows, emphasised = rows(statement)
    widths = [0.5, 2.2, 3.6, 1.1, 1.0, 1.4, 0.7, 0.8, 0.7, 1.3, 1.2, 1.3]
    if statement.with_personal_data:
        widths += [1.3, 2.0]
    widths.append(1.2)
    return AdministrativeDocument(
        issuer_parent=_("BAN BIÊN TẬP CỔNG THÔNG TIN ĐIỆN TỬ"),
        issuer=statement.unit.name_vi.upper(),
        number="",
        place=_("Khánh Hòa"),
        date=issued_on,
        kind=_("BẢNG KÊ"),
        title=_("Chi trả nhuận bút, thù lao tháng %(month)s") % {"month": f"{statement.period:%m/%Y}"},
        body=[
            _(
                "Căn cứ Nghị định 18/2014/NĐ-CP về chế độ nhuận bút, thù lao và mức lương cơ sở hiện hành; "
                "thuế thu nhập cá nhân khấu trừ theo %(basis)s."
            )
            % {"basis": pit.LEGAL_BASIS},
            Table(
                columns=columns(statement),
                rows=[[str(value) for value in row] for row in table_rows],
                widths=widths,
                numeric_columns=NUMERIC,
                emphasised_rows=frozenset(emphasised),
            ),
            *closing_lines(statement),
        ],
        signatures=signatures(),
        landscape=True,
    )


def render(statement: Statement, fmt: str) -> bytes:
    """The statement as a file for accounting; always in Vietnamese."""
    issued_on = timezone.localdate()
    with override("vi"):
        if fmt == "pdf":
            return render_pdf(to_document(statement, issued_on))
        if fmt == "xlsx":
            table_rows, emphasised = rows(statement, typed=True)
            return to_xlsx(
                columns(statement),
                table_rows,
                title_lines=title_lines(statement),
                sheet_name=f"{statement.period:%Y-%m}",
                numeric_columns=NUMERIC,
                emphasised_rows=frozenset(emphasised),
                closing_lines=closing_lines(statement),
                date_line=date_line(_("Khánh Hòa"), issued_on),
                signatures=signatures(),
            )
    raise ValueError(f"Unknown format: {fmt}")


def filename(statement: Statement, fmt: str) -> str:
    return f"bang-ke-nhuan-but-{statement.unit.code}-{statement.period:%Y-%m}.{fmt}"
