"""Kwaliteitszorg: the short client satisfaction survey after a decision or a closed case (klanttevredenheid).

The answers are the resident's own; staff and policy see them only as aggregates over at least
`legal.quality.MIN_GROUP` (10) answers. The team and the building block are copied in when the survey is sent, so
results per team and per provision need no read of the file.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ...core import limits


class SurveyOccasion(models.TextChoices):
    DECISION = "decision", _("Na een beschikking")
    CASE_CLOSED = "case_closed", _("Na afsluiting van de hulpvraag")
    OBJECTION = "objection", _("Na de beslissing op bezwaar")


class SurveyStatus(models.TextChoices):
    SENT = "sent", _("Verstuurd")
    ANSWERED = "answered", _("Beantwoord")
    EXPIRED = "expired", _("Verlopen")


class Survey(models.Model):
    """One invitation to one resident, and their answers once given (a score of 1 to 5 per question)."""

    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    occasion = models.CharField(_("aanleiding"), max_length=15, choices=SurveyOccasion.choices)
    occasion_id = models.BigIntegerField(_("aanleiding-id"), validators=limits.within(limits.OBJECT_ID))
    law = models.CharField(_("wet (domein)"), max_length=1, blank=True)
    team = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    building_block_code = models.CharField(_("voorziening"), max_length=60, blank=True)
    questionnaire_version = models.PositiveIntegerField(
        _("versie vragenlijst"), validators=limits.within(limits.VERSION)
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.SENT, db_index=True
    )
    sent_on = models.DateField(_("verstuurd op"), validators=limits.happened())
    expires_on = models.DateField(_("beantwoorden tot"), validators=limits.planned())
    answered_on = models.DateField(_("beantwoord op"), null=True, blank=True, validators=limits.happened())
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    comment = models.TextField(_("toelichting"), blank=True, **limits.text(limits.NOTE))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tevredenheidsonderzoek")
        verbose_name_plural = _("tevredenheidsonderzoeken")
        ordering = ["-sent_on", "-id"]
        indexes = [
            models.Index(fields=["resident", "status"]),
            models.Index(fields=["team", "answered_on"]),
            models.Index(fields=["building_block_code", "answered_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "occasion", "occasion_id"], name="one_survey_per_resident_and_occasion"
            ),
            models.CheckConstraint(
                condition=(Q(status="answered") & Q(answered_on__isnull=False))
                | (~Q(status="answered") & Q(answered_on__isnull=True)),
                name="answered_survey_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_occasion_display()} {self.sent_on}"
