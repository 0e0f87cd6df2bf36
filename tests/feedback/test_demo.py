"""The demo questions: every state, on the main portal and sub-portals, idempotent, pages render."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import timezone

from editorial.feedback.demo import QUESTIONS, seed
from editorial.feedback.enums import Status
from editorial.feedback.models import Feedback, FeedbackEvent
from subportals.enums import UnitKind
from tests.factories import make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_units(db):
    make_unit()
    make_unit("syt", UnitKind.DEPARTMENT)
    make_unit("nhatrang", UnitKind.DISTRICT)
    make_unit("stttt", UnitKind.DEPARTMENT)


def test_seed_twice_changes_nothing_and_covers_every_state(client, demo_units):
    seeder = SimpleNamespace(now=timezone.now())
    seed(seeder)
    count, events = Feedback.objects.count(), FeedbackEvent.objects.count()
    assert count == len(QUESTIONS) >= 12
    seed(seeder)
    assert (Feedback.objects.count(), FeedbackEvent.objects.count()) == (count, events)
    statuses = set(Feedback.objects.values_list("status", flat=True))
    assert statuses == {Status.RECEIVED, Status.ASSIGNED, Status.PENDING_APPROVAL, Status.ANSWERED, Status.CLOSED}
    assert Feedback.objects.published().count() >= 5
    assert Feedback.objects.filter(status=Status.ANSWERED, is_published=False).exists()
    assert Feedback.objects.overdue().exists()
    closed = Feedback.objects.get(status=Status.CLOSED)
    assert closed.close_reason and closed.close_note
    assert set(Feedback.objects.values_list("site_unit__code", flat=True)) >= {"khanhhoa", "syt", "nhatrang"}
    # The published ones have no personal detail in their public text.
    for item in Feedback.objects.published():
        assert item.personal_name not in item.published_question + item.answer
    # Their pages render in every language, on the main portal and the Department's sub-portal.
    item = Feedback.objects.published().filter(assigned_unit__code="syt").first()
    for language in ("vi", "en", "ru"):
        for host in ("localhost", "syt.localhost"):
            response = client.get(f"/{language}/hoi-dap/", HTTP_HOST=host)
            assert response.status_code == 200 and f'data-code="{item.code}"' in response.content.decode()
            assert client.get(f"/{language}/hoi-dap/{item.code}/", HTTP_HOST=host).status_code == 200
