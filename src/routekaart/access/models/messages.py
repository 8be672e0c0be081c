"""Berichten van de inwoner: a question or an objection a resident sends from Mijn Routekaart to the coordinator.

The text stays in this table (retention can reach it); the event of sending or answering names only the kind and
what the message is about.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ...core import limits


class ResidentMessageKind(models.TextChoices):
    QUESTION = "question", _("Vraag")
    OBJECTION = "objection", _("Bezwaar")


class ResidentMessage(models.Model):
    """One message of a resident to the household's coordinator, open until the coordinator answers it."""

    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("van"), on_delete=models.PROTECT, related_name="+"
    )
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("soort"), max_length=12, choices=ResidentMessageKind.choices)
    agreement = models.ForeignKey(
        "access.Agreement",
        verbose_name=_("over afspraak"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.ForeignKey(
        "access.Decision",
        verbose_name=_("over beschikking"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("bericht"), **limits.text(limits.NOTE))
    sent_at = models.DateTimeField(_("verstuurd op"), validators=limits.happened())
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True, validators=limits.happened())
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantwoord door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answer = models.TextField(_("antwoord"), blank=True, **limits.text(limits.NOTE))

    class Meta:
        verbose_name = _("bericht van de inwoner")
        verbose_name_plural = _("berichten van de inwoner")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["household", "answered_at"]), models.Index(fields=["resident", "sent_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["question", "objection"]), name="resident_message_kind_known"),
            models.CheckConstraint(
                condition=(Q(answered_at__isnull=True) & Q(answered_by__isnull=True) & Q(answer=""))
                | (Q(answered_at__isnull=False) & Q(answered_by__isnull=False) & ~Q(answer="")),
                name="resident_message_answer_complete",
                violation_error_message=_("Een antwoord heeft een tekst, een datum en wie het gaf."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.sent_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None
