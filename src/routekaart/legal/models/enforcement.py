"""Handhaving (rechtmatigheid): a signal that a benefit or provision may be used unlawfully, the investigation
with its findings, and the outcome: no action, a warning, recovery (income's claim), or a fine (Pw art. 18a).

Each step is an event; the resident is told of an investigation once the law requires it (before a fine or a
recovery decision they are heard: Awb 4:8 and 5:53), and from then on sees it in Mijn Routekaart.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ...core import limits


class SignalSource(models.TextChoices):
    INCOME_REPORT = "income_report", _("Inkomstenopgave wijkt af van het dossier")
    ADDRESS = "address", _("Meer volwassenen op het adres dan bekend")
    DATA_MATCH = "data_match", _("Bestandskoppeling (Inlichtingenbureau)")
    TIP = "tip", _("Tip of melding van derden")
    CASEWORKER = "caseworker", _("Signaal van de klantmanager")
    PROVISION_USE = "provision_use", _("Voorziening niet gebruikt zoals toegekend")


class EnforcementSignalStatus(models.TextChoices):
    NEW = "new", _("Nieuw")
    DISMISSED = "dismissed", _("Geen aanleiding")
    INVESTIGATING = "investigating", _("In onderzoek")


class EnforcementSignal(models.Model):
    """A reason to check whether support is used lawfully; assessed, then dismissed or investigated."""

    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("betreft"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(_("bron"), max_length=20, choices=SignalSource.choices)
    law = models.CharField(_("wet (domein)"), max_length=1, default="P")
    received_on = models.DateField(_("ontvangen op"), validators=limits.happened())
    description = models.TextField(_("omschrijving"), **limits.text(limits.SUMMARY))
    # What raised it, where another app found it: the kind and id there (an income report, a composition change).
    origin_kind = models.CharField(_("herkomst"), max_length=40, blank=True)
    origin_id = models.BigIntegerField(
        _("herkomst-id"), null=True, blank=True, validators=limits.within(limits.OBJECT_ID)
    )
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=EnforcementSignalStatus.choices,
        default=EnforcementSignalStatus.NEW,
        db_index=True,
    )
    assessed_on = models.DateField(_("beoordeeld op"), null=True, blank=True, validators=limits.happened())
    assessment = models.TextField(_("beoordeling"), blank=True, **limits.text(limits.NOTE))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("handhavingssignaal")
        verbose_name_plural = _("handhavingssignalen")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["household", "received_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(law__in=["J", "W", "P"]), name="enforcement_signal_law_is_jwp"),
            models.UniqueConstraint(
                fields=["origin_kind", "origin_id", "source"],
                condition=~Q(origin_kind=""),
                name="one_enforcement_signal_per_origin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.received_on}"


class InvestigationStatus(models.TextChoices):
    OPEN = "open", _("Loopt")
    CLOSED = "closed", _("Afgerond")


class InvestigationOutcome(models.TextChoices):
    NO_ACTION = "no_action", _("Geen maatregel")
    WARNING = "warning", _("Waarschuwing")
    RECOVERY = "recovery", _("Terugvordering")
    FINE = "fine", _("Bestuurlijke boete (Pw art. 18a)")


class Culpability(models.TextChoices):
    """Verwijtbaarheid (Boetebesluit socialezekerheidswetten art. 2a): the share of the benefit harm fined."""

    INTENT = "intent", _("Opzet")
    GROSS_NEGLIGENCE = "gross_negligence", _("Grove schuld")
    ORDINARY = "ordinary", _("Normale verwijtbaarheid")
    DIMINISHED = "diminished", _("Verminderde verwijtbaarheid")
    NONE = "none", _("Geen verwijtbaarheid")


class Investigation(models.Model):
    """A (fraud) investigation of one household's lawful use of support, from its opening to its outcome."""

    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    signal = models.ForeignKey(
        EnforcementSignal, on_delete=models.PROTECT, null=True, blank=True, related_name="investigations"
    )
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("betreft"), on_delete=models.PROTECT, related_name="+"
    )
    law = models.CharField(_("wet (domein)"), max_length=1, default="P")
    opened_on = models.DateField(_("gestart op"), validators=limits.happened())
    investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("onderzoeker"), on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField(_("onderzoeksvraag"), **limits.text(limits.NOTE))
    findings = models.TextField(_("bevindingen"), blank=True, **limits.text(limits.REPORT))
    resident_informed_on = models.DateField(
        _("inwoner geïnformeerd op"), null=True, blank=True, validators=limits.happened()
    )
    heard_on = models.DateField(_("inwoner gehoord op"), null=True, blank=True, validators=limits.happened())
    status = models.CharField(
        _("status"), max_length=10, choices=InvestigationStatus.choices, default=InvestigationStatus.OPEN, db_index=True
    )
    closed_on = models.DateField(_("afgerond op"), null=True, blank=True, validators=limits.happened())
    outcome = models.CharField(_("uitkomst"), max_length=15, choices=InvestigationOutcome.choices, blank=True)
    harm_amount = models.DecimalField(
        _("benadelingsbedrag"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=limits.within(limits.AMOUNT),
    )
    harm_from = models.DateField(_("benadeling vanaf"), null=True, blank=True, validators=limits.happened())
    harm_to = models.DateField(_("benadeling tot en met"), null=True, blank=True, validators=limits.happened())
    culpability = models.CharField(_("verwijtbaarheid"), max_length=20, choices=Culpability.choices, blank=True)
    repeat_offence = models.BooleanField(_("recidive binnen vijf jaar"), default=False)
    fine_amount = models.DecimalField(
        _("boete"), max_digits=10, decimal_places=2, null=True, blank=True, validators=limits.within(limits.AMOUNT)
    )
    claim_id = models.BigIntegerField(
        _("vordering (inkomen)"), null=True, blank=True, validators=limits.within(limits.OBJECT_ID)
    )
    outcome_reasoning = models.TextField(_("motivering uitkomst"), blank=True, **limits.text(limits.REPORT))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("handhavingsonderzoek")
        verbose_name_plural = _("handhavingsonderzoeken")
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["household", "opened_on"]), models.Index(fields=["investigator", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(law__in=["J", "W", "P"]), name="investigation_law_is_jwp"),
            models.CheckConstraint(
                condition=(Q(status="open") & Q(closed_on__isnull=True) & Q(outcome=""))
                | (Q(status="closed") & Q(closed_on__isnull=False) & ~Q(outcome="")),
                name="investigation_closed_with_outcome",
                violation_error_message=_("Een afgerond onderzoek heeft een datum en een uitkomst."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="fine") | Q(fine_amount__isnull=False),
                name="fine_outcome_has_amount",
                violation_error_message=_("Een boete heeft een bedrag."),
            ),
            models.CheckConstraint(
                condition=Q(harm_to__isnull=True) | Q(harm_from__isnull=True) | Q(harm_to__gte=models.F("harm_from")),
                name="investigation_harm_period_ordered",
                violation_error_message=_("De benadelingsperiode eindigt vóór zij begint."),
            ),
        ]

    def __str__(self) -> str:
        return self.reference
