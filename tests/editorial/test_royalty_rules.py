"""Royalty arithmetic on the seeded national rules (NĐ 18/2014, base salaries with their dates)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError

from editorial.royalties import rules
from editorial.royalties.models import BaseSalary, Genre

pytestmark = pytest.mark.django_db
D = datetime.date


def test_one_coefficient_unit_is_ten_percent_of_the_base_salary_in_force():
    assert rules.rates_on(D(2024, 6, 30)).unit_value == Decimal("180000")
    assert rules.rates_on(D(2024, 7, 1)).unit_value == Decimal("234000")
    assert rules.rates_on(D(2026, 11, 24)).unit_value == Decimal("234000")


def test_a_base_salary_change_mid_month_applies_from_its_day():
    BaseSalary.objects.create(amount=2_530_000, effective_from=D(2026, 11, 15), legal_basis="Nghị định thử")
    assert rules.amount(Decimal("8"), rules.rates_on(D(2026, 11, 14))) == 1_872_000
    assert rules.amount(Decimal("8"), rules.rates_on(D(2026, 11, 15))) == 2_024_000


def test_amounts_are_whole_dong_rounded_half_up():
    rates = rules.rates_on(D(2026, 1, 1))
    assert rules.amount(Decimal("2.5"), rates) == 585_000
    assert rules.amount(Decimal("1"), rates, share_percent=Decimal("33.33")) == 77_992  # 77,992.2
    odd = rules.Rates(base_salary=2_340_005, unit_percent=Decimal("10"))
    assert rules.amount(Decimal("1"), odd) == 234_001  # 234,000.5 rounds up


def test_coefficients_must_stay_within_the_genre_frame():
    news = rules.genre_on("tin", D(2026, 11, 24))
    assert rules.check_coefficient(news, Decimal("10")) == Decimal("10")
    for bad in ("10.5", "0", "-3", "NaN", "Infinity"):
        with pytest.raises(rules.RuleError, match="ngoài khung"):
            rules.check_coefficient(news, Decimal(bad))
    assert rules.genre_on("video", D(2026, 1, 1)).coefficient_max == Decimal("50")


def test_a_changed_frame_is_a_new_row_and_old_royalties_keep_theirs():
    Genre.objects.create(
        code="tin", name="Tin", coefficient_max=Decimal("8"), effective_from=D(2027, 1, 1), legal_basis="QĐ của tỉnh"
    )
    assert rules.genre_on("tin", D(2026, 12, 31)).coefficient_max == Decimal("10")
    assert rules.genre_on("tin", D(2027, 1, 1)).coefficient_max == Decimal("8")
    with pytest.raises(IntegrityError):
        Genre.objects.create(
            code="tin",
            name="Tin",
            coefficient_min=Decimal("9"),
            coefficient_max=Decimal("8"),
            effective_from=D(2027, 2, 1),
            legal_basis="sai",
        )


def test_missing_rules_are_explained():
    with pytest.raises(rules.RuleError, match="lương cơ sở"):
        rules.rates_on(D(2010, 1, 1))
    with pytest.raises(rules.RuleError, match="khung hệ số"):
        rules.genre_on("khong-co", D(2026, 1, 1))


def test_co_authors_share_at_most_one_royalty():
    rules.split_shares([Decimal("60"), Decimal("40")])
    for bad in ([Decimal("60"), Decimal("50")], [Decimal("100"), Decimal("0")], [], [Decimal("-10"), Decimal("20")]):
        with pytest.raises(rules.RuleError):
            rules.split_shares(bad)
    with pytest.raises(rules.RuleError):
        rules.amount(Decimal("1"), rules.rates_on(D(2026, 1, 1)), share_percent=Decimal("101"))


@pytest.mark.parametrize(
    "value, words",
    [
        (0, "Không đồng"),
        (234_000, "Hai trăm ba mươi tư nghìn đồng"),
        (1_234_500, "Một triệu hai trăm ba mươi tư nghìn năm trăm đồng"),
        (2_105_000, "Hai triệu một trăm lẻ năm nghìn đồng"),
        (-50_000, "Âm năm mươi nghìn đồng"),
        # The accounting form: zero hundreds of a later group are read, "tư" after "mươi".
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
        (1_000_050, "Một triệu không trăm năm mươi đồng"),
        (1_005_000, "Một triệu không trăm lẻ năm nghìn đồng"),
        (1_024, "Một nghìn không trăm hai mươi tư đồng"),
        (2_000_000_004, "Hai tỷ không trăm lẻ bốn đồng"),
        (1_005_000_000_000, "Một nghìn không trăm lẻ năm tỷ đồng"),
        (105, "Một trăm lẻ năm đồng"),
        (15, "Mười lăm đồng"),
        (14, "Mười bốn đồng"),
        (21, "Hai mươi mốt đồng"),
        (25, "Hai mươi lăm đồng"),
        (24, "Hai mươi tư đồng"),
        (10_000_000_000, "Mười tỷ đồng"),
        (1_000_000, "Một triệu đồng"),
    ],
)
def test_amounts_in_vietnamese_words(value, words):
    assert rules.in_words(value) == words
