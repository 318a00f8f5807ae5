"""Child-friendly projects, nursing rooms and children's assistance."""

from children.models.assistance import Child, Grant, Pairing, Visit
from children.models.projects import Milestone, Project, ProjectFile, ProjectStatus, SiteEvent
from children.models.reference import (
    Facility,
    GrantProgramme,
    PlaceType,
    ProjectDomain,
    RoomAreaRule,
)
from children.models.rooms import Assessment, AssessmentScore, Expert, NursingRoom, RoomStatus

__all__ = [
    "Assessment", "AssessmentScore", "Child", "Expert", "Facility", "Grant", "GrantProgramme",
    "Milestone", "NursingRoom", "Pairing", "PlaceType", "Project", "ProjectDomain", "ProjectFile",
    "ProjectStatus", "RoomAreaRule", "RoomStatus", "SiteEvent", "Visit",
]
