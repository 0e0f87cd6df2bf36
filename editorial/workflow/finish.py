"""What the last approval does. Imported by Wagtail while its models load: no model imports here."""

from __future__ import annotations


def publish_approved(workflow_state, user=None) -> None:
    """WAGTAIL_FINISH_WORKFLOW_ACTION: the board's last approval publishes (or schedules) the page.

    Direct publishing is closed to everyone under a workflow (see ``permissions``), so the
    permission check is skipped here on purpose: the completed workflow is the authorisation.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
