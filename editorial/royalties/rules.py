"""The royalty arithmetic, as plain functions: the rules in force on a date, amounts, words, frames.

Royalty = coefficient × value of one coefficient unit, where one unit is a share (10% under
NĐ 18/2014/NĐ-CP) of the base salary in force on the publication date. Amounts are whole đồng,
rounded half up; co-authors share one royalty by percentages that add up to at most 100%.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from num2words import num2words

ONE_DONG = Decimal("1")


class RuleError(ValueError):
    """A rule is missing or a value is outside what the rules allow; the message says which."""


@dataclass(frozen=True)
class Rates:
    base_salary: int
    unit_percent: Decimal

    @property
    def unit_value(self) -> Decimal:
        return Decimal(self.base_salary) * self.unit_percent / Decimal(100)


def rates_on(day: datetime.date) -> Rates:
    """The base salary and coefficient unit in force on a day (two queries)."""
    from .models import BaseSalary, CoefficientUnit

    salary = BaseSalary.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    unit = CoefficientUnit.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if salary is None or unit is None:
        raise RuleError(
            _("Chưa có mức lương cơ sở hoặc giá trị đơn vị hệ số áp dụng cho ngày %(day)s.")
            % {"day": f"{day:%d/%m/%Y}"}
        )
    return Rates(salary.amount, unit.percent_of_base_salary)


def bonus_on(code: str, day: datetime.date):
    from .models import BonusRule

    bonus = BonusRule.objects.filter(code=code, effective_from__lte=day).order_by("-effective_from").first()
    if bonus is None:
        raise RuleError(
            _("Mức thưởng «%(code)s» chưa áp dụng cho ngày %(day)s.") % {"code": code[:40], "day": f"{day:%d/%m/%Y}"}
        )
    return bonus


def genre_on(code: str, day: datetime.date):
    from .models import Genre

    genre = Genre.objects.filter(code=code, effective_from__lte=day).order_by("-effective_from").first()
    if genre is None:
        raise RuleError(
            _("Thể loại «%(code)s» chưa có khung hệ số áp dụng cho ngày %(day)s.")
            % {
                "code": code[:40],
                "day": f"{day:%d/%m/%Y}",
            }
        )
    return genre


def check_coefficient(genre, coefficient: Decimal) -> Decimal:
    """The coefficient if it lies within the genre's frame; otherwise a clear error."""
    value = Decimal(coefficient)
    if not value.is_finite() or value < genre.coefficient_min or value > genre.coefficient_max:
        raise RuleError(
            _("Hệ số %(value)s nằm ngoài khung %(min)s–%(max)s của thể loại «%(genre)s».")
            % {
                "value": value,
                "min": genre.coefficient_min,
                "max": genre.coefficient_max,
                "genre": genre.name,
            }
        )
    return value


def amount(
    coefficient: Decimal, rates: Rates, share_percent: Decimal = Decimal(100), bonus_percent: Decimal = Decimal(0)
) -> int:
    """Whole đồng: coefficient × unit value × share, plus a bonus share of that, rounded half up once."""
    if not Decimal(0) < Decimal(share_percent) <= Decimal(100):
        raise RuleError(_("Tỷ lệ hưởng phải lớn hơn 0% và không quá 100%."))
    if not Decimal(0) <= Decimal(bonus_percent) <= Decimal(100):
        raise RuleError(_("Mức thưởng phải từ 0% đến 100%."))
    exact = (
        Decimal(coefficient)
        * rates.unit_value
        * Decimal(share_percent)
        / Decimal(100)
        * (Decimal(100) + Decimal(bonus_percent))
        / Decimal(100)
    )
    return int(exact.quantize(ONE_DONG, rounding=ROUND_HALF_UP))


def split_shares(shares: list[Decimal]) -> None:
    """Co-authors' shares of one royalty: each above 0, together at most 100%."""
    if not shares or any(Decimal(share) <= 0 for share in shares) or sum(Decimal(s) for s in shares) > 100:
        raise RuleError(_("Tỷ lệ của các đồng tác giả phải lớn hơn 0 và cộng lại không quá 100%."))


def _group_words(group: int, leading: bool) -> str:
    """One group of three digits; after the first group its hundreds are read even when zero."""
    words = num2words(group, lang="vi")
    if not leading and group < 100:
        words = f"không trăm lẻ {words}" if group < 10 else f"không trăm {words}"
    return words


def _number_words(value: int, leading: bool = True) -> str:
    """Vietnamese words of a positive number, by groups of three digits, tỷ by tỷ."""
    billions, rest = divmod(value, 1_000_000_000)
    parts = [f"{_number_words(billions, leading)} tỷ"] if billions else []
    leading = leading and not billions
    for scale, group in (("triệu", rest // 1_000_000), ("nghìn", rest // 1000 % 1000), ("", rest % 1000)):
        if group:
            parts.append(f"{_group_words(group, leading)} {scale}".strip())
            leading = False
    return " ".join(parts)


def in_words(value: int) -> str:
    """ "Một triệu không trăm năm mươi nghìn đồng" — amounts in words as accounting writes them.

    num2words reads each group of three digits; the accounting form also reads the zero hundreds
    of every later group ("không trăm", "không trăm lẻ") and says "tư" for a 4 after "mươi".
    """
    if value == 0:
        return "Không đồng"
    words = re.sub(r"\bmươi bốn\b", "mươi tư", _number_words(abs(value)))
    text = f"{words} đồng"
    if value < 0:
        text = f"âm {text}"
    return text[:1].upper() + text[1:]
