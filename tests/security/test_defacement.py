"""Defacement watch (S-HD 17): a publication never alarms, a change behind Wagtail's back always does.

Real rendering through the middleware stack; publications run their on-commit callbacks as they
would in production.
"""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import Revision

from portal.models import ArticlePage
from security.integrity import services
from security.integrity.models import Incident, IncidentLevel, IncidentStatus, PageFingerprint
from subportals.models import Unit
from subportals.provisioning import ensure_management_group
from tests.factories import ArticlePageFactory, UserFactory

MANAGEMENT_ADDRESSES = {"congttdt@khanhhoa.gov.vn", "quantri@khanhhoa.gov.vn", "soc@khanhhoa.gov.vn"}


@pytest.fixture
def watched(portal, settings, django_capture_on_commit_callbacks):
    """The portal with its management unit's addresses, its article published, fingerprinted from scratch."""
    with django_capture_on_commit_callbacks(execute=True):
        portal.article.save_revision().publish()
    settings.SECURITY_ALERT_EMAILS = ["soc@khanhhoa.gov.vn"]
    Unit.objects.filter(pk=portal.unit.pk).update(contact_emails="congttdt@khanhhoa.gov.vn\n")
    manager = UserFactory(username="quantri", email="quantri@khanhhoa.gov.vn")
    manager.groups.add(ensure_management_group())
    UserFactory(username="bientap", email="bientap@khanhhoa.gov.vn")  # Not of the management unit.
    call_command("check_defacement", "--baseline", verbosity=0, stdout=io.StringIO())
    return portal


def check(verbosity: int = 0) -> tuple[int, str]:
    """Run the command as cron would; its exit status and what it printed."""
    out = io.StringIO()
    try:
        call_command("check_defacement", verbosity=verbosity, stdout=out, stderr=io.StringIO())
    except SystemExit as exit_:
        return int(exit_.code), out.getvalue()
    return 0, out.getvalue()


def test_normalisation_removes_per_request_noise(settings):
    settings.STATIC_URL = "/static/"
    first = (
        '<form><input type="hidden" name="csrfmiddlewaretoken" value="abc123"></form>'
        '<script nonce="r4nd0m">var csrfToken = "abc123";</script><!-- generated at 2026-11-24T10:00:01 -->'
        '<link href="/static/portal/css/portal.1a2b3c4d5e6f.css?v=17">'
        '<img src="/media/images/anh.2e16d0ba.fill-480x270_Ab3dE9f.png">'
    )
    second = (
        '<form>\n  <input type="hidden" name="csrfmiddlewaretoken" value="zzz999"></form>'
        "<script nonce='other'>var csrfToken = \"zzz999\";</script><!-- generated at 2026-11-24T10:15:42 -->"
        '<link href="/static/portal/css/portal.ffffffffffff.css?v=18">'
        '<img src="/media/images/anh.2e16d0ba.fill-480x270.png">'
    )
    assert services.normalise_html(first) == services.normalise_html(second)
    assert services.normalise_html("<p>Tin tức</p>") != services.normalise_html("<p>HACKED</p>")


def test_baseline_fingerprints_every_public_page_and_a_check_finds_nothing(watched):
    urls = set(PageFingerprint.objects.values_list("url", flat=True))
    assert "http://localhost/vi/tin-tuc-su-kien/khanh-hoa-don-khach/" in urls
    assert "http://localhost/en/tin-tuc-su-kien/khanh-hoa-don-khach/" in urls
    assert "http://localhost/ru/" in urls

    status, output = check(verbosity=1)  # With the progress bar.

    assert status == 0
    assert output.startswith("OK")
    assert not Incident.objects.exists()
    assert not mail.outbox


def test_a_publication_never_raises_an_alarm(watched, django_capture_on_commit_callbacks):
    article = ArticlePage.objects.get(pk=watched.article.pk)
    article.title = "Khánh Hòa đón 500.000 khách quốc tế"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        # A new article changes the listings, and the first article's "related" block: explained too.
        ArticlePageFactory(parent=watched.section, title="Lễ hội biển Nha Trang").save_revision().publish()

    status, output = check(verbosity=2)

    assert (status, Incident.objects.count(), len(mail.outbox)) == (0, 0, 0), output
    # The first article now lists the second under "related": re-baselined, not alarmed.
    assert "Cập nhật theo lần xuất bản: http://localhost/vi/tin-tuc-su-kien/khanh-hoa-don-khach/" in output
    fingerprint = PageFingerprint.objects.get(page_ref=article.pk)
    assert "500.000 khách" in fingerprint.text
    assert fingerprint.revision_id == ArticlePage.objects.get(pk=article.pk).live_revision_id


def test_a_title_changed_in_the_database_is_an_emergency_reported_once(watched):
    article = watched.article
    ArticlePage.objects.filter(pk=article.pk).update(title="HACKED")

    status, output = check()

    assert status == 2
    assert "CẢNH BÁO" in output and "Khẩn cấp" in output
    incident = Incident.objects.get()
    assert incident.level == IncidentLevel.EMERGENCY
    assert incident.kind == "defacement"
    assert incident.status == IncidentStatus.OPEN
    listed = {item["page_id"]: item for item in incident.pages}
    assert listed[article.pk]["url"] == "http://localhost/vi/tin-tuc-su-kien/khanh-hoa-don-khach/"
    assert listed[article.pk]["locale"] == "vi"
    assert watched.section.pk in listed  # The section's listing shows the new title too.
    assert '+<h1 class="article__title">HACKED</h1>' in incident.diff
    assert '-<h1 class="article__title">Khánh Hòa đón khách quốc tế</h1>' in incident.diff

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == MANAGEMENT_ADDRESSES
    assert "Khẩn cấp" in message.subject
    assert "HACKED" in message.body
    assert set(incident.notified_to) == MANAGEMENT_ADDRESSES

    # Same state at the next run: still failing, but no second incident and no second e-mail.
    status, output = check()

    assert status == 2
    assert "Sự cố đang mở" in output
    assert Incident.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_alarm_holds_even_if_another_page_of_the_site_is_published_meanwhile(
    watched, django_capture_on_commit_callbacks
):
    ArticlePage.objects.filter(pk=watched.article.pk).update(summary="Trang này đã bị chiếm quyền.")
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=watched.section).save_revision().publish()

    status, _output = check()

    assert status == 2
    incident = Incident.objects.get()
    assert watched.article.pk in {item["page_id"] for item in incident.pages}
    assert "Trang này đã bị chiếm quyền." in incident.diff


def test_a_live_revision_edited_in_the_database_is_reported(watched):
    revision = Revision.objects.get(pk=ArticlePage.objects.get(pk=watched.article.pk).live_revision_id)
    Revision.objects.filter(pk=revision.pk).update(content={**revision.content, "title": "HACKED"})

    status, _output = check()

    assert status == 2
    incident = Incident.objects.get()
    assert incident.level == IncidentLevel.EMERGENCY
    assert [item["change"] for item in incident.pages] == ["source"]
    assert "HACKED" in incident.diff


def test_a_page_taken_offline_behind_wagtails_back_is_reported(watched):
    ArticlePage.objects.filter(pk=watched.article.pk).update(live=False)

    status, output = check()

    assert status == 2
    incident = Incident.objects.get()
    assert incident.level == IncidentLevel.EMERGENCY
    gone = next(item for item in incident.pages if item["page_id"] == watched.article.pk)
    assert (gone["change"], gone["status_before"], gone["status_now"]) == ("gone", 200, 404)
    assert "HTTP 404" in output
    assert len(mail.outbox) == 1


def test_a_page_that_raises_is_a_high_incident_and_the_check_goes_on(watched, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("template exploded")

    monkeypatch.setattr(ArticlePage, "get_context", broken)

    status, _output = check()

    assert status == 2
    incident = Incident.objects.get()
    assert incident.level == IncidentLevel.HIGH
    assert {item["status_now"] for item in incident.pages} == {500}
    assert {item["page_id"] for item in incident.pages} == set(
        ArticlePage.objects.values_list("pk", flat=True)
    )  # Every article (vi and en) was tried, and nothing else broke.
    assert "RuntimeError: template exploded" in incident.pages[0]["error"]


def test_republishing_restores_the_page_and_resolving_closes_the_incident(watched, django_capture_on_commit_callbacks):
    ArticlePage.objects.filter(pk=watched.article.pk).update(title="HACKED")
    assert check()[0] == 2
    incident = Incident.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        revision = ArticlePage.objects.get(pk=watched.article.pk).live_revision
        revision.publish()  # The editor republishes the right version.
    status, output = check()

    assert status == 0, output
    assert not PageFingerprint.objects.exclude(alarm_digest="").exists()
    out = io.StringIO()
    call_command("check_defacement", resolve=incident.pk, user="quantri", note="Đã khôi phục.", stdout=out)
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.RESOLVED
    assert incident.resolved_by_name == "quantri" and incident.resolved_at is not None
    assert incident.acknowledged_by_name == "quantri"


def test_administrators_take_and_close_incidents_in_the_admin(watched, client):
    ArticlePage.objects.filter(pk=watched.article.pk).update(title="HACKED")
    check()
    incident = Incident.objects.get()
    manager = UserFactory(username="vanhanh", is_superuser=True)
    client.force_login(manager)
    page = client.get("/admin/security/incidents/").content.decode()
    assert f'data-incident="{incident.pk}"' in page and "HACKED" in page
    client.post("/admin/security/incidents/", {"incident": incident.pk, "action": "acknowledge"})
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.ACKNOWLEDGED and incident.acknowledged_by == manager
    # Closing needs a note saying what was done; hostile or unknown input changes nothing.
    client.post("/admin/security/incidents/", {"incident": incident.pk, "action": "resolve", "note": "  "})
    client.post("/admin/security/incidents/", {"incident": "x" * 5000, "action": "resolve", "note": "x"})
    client.post("/admin/security/incidents/", {"incident": incident.pk, "action": "<script>", "note": "x"})
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.ACKNOWLEDGED
    ArticlePage.objects.filter(pk=watched.article.pk).update(title=watched.article.title)
    client.post(
        "/admin/security/incidents/",
        {"incident": incident.pk, "action": "resolve", "note": "Khôi phục tiêu đề từ bản sao lưu."},
    )
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.RESOLVED and incident.resolution_note.startswith("Khôi phục")
    assert check()[0] == 0


def test_editors_cannot_see_incidents(watched, client):
    from subportals.enums import EditorialRole
    from tests.factories import member

    client.force_login(member(watched.unit, EditorialRole.EDITOR, "khanhhoa.bientap"))
    response = client.get("/admin/security/incidents/")
    assert response.status_code == 302
