"""Models of the editorial app live in their sub-domain packages; Django finds them here."""

from .compliance.models import CalendarDay, ComplianceNotice, IssuedReport, ReportingSettings, UpdateRecord
from .workflow.models import BoardApprovalTask

__all__ = [
    "BoardApprovalTask",
    "CalendarDay",
    "ComplianceNotice",
    "IssuedReport",
    "ReportingSettings",
    "UpdateRecord",
]
