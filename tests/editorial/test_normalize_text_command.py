"""``normalize_text`` finds legacy text in stored content and fixes it with new revisions only."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from editorial.tcvn6909 import encode
from portal.models import ArticlePage, Category

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("normalize_text", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def damaged(portal):
    """Legacy text written straight into the database, as an old import would have left it."""
    Category.objects.filter(code="danh-ba").update(description_vi=encode("Danh bạ thư điện tử", "tcvn3"))
    revision = portal.article.save_revision()
    revision.publish()
    content = dict(revision.content)
    content["title"] = encode("Khánh Hòa đón khách quốc tế", "vni")
    Revision.objects.filter(pk=revision.pk).update(content=content)
    ArticlePage.objects.filter(pk=portal.article.pk).update(title=content["title"])
    return portal, revision


def test_clean_database_passes(portal):
    assert "đều đã theo chuẩn" in run("--check")


def test_check_reports_and_changes_nothing(damaged):
    portal, _revision = damaged
    with pytest.raises(CommandError, match="chưa theo chuẩn") as error:
        run("--check")
    assert error.value.returncode == 1
    assert Category.objects.get(code="danh-ba").description_vi == encode("Danh bạ thư điện tử", "tcvn3")
    assert Revision.objects.filter(object_id=str(portal.article.pk)).count() == 1


def test_fix_converts_with_a_new_revision_and_keeps_history(damaged):
    portal, _revision = damaged
    out = run("--fix")
    assert "Đã chuyển đổi 2" in out
    assert Category.objects.get(code="danh-ba").description_vi == "Danh bạ thư điện tử"
    article = ArticlePage.objects.get(pk=portal.article.pk)
    assert article.title == "Khánh Hòa đón khách quốc tế" and article.live
    revisions = Revision.objects.filter(object_id=str(article.pk)).order_by("pk")
    assert revisions.count() == 2
    # The earlier revision is history: untouched.
    assert revisions.first().content["title"] == encode("Khánh Hòa đón khách quốc tế", "vni")
    assert "đều đã theo chuẩn" in run("--check")


def test_draft_changes_are_not_published_by_the_fix(damaged):
    portal, _revision = damaged
    article = ArticlePage.objects.get(pk=portal.article.pk)
    article.summary = "Bản nháp chưa duyệt."
    draft = article.save_revision()
    Revision.objects.filter(pk=draft.pk).update(content={**draft.content, "title": encode("Tiêu đề nháp", "tcvn3")})
    run("--fix")
    article.refresh_from_db()
    assert article.has_unpublished_changes
    assert article.get_latest_revision_as_object().title == "Tiêu đề nháp"
    assert article.summary != "Bản nháp chưa duyệt."


def test_mode_is_required():
    with pytest.raises(CommandError):
        call_command("normalize_text")
