"""Earnings reported by the client, the monthly surplus settlement, and simple switching from benefit to work."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from .benefits import SocialAssistance


class ReportSource(models.TextChoices):
    CLIENT = "client", _("Inwoner (portaal)")
    STAFF = "staff", _("Medewerker namens de inwoner")


class IncomeReport(models.Model):
    """The client's earnings for one month ("doorgeven van inkomsten", a simplified form); a new one corrects it."""

    benefit = models.ForeignKey(SocialAssistance, on_delete=models.PROTECT, related_name="income_reports")
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."), validators=limits.planned())
    net_earnings = models.DecimalField(
        _("netto inkomsten uit werk"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    other_income = models.DecimalField(
        _("andere inkomsten"),
        max_digits=9,
        decimal_places=2,
        default=0,
        validators=limits.within(limits.MONTHLY_AMOUNT),
    )
    hours = models.DecimalField(
        _("gewerkte uren"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=limits.within(limits.HOURS_PER_MONTH),
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    source = models.CharField(_("doorgegeven door"), max_length=10, choices=ReportSource.choices)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now=True, validators=limits.happened())

    class Meta:
        verbose_name = _("inkomstenopgave")
        verbose_name_plural = _("inkomstenopgaven")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["benefit", "month"],
                name="one_income_report_per_month",
                violation_error_message=_("Voor deze maand zijn de inkomsten al doorgegeven."),
            ),
            models.CheckConstraint(
                condition=models.Q(net_earnings__gte=0) & models.Q(other_income__gte=0),
                name="income_report_not_negative",
                violation_error_message=_("Inkomsten kunnen niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.benefit_id} {self.month:%Y-%m}"


class SurplusSettlement(models.Model):
    """One month's settlement of earnings against the benefit (surplusregeling), every figure kept."""

    benefit = models.ForeignKey(SocialAssistance, on_delete=models.PROTECT, related_name="surplus_settlements")
    month = models.DateField(_("maand"), validators=limits.planned())
    norm = models.DecimalField(
        _("norm"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    earnings = models.DecimalField(
        _("inkomsten"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    disregard = models.DecimalField(
        _("vrijlating"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    due = models.DecimalField(
        _("uitkering over de maand"),
        max_digits=9,
        decimal_places=2,
        validators=limits.within(limits.SIGNED_MONTHLY_AMOUNT),
    )
    advance = models.DecimalField(
        _("voorschot betaald"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    settlement = models.DecimalField(
        _("te verrekenen"), max_digits=9, decimal_places=2, validators=limits.within(limits.SIGNED_MONTHLY_AMOUNT)
    )
    income = models.DecimalField(
        _("totaal inkomen"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    computed_at = models.DateTimeField(auto_now=True, validators=limits.happened())

    class Meta:
        verbose_name = _("surplusverrekening")
        verbose_name_plural = _("surplusverrekeningen")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["benefit", "month"], name="one_settlement_per_month")]

    def __str__(self) -> str:
        return f"{self.benefit_id} {self.month:%Y-%m}"


class BenefitToWorkSwitch(models.Model):
    """Simpel switchen: the client starts work; the benefit bridges to the first salary and then stops."""

    benefit = models.OneToOneField(SocialAssistance, on_delete=models.PROTECT, related_name="work_switch")
    work_start = models.DateField(_("eerste werkdag"), validators=limits.planned())
    first_salary_on = models.DateField(_("eerste salaris op"), validators=limits.planned())
    net_monthly_salary = models.DecimalField(
        _("netto salaris per maand"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=limits.within(limits.HOURS_PER_WEEK_DECIMAL),
    )
    end_date = models.DateField(_("uitkering stopt op"), validators=limits.planned())
    bridging_benefit = models.DecimalField(
        _("uitkering als overbrugging"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    settlement = models.DecimalField(
        _("te verrekenen"), max_digits=9, decimal_places=2, validators=limits.within(limits.SIGNED_MONTHLY_AMOUNT)
    )
    instalments = models.PositiveSmallIntegerField(_("termijnen"), validators=limits.within(limits.MONTHS))
    instalment_amount = models.DecimalField(
        _("bedrag per termijn"), max_digits=9, decimal_places=2, validators=limits.within(limits.MONTHLY_AMOUNT)
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("overstap van uitkering naar werk")
        verbose_name_plural = _("overstappen van uitkering naar werk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_salary_on__gte=models.F("work_start")),
                name="first_salary_not_before_work",
                violation_error_message=_("Het eerste salaris komt niet vóór de eerste werkdag."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.benefit_id} → {self.work_start}"
