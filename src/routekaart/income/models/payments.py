"""De betaalrun: each month the benefits due become payment lines, approved by a second person (four eyes), and
one SEPA credit-transfer file (pain.001) pays them.

A line is unique per benefit, month and kind, so a rerun for the same month pays nothing twice; a run that is not
yet approved can be cancelled, which deletes its lines. The file is not stored: it is built again from the lines
(the same message id and creation time give the same bytes) and its SHA-256, kept at approval, proves it.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ...core import limits

HALF_CENT = Decimal("0.005")


class PaymentRunKind(models.TextChoices):
    MONTHLY = "monthly", _("Maandbetaling bijstand")
    HOLIDAY_ALLOWANCE = "holiday_allowance", _("Vakantietoeslag (jaarlijks)")


class PaymentRunStatus(models.TextChoices):
    PREPARED = "prepared", _("Klaargezet, wacht op fiattering")
    APPROVED = "approved", _("Gefiatteerd, betaalbestand gemaakt")
    CANCELLED = "cancelled", _("Geannuleerd")


class PaymentRun(models.Model):
    """One payment run of one Dienst for one month."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("uitvoerder"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."), validators=limits.planned())
    kind = models.CharField(_("soort"), max_length=20, choices=PaymentRunKind.choices, default=PaymentRunKind.MONTHLY)
    status = models.CharField(
        _("status"), max_length=10, choices=PaymentRunStatus.choices, default=PaymentRunStatus.PREPARED, db_index=True
    )
    execution_on = models.DateField(_("uitvoeringsdatum"), validators=limits.planned())
    line_count = models.PositiveIntegerField(_("aantal betalingen"), default=0, validators=limits.within(limits.COUNT))
    total = models.DecimalField(
        _("totaal"), max_digits=14, decimal_places=2, default=0, validators=limits.within(limits.AMOUNT)
    )
    skipped = models.JSONField(_("niet betaald"), default=list, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(_("klaargezet op"), validators=limits.happened())
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("gefiatteerd op"), null=True, blank=True, validators=limits.happened())
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True, validators=limits.happened())
    message_id = models.CharField(_("berichtkenmerk (MsgId)"), max_length=35, unique=True)
    file_created_at = models.DateTimeField(_("bestand gemaakt op"), null=True, blank=True, validators=limits.happened())
    file_sha256 = models.CharField(_("SHA-256 van het betaalbestand"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("betaalrun")
        verbose_name_plural = _("betaalruns")
        ordering = ["-month", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "kind"],
                condition=~Q(status="cancelled"),
                name="one_payment_run_per_month_and_kind",
                violation_error_message=_("Voor deze maand is al een betaalrun klaargezet of gefiatteerd."),
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("prepared_by")),
                name="payment_run_four_eyes",
                violation_error_message=_("Fiattering door een tweede medewerker: niet door wie de run klaarzette."),
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | (Q(approved_by__isnull=False) & Q(approved_at__isnull=False)),
                name="approved_payment_run_has_approver",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.month:%Y-%m}"


class PaymentLineKind(models.TextChoices):
    BENEFIT = "benefit", _("Bijstand")
    HOLIDAY_ALLOWANCE = "holiday_allowance", _("Vakantietoeslag")


class PaymentLine(models.Model):
    """What one benefit is paid in one month: the amount due, the holiday allowance reserved from it, what is
    settled against a claim (Pw art. 60), and the net amount transferred."""

    run = models.ForeignKey(PaymentRun, on_delete=models.CASCADE, related_name="lines")
    benefit = models.ForeignKey("income.SocialAssistance", on_delete=models.PROTECT, related_name="payment_lines")
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    payee = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("maand"), validators=limits.planned())
    kind = models.CharField(_("soort"), max_length=20, choices=PaymentLineKind.choices, default=PaymentLineKind.BENEFIT)
    due = models.DecimalField(
        _("verschuldigd"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    holiday_reserved = models.DecimalField(
        _("gereserveerde vakantietoeslag"),
        max_digits=9,
        decimal_places=2,
        default=0,
        validators=limits.within(limits.MONTHLY_AMOUNT),
    )
    deduction = models.DecimalField(
        _("verrekend met vordering"),
        max_digits=9,
        decimal_places=2,
        default=0,
        validators=limits.within(limits.MONTHLY_AMOUNT),
    )
    claim = models.ForeignKey("income.Claim", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    amount = models.DecimalField(
        _("uitbetaald"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    iban = models.CharField(_("IBAN"), max_length=34)
    account_holder = models.CharField(_("tenaamstelling"), max_length=70)
    end_to_end_id = models.CharField(_("betalingskenmerk (EndToEndId)"), max_length=35, unique=True)

    class Meta:
        verbose_name = _("betaalregel")
        verbose_name_plural = _("betaalregels")
        ordering = ["run", "id"]
        indexes = [models.Index(fields=["household", "month"])]
        constraints = [
            models.UniqueConstraint(
                fields=["benefit", "month", "kind"],
                name="one_payment_per_benefit_month_and_kind",
                violation_error_message=_("Deze uitkering is voor deze maand al betaald."),
            ),
            # Within half a cent, which for amounts in cents is exact: SQLite computes the right side in binary
            # floating point (1401.22 - 70.06 is not 1331.16 there), PostgreSQL in numeric.
            models.CheckConstraint(
                condition=Q(amount__gte=F("due") - F("holiday_reserved") - F("deduction") - HALF_CENT)
                & Q(amount__lte=F("due") - F("holiday_reserved") - F("deduction") + HALF_CENT),
                name="payment_line_amount_adds_up",
                violation_error_message=_("Uitbetaald is verschuldigd min vakantietoeslag en verrekening."),
            ),
            models.CheckConstraint(
                condition=Q(deduction=0) | Q(claim__isnull=False),
                name="payment_deduction_names_its_claim",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.end_to_end_id}: {self.amount}"
