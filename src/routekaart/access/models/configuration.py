"""The rules of the integrale toegang that are data: life domains, statutory deadlines, legal bases, policy numbers.

Loaded from `access/data/*.yaml` by `configuration.access_configuration_load`, through core's loader contract: each
version of a file adds its own rows, older versions stay (a deadline points at the rule it was opened under). The
default manager (`objects`) gives the rows of the version in force today; `all_versions` gives every version.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ...core.configuration import InForceManager

SCORE_MIN = 1
SCORE_MAX = 5
score_validators = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]


class LifeDomain(models.Model):
    """A leefgebied scored 1 to 5 on self-reliance in the intake and each review."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("omschrijving"), blank=True, **limits.text(limits.SUMMARY))
    order = models.PositiveSmallIntegerField(_("volgorde"), validators=limits.within(limits.ORDER))
    version = models.CharField(_("versie"), max_length=20)

    all_versions = models.Manager()
    objects = InForceManager("audit.DataFileVersion", "access/life_domains")

    class Meta:
        verbose_name = _("leefgebied")
        verbose_name_plural = _("leefgebieden")
        ordering = ["order"]
        base_manager_name = "all_versions"
        default_manager_name = "objects"
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="unique_lifedomain_version")]

    def __str__(self) -> str:
        return self.name


class ScaleStep(models.Model):
    """One step of the self-reliance scale (1 acute problematiek … 5 volledig zelfredzaam)."""

    score = models.PositiveSmallIntegerField(_("score"), validators=score_validators)
    name = models.CharField(_("naam"), max_length=100)
    version = models.CharField(_("versie"), max_length=20)

    all_versions = models.Manager()
    objects = InForceManager("audit.DataFileVersion", "access/life_domains")

    class Meta:
        verbose_name = _("stap op de zelfredzaamheidsschaal")
        verbose_name_plural = _("zelfredzaamheidsschaal")
        ordering = ["score"]
        base_manager_name = "all_versions"
        default_manager_name = "objects"
        constraints = [models.UniqueConstraint(fields=["score", "version"], name="unique_scalestep_version")]

    def __str__(self) -> str:
        return f"{self.score} {self.name}"


class DeadlineKind(models.TextChoices):
    DEADLINE = "deadline", _("Wettelijke termijn")
    WAITING_PERIOD = "waiting_period", _("Wachttermijn")
    REVIEW = "review", _("Evaluatie")


class DeadlineRule(models.Model):
    """A statutory term: which signal opens it, how long it runs, what meets it, how it may change."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=200)
    law = models.CharField(_("wet (domein)"), max_length=1)
    kind = models.CharField(_("soort"), max_length=20, choices=DeadlineKind.choices)
    basis = models.CharField(_("grondslag"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, **limits.text(limits.SUMMARY))
    term_weeks = models.PositiveSmallIntegerField(
        _("termijn in weken"), default=0, validators=limits.within(limits.WEEKS)
    )
    term_months = models.PositiveSmallIntegerField(
        _("termijn in maanden"), default=0, validators=limits.within(limits.MONTHS)
    )
    signal_kinds = models.JSONField(_("geopend door signalen van soort"), default=list)
    domain = models.CharField(_("geopend in domein"), max_length=1, blank=True)
    under_age = models.PositiveSmallIntegerField(
        _("alleen voor inwoners jonger dan"), null=True, blank=True, validators=limits.within(limits.AGE)
    )
    met_by = models.JSONField(_("gehaald door"), default=list)
    changes = models.JSONField(_("toegestane wijzigingen"), default=list)
    version = models.CharField(_("versie"), max_length=20)

    all_versions = models.Manager()
    objects = InForceManager("audit.DataFileVersion", "access/deadlines")

    class Meta:
        verbose_name = _("termijnregel")
        verbose_name_plural = _("termijnregels")
        ordering = ["code"]
        base_manager_name = "all_versions"
        default_manager_name = "objects"
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="unique_deadlinerule_version")]

    def __str__(self) -> str:
        return self.name


class DeadlineChangeKind(models.TextChoices):
    EXTENSION = "extension", _("Verdaging")
    SUSPENSION = "suspension", _("Opschorting")


class DeadlineChangeRule(models.Model):
    """A lawful way to move a deadline: extension (Awb 4:14) or suspension (Awb 4:15)."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=DeadlineChangeKind.choices)
    basis = models.CharField(_("grondslag"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, **limits.text(limits.SUMMARY))
    before_due = models.BooleanField(_("alleen vóór het einde van de termijn"), default=True)
    needs_notice = models.BooleanField(_("aanvrager moet bericht krijgen"), default=True)
    version = models.CharField(_("versie"), max_length=20)

    all_versions = models.Manager()
    objects = InForceManager("audit.DataFileVersion", "access/deadlines")

    class Meta:
        verbose_name = _("termijnwijziging")
        verbose_name_plural = _("termijnwijzigingen")
        ordering = ["code"]
        base_manager_name = "all_versions"
        default_manager_name = "objects"
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="unique_deadlinechangerule_version")]

    def __str__(self) -> str:
        return self.name


class LegalBasis(models.Model):
    """Per law (J, W, P): the article a decision rests on, the urgent-help article, and the objection clause."""

    law = models.CharField(_("wet (domein)"), max_length=1)
    name = models.CharField(_("naam van de wet"), max_length=200)
    decision_basis = models.CharField(_("grondslag beschikking"), max_length=200)
    urgent_basis = models.CharField(_("grondslag spoedhulp"), max_length=200, blank=True)
    objection_weeks = models.PositiveSmallIntegerField(
        _("bezwaartermijn in weken"), validators=limits.within(limits.WEEKS)
    )
    objection_basis = models.CharField(_("grondslag bezwaartermijn"), max_length=100)
    version = models.CharField(_("versie"), max_length=20)

    all_versions = models.Manager()
    objects = InForceManager("audit.DataFileVersion", "access/decisions")

    class Meta:
        verbose_name = _("wettelijke grondslag")
        verbose_name_plural = _("wettelijke grondslagen")
        ordering = ["law"]
        base_manager_name = "all_versions"
        default_manager_name = "objects"
        constraints = [models.UniqueConstraint(fields=["law", "version"], name="unique_legalbasis_version")]

    def __str__(self) -> str:
        return self.name


class Policy(models.Model):
    """The few numbers of the integrale toegang that are local policy, one row (decisions.yaml, `policy`)."""

    reopen_within_days = models.PositiveSmallIntegerField(
        _("heropenen binnen (dagen)"), validators=limits.within(limits.DAYS)
    )
    due_soon_days = models.PositiveSmallIntegerField(_("binnenkort (dagen)"), validators=limits.within(limits.DAYS))
    general_provision_clusters = models.JSONField(_("clusters met algemene voorzieningen"), default=list)
    version = models.CharField(_("versie"), max_length=20)

    all_versions = models.Manager()
    objects = InForceManager("audit.DataFileVersion", "access/decisions")

    class Meta:
        verbose_name = _("beleidsregel toegang")
        verbose_name_plural = _("beleidsregels toegang")
        base_manager_name = "all_versions"
        default_manager_name = "objects"

    def __str__(self) -> str:
        return f"{_('Beleid toegang')} {self.version}"
