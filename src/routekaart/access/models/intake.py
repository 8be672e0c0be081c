"""The conversation part of the toegang: intake on all life domains, the poortwachter, the vraaggestuurd onderzoek
with specialist advice, and the review that scores the life domains again."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ...core import limits
from .configuration import score_validators


class Intake(models.Model):
    """The first broad conversation: self-reliance per life domain, and the resident's wishes and talents.

    Seed 002: start from talents and possibilities, not from limitations.
    """

    case = models.ForeignKey("access.Case", on_delete=models.PROTECT, related_name="intakes")
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("met wie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    held_on = models.DateField(_("gehouden op"), validators=limits.happened())
    question = models.TextField(_("hulpvraag"), **limits.text(limits.SUMMARY))
    wishes = models.TextField(_("wensen"), blank=True, **limits.text(limits.SUMMARY))
    talents = models.TextField(_("talenten"), blank=True, **limits.text(limits.SUMMARY))
    possibilities = models.TextField(
        _("mogelijkheden (eigen kracht en netwerk)"), blank=True, **limits.text(limits.SUMMARY)
    )
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{_('Intake')} {self.held_on}"


class Review(models.Model):
    """The periodic review of a plan: life domains scored again, and the next review date."""

    case = models.ForeignKey("access.Case", on_delete=models.PROTECT, related_name="reviews")
    plan = models.ForeignKey("access.Plan", on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField(_("gehouden op"), validators=limits.happened())
    note = models.TextField(_("bevindingen"), **limits.text(limits.NOTE))
    next_review_on = models.DateField(_("volgende evaluatie"), validators=limits.planned())
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_on__gt=models.F("held_on")),
                name="next_review_after_this_one",
                violation_error_message=_("De volgende evaluatie ligt na deze evaluatie."),
            )
        ]

    def __str__(self) -> str:
        return f"{_('Evaluatie')} {self.held_on}"


class LifeDomainScore(models.Model):
    """Self-reliance 1 to 5 on one life domain, given in an intake or a review (exactly one of the two)."""

    case = models.ForeignKey("access.Case", on_delete=models.PROTECT, related_name="scores")
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, null=True, blank=True, related_name="scores")
    review = models.ForeignKey(Review, on_delete=models.PROTECT, null=True, blank=True, related_name="scores")
    life_domain = models.ForeignKey("access.LifeDomain", verbose_name=_("leefgebied"), on_delete=models.PROTECT)
    scored_on = models.DateField(_("datum"), validators=limits.happened())
    self_reliance = models.PositiveSmallIntegerField(_("zelfredzaamheid"), validators=score_validators)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("score op een leefgebied")
        verbose_name_plural = _("scores op leefgebieden")
        ordering = ["scored_on", "life_domain__order"]
        indexes = [models.Index(fields=["household", "scored_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(self_reliance__gte=1) & Q(self_reliance__lte=5),
                name="self_reliance_1_to_5",
                violation_error_message=_("Zelfredzaamheid is een score van 1 tot en met 5."),
            ),
            models.CheckConstraint(
                condition=(Q(intake__isnull=False) & Q(review__isnull=True))
                | (Q(intake__isnull=True) & Q(review__isnull=False)),
                name="score_from_intake_or_review",
                violation_error_message=_("Een score hoort bij een intake of bij een evaluatie."),
            ),
            models.UniqueConstraint(fields=["intake", "life_domain"], name="one_score_per_domain_per_intake"),
            models.UniqueConstraint(fields=["review", "life_domain"], name="one_score_per_domain_per_review"),
        ]

    def __str__(self) -> str:
        return f"{self.life_domain_id}: {self.self_reliance}"


class GatekeepingOutcome(models.TextChoices):
    CONTINUE = "continue", _("Doorgaan naar vraaggestuurd onderzoek")
    REFER_BACK = "refer_back", _("Terugverwijzen naar algemene voorzieningen")


class Gatekeeping(models.Model):
    """Poortwachter: on the intake's input, continue to the assessment or refer back to the voorveld.

    For a Participatiewet application it also records the resident's own search for work; for a young person
    under 27, the four-week search period (Participatiewet art. 41 lid 4).
    """

    case = models.ForeignKey("access.Case", on_delete=models.PROTECT, related_name="gatekeepings")
    decided_on = models.DateField(_("besloten op"), validators=limits.happened())
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=GatekeepingOutcome.choices)
    general_provisions = models.ManyToManyField(
        "catalog.BuildingBlock", verbose_name=_("algemene voorzieningen"), blank=True, related_name="+"
    )
    note = models.TextField(_("toelichting"), blank=True, **limits.text(limits.NOTE))
    job_search = models.TextField(_("eigen zoektocht naar werk"), blank=True, **limits.text(limits.SUMMARY))
    job_applications = models.PositiveSmallIntegerField(
        _("aantal sollicitaties"), null=True, blank=True, validators=limits.within(limits.COUNT)
    )
    search_period_exempt = models.BooleanField(_("vrijgesteld van de zoekperiode"), default=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("poortwachtersbesluit")
        verbose_name_plural = _("poortwachtersbesluiten")
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.decided_on}"


class Assessment(models.Model):
    """Vraaggestuurd onderzoek: the investigation of the support need, ending in a report."""

    case = models.ForeignKey("access.Case", on_delete=models.PROTECT, related_name="assessments")
    started_on = models.DateField(_("begonnen op"), validators=limits.planned())
    report = models.TextField(_("verslag"), blank=True, **limits.text(limits.REPORT))
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True, validators=limits.happened())
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("vraaggestuurd onderzoek")
        verbose_name_plural = _("vraaggestuurde onderzoeken")
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=models.F("started_on")),
                name="assessment_completed_after_start",
                violation_error_message=_("Het onderzoek kan niet eerder af zijn dan het begon."),
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | ~Q(report=""),
                name="completed_assessment_has_a_report",
                violation_error_message=_("Een afgerond onderzoek heeft een verslag."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Onderzoek')} {self.started_on}"


class AdviserKind(models.TextChoices):
    DOCTOR = "doctor", _("Arts")
    PSYCHOLOGIST = "psychologist", _("Psycholoog")
    LABOUR_EXPERT = "labour_expert", _("Arbeidsdeskundige")
    OTHER = "other", _("Andere specialist")


class SpecialistAdvice(models.Model):
    """Specialistische advisering: a question to a doctor, psychologist or labour expert, and the answer.

    Where the law requires independent advice (for example exemption from the labour obligation), the adviser must
    be independent: the model refuses otherwise.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="advice")
    adviser_kind = models.CharField(_("soort specialist"), max_length=20, choices=AdviserKind.choices)
    adviser = models.CharField(_("naam adviseur of organisatie"), max_length=200)
    question = models.TextField(_("vraag"), **limits.text(limits.SUMMARY))
    independent = models.BooleanField(_("onafhankelijk"), default=False)
    independence_required = models.BooleanField(_("onafhankelijk advies wettelijk verplicht"), default=False)
    requested_on = models.DateField(_("gevraagd op"), validators=limits.happened())
    received_on = models.DateField(_("ontvangen op"), null=True, blank=True, validators=limits.happened())
    advice = models.TextField(_("advies"), blank=True, **limits.text(limits.REPORT))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("specialistisch advies")
        verbose_name_plural = _("specialistische adviezen")
        ordering = ["requested_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(independence_required=False) | Q(independent=True),
                name="required_independent_advice_is_independent",
                violation_error_message=_(
                    "Waar de wet onafhankelijk advies eist, moet de adviseur onafhankelijk zijn."
                ),
            ),
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=models.F("requested_on")),
                name="advice_received_after_request",
                violation_error_message=_("Het advies kan niet eerder binnen zijn dan het is gevraagd."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_adviser_kind_display()} {self.requested_on}"
