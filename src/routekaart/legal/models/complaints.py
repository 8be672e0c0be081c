"""Klachten over bejegening (Awb chapter 9): a resident's complaint about how staff of the municipality or its
Dienst treated them. Complaints about a provider's care are the providers app's (beheer markt)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ...core import limits


class StaffComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    ACKNOWLEDGED = "acknowledged", _("Ontvangst bevestigd")
    HEARD = "heard", _("Gehoord")
    DECIDED = "decided", _("Afgehandeld")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


OPEN_STAFF_COMPLAINT_STATUSES = ("received", "acknowledged", "heard")


class StaffComplaintOutcome(models.TextChoices):
    FOUNDED = "founded", _("Gegrond")
    PARTLY_FOUNDED = "partly_founded", _("Deels gegrond")
    UNFOUNDED = "unfounded", _("Ongegrond")
    RESOLVED = "resolved", _("Naar tevredenheid opgelost (Awb 9:5)")


class StaffComplaint(models.Model):
    """One complaint about the conduct of a staff member or team, handled by someone not involved (Awb 9:7)."""

    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    household = models.ForeignKey(
        "residents.Household", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("klager"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    complainant_name = models.CharField(_("naam klager"), max_length=200)
    complainant_contact = models.CharField(_("contactgegevens"), max_length=200, blank=True)
    channel = models.CharField(_("ingediend"), max_length=10, default="staff")
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    about_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("over medewerker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    about_team = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("over team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    conduct_on = models.DateField(_("gedraging op"), null=True, blank=True, validators=limits.happened())
    received_on = models.DateField(_("ontvangen op"), validators=limits.happened())
    subject = models.TextField(_("waarover gaat de klacht"), **limits.text(limits.SUMMARY))
    committee = models.BooleanField(_("klachtadviescommissie"), default=False)
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=StaffComplaintStatus.choices,
        default=StaffComplaintStatus.RECEIVED,
        db_index=True,
    )
    acknowledged_on = models.DateField(_("ontvangst bevestigd op"), null=True, blank=True, validators=limits.happened())
    decision_due_on = models.DateField(_("uiterste afhandeldatum"), validators=limits.planned(), db_index=True)
    heard_on = models.DateField(_("gehoord op"), null=True, blank=True, validators=limits.happened())
    hearing_waived = models.BooleanField(_("afgezien van horen"), default=False)
    extended_on = models.DateField(_("verdaagd op"), null=True, blank=True, validators=limits.happened())
    extension_reason = models.TextField(_("reden verdaging"), blank=True, **limits.text(limits.NOTE))
    decided_on = models.DateField(_("afgehandeld op"), null=True, blank=True, validators=limits.happened())
    outcome = models.CharField(_("oordeel"), max_length=20, choices=StaffComplaintOutcome.choices, blank=True)
    conclusions = models.TextField(_("conclusies"), blank=True, **limits.text(limits.REPORT))
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("klacht over bejegening")
        verbose_name_plural = _("klachten over bejegening")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["household", "received_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(handler=models.F("about_user")),
                name="staff_complaint_not_handled_by_its_subject",
                violation_error_message=_(
                    "Een klacht wordt behandeld door iemand die niet bij de gedraging betrokken was (Awb 9:7)."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="decided") | (Q(decided_on__isnull=False) & ~Q(outcome="")),
                name="decided_staff_complaint_has_outcome",
                violation_error_message=_("Een afgehandelde klacht heeft een datum en een oordeel."),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STAFF_COMPLAINT_STATUSES
