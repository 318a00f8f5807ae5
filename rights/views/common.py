"""Helpers shared by the rights views: the one way to fetch a case, and its audit trail."""

from __future__ import annotations

from django.views.decorators.debug import sensitive_post_parameters

from federation.kernel.models import log_access
from federation.kernel.permissions import write_required
from federation.kernel.privacy import mask_address, mask_id_number, mask_name, mask_phone
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


def for_case(case: Case) -> dict:
    """Context of the form page (templates/form.html) of a step on a case: its number beside
    the title, Cancel back to the case."""
    return {"subtitle": case.number, "back": case}


MASKS = {"name": mask_name, "id_number": mask_id_number, "phone": mask_phone,
         "address": mask_address}


def personal_data(complainant: Complainant, full: bool = False,
                  fields: tuple[str, ...] = tuple(MASKS)) -> dict:
    """The complainant's identifiers, masked unless `full` (after a stated reason). Lists ask
    only for the fields they show, so nothing else is loaded or decrypted."""
    values = {name: getattr(complainant, name) or "" for name in fields}
    return values if full else {name: MASKS[name](value) for name, value in values.items()}


def case_worker(view):
    """Roles that record work (not leaders); POSTed personal data is starred out of error
    reports."""
    return write_required(sensitive_post_parameters()(view))
