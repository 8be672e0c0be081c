"""Every iWmo/iJw message that went out or came in, as sent on the wire, with its retour codes.

Idempotency: a message is known by its sender and identification (BerichtIdentificatie); the same message twice
finds the first row and is not processed again.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits

MESSAGE_CHARACTERS = 20_000_000  # a 323 of a large provider for a month; the exchange caps files well below this


class Direction(models.TextChoices):
    OUT = "out", _("Verstuurd")
    IN = "in", _("Ontvangen")


class MessageStatus(models.TextChoices):
    SENT = "sent", _("Verstuurd")
    ACCEPTED = "accepted", _("Verwerkt")
    REJECTED = "rejected", _("Afgekeurd")


class Message(models.Model):
    kind = models.CharField(_("berichtcode"), max_length=3, db_index=True)  # "301", "302", ...
    direction = models.CharField(_("richting"), max_length=3, choices=Direction.choices)
    sender = models.CharField(_("afzender"), max_length=8)  # AGB code of the provider or the municipality's code
    receiver = models.CharField(_("ontvanger"), max_length=8)
    identification = models.CharField(_("berichtidentificatie"), max_length=20)
    dated_on = models.DateField(_("dagtekening"), validators=limits.happened())
    provider = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    assignment = models.ForeignKey(
        "providers.Assignment", on_delete=models.PROTECT, null=True, blank=True, related_name="messages"
    )
    answers = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="retours")
    xml = models.TextField(_("bericht"), **limits.text(MESSAGE_CHARACTERS))
    status = models.CharField(_("status"), max_length=10, choices=MessageStatus.choices)
    retour_codes = models.JSONField(_("retourcodes"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, validators=limits.happened())

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "sender", "kind", "identification"], name="message_processed_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.identification}"
