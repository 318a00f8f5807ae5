from rights.models.assistance import Assistance, AssistanceTarget
from rights.models.cases import (
    HANDLE_PERMISSION,
    Agency,
    Case,
    CaseAction,
    Complainant,
    NumberSeries,
    Risk,
    Satisfaction,
    Status,
    is_rights_staff,
)
from rights.models.mediation import Mediation, MediationSession
from rights.models.reference import (
    ActionType,
    AssistanceKind,
    Category,
    Channel,
    ColourLevel,
    FundSource,
    Outcome,
    RiskFactor,
    TimeLimit,
)
from rights.models.risk import Household, HouseholdStatus, Screening

__all__ = [
    "HANDLE_PERMISSION", "ActionType", "Agency", "Assistance", "AssistanceKind",
    "AssistanceTarget", "FundSource", "Case", "CaseAction", "Category", "Channel",
    "ColourLevel", "Complainant", "Household", "HouseholdStatus", "Mediation",
    "MediationSession", "NumberSeries", "Outcome", "Risk", "RiskFactor", "Satisfaction",
    "Screening", "Status", "TimeLimit", "is_rights_staff",
]
