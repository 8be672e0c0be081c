"""The candidate's work profile: what the employer adviser may see of a resident, and nothing more.

Privacy by construction: the profile has only work fields (competences, experience, education, wishes, hours,
travel distance, postcode area). It has no field for health, care or household data, no link to cases, and the
selectors that show it to an adviser or an employer read this table and the resident's name only. Wage value and
target-group register status are read from the participation app, which owns those determinations.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ...residents.models.persons import EducationLevel

PC4 = RegexValidator(r"^[1-9][0-9]{3}$", _("Vul de vier cijfers van de postcode in, zoals 1501."))


class ProfileStatus(models.TextChoices):
    AVAILABLE = "available", _("Beschikbaar voor bemiddeling")
    PLACED = "placed", _("Aan het werk")
    PAUSED = "paused", _("Tijdelijk niet beschikbaar")


class CandidateProfile(models.Model):
    resident = models.OneToOneField(
        "residents.Resident", verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="work_profile"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProfileStatus.choices, default=ProfileStatus.AVAILABLE
    )
    competences = models.ManyToManyField(
        "work.Competence", verbose_name=_("competenties"), blank=True, related_name="+"
    )
    competence_mask = models.BigIntegerField(default=0, editable=False, validators=limits.within(limits.BIT_MASK))
    desired_sectors = models.ManyToManyField(
        "work.Sector", verbose_name=_("gewenste sectoren"), blank=True, related_name="+"
    )
    sector_mask = models.BigIntegerField(default=0, editable=False, validators=limits.within(limits.BIT_MASK))
    experience = models.TextField(
        _("werkervaring"),
        blank=True,
        help_text=_("Functies, werkgevers en jaren. Geen gezondheids- of zorggegevens."),
        **limits.text(limits.SUMMARY),
    )
    education_level = models.CharField(
        _("opleidingsniveau"), max_length=12, choices=EducationLevel.choices, default=EducationLevel.UNKNOWN
    )
    hours_min = models.PositiveSmallIntegerField(
        _("uren per week, minimaal"), validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    hours_max = models.PositiveSmallIntegerField(
        _("uren per week, maximaal"), validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    max_travel_km = models.PositiveSmallIntegerField(
        _("maximale reisafstand (km)"), default=15, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    pc4 = models.CharField(_("postcodegebied woonadres"), max_length=4, validators=[PC4])
    available_from = models.DateField(_("beschikbaar vanaf"), null=True, blank=True, validators=limits.planned())
    wishes = models.TextField(
        _("wensen"),
        blank=True,
        help_text=_("Wat de inwoner graag wil doen. Geen gezondheids- of zorggegevens."),
        **limits.text(limits.SUMMARY),
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True, validators=limits.happened())
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("werkprofiel")
        verbose_name_plural = _("werkprofielen")
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_max__gte=models.F("hours_min")),
                name="profile_hours_range",
                violation_error_message=_("Het maximum aantal uren is lager dan het minimum."),
            )
        ]

    def __str__(self) -> str:
        # Never a name: str() ends up in logs.
        return f"{_('werkprofiel')} {self.pk}"

    def clean(self) -> None:
        if self.hours_min and self.hours_max and self.hours_max < self.hours_min:
            raise ValidationError({"hours_max": _("Het maximum aantal uren is lager dan het minimum.")})
