"""Executive members at work (执委履职): what each member did (duty records), the voices she
passed up to the federation (社情民意 / 诉求) and what the federation answered, the weights of
the yearly review's score, and the reminders sent.

Imported by orgs.models so that Django registers these models in the orgs app. Who sees what
is decided only in the querysets' `visible_to`: an executive member her own records, a chair
her organization's subtree, the district everything.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from federation.kernel.reference import ReferenceData
from orgs.scoping import ScopedQuerySet

#: Posts that make someone a member of the executive committee (执委); women's delegates
#: (妇女代表) are not.
EXECUTIVE_POSTS = ("chair", "vice_full", "vice_part", "vice_seconded", "standing", "member")
#: The kind of duty that is a meeting attended (counted apart in the review).
MEETING = "meeting"
MAX_WOMEN_REACHED = 5000


class DutyKind(ReferenceData):
    """Kinds of duty (联系服务妇女, 参加或组织活动, 反映社情民意 …), with their weight in the
    yearly review's score and whether a duty of the kind may be passed up as a request."""

    weight = models.DecimalField(_("points per duty in the yearly score"), max_digits=5,
                                 decimal_places=2, default=Decimal("1"))
    passes_up = models.BooleanField(
        _("may be passed up to the federation"), default=False,
        help_text=_("A duty of this kind (a voice or a need of women) can be forwarded as a "
                    "request that the federation answers."))

    class Meta(ReferenceData.Meta):
        verbose_name = _("kind of duty")
        verbose_name_plural = _("kinds of duty")


class ReviewWeights(models.Model):
    """The yearly review's score beyond the points per kind of duty: one row, edited by a
    district admin in the admin. score = Σ points of each duty + women reached × per woman
    + requests passed up × per request + requests answered × per answer."""

    per_woman = models.DecimalField(_("points per woman reached"), max_digits=5,
                                    decimal_places=2, default=Decimal("0.1"))
    per_request = models.DecimalField(_("points per request passed up"), max_digits=5,
                                      decimal_places=2, default=Decimal("2"))
    per_answer = models.DecimalField(_("points per request answered"), max_digits=5,
                                     decimal_places=2, default=Decimal("1"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("yearly review weights")
        verbose_name_plural = _("yearly review weights")

    def __str__(self) -> str:
        return str(_("Yearly review weights"))

    @classmethod
    def current(cls) -> ReviewWeights:
        return cls.objects.order_by("pk").first() or cls()


class DutyQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> DutyQuerySet:
        """An executive member sees her own records only; everyone else the subtree."""
        if getattr(user, "is_executive_member", False):
            if not (user.is_authenticated and user.is_active and user.person_id):
                return self.none()
            return self.filter(person_id=user.person_id)
        return super().visible_to(user)

    def in_period(self, start: datetime.date, end: datetime.date) -> DutyQuerySet:
        return self.filter(done_on__gte=start, done_on__lte=end)


def photo_path(instance: Duty, filename: str) -> str:
    # A random name: the original (maybe a person's name) stays out of URLs and the disk.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"duties/{timezone.localdate():%Y}/{uuid.uuid4().hex}.{suffix}"


class Duty(models.Model):
    """One thing an executive member did, recorded by herself or by her chair for her."""

    scope_field = "org"

    person = models.ForeignKey("orgs.Person", verbose_name=_("executive member"),
                               on_delete=models.PROTECT, related_name="duties")
    # The committee she sits on: the scope of the record (copied from her post).
    org = models.ForeignKey("orgs.Organization", verbose_name=_("organization"),
                            on_delete=models.PROTECT, related_name="duties")
    kind = models.ForeignKey(DutyKind, verbose_name=_("kind of duty"), on_delete=models.PROTECT,
                             related_name="duties")
    done_on = models.DateField(_("date"), default=timezone.localdate)
    place = models.CharField(_("place"), max_length=100, blank=True)
    women_reached = models.PositiveIntegerField(
        _("women reached"), default=0, validators=[MaxValueValidator(MAX_WOMEN_REACHED)])
    text = models.CharField(
        _("what was done"), max_length=300, blank=True,
        help_text=_("A sentence or two. No names or phone numbers of the women here."))
    activity = models.ForeignKey("orgs.Activity", verbose_name=_("activity"),
                                 on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="duties")
    photo = models.FileField(_("photo"), upload_to=photo_path, max_length=200, blank=True)
    photo_type = models.CharField(max_length=40, blank=True, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, editable=False, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DutyQuerySet.as_manager()

    class Meta:
        verbose_name = _("duty record")
        verbose_name_plural = _("duty records")
        ordering = ["-done_on", "-pk"]
        indexes = [models.Index(fields=["org", "done_on"]),
                   models.Index(fields=["person", "done_on"]),
                   models.Index(fields=["kind", "done_on"]),
                   models.Index(fields=["done_on"])]

    def __str__(self) -> str:
        return f"{self.done_on:%Y-%m-%d} {self.kind}"

    def get_absolute_url(self) -> str:
        return reverse("orgs:duty", args=[self.pk])

    def clean(self) -> None:
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError({"done_on": _("The date cannot be in the future.")})


class RequestStatus(models.TextChoices):
    FORWARDED = "forwarded", _("Passed up, awaiting the federation")
    ACKNOWLEDGED = "acknowledged", _("Received by the federation")
    ANSWERED = "answered", _("Answered")
    CASE = "case", _("Turned into a rights case")


#: Statuses that count as dealt with (办结) in the answer rate.
DONE_STATUSES = (RequestStatus.ANSWERED, RequestStatus.CASE)


class RequestQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> RequestQuerySet:
        if getattr(user, "is_executive_member", False):
            if not (user.is_authenticated and user.is_active and user.person_id):
                return self.none()
            return self.filter(duty__person_id=user.person_id)
        return super().visible_to(user)

    def open(self) -> RequestQuerySet:
        return self.filter(status__in=(RequestStatus.FORWARDED, RequestStatus.ACKNOWLEDGED))


class VoiceRequest(models.Model):
    """A voice or need of women (社情民意 / 诉求) that a member passed up to the federation.

    The woman concerned (name, phone) and the full account sit in encrypted columns, are
    shown masked, in full only with a stated reason (access-logged), and never appear in URLs,
    logs or exports; the subject is a short non-personal title."""

    scope_field = "org"

    duty = models.OneToOneField(Duty, verbose_name=_("duty record"), on_delete=models.PROTECT,
                                related_name="request")
    org = models.ForeignKey("orgs.Organization", verbose_name=_("organization"),
                            on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(
        _("subject"), max_length=120,
        help_text=_("A short title without names, e.g. “the estate has no childcare place”."))
    detail = EncryptedTextField(_("what the women need"), null=True, blank=True)
    woman_name = EncryptedCharField(_("woman concerned"), max_length=60, null=True, blank=True)
    woman_phone = EncryptedCharField(_("her phone"), max_length=30, null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices,
                              default=RequestStatus.FORWARDED, db_index=True)
    forwarded_at = models.DateTimeField(_("passed up at"), default=timezone.now)
    forwarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")
    acknowledged_at = models.DateTimeField(_("received at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                        null=True, blank=True, related_name="+")
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    case_number = models.CharField(_("rights case"), max_length=20, blank=True,
                                   editable=False)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request passed up")
        verbose_name_plural = _("requests passed up")
        ordering = ["-forwarded_at", "-pk"]
        indexes = [models.Index(fields=["org", "forwarded_at"]),
                   models.Index(fields=["status", "forwarded_at"])]

    def __str__(self) -> str:  # never the woman's name: str() ends up in logs
        return f"request #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("orgs:duty_request", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (RequestStatus.FORWARDED, RequestStatus.ACKNOWLEDGED)


class DutyReminder(models.Model):
    """A reminder sent to a member with nothing recorded in a quarter: once per member and
    quarter, ever (the unique row)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    quarter = models.DateField(_("quarter"))  # its first day
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("duty reminder")
        verbose_name_plural = _("duty reminders")
        constraints = [models.UniqueConstraint(fields=["user", "quarter"],
                                               name="one_duty_reminder_per_user_and_quarter")]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.quarter:%Y-%m}"
