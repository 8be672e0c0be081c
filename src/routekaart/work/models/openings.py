"""What candidates can be placed on: vacancies (direct or through a temporary-work agency) and arrangements.

Both are an `Opening`: the facts matching needs (hours, place of work, competences asked, the wage value the job
demands, banenafspraak or sheltered work) are declared once, on the abstract base. Required competences are kept
twice on purpose: as rows (to query and show) and as a bit mask (to match 50,000 candidates in one vector pass);
only the services write either, together.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ...residents.validators import postcode_normalise, validate_postcode


class OpeningStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Vervuld")
    CLOSED = "closed", _("Gesloten")


HOURS = [MinValueValidator(1), MaxValueValidator(40)]


class Opening(models.Model):
    employer = models.ForeignKey("work.Employer", verbose_name=_("werkgever"), on_delete=models.PROTECT)
    branch = models.ForeignKey(
        "work.Branch", verbose_name=_("vestiging"), on_delete=models.PROTECT, null=True, blank=True
    )
    title = models.CharField(_("functie"), max_length=200)
    sector = models.ForeignKey("work.Sector", verbose_name=_("sector"), on_delete=models.PROTECT)
    hours_min = models.PositiveSmallIntegerField(_("uren per week, minimaal"), validators=HOURS)
    hours_max = models.PositiveSmallIntegerField(_("uren per week, maximaal"), validators=HOURS)
    postcode = models.CharField(_("postcode werkplek"), max_length=7, validators=[validate_postcode])
    city = models.CharField(_("plaats"), max_length=200)
    competences = models.ManyToManyField(
        "work.Competence", verbose_name=_("gevraagde competenties"), blank=True, related_name="%(class)s_openings"
    )
    competence_mask = models.BigIntegerField(default=0, editable=False, validators=limits.within(limits.BIT_MASK))
    min_wage_value = models.PositiveSmallIntegerField(
        _("vereiste loonwaarde (%)"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("De productiviteit die het werk vraagt, als percentage van het normale loon voor de functie."),
    )
    suits_jobs_agreement = models.BooleanField(_("geschikt voor de banenafspraak"), default=False)
    suits_sheltered_work = models.BooleanField(_("geschikt voor beschut werk"), default=False)
    positions = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), default=1, validators=[MinValueValidator(1), limits.MaximumValidator(limits.COUNT.high)]
    )
    status = models.CharField(_("status"), max_length=10, choices=OpeningStatus.choices, default=OpeningStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def pc4(self) -> str:
        return (self.postcode or "")[:4]

    def clean(self) -> None:
        self.postcode = postcode_normalise(self.postcode)
        if self.hours_min and self.hours_max and self.hours_max < self.hours_min:
            raise ValidationError({"hours_max": _("Het maximum aantal uren is lager dan het minimum.")})
        if self.branch_id and self.employer_id and self.branch.employer_id != self.employer_id:
            raise ValidationError({"branch": _("Deze vestiging hoort niet bij deze werkgever.")})


class Vacancy(Opening):
    """A job an employer (or a temporary-work agency for its client) wants filled."""

    via_agency = models.ForeignKey(
        "work.Employer",
        verbose_name=_("via uitzendbureau"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agency_vacancies",
        limit_choices_to={"kind": "temp_agency"},
    )
    description = models.TextField(_("omschrijving"), blank=True, **limits.text(limits.SUMMARY))
    requirements = models.TextField(_("overige eisen"), blank=True, **limits.text(limits.SUMMARY))
    closing_date = models.DateField(_("sluitingsdatum"), null=True, blank=True, validators=limits.planned())
    in_vacancy_service = models.BooleanField(
        _("in de vacatureservice"),
        default=False,
        help_text=_("Zichtbaar voor inwoners die op eigen kracht werk kunnen vinden."),
    )

    class Meta:
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "closing_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_max__gte=models.F("hours_min")),
                name="vacancy_hours_range",
                violation_error_message=_("Het maximum aantal uren is lager dan het minimum."),
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.via_agency_id:
            if self.via_agency_id == self.employer_id:
                raise ValidationError({"via_agency": _("Een werkgever is niet zijn eigen uitzendbureau.")})
            if self.via_agency.kind != "temp_agency":
                raise ValidationError({"via_agency": _("Kies een uitzendbureau.")})


class Arrangement(Opening):
    """A job carved with an employer for the target group (jobcarving): tasks taken from existing jobs."""

    guidance = models.TextField(
        _("begeleiding"), blank=True, help_text=_("Wie begeleidt, hoe vaak, waarin."), **limits.text(limits.SUMMARY)
    )
    instruments = models.JSONField(_("instrumenten"), default=list, blank=True)

    class Meta:
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_max__gte=models.F("hours_min")),
                name="arrangement_hours_range",
                violation_error_message=_("Het maximum aantal uren is lager dan het minimum."),
            )
        ]

    @property
    def offers_wage_subsidy(self) -> bool:
        return "wage_subsidy" in (self.instruments or [])


class ArrangementTask(models.Model):
    """One task carved out of an existing job ("source job") into the arrangement."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="tasks")
    source_job = models.CharField(_("uit functie"), max_length=200)
    task = models.CharField(_("taak"), max_length=300)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0, validators=limits.within(limits.ORDER))

    class Meta:
        verbose_name = _("gecarvede taak")
        verbose_name_plural = _("gecarvede taken")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.source_job}: {self.task}"
