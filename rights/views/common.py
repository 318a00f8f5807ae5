"""Helpers shared by the rights views: the one way to fetch a case, and its audit trail."""

from __future__ import annotations

from django.views.decorators.debug import sensitive_post_parameters

from federation.models import log_access
from federation.permissions import write_required
from federation.privacy import mask_address, mask_id_number, mask_name, mask_phone
from orgs.scoping import get_visible_or_404
from rights.models import Case, Complainant


def get_case(request, pk: int) -> Case:
    """A case the user may see (else 404), with what its pages show."""
    qs = Case.objects.select_related("complainant", "org", "channel", "category__parent",
                                     "handler", "registered_by", "outcome")
    return get_visible_or_404(qs, request.user, pk=pk)


def audit(request, case: Case, action: str, *, reason: str = "", detail: str = "") -> None:
    """Every view, change and export of a case; the label is the non-personal number."""
    log_access(request, case, action, label=case.number, reason=reason, detail=detail)


def personal_data(complainant: Complainant, full: bool = False) -> dict:
    """The complainant's identifiers, masked unless `full` (after a stated reason)."""
    c = complainant
    if full:
        return {"name": c.name or "", "id_number": c.id_number or "", "phone": c.phone or "",
                "address": c.address or ""}
    return {"name": mask_name(c.name or ""), "id_number": mask_id_number(c.id_number or ""),
            "phone": mask_phone(c.phone or ""), "address": mask_address(c.address or "")}


def case_worker(view):
    """Roles that record work (not leaders); POSTed personal data is starred out of error
    reports."""
    return write_required(sensitive_post_parameters()(view))
