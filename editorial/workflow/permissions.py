"""Who may publish: nobody directly on a page under a workflow; only the board's approval publishes.

Wagtail lets anyone with the ``publish`` page permission skip the workflow (the Publish button,
bulk publish, copy-and-publish, reverting a revision, publishing a translation). P-Art. 7.5
requires review before publication, so on pages governed by a workflow ``can_publish`` is false
for everybody but operators (superusers); the last approval publishes through Wagtail's
workflow. Unpublishing, unscheduling and privacy stay with holders of ``publish``: they take
content away from the public, they never put unapproved content in front of it.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import Page, PagePermissionTester


def governed_by_workflow(page: Page) -> bool:
    return page.get_workflow() is not None


class EditorialPagePermissionTester(PagePermissionTester):
    def can_publish(self) -> bool:
        if self.user.is_superuser:
            return super().can_publish()
        return super().can_publish() and not governed_by_workflow(self.page)

    def can_publish_subpage(self) -> bool:
        if self.user.is_superuser:
            return super().can_publish_subpage()
        return super().can_publish_subpage() and not governed_by_workflow(self.page)

    def _holds_publish(self) -> bool:
        return self.user.is_active and (self.user.is_superuser or "publish" in self.permissions)

    def can_unschedule(self) -> bool:
        return self._holds_publish()

    def can_set_view_restrictions(self) -> bool:
        return not self.page_is_root and self._holds_publish()


class EditorialPermissionsMixin:
    """Page models mix this in so that every permission check goes through the tester above."""

    def permissions_for_user(self, user: Any) -> EditorialPagePermissionTester:
        return EditorialPagePermissionTester(user, self)
