"""Who may see a household: Involvement (the only door), Consent (widens it) and BreakGlass (urgent access)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ...organisations.roles import Domain


class InvolvementKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Regisseur")
    TEAM_MEMBER = "team_member", _("Teamlid")
    JOB_COACHING = "job_coaching", _("Jongerencoach / jobcoach")
    PROVIDER_ASSIGNMENT = "provider_assignment", _("Aanbieder met opdracht")
    SCHOOL_PUPIL = "school_pupil", _("School van de leerling")
    EMPLOYER_CANDIDATE = "employer_candidate", _("Werkgeversadviseur voor kandidaat (met toestemming)")
    LEGAL_MATTER = "legal_matter", _("Klantbeheer: bezwaar, klacht of handhaving")
    OTHER = "other", _("Overig")


class Involvement(models.Model):
    """A staff member, or a whole organisation, is involved with a household for a reason, from/to a date.

    With `user` set the involvement is personal (held on behalf of `organisation`); without it every staff member
    of `organisation` is involved. `domain` says which law domain the involvement itself reveals (a youth-care
    provider's assignment is youth-care data).
    """

    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="involvements")
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="involvements",
    )
    kind = models.CharField(_("soort betrokkenheid"), max_length=24, choices=InvolvementKind.choices)
    domain = models.CharField(_("domein"), max_length=1, choices=Domain.choices, default=Domain.GENERAL)
    reason = models.CharField(_("waarom"), max_length=300, blank=True)
    valid_from = models.DateField(_("vanaf"), validators=limits.planned())
    valid_to = models.DateField(_("tot"), null=True, blank=True, validators=limits.planned())

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        indexes = [
            models.Index(fields=["household", "valid_from"]),
            models.Index(fields=["user", "valid_from"]),
            models.Index(fields=["organisation", "valid_from"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="involvement_ends_after_it_starts",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="coordinator") | models.Q(user__isnull=False),
                name="coordinator_is_a_person",
                violation_error_message=_("De regisseur is een medewerker, niet een hele organisatie."),
            ),
            # "Eén huishouden, één plan, één regisseur": the household's coordinator is this one row, which cases
            # and benefits read; a handover ends it and starts the next (services.coordinator_hand_over).
            models.UniqueConstraint(
                fields=["household"],
                condition=models.Q(kind="coordinator", valid_to__isnull=True),
                name="one_coordinator_per_household",
                violation_error_message=_("Dit huishouden heeft al een regisseur. Beëindig eerst die betrokkenheid."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.organisation_id}/{self.user_id} → {self.household_id}"

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("De einddatum ligt vóór de begindatum.")})
        if self.kind == InvolvementKind.COORDINATOR and not self.user_id:
            raise ValidationError({"user": _("De regisseur is een medewerker, niet een hele organisatie.")})

    def is_active_on(self, on) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on < self.valid_to)


class Consent(models.Model):
    """A person lets an organisation see one more domain (J, W, P) or the general file of *their own* data, for a
    scope and period. It opens that person only, never the housemates.

    `resident` is the person whose data it is; `given_by` who gave it: the person themself from 16, a parent or
    guardian for a child under 16 (AVG art. 8, UAVG art. 5). Withdrawal (`withdrawn_at`) ends it at once; the row
    stays as proof of what was allowed when.
    """

    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("van wie"), on_delete=models.PROTECT, related_name="consents"
    )
    given_by = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("gegeven door"),
        on_delete=models.PROTECT,
        related_name="consents_given",
        null=True,
        blank=True,
        help_text=_("Leeg: de persoon zelf. Voor een kind onder 16 geeft een ouder of voogd toestemming."),
    )
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="consents")
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    domain = models.CharField(_("domein"), max_length=1, choices=Domain.choices)
    scope = models.CharField(_("waarvoor"), max_length=300)
    valid_from = models.DateField(_("vanaf"), validators=limits.planned())
    valid_to = models.DateField(_("tot"), null=True, blank=True, validators=limits.planned())
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, validators=limits.happened())
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        indexes = [
            models.Index(fields=["household", "organisation"]),
            models.Index(fields=["organisation", "domain", "resident"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="consent_ends_after_it_starts",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.domain} → {self.organisation_id} ({self.household_id})"

    def is_active_on(self, on) -> bool:
        return self.withdrawn_at is None and self.valid_from <= on and (self.valid_to is None or on < self.valid_to)


class BreakGlass(models.Model):
    """Urgent access without involvement ("break the glass"), with a written reason, for a few hours.

    Each use is logged with result `break_glass` in the processing log, where the privacy officer reviews it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glasses")
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="break_glasses")
    reason = models.TextField(_("reden"), **limits.text(limits.NOTE))
    started_at = models.DateTimeField(_("begonnen op"), validators=limits.happened())
    expires_at = models.DateTimeField(_("verloopt op"), validators=limits.planned())

    class Meta:
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")
        indexes = [models.Index(fields=["user", "household", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.household_id} tot {self.expires_at:%Y-%m-%d %H:%M}"
