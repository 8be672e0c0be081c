"""Toewijzingen: a granted maatwerkvoorziening delivered by a contracted provider, with the provider's progress
reports, its requests (315/317) and its declarations (323)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ..standard import validate_frequency, validate_unit
from .market import ContractProduct, Law, Product


class AssignmentStatus(models.TextChoices):
    SENT = "sent", _("Verstuurd")
    STARTED = "started", _("Gestart")
    STOPPED = "stopped", _("Gestopt")
    ENDED = "ended", _("Ingetrokken")


class Assignment(models.Model):
    """One toewijzing: sent (301) → started (305) → stopped (307); a change sends a new 301 and bumps the version.

    The decision lives in access; this row keeps the provision's id and the decision's reference, not a foreign
    key, because providers sits below access (docs/architecture.md).
    """

    number = models.CharField(_("toewijzingnummer"), max_length=8, unique=True)
    municipality = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("aanbieder"), on_delete=models.PROTECT, related_name="+"
    )
    contract_product = models.ForeignKey(
        ContractProduct, verbose_name=_("contractproduct"), on_delete=models.PROTECT, related_name="assignments"
    )
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="+"
    )
    household_id = models.BigIntegerField(_("huishouden"), db_index=True, validators=limits.within(limits.OBJECT_ID))
    provision_id = models.BigIntegerField(
        _("maatwerkvoorziening"), unique=True, validators=limits.within(limits.OBJECT_ID)
    )
    decision_reference = models.CharField(_("beschikking"), max_length=40)
    law = models.CharField(_("wet"), max_length=1, choices=Law.choices)
    volume = models.DecimalField(_("omvang"), max_digits=8, decimal_places=2, validators=limits.within(limits.VOLUME))
    unit = models.CharField(_("eenheid"), max_length=2, validators=[validate_unit])
    frequency = models.CharField(_("frequentie"), max_length=1, validators=[validate_frequency])
    starts_on = models.DateField(_("ingangsdatum"), validators=limits.planned())
    ends_on = models.DateField(_("einddatum"), validators=limits.planned())
    status = models.CharField(
        _("status"), max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.SENT, db_index=True
    )
    started_on = models.DateField(_("gestart op"), null=True, blank=True, validators=limits.planned())
    stopped_on = models.DateField(_("gestopt op"), null=True, blank=True, validators=limits.planned())
    stop_reason = models.CharField(_("reden einde"), max_length=2, blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1, validators=limits.within(limits.VERSION))
    goals = models.JSONField(_("doelen uit het plan"), default=list, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["provider", "status"], name="providers_assignment_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="toewijzing_ends_after_it_starts",
                violation_error_message=_("De einddatum ligt vóór de ingangsdatum."),
            ),
            models.CheckConstraint(
                condition=Q(stopped_on__isnull=True) | Q(started_on__isnull=False),
                name="toewijzing_stops_after_a_start",
                violation_error_message=_("Een toewijzing stopt pas nadat de zorg is gestart."),
            ),
        ]

    def __str__(self) -> str:
        return self.number


class ProgressRating(models.TextChoices):
    ACHIEVED = "achieved", _("Bereikt")
    ON_TRACK = "on_track", _("Op weg")
    BEHIND = "behind", _("Loopt achter")
    NOT_STARTED = "not_started", _("Nog niet begonnen")


class ProgressReport(models.Model):
    """The provider's verantwoording against the plan's goals given with the assignment (seed 003, beheer markt)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="progress_reports")
    reported_on = models.DateField(_("datum"), validators=limits.happened())
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    goal_ratings = models.JSONField(_("voortgang per doel"), default=list, blank=True)
    summary = models.TextField(_("verslag"), **limits.text(limits.SUMMARY))
    created_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("voortgangsverslag")
        verbose_name_plural = _("voortgangsverslagen")
        ordering = ["-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.reported_on}"


class RequestKind(models.TextChoices):
    NEW = "315", _("Verzoek om toewijzing")
    CHANGE = "317", _("Verzoek om wijziging")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("In behandeling")
    GRANTED = "granted", _("Toegekend")
    REFUSED = "refused", _("Afgewezen")


class AssignmentRequest(models.Model):
    """A provider's 315 (verzoek om toewijzing) or 317 (verzoek om wijziging), answered with a 319."""

    kind = models.CharField(_("soort"), max_length=3, choices=RequestKind.choices)
    reference = models.CharField(_("referentie aanbieder"), max_length=20)
    provider = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, null=True, blank=True, related_name="requests")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    volume = models.DecimalField(_("omvang"), max_digits=8, decimal_places=2, validators=limits.within(limits.VOLUME))
    unit = models.CharField(_("eenheid"), max_length=2, validators=[validate_unit])
    frequency = models.CharField(_("frequentie"), max_length=1, validators=[validate_frequency])
    starts_on = models.DateField(_("ingangsdatum"), validators=limits.planned())
    ends_on = models.DateField(_("einddatum"), validators=limits.planned())
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN, db_index=True
    )
    answered_on = models.DateField(_("beantwoord op"), null=True, blank=True, validators=limits.happened())
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reasoning = models.TextField(_("motivering"), **limits.text(limits.NOTE), blank=True)
    received_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("verzoek van een aanbieder")
        verbose_name_plural = _("verzoeken van aanbieders")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "reference"], name="request_reference_once_per_provider")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}"


class DeclarationStatus(models.TextChoices):
    APPROVED = "approved", _("Goedgekeurd")
    PARTLY = "partly", _("Deels goedgekeurd")
    REJECTED = "rejected", _("Afgekeurd")


class Declaration(models.Model):
    """A 323 declaratie: the care a provider delivered in a period, checked line by line, answered with a 325."""

    number = models.CharField(_("declaratienummer"), max_length=12)
    provider = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("begin declaratieperiode"), validators=limits.happened())
    period_end = models.DateField(_("einde declaratieperiode"), validators=limits.planned())
    claimed = models.DecimalField(
        _("gedeclareerd"), max_digits=14, decimal_places=2, validators=limits.within(limits.AMOUNT)
    )
    approved = models.DecimalField(
        _("toegekend"), max_digits=14, decimal_places=2, default=0, validators=limits.within(limits.AMOUNT)
    )
    status = models.CharField(_("status"), max_length=10, choices=DeclarationStatus.choices)
    received_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("declaratie")
        verbose_name_plural = _("declaraties")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "number"], name="declaration_number_once_per_provider")
        ]

    def __str__(self) -> str:
        return self.number


class DeclarationLine(models.Model):
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="lines")
    reference = models.CharField(_("referentie"), max_length=20)
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    starts_on = models.DateField(_("begindatum"), validators=limits.happened())
    ends_on = models.DateField(_("einddatum"), validators=limits.planned())
    volume = models.DecimalField(
        _("geleverd volume"), max_digits=8, decimal_places=2, validators=limits.within(limits.VOLUME)
    )
    unit = models.CharField(_("eenheid"), max_length=2)
    tariff = models.DecimalField(_("tarief"), max_digits=10, decimal_places=2, validators=limits.within(limits.AMOUNT))
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2, validators=limits.within(limits.AMOUNT))
    approved = models.BooleanField(_("goedgekeurd"))
    retour_code = models.CharField(_("retourcode"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("declaratieregel")
        verbose_name_plural = _("declaratieregels")
        ordering = ["declaration", "id"]

    def __str__(self) -> str:
        return self.reference
