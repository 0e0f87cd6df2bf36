"""Models of the editorial app live in their sub-domain packages; Django finds them here."""

from .compliance.models import CalendarDay, ComplianceNotice, IssuedReport, ReportingSettings, UpdateRecord
from .feedback.models import Feedback, FeedbackAttachment, FeedbackEvent
from .obligations.models import Obligation
from .royalties.ledger import PageGrade, RoyaltyBudget, RoyaltyLine, RoyaltyLineChange, RoyaltyMonth
from .royalties.models import BaseSalary, BonusRule, CoefficientUnit, Genre
from .royalties.people import ArticleCredit, Contributor, RoyaltyOfficer
from .workflow.models import BoardApprovalTask

__all__ = [
    "ArticleCredit",
    "BaseSalary",
    "BoardApprovalTask",
    "BonusRule",
    "CalendarDay",
    "CoefficientUnit",
    "ComplianceNotice",
    "Contributor",
    "Feedback",
    "FeedbackAttachment",
    "FeedbackEvent",
    "Genre",
    "IssuedReport",
    "Obligation",
    "PageGrade",
    "ReportingSettings",
    "RoyaltyBudget",
    "RoyaltyLine",
    "RoyaltyLineChange",
    "RoyaltyMonth",
    "RoyaltyOfficer",
    "UpdateRecord",
]
