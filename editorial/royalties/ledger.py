"""The royalty ledger: lines per contributor and page, their change history, closed months, budgets.

Nothing here is deleted by a cascade: a deleted page keeps its lines (title kept), a closed month
is never edited again — a correction is a new adjustment line in a later, open month.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import CreditRole, LineStatus


class RoyaltyLine(models.Model):
    unit = models.ForeignKey(
        "subportals.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="royalty_lines"
    )
    period = models.DateField(_("tháng"), db_index=True, help_text=_("Ngày đầu tháng của bảng kê."))
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("tác phẩm"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    page_title = models.CharField(_("tên tác phẩm"), max_length=255)
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    earned_on = models.DateField(_("ngày đăng"))
    contributor = models.ForeignKey(
        "editorial.Contributor", verbose_name=_("người hưởng"), on_delete=models.PROTECT, related_name="lines"
    )
    role = models.CharField(_("phần việc"), max_length=20, choices=CreditRole.choices)
    status = models.CharField(_("trạng thái"), max_length=10, choices=LineStatus.choices, default=LineStatus.PROPOSED)
    genre = models.ForeignKey(
        "editorial.Genre", verbose_name=_("thể loại"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    coefficient = models.DecimalField(_("hệ số"), max_digits=6, decimal_places=2, null=True, blank=True)
    bonus = models.ForeignKey(
        "editorial.BonusRule",
        verbose_name=_("thưởng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    share_percent = models.DecimalField(
        _("tỷ lệ hưởng (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    base_salary = models.PositiveBigIntegerField(_("lương cơ sở áp dụng"), null=True, blank=True)
    unit_percent = models.DecimalField(_("đơn vị hệ số (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    amount = models.BigIntegerField(_("số tiền (đồng)"), default=0)
    adjusts = models.ForeignKey(
        "self",
        verbose_name=_("điều chỉnh cho"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adjustments",
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    # Proposed for the publisher because the page had no credits; replaced once credits appear.
    automatic = models.BooleanField(_("tự động cho người đăng"), default=False)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    graded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period", "earned_on", "pk"]
        indexes = [models.Index(fields=["unit", "period"])]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "contributor", "role"],
                condition=models.Q(adjusts__isnull=True, page__isnull=False),
                name="one_royalty_line_per_credit",
            ),
        ]
        verbose_name = _("dòng nhuận bút")
        verbose_name_plural = _("dòng nhuận bút")

    def __str__(self) -> str:
        return f"{self.page_title} – {self.contributor}"

    @property
    def is_adjustment(self) -> bool:
        return self.adjusts_id is not None


class RoyaltyLineChange(models.Model):
    """One grading or exclusion of a line: who, when, before and after, why."""

    line = models.ForeignKey(RoyaltyLine, on_delete=models.PROTECT, related_name="changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    status_before = models.CharField(max_length=10, choices=LineStatus.choices)
    status_after = models.CharField(max_length=10, choices=LineStatus.choices)
    genre_before = models.CharField(max_length=120, blank=True)
    genre_after = models.CharField(max_length=120, blank=True)
    coefficient_before = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    coefficient_after = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    amount_before = models.BigIntegerField(default=0)
    amount_after = models.BigIntegerField(default=0)
    reason = models.CharField(_("lý do"), max_length=500, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("lịch sử chấm nhuận bút")
        verbose_name_plural = _("lịch sử chấm nhuận bút")

    def __str__(self) -> str:
        return f"{self.line_id}: {self.amount_before} → {self.amount_after}"


class RoyaltyMonth(models.Model):
    """A closed month of one unit: its statement is final from here on."""

    unit = models.ForeignKey("subportals.Unit", on_delete=models.PROTECT, related_name="+")
    period = models.DateField(_("tháng"))
    closed_at = models.DateTimeField(_("khóa sổ lúc"), auto_now_add=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    total = models.BigIntegerField(_("tổng chi"), default=0)
    line_count = models.PositiveIntegerField(default=0)
    # What the statement showed at closing (names, tax, bank details): a closed statement never
    # follows later edits. Named personal_ so the audit log never writes it (REDACTED_FIELDS).
    personal_statement = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-period"]
        constraints = [models.UniqueConstraint(fields=["unit", "period"], name="one_closing_per_unit_month")]
        verbose_name = _("tháng đã khóa sổ nhuận bút")
        verbose_name_plural = _("tháng đã khóa sổ nhuận bút")

    def __str__(self) -> str:
        return f"{self.unit} – {self.period:%m/%Y}"


class RoyaltyBudget(models.Model):
    """The royalty budget of a unit for a year (P-Art. 15.2: budgeted every year)."""

    unit = models.ForeignKey(
        "subportals.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="royalty_budgets"
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    amount = models.PositiveBigIntegerField(_("dự toán (đồng)"), validators=[MaxValueValidator(10**13)])
    note = models.CharField(_("căn cứ, ghi chú"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year", "unit"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_royalty_budget_per_unit_year")]
        verbose_name = _("dự toán nhuận bút")
        verbose_name_plural = _("dự toán nhuận bút")

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}"


class PageGrade(models.Model):
    """The coefficient the board head set when approving, applied to the page's author lines on publish."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    genre = models.ForeignKey("editorial.Genre", on_delete=models.PROTECT, related_name="+")
    coefficient = models.DecimalField(max_digits=6, decimal_places=2)
    bonus = models.ForeignKey("editorial.BonusRule", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.page_id}: {self.genre} × {self.coefficient}"
