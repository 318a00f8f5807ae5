"""Reference data seeded by migrations, and the read-only indicator catalogue."""

import pytest
from django.urls import reverse

from orgs.activities.models import ActivityCategory
from orgs.tallies.models import Indicator, Prefill


@pytest.mark.django_db
def test_categories_and_indicators_are_seeded_with_both_names():
    assert ActivityCategory.objects.count() == 12
    assert ActivityCategory.objects.get(code="health").name_zh == "妇女健康/两癌筛查"
    lectures = Indicator.objects.get(code="lectures")
    assert (lectures.name_zh, lectures.unit, lectures.prefill) == ("宣讲场次", "场次", Prefill.COUNT)
    assert lectures.category.code == "ideology" and lectures.required
    assert Indicator.objects.get(code="funds_raised").is_amount
    assert all(i.name_en for i in Indicator.objects.all())


@pytest.mark.django_db
def test_catalogue_page_lists_indicators_and_only_admins_get_the_edit_link(world, login):
    staff = login(world.users["district_staff"]).get(reverse("orgs:indicators"))
    page = staff.content.decode()
    assert "宫颈癌筛查人数" in page and "走访慰问困难妇女儿童户数" in page
    assert reverse("admin:orgs_indicator_changelist") not in page
    admin = login(world.users["district_admin"]).get(reverse("orgs:indicators"))
    assert reverse("admin:orgs_indicator_changelist") in admin.content.decode()


@pytest.mark.django_db
def test_an_indicator_outside_its_active_period_leaves_the_form(world, login):
    import datetime
    indicator = Indicator.objects.get(code="new_jobs")
    indicator.active_to = datetime.date(2025, 2, 28)
    indicator.save()
    client = login(world.users["community_chair"])
    march = client.get(reverse("orgs:tally", args=[world.c1.pk, 2025, 3]))
    february = client.get(reverse("orgs:tally", args=[world.c1.pk, 2025, 2]))
    assert "new_jobs" not in {r.indicator.code for r in march.context["sheet"].rows}
    assert "new_jobs" in {r.indicator.code for r in february.context["sheet"].rows}
