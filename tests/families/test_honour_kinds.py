"""The honour catalogue names every kind the district's reports state, each awarded to the
right kind of recipient and counted on its line of work."""

import pytest

from families.models import HonourType

pytestmark = pytest.mark.django_db

EXPECTED = {  # name: (subject, line)
    "最美家庭标兵户": ("family", "family"), "和谐家庭标兵户": ("family", "family"),
    "关爱家庭示范单位": ("collective", "family"), "平安家庭示范社区": ("collective", "family"),
    "文明楼院": ("collective", "family"), "好邻里": ("family", "family"),
    "巾帼岗位明星": ("individual", "merit"), "巾帼创业明星": ("individual", "merit"),
    "巾帼党员示范岗": ("collective", "merit"), "三八红旗手标兵": ("individual", "merit"),
    "道德模范（提名）": ("individual", "merit"), "最美执委": ("individual", "organization"),
    "最美巾帼林长": ("individual", "merit"), "最美军嫂": ("individual", "family"),
    "五好文明家庭": ("family", "family"),
}


def test_the_catalogue_has_every_kind_the_reports_name():
    types = {t.name_zh: t for t in HonourType.objects.select_related("line")}
    for name, (subject, line) in EXPECTED.items():
        assert name in types, name
        assert (types[name].subject, types[name].line.code) == (subject, line), name
    assert len({t.code for t in types.values()}) == len(types)
