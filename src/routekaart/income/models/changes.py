"""Changes a resident reports about their situation (wijzigingen doorgeven): living together, going abroad, another
address, anything else that may change the benefit. The coordinator reads them on the household page and marks
them processed once the benefit has been looked at again."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from .benefits import SocialAssistance


class ChangeKind(models.TextChoices):
    # Codes of one word: the timeline names the change from the event alone (income.event_labels.CHANGE_WORDS).
    LIVING_TOGETHER = "cohabiting", _("Ik ga samenwonen")
    ABROAD = "abroad", _("Ik ga naar het buitenland")
    ADDRESS = "address", _("Ik krijg een ander adres")
    OTHER = "other", _("Een andere wijziging")


class ChangeStatus(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    PROCESSED = "processed", _("Verwerkt")


class ChangeReport(models.Model):
    """One change the resident reported for their benefit, from a date (and, abroad, until a date)."""

    benefit = models.ForeignKey(SocialAssistance, on_delete=models.PROTECT, related_name="change_reports")
    kind = models.CharField(_("soort wijziging"), max_length=20, choices=ChangeKind.choices)
    starts_on = models.DateField(_("vanaf"), validators=limits.planned())
    ends_on = models.DateField(_("tot en met"), null=True, blank=True, validators=limits.planned())
    ends_unknown = models.BooleanField(_("einddatum nog niet bekend"), default=False)
    details = models.TextField(_("toelichting"), blank=True, **limits.text(limits.NOTE))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("doorgegeven op"), auto_now_add=True, validators=limits.happened())
    status = models.CharField(_("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.RECEIVED)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    processed_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True, validators=limits.happened())

    class Meta:
        verbose_name = _("doorgegeven wijziging")
        verbose_name_plural = _("doorgegeven wijzigingen")
        ordering = ["-reported_at", "-pk"]
        indexes = [models.Index(fields=["benefit", "status"], name="change_report_benefit_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="change_report_ends_after_it_starts",
                violation_error_message=_("De einddatum ligt na de begindatum."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.benefit_id} {self.kind} {self.starts_on}"
