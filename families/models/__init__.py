from families.models.courtyards import (
    Household,
    Inspection,
    InspectionRound,
    InspectionScore,
    Photo,
    PlaqueEvent,
    PlaqueKind,
    RoundKind,
    apply_tier,
    tier_for,
)
from families.models.honours import (
    FINAL_STATES,
    MIN_NOTICE_DAYS,
    Action,
    AwardList,
    AwardListEntry,
    Finding,
    Honour,
    HonourStep,
    Recipient,
    Source,
    State,
)
from families.models.reference import (
    CourtyardCategory,
    CourtyardTier,
    CriteriaSet,
    Criterion,
    HonourLevel,
    HonourType,
    ScoreSheet,
    SheetItem,
    Subject,
    Workflow,
)

__all__ = [
    "FINAL_STATES", "Action", "AwardList", "AwardListEntry", "CourtyardCategory",
    "CourtyardTier", "CriteriaSet", "Criterion",
    "Finding", "Honour", "HonourLevel", "HonourStep", "HonourType", "Household", "Inspection",
    "InspectionRound", "InspectionScore", "Photo", "PlaqueEvent", "PlaqueKind", "Recipient",
    "RoundKind", "ScoreSheet", "SheetItem", "Source", "State", "Subject", "apply_tier",
    "tier_for", "MIN_NOTICE_DAYS", "Workflow",
]
