"""Statistics per unit and period on a fixed data set, on screen and exported (CSV, XLSX)."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from editorial.calendar import WorkingCalendar
from editorial.feedback import services, stats
from editorial.feedback.enums import CloseReason, Topic

pytestmark = pytest.mark.django_db

D = datetime.date


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def ask(world, received: datetime.date, unit=None, title: str = "Hỏi"):
    item = services.submit(
        services.Submission(site_unit=world.main, title=title, question="Nội dung", name="An", topic=Topic.LAND),
        now=at(received),
        notify=False,
    )
    if unit is not None:
        item = services.assign(item, unit, world.manager, now=at(received, 14), notify=False)
    return item


def answer(world, item, head, day: datetime.date) -> None:
    services.approve(item, head, answer="Trả lời", publish=False, now=at(day, 16), notify=False)


@pytest.fixture
def march(world):
    """Six questions received in March 2026, one in April."""
    a = ask(world, D(2026, 3, 2), world.syt, "A")  # answered in 4 working days, on time
    answer(world, a, world.syt_head, D(2026, 3, 6))
    b = ask(world, D(2026, 3, 3), world.syt, "B")  # due 17/3, answered 20/3: 13 working days, late
    answer(world, b, world.syt_head, D(2026, 3, 20))
    ask(world, D(2026, 3, 10), world.syt, "C")  # due 24/3, still open: overdue on 31/3
    d = ask(world, D(2026, 3, 12), world.nt, "D")
    services.close(d, world.manager, CloseReason.DUPLICATE, now=at(D(2026, 3, 13)))
    e = ask(world, D(2026, 3, 16), world.nt, "E")  # 2 working days
    answer(world, e, world.nt_head, D(2026, 3, 18))
    ask(world, D(2026, 3, 20), None, "F")  # not assigned, due 3/4: not yet late on 31/3
    ask(world, D(2026, 4, 2), world.syt, "G")  # outside the period
    return world


def row(result: stats.Statistics, label: str) -> list:
    return next(line for line in stats.table_rows(result) if line[0] == label)


def test_figures_per_unit(march):
    result = stats.build_statistics(D(2026, 3, 1), D(2026, 3, 31), as_of=D(2026, 3, 31), calendar=WorkingCalendar())
    assert row(result, "Đơn vị syt") == ["Đơn vị syt", 3, 2, 0, 1, 2, Decimal("33.3"), Decimal("8.5")]
    assert row(result, "Đơn vị nhatrang") == ["Đơn vị nhatrang", 2, 1, 1, 0, 0, Decimal("100.0"), Decimal("2.0")]
    assert row(result, "Chưa chuyển đơn vị") == ["Chưa chuyển đơn vị", 1, 0, 0, 1, 0, Decimal("100.0"), None]
    assert row(result, "Tổng cộng") == ["Tổng cộng", 6, 3, 1, 2, 2, Decimal("60.0"), Decimal("6.3")]
    # Later, the unassigned question is late too.
    later = stats.build_statistics(D(2026, 3, 1), D(2026, 3, 31), as_of=D(2026, 4, 6), calendar=WorkingCalendar())
    assert row(later, "Tổng cộng")[5] == 3


def test_one_query_for_the_rows(march, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        stats.build_statistics(D(2026, 3, 1), D(2026, 3, 31), as_of=D(2026, 3, 31), calendar=WorkingCalendar())


def test_statistics_screen_and_exports(client, march):
    client.force_login(march.manager)
    response = client.get("/admin/editorial/feedback/statistics/?period=2026-03")
    html = response.content.decode()
    assert response.status_code == 200 and "Đơn vị syt" in html and "Tổng cộng" in html and "Tháng 3" in html
    export = client.get("/admin/editorial/feedback/statistics/?period=2026-03&export=csv")
    assert export.status_code == 200 and export["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    syt = next(line for line in rows if line and line[0] == "Đơn vị syt")
    assert syt[:6] == ["Đơn vị syt", "3", "2", "0", "1", "2"] and syt[7] == "8.5"
    xlsx = client.get("/admin/editorial/feedback/statistics/?period=2026-03&export=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in line] for line in sheet.iter_rows()]
    total = next(line for line in values if line[0] == "Tổng cộng")
    assert total[1:4] == [6, 3, 1]


def test_a_bad_period_is_said_not_a_server_error(client, march):
    client.force_login(march.manager)
    for period in ("2026-13", "abc", "9999", "x" * 500):
        response = client.get("/admin/editorial/feedback/statistics/", {"period": period, "export": "csv"})
        assert response.status_code == 400 and "help-critical" in response.content.decode()
