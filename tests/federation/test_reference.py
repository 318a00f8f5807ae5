"""The shared reference-data base: every app's lists answer by language, activity and order."""

from django.utils import translation

from children.models import Facility
from orgs.activities.models import ActivityCategory
from rights.models import Category, Channel


def test_name_follows_the_active_language(db):
    channel = Channel.objects.get(code="phone")
    with translation.override("en"):
        assert channel.name == str(channel) == channel.name_en
    with translation.override("zh-hans"):
        assert channel.name == str(channel) == channel.name_zh


def test_english_falls_back_to_chinese_when_missing(db):
    category = ActivityCategory(code="x", name_zh="宣传", name_en="")
    with translation.override("en"):
        assert category.name == "宣传"


def test_active_leaves_out_retired_rows(db):
    retired = Facility.objects.order_by("code").first()
    retired.is_active = False
    retired.save()
    assert retired not in Facility.objects.active()
    assert Facility.objects.active().count() == Facility.objects.count() - 1


def test_rows_are_listed_by_order_then_code(db):
    rows = list(Category.objects.values_list("order", "code"))
    assert rows == sorted(rows)
