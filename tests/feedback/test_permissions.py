"""A unit sees only the questions assigned to it: list, detail, attachment, every action → 404 for others."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from editorial.feedback import services
from editorial.feedback.enums import Kind, Status, Topic
from editorial.feedback.models import Feedback, FeedbackAttachment
from subportals.enums import EditorialRole
from tests.factories import UserFactory, member
from tests.feedback.factories import PDF_BYTES, form_data

pytestmark = pytest.mark.django_db

ACTIONS = ("assign", "draft", "submit", "approve", "return", "release", "close", "publication")


def ask(world, title: str, unit=None, site=None) -> Feedback:
    item = services.submit(
        services.Submission(
            site_unit=site or world.main,
            title=title,
            question="Nội dung câu hỏi của người dân.",
            name="Trần Văn Cường",
            topic=Topic.LAND,
            kind=Kind.QUESTION,
            email="cuong@example.com",
            consent_publish=True,
        ),
        notify=False,
    )
    if unit is not None:
        item = services.assign(item, unit, world.manager, notify=False)
    return item


@pytest.fixture
def items(world, client):
    client.post(
        "/vi/gop-y/",
        {**form_data(title="Câu hỏi của Sở Y tế"), "attachment": SimpleUploadedFile("a.pdf", PDF_BYTES)},
        HTTP_HOST="syt.localhost",
    )
    syt_item = Feedback.objects.get(title="Câu hỏi của Sở Y tế")
    services.assign(syt_item, world.syt, world.manager, notify=False)
    return {
        "syt": syt_item,
        "nt": ask(world, "Câu hỏi của Nha Trang", world.nt),
        "new": ask(world, "Câu hỏi chưa chuyển"),
    }


def test_the_list_shows_only_the_units_own_questions(client, world, items):
    client.force_login(world.nt_editor)
    html = client.get("/admin/editorial/feedback/").content.decode()
    assert f'data-feedback="{items["nt"].code}"' in html
    assert f'data-feedback="{items["syt"].code}"' not in html and f'data-feedback="{items["new"].code}"' not in html
    # Filtering by another unit shows nothing of it either.
    html = client.get(f"/admin/editorial/feedback/?unit={world.syt.pk}").content.decode()
    assert f'data-feedback="{items["syt"].code}"' not in html
    html = client.get(f"/admin/editorial/feedback/?q={items['syt'].code}").content.decode()
    assert f'data-feedback="{items["syt"].code}"' not in html


def test_the_management_unit_sees_everything(client, world, items):
    client.force_login(world.manager)
    html = client.get("/admin/editorial/feedback/").content.decode()
    assert all(f'data-feedback="{item.code}"' in html for item in items.values())
    html = client.get(f"/admin/editorial/feedback/?q={items['syt'].code.lower()}").content.decode()
    assert f'data-feedback="{items["syt"].code}"' in html and f'data-feedback="{items["nt"].code}"' not in html


@pytest.mark.parametrize("role", [EditorialRole.EDITOR, EditorialRole.REVIEWER, EditorialRole.BOARD_HEAD])
def test_another_units_question_answers_404_everywhere(client, world, items, role):
    user = member(world.nt, role, f"nt.{role}")
    client.force_login(user)
    for item in (items["syt"], items["new"]):
        assert client.get(f"/admin/editorial/feedback/{item.pk}/").status_code == 404
        for action in ACTIONS:
            data = {"unit": world.nt.pk, "answer": "x", "note": "x", "reason": "other", "publish": "on"}
            assert client.post(f"/admin/editorial/feedback/{item.pk}/{action}/", data).status_code == 404
    attachment = FeedbackAttachment.objects.get()
    url = f"/admin/editorial/feedback/{items['syt'].pk}/attachments/{attachment.pk}/"
    assert client.get(url).status_code == 404
    # Naming its own question with another question's attachment does not work either.
    assert client.get(f"/admin/editorial/feedback/{items['nt'].pk}/attachments/{attachment.pk}/").status_code == 404
    items["syt"].refresh_from_db()
    assert items["syt"].status == Status.ASSIGNED and items["syt"].assigned_unit == world.syt


def test_unit_staff_cannot_assign_and_editors_cannot_approve_or_close(client, world, items):
    client.force_login(world.nt_editor)
    item = items["nt"]
    for action, data in (
        ("assign", {"unit": world.syt.pk}),
        ("approve", {"answer": "Trả lời"}),
        ("close", {"reason": "duplicate"}),
    ):
        response = client.post(f"/admin/editorial/feedback/{item.pk}/{action}/", data)
        assert response.status_code == 302 and response["Location"] == "/admin/"
    item.refresh_from_db()
    assert item.status == Status.ASSIGNED and item.assigned_unit == world.nt


def test_statistics_are_for_the_management_unit_only(client, world, items):
    client.force_login(world.nt_head)
    for url in ("/admin/editorial/feedback/statistics/", "/admin/editorial/feedback/statistics/?export=csv"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/"
    client.force_login(world.manager)
    assert client.get("/admin/editorial/feedback/statistics/").status_code == 200


def test_people_outside_every_board_see_nothing(client, world, items):
    outsider = UserFactory(username="nguoingoai")
    from django.contrib.auth.models import Permission

    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    response = client.get("/admin/editorial/feedback/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get(f"/admin/editorial/feedback/{items['syt'].pk}/").status_code in (302, 404)
    assert "/admin/editorial/feedback/" not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_login(client, world, items):
    response = client.get(f"/admin/editorial/feedback/{items['syt'].pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    attachment = FeedbackAttachment.objects.get()
    response = client.get(f"/admin/editorial/feedback/{items['syt'].pk}/attachments/{attachment.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_menu_shows_to_unit_staff_and_statistics_to_the_management_unit(client, world, items):
    client.force_login(world.nt_editor)
    html = client.get("/admin/").content.decode()
    assert "/admin/editorial/feedback/" in html and "/admin/editorial/feedback/statistics/" not in html
    client.force_login(world.manager)
    assert "/admin/editorial/feedback/statistics/" in client.get("/admin/").content.decode()


def test_attachments_are_never_public_files(client, world, items, settings):
    import os

    attachment = FeedbackAttachment.objects.get()
    media = str(settings.MEDIA_ROOT)
    for root, _dirs, files in os.walk(media):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                assert handle.read() != PDF_BYTES, f"{name} under MEDIA_ROOT"
    assert attachment.sha256 and attachment.intact


def test_a_tampered_attachment_is_refused(client, world, items):
    attachment = FeedbackAttachment.objects.get()
    FeedbackAttachment.objects.filter(pk=attachment.pk).update(personal_content=b"%PDF-1.4 changed")
    client.force_login(world.syt_editor)
    response = client.get(f"/admin/editorial/feedback/{items['syt'].pk}/attachments/{attachment.pk}/")
    assert response.status_code == 409


def test_personal_data_stays_out_of_the_audit_log(world, items):
    from security.models import AuditEntry

    entries = AuditEntry.objects.filter(object_type__icontains="feedback")
    assert entries.filter(action="model.create").exists()
    text = " ".join(str(entry.changes) + entry.object_repr for entry in entries)
    assert "Câu hỏi của Sở Y tế" not in text  # nor the question: only its tracking code and length
    assert items["syt"].code in text and "question_length" in text
    assert "Trần Văn Cường" not in text and "cuong@example.com" not in text and "binh.nguyen@example.com" not in text
    assert "personal_content" not in text
