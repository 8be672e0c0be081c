"""Which regulations a household uses, and the batch check that finds the ones it does not (non-take-up)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from .configuration import Regulation


class UseStatus(models.TextChoices):
    APPLIED = "applied", _("Aangevraagd")
    GRANTED = "granted", _("Toegekend")
    REFUSED = "refused", _("Afgewezen")
    ENDED = "ended", _("Beëindigd")


class RegulationUse(models.Model):
    """A household applied for, or receives, a regulation. Applied or granted counts as "in use"."""

    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    regulation = models.ForeignKey(Regulation, on_delete=models.PROTECT, related_name="uses")
    status = models.CharField(_("status"), max_length=10, choices=UseStatus.choices, default=UseStatus.APPLIED)
    applied_on = models.DateField(_("aangevraagd op"), validators=limits.happened())
    valid_from = models.DateField(_("vanaf"), null=True, blank=True, validators=limits.planned())
    valid_to = models.DateField(_("tot"), null=True, blank=True, validators=limits.planned())
    prefilled = models.JSONField(_("vooraf ingevuld"), default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True, validators=limits.happened())

    class Meta:
        verbose_name = _("gebruik van een regeling")
        verbose_name_plural = _("gebruik van regelingen")
        indexes = [models.Index(fields=["household", "regulation", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "regulation"],
                condition=models.Q(status__in=["applied", "granted"]),
                name="one_open_use_per_regulation",
                violation_error_message=_("Dit huishouden heeft deze regeling al aangevraagd of ontvangt haar al."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.regulation_id} {self.status}"


class EntitlementCheckRun(models.Model):
    """One run of the regulations check over all benefit clients, with the non-take-up it found."""

    as_of = models.DateField(_("peildatum"), validators=limits.planned())
    started_at = models.DateTimeField(_("gestart op"), validators=limits.happened())
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True, validators=limits.happened())
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    households = models.PositiveIntegerField(
        _("huishoudens gecontroleerd"), default=0, validators=limits.within(limits.COUNT)
    )
    without_situation = models.PositiveIntegerField(
        _("huishoudens zonder gegevens"), default=0, validators=limits.within(limits.COUNT)
    )
    found = models.PositiveIntegerField(_("niet-gebruik gevonden"), default=0, validators=limits.within(limits.COUNT))
    households_with_non_take_up = models.PositiveIntegerField(
        _("huishoudens met niet-gebruik"), default=0, validators=limits.within(limits.COUNT)
    )
    per_regulation = models.JSONField(_("per regeling"), default=dict)
    duration_ms = models.PositiveIntegerField(_("duur (ms)"), default=0, validators=limits.within(limits.DURATION_MS))

    class Meta:
        verbose_name = _("regelingencheck")
        verbose_name_plural = _("regelingenchecks")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{_('Regelingencheck')} {self.as_of}"


class NonTakeUp(models.Model):
    """A household entitled to a regulation it does not use, as found by one run; the reason is the rule's labels."""

    run = models.ForeignKey(EntitlementCheckRun, on_delete=models.CASCADE, related_name="non_take_up")
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    regulation = models.ForeignKey(Regulation, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("niet-gebruik")
        verbose_name_plural = _("niet-gebruik")
        indexes = [models.Index(fields=["run", "regulation"]), models.Index(fields=["household", "run"])]

    def __str__(self) -> str:
        return f"{self.household_id} {self.regulation_id}"
