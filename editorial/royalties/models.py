"""Royalty rules as data with their effective dates: base salary, coefficient unit, genres and frames.

A rule is never edited into the past: a change is a new row with the date it takes effect, so a
royalty is always computed with the rules in force on its publication date.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseSalary(models.Model):
    """The statutory base salary (mức lương cơ sở), per month, from a date."""

    amount = models.PositiveBigIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    effective_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")

    def __str__(self) -> str:
        return f"{self.amount:,} đ từ {self.effective_from:%d/%m/%Y}".replace(",", ".")


class CoefficientUnit(models.Model):
    """The value of one royalty coefficient, as a share of the base salary (NĐ 18/2014: 10%)."""

    percent_of_base_salary = models.DecimalField(
        _("giá trị một đơn vị hệ số (% lương cơ sở)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    effective_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("giá trị đơn vị hệ số")
        verbose_name_plural = _("giá trị đơn vị hệ số")

    def __str__(self) -> str:
        return f"{self.percent_of_base_salary}% từ {self.effective_from:%d/%m/%Y}"


class RoyaltyKind(models.TextChoices):
    ROYALTY = "royalty", _("Nhuận bút")
    REMUNERATION = "remuneration", _("Thù lao")


class Genre(models.Model):
    """A genre (thể loại) and its coefficient frame, from a date; a change of frame is a new row."""

    code = models.SlugField(_("mã thể loại"), max_length=40)
    name = models.CharField(_("thể loại"), max_length=120)
    kind = models.CharField(_("loại"), max_length=20, choices=RoyaltyKind.choices, default=RoyaltyKind.ROYALTY)
    coefficient_min = models.DecimalField(
        _("hệ số tối thiểu"), max_digits=5, decimal_places=2, default=Decimal("0.1"),
        validators=[MinValueValidator(Decimal("0.1"))],
    )  # fmt: skip
    coefficient_max = models.DecimalField(
        _("hệ số tối đa"), max_digits=5, decimal_places=2, validators=[MaxValueValidator(Decimal("500"))]
    )
    effective_from = models.DateField(_("áp dụng từ ngày"))
    legal_basis = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        ordering = ["code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="one_frame_per_genre_and_date"),
            models.CheckConstraint(
                condition=models.Q(coefficient_min__lte=models.F("coefficient_max")), name="frame_min_below_max"
            ),
        ]
        verbose_name = _("thể loại và khung hệ số")
        verbose_name_plural = _("thể loại và khung hệ số")

    def __str__(self) -> str:
        return f"{self.name} ({self.coefficient_min}–{self.coefficient_max})"


class BonusRule(models.Model):
    """An extra share for exclusive or high-quality work, as the unit's spending rules allow; dated."""

    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("mức thưởng"), max_length=120)
    percent = models.DecimalField(
        _("cộng thêm (% nhuận bút)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    effective_from = models.DateField(_("áp dụng từ ngày"))
    legal_basis = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        ordering = ["code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="one_bonus_per_code_and_date"),
        ]
        verbose_name = _("mức thưởng nhuận bút")
        verbose_name_plural = _("mức thưởng nhuận bút")

    def __str__(self) -> str:
        return f"{self.name} (+{self.percent}%)"
