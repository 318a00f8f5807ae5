"""The demo year of rights work: plausible, scoped, and the demo street chair has cases."""

from orgs.models import User
from rights.models import Case, Household, Mediation, Status


def test_demo_seeds_a_year_of_cases(demo):
    chair = User.objects.get(username="street_chair")
    staff = User.objects.get(username="district_staff")
    assert Case.objects.filter(handler=chair).exists()
    assert staff.has_perm("rights.handle_case")
    assert Case.objects.visible_to(staff).count() == Case.objects.count() >= 30
    assert not Case.objects.visible_to(User.objects.get(username="leader")).exists()
    assert Case.objects.filter(status=Status.CLOSED).exists()
    assert Mediation.objects.exists() and Household.objects.filter(colour__code="red").exists()
    numbers = list(Case.objects.values_list("number", flat=True))
    assert len(set(numbers)) == len(numbers) and all(n.startswith("W-") for n in numbers)
    # Referrals only where the complainant consented.
    assert not Case.objects.filter(consent_to_share=False,
                                   actions__type__is_referral=True).exists()
    assert all(h.colour.code == "red" for h in Household.objects.filter(warning_letters__gte=2))
