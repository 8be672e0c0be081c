"""Social return (SROI): the obligation of a municipal contract and how the contractor fulfils it."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits


class SocialReturnContract(models.Model):
    """A municipal contract whose contractor owes a percentage of its value in social return."""

    municipality = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    contractor = models.ForeignKey(
        "work.Employer", verbose_name=_("opdrachtnemer"), on_delete=models.PROTECT, related_name="sroi_contracts"
    )
    reference = models.CharField(
        _("kenmerk"),
        max_length=60,
        unique=True,
        error_messages={"unique": _("Er is al een contract met dit kenmerk.")},
    )
    title = models.CharField(_("opdracht"), max_length=300)
    contract_value = models.DecimalField(
        _("opdrachtwaarde (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), limits.MaximumValidator(limits.AMOUNT.high)],
    )
    percentage = models.DecimalField(
        _("SROI-percentage"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    starts_on = models.DateField(_("looptijd vanaf"), validators=limits.planned())
    ends_on = models.DateField(_("looptijd tot"), validators=limits.planned())
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("SROI-contract")
        verbose_name_plural = _("SROI-contracten")
        ordering = ["ends_on", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="sroi_contract_ends_after_it_starts",
                violation_error_message=_("Het contract eindigt vóór het begint."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def obligation(self) -> Decimal:
        """The social return owed: the percentage of the contract value, in whole cents."""
        return (self.contract_value * self.percentage / Decimal(100)).quantize(Decimal("0.01"))

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("Het contract eindigt vóór het begint.")})


class FulfilmentKind(models.TextChoices):
    PLACEMENT = "placement", _("Plaatsing van een kandidaat")
    LEARN_WORK_PLACE = "learn_work_place", _("Leerwerkplek")
    SOCIAL_FIRM_PURCHASE = "social_firm_purchase", _("Inkoop bij een sociale onderneming")
    OTHER = "other", _("Anders (met toelichting)")


class SocialReturnFulfilment(models.Model):
    """One way the contractor fulfilled part of the obligation, valued in euro by the rules in force."""

    contract = models.ForeignKey(SocialReturnContract, on_delete=models.PROTECT, related_name="fulfilments")
    kind = models.CharField(_("soort invulling"), max_length=24, choices=FulfilmentKind.choices)
    placement = models.ForeignKey(
        "work.Placement", verbose_name=_("plaatsing"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    occurred_on = models.DateField(_("datum"), validators=limits.happened())
    months = models.PositiveSmallIntegerField(
        _("aantal maanden"), null=True, blank=True, validators=limits.within(limits.MONTHS)
    )
    invoice_amount = models.DecimalField(
        _("factuurbedrag (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=limits.within(limits.AMOUNT),
    )
    amount = models.DecimalField(
        _("waarde (€)"), max_digits=12, decimal_places=2, validators=limits.within(limits.AMOUNT)
    )
    description = models.CharField(_("omschrijving"), max_length=300)
    rules_version = models.PositiveIntegerField(_("regels versie"), validators=limits.within(limits.VERSION))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("SROI-invulling")
        verbose_name_plural = _("SROI-invullingen")
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"
