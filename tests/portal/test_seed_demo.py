"""``seed_demo`` builds the demo portal, is idempotent, and refuses broken data with a clear message."""

from __future__ import annotations

import io
import json
import unicodedata
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import get_default_password_validators, validate_password
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from editorial.royalties.ledger import RoyaltyLine
from editorial.royalties.people import RoyaltyOfficer
from portal.demo.seed import DATA_DIR, load_article_specs
from portal.demo.sites import DEMO_PASSWORD
from portal.models import ArticlePage, Category
from security.passwords import PasswordHistoryValidator
from subportals.models import Unit

pytestmark = pytest.mark.django_db


def snapshot() -> tuple[int, ...]:
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Site.objects.count(),
        Unit.objects.count(),
        get_user_model().objects.count(),
        get_image_model().objects.count(),
    )


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, stderr=io.StringIO(), verbosity=0, **options)
    return out.getvalue()


def sample_data(tmp_path, specs) -> str:
    (tmp_path / "mau.json").write_text(json.dumps(specs, ensure_ascii=False), encoding="utf-8")
    return str(tmp_path)


def test_seed_is_idempotent_and_complete(client, tmp_path):
    # One real article per site, with and without translations, keeps this test fast but broad.
    chosen = {}
    for spec in load_article_specs(DATA_DIR):
        chosen.setdefault((spec["site"], bool(spec.get("en")), bool(spec.get("ru"))), spec)
    subset = sorted(chosen.values(), key=lambda spec: spec["key"])
    data_dir = sample_data(tmp_path, subset)

    seed(data_dir=data_dir)
    first = snapshot()
    royalty_lines = RoyaltyLine.objects.count()
    seed(data_dir=data_dir)
    assert snapshot() == first
    # Royalty books: credited demo articles with lines, graded by the board heads, an officer per unit.
    assert RoyaltyLine.objects.count() == royalty_lines > 0
    assert RoyaltyLine.objects.filter(status="graded", amount__gt=0).exists()
    assert RoyaltyOfficer.objects.filter(user__username="khanhhoa.ketoan", unit__code="khanhhoa").exists()

    assert Site.objects.filter(is_default_site=True).get().hostname == "localhost"
    assert Unit.objects.filter(site__isnull=False).count() >= 4
    demo_states = ArticlePage.objects.filter(slug__startswith="quy-trinh-")
    assert ArticlePage.objects.filter(locale__language_code="vi").exclude(pk__in=demo_states).count() == len(subset)
    assert_every_workflow_state(demo_states)
    assert ArticlePage.objects.filter(locale__language_code="en").exists()
    for host in ("localhost", "stttt.localhost", "syt.localhost", "nhatrang.localhost"):
        for language in ("vi", "en", "ru"):
            assert client.get(f"/{language}/", HTTP_HOST=host).status_code == 200, (host, language)


def assert_every_workflow_state(pages) -> None:
    """Each site has a draft, both review steps, a page sent back, a scheduled, a published and an overdue one."""
    from wagtail.models import TaskState, WorkflowState

    for unit in ("khanhhoa", "stttt", "syt", "nhatrang"):
        mine = {page.slug.removesuffix(f"-{unit}"): page for page in pages if page.slug.endswith(f"-{unit}")}
        assert not mine["quy-trinh-ban-nhap"].live and not mine["quy-trinh-ban-nhap"].workflow_states.exists()
        assert mine["quy-trinh-cho-kiem-duyet"].current_workflow_task.name.startswith("Kiểm duyệt")
        assert mine["quy-trinh-cho-truong-ban"].current_workflow_task.name.startswith("Trưởng ban")
        sent_back = mine["quy-trinh-tra-lai"].current_workflow_state
        assert sent_back.status == WorkflowState.STATUS_NEEDS_CHANGES
        assert TaskState.objects.get(workflow_state=sent_back, status=TaskState.STATUS_REJECTED).comment
        scheduled = mine["quy-trinh-hen-gio"]
        assert not scheduled.live and scheduled.scheduled_revision is not None
        assert mine["quy-trinh-da-duyet"].live
        overdue = mine["quy-trinh-qua-han"].current_workflow_task_state
        assert (timezone.now() - overdue.started_at).days >= 7


def test_demo_users_exist_for_every_role_and_meet_the_password_policy(tmp_path):
    seed(data_dir=sample_data(tmp_path, []))
    users = get_user_model().objects.all()
    names = {u.username for u in users}
    for unit in ("khanhhoa", "stttt", "syt", "nhatrang"):
        assert {f"{unit}.bientap", f"{unit}.kiemduyet", f"{unit}.truongban"} <= names
    admin = users.get(username="quantri")
    assert admin.is_superuser
    # Every rule but "not one of your last passwords", which the current password fails by definition.
    rules = [v for v in get_default_password_validators() if not isinstance(v, PasswordHistoryValidator)]
    for user in users:
        assert user.check_password(DEMO_PASSWORD)
        validate_password(DEMO_PASSWORD, user, password_validators=rules)


def test_broken_json_is_refused_with_the_file_name(tmp_path):
    (tmp_path / "hong.json").write_text('[{"key": "x", ', encoding="utf-8")
    with pytest.raises(CommandError, match=r"hong\.json"):
        seed(data_dir=str(tmp_path))
    assert not ArticlePage.objects.exists()


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"key": "a"}, "thiếu trường"),
        ({"key": "a", "site": "hanoi", "category": "tin-tuc", "days_ago": 1, "vi": {}}, "cổng không hợp lệ"),
        ({"key": "a", "site": "main", "category": "tin-tuc", "days_ago": -3, "vi": {}}, "days_ago"),
        ({"key": "a", "site": "main", "category": "tin-tuc", "days_ago": 1, "vi": {"title": 1}}, "title, summary"),
        ("không phải đối tượng", "không phải một đối tượng"),
    ],
)
def test_invalid_article_specs_are_refused(tmp_path, spec, message):
    with pytest.raises(CommandError, match=message):
        seed(data_dir=sample_data(tmp_path, [spec]))


@pytest.mark.parametrize(
    "options",
    [{"domain": "bad/domain"}, {"domain": ""}, {"port": 0}, {"port": 70000}, {"limit": -1}, {"data_dir": "/khong/co"}],
)
def test_bad_options_are_refused(options):
    with pytest.raises(CommandError):
        seed(**options)


def test_demo_data_covers_the_regulation():
    """≥150 articles over all 12 categories and the last 90 days, on every site, part of them translated."""
    specs = load_article_specs()
    assert len(specs) >= 150
    assert len({spec["key"] for spec in specs}) == len(specs)
    codes = set(Category.objects.values_list("code", flat=True))
    assert {spec["category"] for spec in specs} == codes
    assert set(Counter(spec["site"] for spec in specs)) == {"main", "stttt", "syt", "nhatrang"}
    assert max(spec["days_ago"] for spec in specs) < 90
    assert sum(1 for spec in specs if spec.get("en")) >= 30
    assert sum(1 for spec in specs if spec.get("ru")) >= 20
    for spec in specs:
        for language in ("vi", "en", "ru"):
            text = spec.get(language)
            if text:
                joined = json.dumps(text, ensure_ascii=False)
                assert unicodedata.is_normalized("NFC", joined), spec["key"]
