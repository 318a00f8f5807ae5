"""The demo seeds every part of the app, with valid, consistent records."""

from children.models import (
    Assessment,
    Child,
    Expert,
    Grant,
    NursingRoom,
    Pairing,
    Project,
    ProjectDomain,
)
from federation.kernel.privacy import lookup_hash, validate_resident_id


def test_demo_seeds_projects_rooms_experts_and_children(demo):
    assert Project.objects.count() >= 5 and Expert.objects.count() >= 3
    assert Project.objects.values("domain").distinct().count() == min(
        Project.objects.count(), ProjectDomain.objects.count())
    assert NursingRoom.objects.count() >= 6 and Assessment.objects.exists()
    assert Child.objects.count() >= 10 and Pairing.objects.exists() and Grant.objects.exists()
    for child in Child.objects.all():
        validate_resident_id(child.id_number)
        assert child.name_hash == lookup_hash(child.name, "child_name")
    for project in Project.objects.with_progress():
        assert project.progress is None or 0 <= project.progress <= 100
