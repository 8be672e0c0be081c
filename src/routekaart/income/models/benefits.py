"""Social assistance and its fixed coordinator (regiehouder): a benefit cannot exist without one."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...core import limits


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

    The fixed coordinator (vaste regiehouder) is the household's coordinator: one residents.Involvement of kind
    coordinator, not a column here, so it cannot differ from the case's. The grant service starts it when the
    household has none, and residents will not end it while a benefit runs (only a warm handover moves it).
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
    started_on = models.DateField(_("ingangsdatum"), validators=limits.planned())
    ended_on = models.DateField(
        _("einddatum"),
        null=True,
        blank=True,
        help_text=_("De eerste dag zonder uitkering."),
        validators=limits.planned(),
    )
    end_reason = models.CharField(_("reden beëindiging"), max_length=200, blank=True)
    work_obligation = models.CharField(
        _("arbeidsverplichting"), max_length=20, choices=WorkObligation.choices, default=WorkObligation.OBLIGED
    )
    surplus_settlement = models.BooleanField(
        _("surplusregeling"), default=False, help_text=_("Maandelijkse verrekening van inkomsten uit deeltijdwerk.")
    )
    earnings_disregard_from = models.DateField(
        _("inkomstenvrijlating vanaf"),
        null=True,
        blank=True,
        help_text=_("De eerste maand met inkomstenvrijlating."),
        validators=limits.planned(),
    )
    iban = models.CharField(
        _("IBAN"), max_length=34, blank=True, help_text=_("Het rekeningnummer waarop de uitkering wordt betaald.")
    )
    account_holder = models.CharField(_("tenaamstelling rekening"), max_length=70, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("bijstandsuitkering")
        verbose_name_plural = _("bijstandsuitkeringen")
        indexes = [
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

    def coordinator_day(self) -> date:
        """The day whose coordinator this benefit shows: today, within the benefit's period (its last day once
        ended, its first day before it starts)."""
        on = max(timezone.localdate(), self.started_on)
        if self.ended_on is not None:
            on = min(on, self.ended_on - timedelta(days=1))
        return on

    @property
    def coordinator_involvement(self):
        """The household's coordinator involvement on `coordinator_day()` (a query unless a selector set it)."""
        if "_coordinator_involvement" in self.__dict__:
            return self.__dict__["_coordinator_involvement"]
        from ...residents.selectors import household_coordinator

        return household_coordinator(household_id=self.household_id, on=self.coordinator_day())

    @coordinator_involvement.setter
    def coordinator_involvement(self, involvement) -> None:
        self.__dict__["_coordinator_involvement"] = involvement

    @property
    def coordinator(self):
        involvement = self.coordinator_involvement
        return involvement.user if involvement is not None else None

    @property
    def coordinator_id(self) -> int | None:
        involvement = self.coordinator_involvement
        return involvement.user_id if involvement is not None else None


class CoordinatorHandover(models.Model):
    """A reassignment of the fixed coordinator, handed over warmly: in person, with the client's consent."""

    benefit = models.ForeignKey(SocialAssistance, on_delete=models.PROTECT, related_name="handovers")
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    handed_over_on = models.DateField(_("overgedragen op"), validators=limits.happened())
    meeting_on = models.DateField(_("gesprek met de inwoner op"), validators=limits.planned())
    client_consented = models.BooleanField(_("de inwoner stemt in met de overdracht"))
    note = models.TextField(_("overdrachtsnotitie"), **limits.text(limits.NOTE))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

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
    valid_from = models.DateField(_("vanaf"), validators=limits.planned())
    valid_to = models.DateField(_("tot"), null=True, blank=True, validators=limits.planned())
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
