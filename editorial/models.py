"""Models of the editorial app live in their sub-domain packages; Django finds them here."""

from .compliance.models import CalendarDay, ComplianceNotice, IssuedReport, ReportingSettings, UpdateRecord
from .royalties.models import BaseSalary, CoefficientUnit, Genre
from .workflow.models import BoardApprovalTask

__all__ = [
    "BaseSalary",
    "BoardApprovalTask",
    "CalendarDay",
    "CoefficientUnit",
    "ComplianceNotice",
    "Genre",
    "IssuedReport",
    "ReportingSettings",
    "UpdateRecord",
]
