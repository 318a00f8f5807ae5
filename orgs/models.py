"""Organization tree, users and roles, executive committees."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from orgs.scoping import ScopedManager, ScopedQuerySet


class OrgKind(models.TextChoices):
    DISTRICT = "district", _("District federation")
    STREET = "street", _("Street/township federation")
    COMMUNITY = "community", _("Community/village federation")
    REGIONAL = "regional", _("Regional federation")
    NEW_SECTOR = "new_sector", _("Women's organization in new economic or social organizations")
    UNIT_COMMITTEE = "unit_committee", _("Women's committee of a public unit")
    INDUSTRY = "industry", _("Industry federation")
    WOMENS_HOME = "womens_home", _("Women's home")
    MICRO_HOME = "micro_home", _("Women's micro-home")
    STUDIO = "studio", _("Executive-member studio")


#: Kinds whose parent must be of a given kind; all other kinds may hang anywhere.
REQUIRED_PARENT_KIND = {
    OrgKind.STREET: OrgKind.DISTRICT,
    OrgKind.COMMUNITY: OrgKind.STREET,
}
LEVEL_KINDS = (OrgKind.DISTRICT, OrgKind.STREET, OrgKind.COMMUNITY)


class OrganizationQuerySet(MP_NodeQuerySet, ScopedQuerySet):
    def active_in(self, start: datetime.date, end: datetime.date) -> OrganizationQuerySet:
        """Organizations that existed and were active at some point in [start, end]."""
        return self.filter(
            models.Q(founded_on__isnull=True) | models.Q(founded_on__lte=end),
            models.Q(dissolved_on__isnull=True) | models.Q(dissolved_on__gte=start),
        )

    def search(self, text: str) -> OrganizationQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(models.Q(name__icontains=text) | models.Q(code__iexact=text))


class OrganizationManager(MP_NodeManager):
    def get_queryset(self):
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")

    def visible_to(self, user):
        return self.get_queryset().visible_to(user)

    def within(self, org):
        return self.get_queryset().within(org)


class Organization(MP_Node):
    scope_field = ""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices, db_index=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    population = models.PositiveIntegerField(_("resident population"), null=True, blank=True)
    female_population = models.PositiveIntegerField(_("female population"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    venue = models.CharField(_("activity venue"), max_length=200, blank=True)
    venue_area = models.DecimalField(
        _("venue area (m²)"), max_digits=9, decimal_places=1, null=True, blank=True
    )
    has_womens_home = models.BooleanField(_("runs a women's home"), default=False)
    has_womens_school = models.BooleanField(_("runs a women's school"), default=False)
    has_rights_station = models.BooleanField(_("runs a rights-protection station"), default=False)
    has_marriage_guidance = models.BooleanField(
        _("runs a marriage and family guidance station"), default=False
    )
    has_childrens_home = models.BooleanField(_("runs a children's home"), default=False)

    objects = OrganizationManager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [models.Index(fields=["kind", "path"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.female_population and self.population and self.female_population > self.population:
            raise ValidationError(
                {"female_population": _("The female population cannot exceed the population.")}
            )
        if self.founded_on and self.dissolved_on and self.dissolved_on < self.founded_on:
            raise ValidationError({"dissolved_on": _("Dissolved before it was founded.")})

    def check_parent(self, parent: Organization | None) -> None:
        """Streets hang under the district and communities under a street."""
        required = REQUIRED_PARENT_KIND.get(self.kind)
        if self.kind == OrgKind.DISTRICT and parent is not None:
            raise ValidationError(_("A district federation is the root of the tree."))
        if required and (parent is None or parent.kind != required):
            raise ValidationError(
                _("A %(kind)s must belong to a %(parent)s.")
                % {"kind": self.get_kind_display(), "parent": OrgKind(required).label}
            )
        if parent is None and self.kind != OrgKind.DISTRICT:
            raise ValidationError(_("Only a district federation can be the root of the tree."))

    def get_absolute_url(self) -> str:
        return reverse("orgs:detail", args=[self.pk])

    def contains(self, other: Organization) -> bool:
        return other.path.startswith(self.path)

    @cached_property
    def ancestors(self) -> list[Organization]:
        """Ancestors from the root down, in one query."""
        return list(Organization.objects.get_ancestors(self))

    def service_sites(self) -> list[str]:
        flags = [
            ("has_womens_home", _("Women's home")),
            ("has_womens_school", _("Women's school")),
            ("has_rights_station", _("Rights-protection station")),
            ("has_marriage_guidance", _("Marriage and family guidance station")),
            ("has_childrens_home", _("Children's home")),
        ]
        return [str(label) for field, label in flags if getattr(self, field)]


class Role(models.TextChoices):
    DISTRICT_ADMIN = "district_admin", _("District admin")
    DISTRICT_STAFF = "district_staff", _("District staff")
    STREET_CHAIR = "street_chair", _("Street/township chair")
    COMMUNITY_CHAIR = "community_chair", _("Community/village chair")
    LEADER = "leader", _("Leader")
    EXECUTIVE_MEMBER = "executive_member", _("Executive member")


DISTRICT_ROLES = (Role.DISTRICT_ADMIN, Role.DISTRICT_STAFF)
#: The organization kind each role's account must belong to.
ROLE_ORG_KINDS = {
    Role.DISTRICT_ADMIN: (OrgKind.DISTRICT,),
    Role.DISTRICT_STAFF: (OrgKind.DISTRICT,),
    Role.LEADER: (OrgKind.DISTRICT,),
    Role.STREET_CHAIR: (OrgKind.STREET,),
    Role.COMMUNITY_CHAIR: (OrgKind.COMMUNITY,),
    # An executive member sits on the committee of any organization; her account is linked
    # to her Person record (User.person) and sees only her own duty records.
    Role.EXECUTIVE_MEMBER: tuple(OrgKind.values),
}
#: Roles the portal's account pages hand out; executive members' accounts are created in
#: the admin, where the account is linked to her committee record.
PORTAL_ROLES = [(value, label) for value, label in Role.choices
                if value != Role.EXECUTIVE_MEMBER]


class UserQuerySet(ScopedQuerySet):
    def manageable_by(self, user) -> UserQuerySet:
        """The accounts `user` may manage: the same rule as User.can_manage, as a query."""
        visible = self.visible_to(user)
        if user.is_authenticated and user.is_district_admin:
            return visible
        if user.is_authenticated and user.role == Role.STREET_CHAIR:
            return visible.filter(role=Role.COMMUNITY_CHAIR).exclude(pk=user.pk)
        return self.none()


class PortalUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    org = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    must_change_password = models.BooleanField(_("must change password"), default=False)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    person = models.OneToOneField(
        "orgs.Person", verbose_name=_("committee member"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="account",
        help_text=_("For an executive member's account: her record on the committee."))

    scope_field = "org"
    objects = PortalUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def scope_path(self) -> str | None:
        """Path prefix of the subtree this user may see (None: no organization). An executive
        member sees no subtree: only her own duty records (orgs.duties.models)."""
        if self.role == Role.EXECUTIVE_MEMBER:
            return None
        return self.org.path if self.org_id else None

    @property
    def is_executive_member(self) -> bool:
        return self.role == Role.EXECUTIVE_MEMBER and not self.is_superuser

    @property
    def is_district(self) -> bool:
        return self.role in DISTRICT_ROLES

    @property
    def is_district_admin(self) -> bool:
        return self.role == Role.DISTRICT_ADMIN or self.is_superuser

    def can_manage(self, other: User) -> bool:
        """District admins manage accounts in their scope; street chairs manage the
        community chairs of their street. Nobody manages herself here."""
        if other.pk == self.pk or not self.is_active or self.scope_path is None:
            return False
        if not (other.org_id and other.org.path.startswith(self.scope_path)):
            return False
        if self.is_district_admin:
            return True
        return self.role == Role.STREET_CHAIR and other.role == Role.COMMUNITY_CHAIR

    def manageable_roles(self) -> list[tuple[str, str]]:
        if self.is_district_admin:
            return list(PORTAL_ROLES)
        if self.role == Role.STREET_CHAIR:
            return [(Role.COMMUNITY_CHAIR.value, Role.COMMUNITY_CHAIR.label)]
        return []

    @property
    def can_write(self) -> bool:
        """Leaders read; every other role records work in its scope. An executive member
        writes only her own duty records (orgs.duties), nothing else."""
        return self.is_active and (self.is_superuser or self.role not in (
            "", Role.LEADER, Role.EXECUTIVE_MEMBER))


class Education(models.TextChoices):
    POSTGRADUATE = "postgraduate", _("Postgraduate")
    BACHELOR = "bachelor", _("Bachelor's degree")
    COLLEGE = "college", _("Junior college")
    HIGH_SCHOOL = "high_school", _("High school or vocational school")
    MIDDLE_SCHOOL = "middle_school", _("Middle school or below")


class PoliticalStatus(models.TextChoices):
    PARTY_MEMBER = "party_member", _("Communist Party member")
    PROBATIONARY = "probationary", _("Probationary Party member")
    LEAGUE_MEMBER = "league_member", _("Communist Youth League member")
    DEMOCRATIC_PARTY = "democratic_party", _("Democratic party member")
    MASSES = "masses", _("Masses (no affiliation)")


class Gender(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class Person(models.Model):
    """Someone who serves or served on an executive committee."""

    scope_field = "org"

    org = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="people",
    )
    name = models.CharField(_("full name"), max_length=60, db_index=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices,
                              default=Gender.FEMALE)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=20, blank=True, default="汉族")
    education = models.CharField(_("education"), max_length=20, choices=Education.choices,
                                 blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    workplace = models.CharField(_("workplace"), max_length=120, blank=True)
    political_status = models.CharField(
        _("political status"), max_length=20, choices=PoliticalStatus.choices, blank=True
    )
    on_village_committee = models.BooleanField(
        _("on the village/community committee"), default=False
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("orgs:person", args=[self.pk])

    def clean(self) -> None:
        this_year = timezone.localdate().year
        if self.birth_year and not (this_year - 100 <= self.birth_year <= this_year - 16):
            raise ValidationError({"birth_year": _("Enter a plausible birth year.")})


class Term(models.Model):
    """One elected term (届) of an organization's executive committee."""

    scope_field = "org"

    org = models.ForeignKey(Organization, verbose_name=_("organization"),
                            on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveSmallIntegerField(_("term number"))
    election_date = models.DateField(_("election date"))
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    seats = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["org", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["org", "number"], name="term_unique_number"),
            models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")),
                                   name="term_ends_after_start"),
        ]

    def __str__(self) -> str:
        return _("Term %(number)s (%(start)s–%(end)s)") % {
            "number": self.number, "start": self.starts_on.year, "end": self.ends_on.year}

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("A term must end after it starts.")})

    @property
    def is_current(self) -> bool:
        return self.starts_on <= timezone.localdate() <= self.ends_on


class Post(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR_FULL = "vice_full", _("Vice-chair (full-time)")
    VICE_CHAIR_PART = "vice_part", _("Vice-chair (part-time)")
    VICE_CHAIR_SECONDED = "vice_seconded", _("Vice-chair (seconded)")
    STANDING = "standing", _("Standing committee member")
    MEMBER = "member", _("Executive member")
    DELEGATE = "delegate", _("Women's delegate")


class Joined(models.TextChoices):
    ELECTED = "elected", _("Elected")
    ADDED = "added", _("Added during the term")
    REPLACED = "replaced", _("Replacement during the term")


class PositionQuerySet(ScopedQuerySet):
    def current(self, on: datetime.date | None = None) -> PositionQuerySet:
        on = on or timezone.localdate()
        return self.filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=on),
                           started_on__lte=on)


class Position(models.Model):
    """A person's post in an organization. Leaving ends it with a date; nothing is deleted."""

    scope_field = "org"

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="positions")
    org = models.ForeignKey(Organization, verbose_name=_("organization"),
                            on_delete=models.PROTECT, related_name="positions")
    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="positions")
    post = models.CharField(_("post"), max_length=20, choices=Post.choices)
    joined = models.CharField(_("how joined"), max_length=20, choices=Joined.choices,
                              default=Joined.ELECTED)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["org", "post", "started_on"]
        indexes = [models.Index(fields=["org", "ended_on"]), models.Index(fields=["post"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="position_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_post_display()}"

    def clean(self) -> None:
        if self.term_id and self.org_id and self.term.org_id != self.org_id:
            raise ValidationError({"term": _("The term belongs to another organization.")})
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("A position cannot end before it starts.")})

    @property
    def is_current(self) -> bool:
        return self.ended_on is None or self.ended_on > timezone.localdate()

    def end(self, on: datetime.date, reason: str) -> None:
        self.ended_on = on
        self.end_reason = reason
        self.full_clean()
        self.save(update_fields=["ended_on", "end_reason"])
