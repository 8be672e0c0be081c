"""Terugvordering (Pw art. 58) and the fine's collection (art. 18a): a claim against a resident, how it is paid off
(a payment plan, or settled against the benefit, art. 60 lid 3, never below the beslagvrije voet), and its balance
as the sum of its movements.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ...core import limits


class ClaimKind(models.TextChoices):
    RECOVERY = "recovery", _("Terugvordering (Pw art. 58)")
    FINE = "fine", _("Bestuurlijke boete (Pw art. 18a)")


class ClaimReason(models.TextChoices):
    INCOME_REPORT = "income_report", _("Inkomsten niet of te laat gemeld")
    HOUSEHOLD_CHANGE = "household_change", _("Gewijzigde woonsituatie of leefvorm")
    ENFORCEMENT = "enforcement", _("Uitkomst handhavingsonderzoek")
    ADVANCE = "advance", _("Voorschot hoger dan het recht")
    OTHER = "other", _("Anders")


class ClaimStatus(models.TextChoices):
    OPEN = "open", _("Openstaand")
    PAID = "paid", _("Afgelost")
    WRITTEN_OFF = "written_off", _("Buiten invordering gesteld")


class Claim(models.Model):
    """One claim (vordering) established by decision, with the reason and the period it covers."""

    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    debtor = models.ForeignKey(
        "residents.Resident", verbose_name=_("debiteur"), on_delete=models.PROTECT, related_name="+"
    )
    benefit = models.ForeignKey(
        "income.SocialAssistance", on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    kind = models.CharField(_("soort"), max_length=10, choices=ClaimKind.choices, default=ClaimKind.RECOVERY)
    reason = models.CharField(_("reden"), max_length=20, choices=ClaimReason.choices)
    explanation = models.TextField(_("toelichting"), **limits.text(limits.NOTE))
    period_from = models.DateField(_("periode vanaf"), validators=limits.happened())
    period_to = models.DateField(_("periode tot en met"), validators=limits.happened())
    principal = models.DecimalField(
        _("hoofdsom"), max_digits=12, decimal_places=2, validators=limits.within(limits.AMOUNT)
    )
    established_on = models.DateField(_("besluit op"), validators=limits.happened())
    # What led to it elsewhere (a legal investigation, an income report): its kind and id there.
    source_kind = models.CharField(_("aanleiding"), max_length=40, blank=True)
    source_id = models.BigIntegerField(
        _("aanleiding-id"), null=True, blank=True, validators=limits.within(limits.OBJECT_ID)
    )
    status = models.CharField(
        _("status"), max_length=15, choices=ClaimStatus.choices, default=ClaimStatus.OPEN, db_index=True
    )
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("vordering")
        verbose_name_plural = _("vorderingen")
        ordering = ["-established_on", "-id"]
        indexes = [models.Index(fields=["household", "status"]), models.Index(fields=["debtor", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_to__gte=models.F("period_from")),
                name="claim_period_ordered",
                violation_error_message=_("De periode eindigt vóór zij begint."),
            ),
            models.CheckConstraint(condition=Q(principal__gt=0), name="claim_principal_positive"),
        ]

    def __str__(self) -> str:
        return self.reference


class ArrangementKind(models.TextChoices):
    SETTLEMENT = "settlement", _("Verrekening met de uitkering (Pw art. 60 lid 3)")
    PAYMENT_PLAN = "payment_plan", _("Betalingsregeling (maandelijkse overboeking)")


class ClaimArrangement(models.Model):
    """How a claim is paid off from a month on: a monthly amount, at most what the beslagvrije voet leaves."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="arrangements")
    kind = models.CharField(_("soort"), max_length=15, choices=ArrangementKind.choices)
    monthly_amount = models.DecimalField(
        _("bedrag per maand"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    protected_income = models.DecimalField(
        _("beslagvrije voet"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=limits.within(limits.MONTHLY_AMOUNT),
    )
    starts_on = models.DateField(_("vanaf"), validators=limits.planned())
    ends_on = models.DateField(_("tot"), null=True, blank=True, validators=limits.planned())
    agreed_on = models.DateField(_("afgesproken op"), validators=limits.happened())
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("aflossingsafspraak")
        verbose_name_plural = _("aflossingsafspraken")
        ordering = ["claim", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(ends_on__isnull=True),
                name="one_open_arrangement_per_claim",
                violation_error_message=_("Deze vordering heeft al een lopende afspraak. Beëindig die eerst."),
            ),
            models.CheckConstraint(condition=Q(monthly_amount__gt=0), name="arrangement_amount_positive"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="arrangement_ends_after_it_starts",
                violation_error_message=_("De einddatum ligt niet na de begindatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.monthly_amount}"


class MovementKind(models.TextChoices):
    ESTABLISHED = "established", _("Vordering vastgesteld")
    DEDUCTION = "deduction", _("Verrekend met de uitkering")
    PAYMENT = "payment", _("Betaling ontvangen")
    WRITE_OFF = "write_off", _("Buiten invordering gesteld")
    CORRECTION = "correction", _("Correctie")


class ClaimMovement(models.Model):
    """One change of a claim's balance: positive raises what is owed, negative lowers it."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="movements")
    on = models.DateField(_("datum"), validators=limits.happened())
    kind = models.CharField(_("soort"), max_length=15, choices=MovementKind.choices)
    amount = models.DecimalField(
        _("bedrag"), max_digits=12, decimal_places=2, validators=limits.within(limits.SIGNED_AMOUNT)
    )
    payment_line = models.OneToOneField(
        "income.PaymentLine", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("toelichting"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("mutatie vordering")
        verbose_name_plural = _("mutaties vordering")
        ordering = ["claim", "on", "id"]
        indexes = [models.Index(fields=["claim", "on"])]
        constraints = [models.CheckConstraint(condition=~Q(amount=0), name="claim_movement_not_zero")]

    def __str__(self) -> str:
        return f"{self.claim_id} {self.on}: {self.amount}"
