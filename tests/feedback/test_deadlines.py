"""Deadlines in working days (holidays and the government's changes skipped) and overdue items on the dashboard."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from editorial.calendar import WorkingCalendar
from editorial.compliance.models import CalendarDay
from editorial.feedback import services
from editorial.feedback.enums import Topic
from editorial.feedback.rules import deadline_for, working_days_taken

D = datetime.date


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_ten_working_days_skip_weekends_and_public_holidays():
    calendar = WorkingCalendar()
    # Tue 28/4/2026: 30/4 and 1/5 are holidays, then two weekends → Thu 14/5 (12/5 without the holidays).
    assert deadline_for(D(2026, 4, 28), calendar, 10) == D(2026, 5, 14)
    # Thu 12/2/2026, just before Tết (16–20/2 off) → Thu 5/3.
    assert deadline_for(D(2026, 2, 12), calendar, 10) == D(2026, 3, 5)
    # Received on a Saturday: the count starts on Monday.
    assert deadline_for(D(2026, 3, 7), calendar, 1) == D(2026, 3, 9)


def test_the_default_comes_from_the_setting(settings):
    settings.FEEDBACK_ANSWER_WORKING_DAYS = 5
    assert deadline_for(D(2026, 4, 28), WorkingCalendar()) == D(2026, 5, 7)


def test_answer_time_counts_working_days_only():
    calendar = WorkingCalendar()
    assert working_days_taken(D(2026, 4, 28), D(2026, 4, 28), calendar) == 0
    assert working_days_taken(D(2026, 4, 28), D(2026, 5, 4), calendar) == 2  # 29/4 and 4/5


@pytest.mark.django_db
def test_the_calendar_entered_in_the_admin_moves_the_deadline(world):
    CalendarDay.objects.create(date=D(2026, 5, 8), is_working_day=False, name="Nghỉ thêm")
    CalendarDay.objects.create(date=D(2026, 5, 9), is_working_day=True, name="Làm bù thứ Bảy")
    item = services.submit(
        services.Submission(site_unit=world.syt, title="Hỏi", question="Nội dung", name="An", topic=Topic.HEALTH),
        now=at(D(2026, 4, 28)),
        notify=False,
    )
    # Friday 8/5 off, Saturday 9/5 worked: still ten working days by 14/5; without the make-up day, 15/5.
    assert item.deadline == D(2026, 5, 14)
    CalendarDay.objects.filter(date=D(2026, 5, 9)).delete()
    later = services.submit(
        services.Submission(site_unit=world.syt, title="Hỏi 2", question="Nội dung", name="An", topic=Topic.HEALTH),
        now=at(D(2026, 4, 28)),
        notify=False,
    )
    assert later.deadline == D(2026, 5, 15)


@pytest.mark.django_db
def test_received_late_in_the_evening_counts_from_that_vietnamese_day(world):
    evening = timezone.make_aware(datetime.datetime(2026, 4, 28, 23, 30))
    item = services.submit(
        services.Submission(site_unit=world.syt, title="Hỏi", question="Nội dung", name="An", topic=Topic.HEALTH),
        now=evening,
        notify=False,
    )
    assert item.deadline == D(2026, 5, 14)


def _overdue(world, unit, title: str):
    received = timezone.now() - datetime.timedelta(days=60)
    item = services.submit(
        services.Submission(site_unit=world.main, title=title, question="Nội dung", name="An", topic=Topic.LAND),
        now=received,
        notify=False,
    )
    if unit is not None:
        services.assign(item, unit, world.manager, now=received, notify=False)
    return item


@pytest.mark.django_db
def test_overdue_questions_are_on_the_dashboard_of_their_unit_only(client, world):
    syt_item = _overdue(world, world.syt, "Câu hỏi quá hạn của Sở Y tế")
    nt_item = _overdue(world, world.nt, "Câu hỏi quá hạn của Nha Trang")
    waiting = _overdue(world, None, "Câu hỏi chưa chuyển")
    fresh = services.submit(
        services.Submission(site_unit=world.main, title="Câu hỏi mới", question="Nội dung", name="An", topic=Topic.TAX),
        notify=False,
    )
    services.assign(fresh, world.syt, world.manager, notify=False)
    client.force_login(world.syt_editor)
    html = client.get("/admin/").content.decode()
    assert 'id="editorial-feedback-overdue' in html or "editorial-feedback-overdue" in html
    assert f'data-feedback="{syt_item.code}"' in html
    assert f'data-feedback="{nt_item.code}"' not in html and f'data-feedback="{waiting.code}"' not in html
    assert f'data-feedback="{fresh.code}"' not in html
    client.force_login(world.manager)
    html = client.get("/admin/").content.decode()
    for item in (syt_item, nt_item, waiting):
        assert f'data-feedback="{item.code}"' in html
    assert "câu hỏi mới chờ chuyển đơn vị" in html
    # The overdue filter of the list.
    html = client.get("/admin/editorial/feedback/?overdue=on").content.decode()
    assert f'data-feedback="{syt_item.code}"' in html and f'data-feedback="{fresh.code}"' not in html
    # The detail screen says by how many working days.
    assert "data-overdue=" in client.get(f"/admin/editorial/feedback/{syt_item.pk}/").content.decode()


@pytest.mark.django_db
def test_answered_questions_leave_the_dashboard(client, world):
    item = _overdue(world, world.syt, "Đã trả lời muộn")
    services.approve(item, world.syt_head, answer="Trả lời", publish=False, notify=False)
    client.force_login(world.syt_editor)
    assert f'data-feedback="{item.code}"' not in client.get("/admin/").content.decode()
