"""Where a resident stands: distance to the labour market over time, wage value, target-group register, exemptions.

All of it is Participatiewet (domain P) data of one resident; it is read through `residents.access` and written
only by `services.py`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from .configuration import DistanceCategory, Instrument, LadderRung, ParticipationTier


class DistanceChange(models.TextChoices):
    """How an assessment compares with the one before it (by the order of the categories)."""

    FIRST = "first", _("Eerste beoordeling")
    SMALLER = "smaller", _("Afstand kleiner")
    SAME = "same", _("Afstand gelijk")
    LARGER = "larger", _("Afstand groter")


class DistanceAssessment(models.Model):
    """One assessment of a resident's distance to the labour market; the history is every row, newest current.

    Each assessment sets the date of the next one ("op gezette tijden", seed 002 §3.4), so every resident with a
    distance is on the reassessment planning.
    """

    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="distance_assessments")
    municipality = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    assessed_on = models.DateField(_("beoordeeld op"), validators=limits.happened())
    category = models.ForeignKey(
        DistanceCategory, verbose_name=_("categorie"), on_delete=models.PROTECT, related_name="assessments"
    )
    tier = models.ForeignKey(ParticipationTier, verbose_name=_("trede"), on_delete=models.PROTECT, related_name="+")
    ladder_rung = models.ForeignKey(
        LadderRung, verbose_name=_("participatieladder"), on_delete=models.PROTECT, related_name="+"
    )
    next_assessment_on = models.DateField(_("volgende beoordeling"), validators=limits.planned())
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next", verbose_name=_("vorige")
    )
    change = models.CharField(_("verandering"), max_length=10, choices=DistanceChange.choices)
    is_current = models.BooleanField(_("actueel"), default=True)
    note = models.TextField(_("toelichting"), blank=True, **limits.text(limits.NOTE))
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("beoordeling afstand tot de arbeidsmarkt")
        verbose_name_plural = _("beoordelingen afstand tot de arbeidsmarkt")
        ordering = ["-assessed_on", "-id"]
        indexes = [
            # Covering indexes for the planning, the distribution and the report, all or per municipality.
            models.Index(fields=["is_current", "next_assessment_on"], name="participation_due_idx"),
            models.Index(fields=["municipality", "is_current", "next_assessment_on"], name="participation_plan_idx"),
            models.Index(fields=["municipality", "is_current", "category"], name="participation_distrib_idx"),
            models.Index(fields=["assessed_on", "change"], name="participation_change_idx"),
            models.Index(fields=["municipality", "assessed_on", "change"], name="participation_change_m_idx"),
            models.Index(fields=["resident", "assessed_on"], name="participation_history_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["resident"],
                condition=models.Q(is_current=True),
                name="one_current_distance_per_resident",
                violation_error_message=_("Deze inwoner heeft al een actuele beoordeling."),
            ),
            models.CheckConstraint(
                condition=models.Q(next_assessment_on__gt=models.F("assessed_on")),
                name="next_assessment_after_assessment",
                violation_error_message=_("De volgende beoordeling ligt na deze beoordeling."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resident_id}: {self.category} ({self.assessed_on})"


class WageValueDetermination(models.Model):
    """Loonwaarde: productivity as % of the regular wage for the job, by a recognised method, on a date."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="wage_values")
    determined_on = models.DateField(_("bepaald op"), validators=limits.happened())
    method = models.CharField(_("methode"), max_length=40)
    percentage = models.DecimalField(
        _("loonwaarde (%)"), max_digits=5, decimal_places=2, validators=limits.within(limits.PERCENT_DECIMAL)
    )
    job_title = models.CharField(_("functie"), max_length=200)
    employer = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("werkgever"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    valid_until = models.DateField(_("geldig tot"), validators=limits.planned())
    determined_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("loonwaardebepaling")
        verbose_name_plural = _("loonwaardebepalingen")
        ordering = ["-determined_on", "-id"]
        indexes = [models.Index(fields=["resident", "determined_on"], name="participation_wagevalue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percentage__gte=0) & models.Q(percentage__lte=100),
                name="wage_value_is_a_percentage",
                violation_error_message=_("De loonwaarde ligt tussen 0 en 100%."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("determined_on")),
                name="wage_value_valid_after_determination",
                violation_error_message=_("De geldigheid eindigt na de datum van bepaling."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.percentage}% ({self.method}, {self.determined_on})"


class RegisterStatus(models.TextChoices):
    APPLIED = "applied", _("Aangevraagd bij UWV")
    REGISTERED = "registered", _("Opgenomen")
    REFUSED = "refused", _("Niet opgenomen")
    REMOVED = "removed", _("Afgevoerd")


class RegisterGround(models.TextChoices):
    """Why UWV registers someone in the target-group register (Wet banenafspraak)."""

    PRO_VSO = "pro_vso", _("Leerling of schoolverlater PRO/VSO")
    PARTICIPATION_ACT = "participation_act", _("Participatiewet: kan niet zelfstandig het minimumloon verdienen")
    WAJONG = "wajong", _("Wajong met arbeidsvermogen")
    WSW = "wsw", _("Wsw-indicatie")
    OTHER = "other", _("Anders")


class TargetGroupRegistration(models.Model):
    """What UWV reported about the resident in the target-group register (doelgroepenregister), as of a date."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="register_entries")
    status = models.CharField(_("status"), max_length=12, choices=RegisterStatus.choices)
    ground = models.CharField(_("grond"), max_length=20, choices=RegisterGround.choices, blank=True)
    as_of = models.DateField(_("per"), validators=limits.planned())
    reference = models.CharField(_("kenmerk UWV"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("doelgroepenregister")
        verbose_name_plural = _("doelgroepenregister")
        ordering = ["-as_of", "-id"]
        indexes = [models.Index(fields=["resident", "as_of"], name="participation_register_idx")]

    def __str__(self) -> str:
        return f"{self.resident_id}: {self.status} ({self.as_of})"


class Exemption(models.Model):
    """The resident is exempted from an obligation (the tegenprestatie) on a ground, for a period."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="exemptions")
    instrument = models.ForeignKey(Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+")
    ground = models.CharField(_("grond"), max_length=40)
    valid_from = models.DateField(_("vanaf"), validators=limits.planned())
    valid_to = models.DateField(_("tot"), null=True, blank=True, validators=limits.planned())
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("vrijstelling")
        verbose_name_plural = _("vrijstellingen")
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F("valid_from")),
                name="exemption_ends_after_it_starts",
                violation_error_message=_("De einddatum ligt na de begindatum."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.resident_id}: {self.ground} ({self.valid_from})"

    def is_active_on(self, on) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on < self.valid_to)
