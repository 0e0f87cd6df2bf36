"""Admin wiring of projects: a project with an e-procurement number is neither copied nor an alias of it
turned into a project of its own (the number belongs to one project; ``ProjectPage.clean``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from .models import ProjectPage


@hooks.register("before_copy_page")
def _numbered_projects_are_not_copied(request: HttpRequest, page: Page) -> HttpResponse | None:
    """A copy would carry the same e-procurement number, which belongs to one project: make a new project."""
    if not ProjectPage.objects.descendant_of(page, inclusive=True).exclude(egp_number="").exists():
        return None
    messages.error(
        request,
        _(
            "Không sao chép được dự án, gói thầu có số hiệu trên Hệ thống mạng đấu thầu quốc gia: mỗi số hiệu "
            "chỉ ứng với một dự án. Hãy tạo trang mới."
        ),
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_convert_alias_page")
def _numbered_aliases_stay_aliases(request: HttpRequest, page: Page) -> HttpResponse | None:
    """An alias shows the original project; made a page of its own, it would be a second project with the number."""
    if not isinstance(page, ProjectPage) or not page.egp_number:
        return None
    messages.error(
        request,
        _(
            "Không chuyển được trang này thành trang riêng: nó hiển thị dự án, gói thầu có số hiệu %(number)s, "
            "và mỗi số hiệu chỉ ứng với một dự án."
        )
        % {"number": page.egp_number},
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
