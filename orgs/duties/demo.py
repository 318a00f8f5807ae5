"""Demo duties of executive members, from January of last year to today: most members record
a few duties a quarter (about three a year each, as real districts report), one in seven
records none; voices of women are passed up and most are answered. One login,
`executive_member`, belongs to a member of the first community. Rows go in with bulk_create
so that the large scale stays fast."""

from __future__ import annotations

import datetime

from django.utils import timezone

from federation.kernel.demo import DemoContext
from orgs.duties.models import (
    EXECUTIVE_POSTS,
    Duty,
    DutyKind,
    RequestStatus,
    VoiceRequest,
)
from orgs.models import Position, Post, Role, User

#: code -> (share of duties, women reached (low, high))
KINDS = {"contact": (0.34, (1, 12)), "activity": (0.18, (10, 60)), "voice": (0.08, (1, 6)),
         "mediation": (0.04, (1, 3)), "lecture": (0.08, (20, 120)), "pairing": (0.06, (1, 2)),
         "meeting": (0.16, (0, 0)), "other": (0.06, (0, 10))}
TEXTS = {
    "contact": ["入户走访联系妇女群众，了解家庭近况", "电话联系困难妇女，宣传就业政策",
                "走访单亲母亲家庭，送去慰问品"],
    "activity": ["参加社区巾帼志愿服务活动", "组织妇女参加健康知识讲座", "协助开展亲子阅读活动"],
    "voice": ["收集妇女群众意见建议", "反映辖区妇女急难愁盼问题"],
    "mediation": ["参与调解邻里纠纷", "协助调解婚姻家庭矛盾"],
    "lecture": ["开展民法典进家庭宣讲", "宣讲反家庭暴力法", "开展好家风好家训宣讲"],
    "pairing": ["结对帮扶困境儿童家庭", "结对帮扶低保户妇女"],
    "meeting": ["参加妇联执委会议", "参加妇联季度工作例会", "参加执委履职培训"],
    "other": ["参与文明城市创建志愿服务", "参加巾帼建功主题活动"],
}
PLACES = ["社区党群服务中心", "居民小区", "妇女之家", "村委会", "辖区学校", ""]
SUBJECTS = ["小区缺少婴幼儿托育点", "困难妇女申请临时救助", "希望开设家政技能培训班",
            "单亲母亲子女入学困难", "老旧小区夜间照明不足，妇女出行不安全",
            "希望增加两癌筛查名额", "留守儿童暑期无人看护", "反映家庭暴力线索，需要帮助"]
DETAILS = ["居民反映附近没有普惠托育机构，双职工家庭接送困难。",
           "该妇女丈夫因病去世，家庭收入骤减，希望了解救助政策。",
           "多名妇女希望学习育婴、家政技能，实现家门口就业。"]
ANSWERS = ["已转区教育局、区卫健局研究，拟在明年新增普惠托育点。",
           "已联系街道民政办，符合条件已纳入临时救助。",
           "区妇联将于下月在该社区开设家政技能培训班，请执委通知报名。",
           "已协调相关部门落实，请执委继续跟进并反馈群众意见。"]
MONTHLY_RATE = 0.3  # duties a month of an active member, on average


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    kinds = {k.code: k for k in DutyKind.objects.all()}
    codes = [code for code in KINDS if code in kinds]
    shares = [KINDS[code][0] for code in codes]
    posts = list(Position.objects.filter(post__in=EXECUTIVE_POSTS, ended_on__isnull=True,
                                         org__is_active=True)
                 .order_by("person_id", "-org__depth").values_list("person_id", "org_id"))
    member_org = {}
    for person_id, org_id in posts:  # the lowest committee she sits on
        member_org.setdefault(person_id, org_id)
    first = datetime.date(ctx.today.year - 1, 1, 1)
    days = (ctx.today - first).days + 1
    demo_person = _demo_member(ctx)
    rows = []
    for person_id, org_id in member_org.items():
        if person_id != demo_person and rng.random() < 0.14:
            continue  # records nothing
        n = max(1, round(rng.gauss(MONTHLY_RATE * days / 30, 2)))
        for _ in range(n):
            code = rng.choices(codes, shares)[0]
            low, high = KINDS[code][1]
            rows.append(Duty(
                person_id=person_id, org_id=org_id, kind=kinds[code],
                done_on=first + datetime.timedelta(days=rng.randrange(days)),
                place=rng.choice(PLACES), women_reached=rng.randint(low, high),
                text=rng.choice(TEXTS[code])))
    if demo_person and "voice" in kinds:  # her own page shows an answered request
        rows.append(Duty(person_id=demo_person, org_id=member_org[demo_person],
                         kind=kinds["voice"], done_on=ctx.today - datetime.timedelta(days=20),
                         place="居民小区", women_reached=3, text=TEXTS["voice"][0]))
    Duty.objects.bulk_create(rows, batch_size=5000)
    _seed_requests(ctx, kinds.get("voice"), demo_person)
    ctx.out.write(f"    {len(rows)} duty records of {len(member_org)} executive members")


def _demo_member(ctx: DemoContext) -> int | None:
    """The `executive_member` login: a member of the first community's committee."""
    community = ctx.users.get(Role.COMMUNITY_CHAIR)
    if community is None:
        return None
    position = (Position.objects.filter(org_id=community.org_id, post=Post.MEMBER,
                                        ended_on__isnull=True)
                .select_related("person").order_by("pk").first())
    if position is None:
        return None
    User.objects.create(
        username="executive_member", first_name=position.person.name,
        role=Role.EXECUTIVE_MEMBER, org_id=community.org_id, person=position.person,
        password=ctx.password_hash)
    return position.person_id


def _seed_requests(ctx: DemoContext, voice: DutyKind | None, demo_person: int | None) -> None:
    if voice is None:
        return
    rng = ctx.rng
    staff = ctx.users.get(Role.DISTRICT_STAFF)
    now = timezone.now()
    duties = list(Duty.objects.filter(kind=voice).order_by("pk").only(
        "pk", "org_id", "done_on", "person_id"))
    latest_demo = max((d.pk for d in duties if d.person_id == demo_person), default=None)
    requests = []
    for duty in duties:
        if duty.pk != latest_demo and rng.random() > 0.7:
            continue  # kept as a duty, not passed up
        forwarded = timezone.make_aware(datetime.datetime.combine(
            duty.done_on, datetime.time(18))) if duty.done_on < ctx.today else now
        age = (ctx.today - duty.done_on).days
        roll = rng.random()
        if duty.pk == latest_demo:
            status = RequestStatus.ANSWERED
        elif age < 10:
            status = RequestStatus.FORWARDED if roll < 0.6 else RequestStatus.ACKNOWLEDGED
        elif roll < 0.85:
            status = RequestStatus.ANSWERED
        elif roll < 0.88:
            status = RequestStatus.CASE
        else:
            status = RequestStatus.ACKNOWLEDGED
        request = VoiceRequest(
            duty=duty, org_id=duty.org_id, subject=rng.choice(SUBJECTS),
            detail=rng.choice(DETAILS), status=status, forwarded_at=forwarded,
            woman_name=ctx.person_name() if rng.random() < 0.4 else None,
            woman_phone=ctx.phone() if rng.random() < 0.3 else None)
        if status != RequestStatus.FORWARDED:
            request.acknowledged_at = forwarded + datetime.timedelta(days=1)
            request.acknowledged_by = staff
        if status == RequestStatus.ANSWERED:
            request.answer = rng.choice(ANSWERS)
            request.answered_at = min(forwarded + datetime.timedelta(days=rng.randint(3, 20)),
                                      now)
            request.answered_by = staff
        requests.append(request)
    VoiceRequest.objects.bulk_create(requests, batch_size=2000)
