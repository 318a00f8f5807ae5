import re

from django.urls import reverse


def test_login_page_is_chinese_and_loads_nothing_from_the_internet(client, db):
    response = client.get(reverse("login"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'lang="zh-hans"' in page and "登录" in page
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_home_requires_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_real_login_then_home_counts(world, client):
    response = client.post(reverse("login"), {"username": "community_chair",
                                              "password": "test-pass-123"})
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.context["headline"]["communities"] == 1
    assert "桃源社区妇联" in home.content.decode()


def test_english_is_available(world, login):
    client = login(world.users["leader"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("orgs:committee_stats")).content.decode()
    assert 'lang="en"' in page and "Executive committees" in page


def test_chinese_by_default_whatever_the_browser_asks(world, login):
    client = login(world.users["leader"])
    page = client.get(reverse("orgs:committee_stats"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="zh-hans"' in page.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})  # her own choice
    page = client.get(reverse("orgs:committee_stats"), HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert 'lang="en"' in page.content.decode()


def test_units_follow_the_language(world, login):
    from orgs.tallies.models import Indicator

    client = login(world.users["community_chair"])
    url = reverse("orgs:tally", args=[world.c1.pk, 2025, 3])
    lectures = Indicator.objects.get(code="lectures")
    assert client.get(url).context["form"][f"v{lectures.pk}"].label == "宣讲场次（场次）"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(url).content.decode()
    assert "(sessions)" in html and "（场次）" not in html


def test_admin_is_for_district_admins(world, login):
    assert login(world.users["district_admin"]).get("/admin/orgs/organization/").status_code == 200
    assert login(world.users["street_chair"]).get("/admin/").status_code == 302
