"""Demo royalty books: contributors, credits on demo articles, graded lines, closed months, budgets.

Run by ``seed_demo`` after the articles exist (registered in portal/demo/extensions.py); like the
rest of the seed it looks up what exists first, so a second run changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.models import ArticlePage
from subportals.models import Unit

from . import rules, services
from .enums import ContributorKind, CreditRole, LineStatus
from .ledger import RoyaltyBudget, RoyaltyLine
from .people import ArticleCredit, Contributor, RoyaltyOfficer

# (unit code, yearly budget in đồng, contributors: full name, pen name, kind, tax code, bank account)
BOOKS = {
    "khanhhoa": (
        180_000_000,
        [
            ("Nguyễn Thị Thu Hà", "Thu Hà", ContributorKind.STAFF, "", ""),
            ("Lê Quang Vinh", "Quang Vinh", ContributorKind.COLLABORATOR, "4201234567", "0071000654321"),
            ("Phạm Ngọc Ánh", "Ngọc Ánh", ContributorKind.COLLABORATOR, "4209876543", "1903456789012"),
        ],
    ),
    "syt": (
        36_000_000,
        [
            ("Trần Văn Khoa", "Văn Khoa", ContributorKind.STAFF, "", ""),
            ("Võ Thị Mai", "Thanh Mai", ContributorKind.COLLABORATOR, "4205551234", "0451000123987"),
        ],
    ),
}
# Coefficients the board head gives, in turn, to news items (frame of «Tin»: up to 10).
COEFFICIENTS = ("2.5", "3", "4", "5.5", "2", "6")


def seed(seeder: Any) -> None:
    User = get_user_model()
    today = timezone.localdate()
    for code, (budget, people) in BOOKS.items():
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            continue
        officer, created = User.objects.get_or_create(
            username=f"{code}.ketoan",
            defaults={"email": f"{code}.ketoan@khanhhoa.gov.vn", "first_name": "Hạnh", "last_name": "Đỗ Thị"},
        )
        if created:
            from portal.demo.sites import DEMO_PASSWORD

            officer.set_password(DEMO_PASSWORD)
            officer.save()
        RoyaltyOfficer.objects.get_or_create(unit=unit, user=officer)
        contributors = [
            Contributor.objects.get_or_create(
                unit=unit,
                full_name=name,
                defaults={"pen_name": pen, "kind": kind, "tax_code": tax, "bank_account": bank},
            )[0]
            for name, pen, kind, tax, bank in people
        ]
        RoyaltyBudget.objects.get_or_create(
            unit=unit, year=today.year, defaults={"amount": budget, "note": "Dự toán giao đầu năm (dữ liệu mẫu)"}
        )
        _credit_and_grade(seeder, unit, contributors, today)


def _credit_and_grade(seeder: Any, unit: Unit, contributors: list[Contributor], today: datetime.date) -> None:
    home = seeder.homes.get(unit.code)
    if home is None:
        return
    head = get_user_model().objects.filter(username=f"{unit.code}.truongban").first()
    articles = ArticlePage.objects.live().descendant_of(home).filter(locale=home.locale).order_by("first_published_at")
    for index, article in enumerate(articles):
        if RoyaltyLine.objects.filter(page=article).exists():
            continue  # Seeded before, or published through the workflow (its author's line exists).
        if not article.credits.exists():
            author = contributors[index % len(contributors)]
            ArticleCredit.objects.create(page=article, contributor=author, role=CreditRole.AUTHOR)
            if index % 4 == 0 and len(contributors) > 1:
                photographer = contributors[(index + 1) % len(contributors)]
                ArticleCredit.objects.create(page=article, contributor=photographer, role=CreditRole.PHOTOGRAPHER)
        services.propose_for_page(article)
        if head is None:
            continue
        for line in RoyaltyLine.objects.filter(page=article, status=LineStatus.PROPOSED):
            if line.period >= services.month_start(today) and index % 3 == 0:
                continue  # Some of this month's lines wait for the board head, as they would.
            coefficient = Decimal(COEFFICIENTS[index % len(COEFFICIENTS)])
            if line.role == CreditRole.PHOTOGRAPHER:
                coefficient = Decimal("1.5")
            try:
                services.grade(line, genre_code=line.genre.code, coefficient=coefficient, by=head)
            except rules.RuleError:
                continue
    officer = RoyaltyOfficer.objects.filter(unit=unit).select_related("user").first()
    current = services.month_start(today)
    past = (
        RoyaltyLine.objects.filter(unit=unit, period__lt=current)
        .exclude(period__in=_closed(unit))
        .values_list("period", flat=True)
        .distinct()
    )
    for period in sorted(set(past)):
        if officer and not RoyaltyLine.objects.filter(unit=unit, period=period, status=LineStatus.PROPOSED).exists():
            services.close_month(unit, period, officer.user)


def _closed(unit: Unit) -> list[datetime.date]:
    from .ledger import RoyaltyMonth

    return list(RoyaltyMonth.objects.filter(unit=unit).values_list("period", flat=True))
