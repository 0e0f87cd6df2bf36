"""Building the approval workflows of the units (draft → review → board head → published)."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from .models import BoardApprovalTask


@transaction.atomic
def build_workflow(name: str, steps: Sequence[tuple[str, Group]]) -> Workflow:
    """A new workflow with one board-approval step per (task name, group), in order."""
    workflow = Workflow.objects.create(name=name)
    for order, (task_name, group) in enumerate(steps):
        task = BoardApprovalTask.objects.create(name=task_name)
        task.groups.set([group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def follows_board_rules(workflow: Workflow) -> bool:
    """Every step of the workflow is a board-approval step (older workflows may hold other tasks)."""
    tasks = [task.specific for task in workflow.tasks.all()]
    return bool(tasks) and all(isinstance(task, BoardApprovalTask) for task in tasks)


def step_count(workflow: Workflow) -> int:
    return workflow.workflow_tasks.count()


def assign_workflow(workflow: Workflow, pages: Sequence[Page]) -> None:
    """The workflow governs these pages and everything below them.

    Items already in review under a previous workflow finish under it; new submissions use this one.
    """
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
