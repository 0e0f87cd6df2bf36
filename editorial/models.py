"""Models of the editorial app live in their sub-domain packages; Django finds them here."""

from .workflow.models import BoardApprovalTask

__all__ = ["BoardApprovalTask"]
