"""Demo pages in every workflow state, made through the same task actions the admin uses."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from wagtail.models import TaskState
from wagtail.rich_text import RichText

from portal.models import ArticlePage, Category, HomePage, SectionPage

from . import sites


@dataclass(frozen=True)
class DemoState:
    slug: str
    title: str
    steps: tuple[str, ...]  # "submit", "approve:<role>", "reject:<role>", "schedule"
    waited_days: int = 0


STATES = (
    DemoState("quy-trinh-ban-nhap", "Dự thảo: kế hoạch tuyên truyền chuyển đổi số quý I", ()),
    DemoState("quy-trinh-cho-kiem-duyet", "Hội nghị tập huấn kỹ năng biên tập tin bài", ("submit",)),
    DemoState(
        "quy-trinh-cho-truong-ban", "Tổng kết công tác thông tin đối ngoại năm 2026", ("submit", "approve:kiemduyet")
    ),
    DemoState("quy-trinh-tra-lai", "Thông báo lịch tiếp công dân tháng 12", ("submit", "reject:kiemduyet")),
    DemoState(
        "quy-trinh-hen-gio",
        "Chương trình chào năm mới 2027 tại quảng trường 2/4",
        ("schedule", "submit", "approve:kiemduyet", "approve:truongban"),
    ),
    DemoState(
        "quy-trinh-da-duyet",
        "Ra mắt chuyên mục hỏi đáp chính sách trên cổng thông tin",
        ("submit", "approve:kiemduyet", "approve:truongban"),
    ),
    DemoState("quy-trinh-qua-han", "Báo cáo kết quả cải cách hành chính 11 tháng", ("submit",), waited_days=7),
)

REJECTION = "Đề nghị bổ sung địa điểm và giờ tiếp công dân của từng bộ phận."


def seed_workflow_states(homes: dict[str, HomePage], now: datetime.datetime) -> int:
    """Idempotent: states already present (by slug) are left as they are. Returns pages created."""
    users = {user.username: user for user in get_user_model().objects.filter(username__contains=".")}
    category = Category.objects.get(code="tin-tuc")
    created = 0
    for code, home in homes.items():
        section = SectionPage.objects.child_of(home).first()
        if section is None:
            continue
        for state in STATES:
            slug = f"{state.slug}-{code}"
            if ArticlePage.objects.filter(slug=slug).exists():
                continue
            _make(section, slug, state, category, users, code, now)
            created += 1
    return created


def _make(section, slug, state: DemoState, category, users, code: str, now: datetime.datetime) -> None:
    def user(role: str):
        return users[f"{code}.{role}"]

    page = ArticlePage(
        title=state.title,
        slug=slug,
        category=category,
        summary=f"{state.title} – tin minh họa quy trình duyệt của Ban biên tập.",
        publication_date=now,
        author="Phòng Thông tin",
        body=[("paragraph", RichText(f"<p>{state.title}. Nội dung đang được Ban biên tập xem xét.</p>"))],
        live=False,
    )
    if "schedule" in state.steps:
        page.go_live_at = now + datetime.timedelta(days=3)
    section.add_child(instance=page)
    page.save_revision(user=user(sites.ROLE_USERNAME_SUFFIX["editor"]), log_action=True)
    for step in state.steps:
        if step == "submit":
            page.get_workflow().start(page, user(sites.ROLE_USERNAME_SUFFIX["editor"]))
        elif step.startswith(("approve:", "reject:")):
            action, role = step.split(":")
            task_state = ArticlePage.objects.get(pk=page.pk).current_workflow_task_state.specific
            comment = REJECTION if action == "reject" else "Đồng ý."
            task_state.task.specific.on_action(task_state, user(role), action, comment=comment)
    if state.waited_days:
        started = now - datetime.timedelta(days=state.waited_days)
        TaskState.objects.filter(workflow_state__object_id=str(page.pk)).update(started_at=started)
