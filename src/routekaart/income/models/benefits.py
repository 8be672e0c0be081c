"""Social assistance and its fixed coordinator (regiehouder): a benefit cannot exist without one."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HouseholdKind(models.TextChoices):
    SINGLE = "single", _("Alleenstaande")
    SINGLE_PARENT = "single_parent", _("Alleenstaande ouder")
    COUPLE = "couple", _("Gehuwden of samenwonenden")


class WorkObligation(models.TextChoices):
    """Whether the client must work towards paid work; the exempt are the group that "falls between two stools"."""

    OBLIGED = "obliged", _("Arbeidsverplichting")
    TEMPORARILY_EXEMPT = "temporarily_exempt", _("Tijdelijk ontheven")
    EXEMPT = "exempt", _("Ontheven (bijvoorbeeld chronisch ziek)")


class SocialAssistance(models.Model):
    """A household's social assistance (bijstand), with the client, the Dienst and the fixed coordinator.

    `coordinator` is required, so "clients without a coordinator" is empty by construction; the coordinator's
    involvement with the household (residents.Involvement, kind coordinator) is kept in step by the services.
    """

    household = models.ForeignKey(
        "residents.Household", verbose_name=_("huishouden"), on_delete=models.PROTECT, related_name="+"
    )
    client = models.ForeignKey(
        "residents.Resident", verbose_name=_("aanvrager"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("uitvoerder"), on_delete=models.PROTECT, related_name="+"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vaste regiehouder"),
        on_delete=models.PROTECT,
        related_name="social_assistance_clients",
    )
    coordinator_involvement = models.ForeignKey(
        "residents.Involvement", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    started_on = models.DateField(_("ingangsdatum"))
    ended_on = models.DateField(_("einddatum"), null=True, blank=True, help_text=_("De eerste dag zonder uitkering."))
    end_reason = models.CharField(_("reden beëindiging"), max_length=200, blank=True)
    work_obligation = models.CharField(
        _("arbeidsverplichting"), max_length=20, choices=WorkObligation.choices, default=WorkObligation.OBLIGED
    )
    surplus_settlement = models.BooleanField(
        _("surplusregeling"), default=False, help_text=_("Maandelijkse verrekening van inkomsten uit deeltijdwerk.")
    )
    earnings_disregard_from = models.DateField(
        _("inkomstenvrijlating vanaf"), null=True, blank=True, help_text=_("De eerste maand met inkomstenvrijlating.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bijstandsuitkering")
        verbose_name_plural = _("bijstandsuitkeringen")
        indexes = [
            models.Index(fields=["coordinator", "ended_on"]),
            models.Index(fields=["household", "started_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_social_assistance_per_household",
                violation_error_message=_("Dit huishouden heeft al een lopende bijstandsuitkering."),
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=models.F("started_on")),
                name="social_assistance_ends_after_it_starts",
                violation_error_message=_("De einddatum ligt niet na de ingangsdatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Bijstand')} {self.pk} ({_('huishouden')} {self.household_id})"

    def is_active_on(self, on) -> bool:
        return self.started_on <= on and (self.ended_on is None or on < self.ended_on)


class CoordinatorHandover(models.Model):
    """A reassignment of the fixed coordinator, handed over warmly: in person, with the client's consent."""

    benefit = models.ForeignKey(SocialAssistance, on_delete=models.PROTECT, related_name="handovers")
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    handed_over_on = models.DateField(_("overgedragen op"))
    meeting_on = models.DateField(_("gesprek met de inwoner op"))
    client_consented = models.BooleanField(_("de inwoner stemt in met de overdracht"))
    note = models.TextField(_("overdrachtsnotitie"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("overdracht regiehouder")
        verbose_name_plural = _("overdrachten regiehouder")
        ordering = ["-handed_over_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_user=models.F("to_user")),
                name="income_handover_to_someone_else",
                violation_error_message=_("Draag over aan een andere regiehouder."),
            ),
            models.CheckConstraint(
                condition=models.Q(client_consented=True),
                name="income_warm_handover_has_consent",
                violation_error_message=_("Een warme overdracht gebeurt met instemming van de inwoner."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_user_id} → {self.to_user_id} ({self.handed_over_on})"


class CostSharerExclusionReason(models.TextChoices):
    STUDENT = "student", _("Student met studiefinanciering of BBL-leerling")
    COMMERCIAL = "commercial", _("Commerciële huur- of kostgangersrelatie")


class CostSharerExclusion(models.Model):
    """A housemate who does not count for the cost-sharer norm (Pw art. 22a lid 2), for a period."""

    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reden"), max_length=20, choices=CostSharerExclusionReason.choices)
    valid_from = models.DateField(_("vanaf"))
    valid_to = models.DateField(_("tot"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("uitzondering kostendelersnorm")
        verbose_name_plural = _("uitzonderingen kostendelersnorm")
        indexes = [models.Index(fields=["household", "valid_from"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F("valid_from")),
                name="cost_sharer_exclusion_ends_after_it_starts",
                violation_error_message=_("De einddatum ligt niet na de begindatum."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.resident_id}: {self.reason}"

    def is_active_on(self, on) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on < self.valid_to)
