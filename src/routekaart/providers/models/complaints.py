"""Klachten over een voorziening of aanbieder, handled under Awb chapter 9 and read by contract review."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    ACKNOWLEDGED = "acknowledged", _("Ontvangst bevestigd")
    HEARD = "heard", _("Gehoord")
    DECIDED = "decided", _("Afgehandeld")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class ComplaintOutcome(models.TextChoices):
    FOUNDED = "founded", _("Gegrond")
    PARTLY_FOUNDED = "partly_founded", _("Deels gegrond")
    UNFOUNDED = "unfounded", _("Ongegrond")


class Complaint(models.Model):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    provider = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("aanbieder"), on_delete=models.PROTECT, related_name="+"
    )
    contract = models.ForeignKey(
        "providers.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    assignment = models.ForeignKey(
        "providers.Assignment",
        verbose_name=_("toewijzing"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    product = models.ForeignKey(
        "providers.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("klager"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    complainant_name = models.CharField(_("naam klager"), max_length=200)
    complainant_contact = models.CharField(_("contactgegevens"), max_length=200, blank=True)
    received_on = models.DateField(_("ontvangen op"), validators=limits.happened())
    subject = models.TextField(_("waarover gaat de klacht"), **limits.text(limits.SUMMARY))
    committee = models.BooleanField(_("klachtadviescommissie"), default=False)
    status = models.CharField(
        _("status"), max_length=15, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED, db_index=True
    )
    acknowledged_on = models.DateField(_("ontvangst bevestigd op"), null=True, blank=True, validators=limits.happened())
    heard_on = models.DateField(_("gehoord op"), null=True, blank=True, validators=limits.happened())
    hearing_waived = models.BooleanField(_("afgezien van horen"), default=False)
    extended_on = models.DateField(_("verdaagd op"), null=True, blank=True, validators=limits.happened())
    extension_reason = models.TextField(_("reden verdaging"), **limits.text(limits.NOTE), blank=True)
    decided_on = models.DateField(_("afgehandeld op"), null=True, blank=True, validators=limits.happened())
    outcome = models.CharField(_("oordeel"), max_length=20, choices=ComplaintOutcome.choices, blank=True)
    conclusions = models.TextField(_("conclusies"), **limits.text(limits.REPORT), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("klacht")
        verbose_name_plural = _("klachten")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.reference
