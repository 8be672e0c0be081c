"""Configuration the participation rules read: typology, tiers, ladder, instruments, spending lines, results.

Loaded from `data/*.yaml` by `configuration.participation_configuration_load` (idempotent). No personal data here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits


class LabourDistance(models.TextChoices):
    """Afstand tot de arbeidsmarkt after Sol et al. (seed 002); the same codes as the route maps' tiers."""

    NONE = "none", _("Geen afstand")
    BRIDGEABLE = "bridgeable", _("Overbrugbare afstand")
    NOT_BRIDGEABLE = "not_bridgeable", _("Niet overbrugbare afstand")


class ProviderKind(models.TextChoices):
    """What kind of party delivers an instrument (seed 002, 5.2: the execution organisation)."""

    LEARN_WORK_COMPANY = "learn_work_company", _("Leerwerkbedrijf")
    SW_COMPANY = "sw_company", _("SW-bedrijf")
    TEMP_AGENCY = "temp_agency", _("Uitzendbureau")
    CARE_PROVIDER = "care_provider", _("Zorgaanbieder")
    SOCIAL_FIRM = "social_firm", _("Sociale onderneming")
    NEIGHBOURHOOD_TEAM = "neighbourhood_team", _("Sociaal wijkteam")


class CostBasis(models.TextChoices):
    """How an assignment's cost is found: the wage-subsidy formula, an agreed monthly price, or none to the budget."""

    WAGE_SUBSIDY = "wage_subsidy", _("Loonkostensubsidie volgens de formule")
    MONTHLY_PRICE = "monthly_price", _("Afgesproken prijs per maand")
    NONE = "none", _("Geen kosten voor het participatiebudget")


class _Configured(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), validators=limits.within(limits.ORDER))
    name = models.CharField(_("naam"), max_length=200)
    source = models.CharField(_("bron"), max_length=20, blank=True, help_text=_("Het nummer van het brondocument."))
    text = models.TextField(_("tekst van de bron"), blank=True, **limits.text(limits.SUMMARY))
    version = models.PositiveIntegerField(
        _("versie van het databestand"), default=1, validators=limits.within(limits.VERSION)
    )

    class Meta:
        abstract = True
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class ParticipationTier(_Configured):
    """One of the three tiers of seed 001 (terug naar reguliere baan, verminderde loonwaarde, geen reële optie)."""

    labour_distance = models.CharField(_("afstand tot de arbeidsmarkt"), max_length=20, choices=LabourDistance.choices)

    class Meta(_Configured.Meta):
        verbose_name = _("participatietrede")
        verbose_name_plural = _("participatietreden")


class DistanceCategory(_Configured):
    """One of Sol's six categories: a refinement of the labour distance, with Zaanstad's share (seed 002).

    `order` runs from the smallest distance to the largest, so "the distance fell" is "the order went down".
    """

    labour_distance = models.CharField(_("afstand tot de arbeidsmarkt"), max_length=20, choices=LabourDistance.choices)
    description = models.TextField(_("omschrijving"), blank=True, **limits.text(limits.SUMMARY))
    reference_share = models.DecimalField(
        _("aandeel in Zaanstad (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Volgens de startnotitie participatie van Zaanstad (2016), paragraaf 3.1."),
        validators=limits.within(limits.PERCENT_DECIMAL),
    )
    reassessment_months = models.PositiveSmallIntegerField(
        _("herbeoordeling na (maanden)"),
        help_text=_("Op gezette tijden: na zoveel maanden opnieuw beoordelen."),
        validators=limits.within(limits.MONTHS),
    )
    tiers = models.ManyToManyField(ParticipationTier, verbose_name=_("passende treden"), related_name="categories")

    class Meta(_Configured.Meta):
        verbose_name = _("categorie afstand tot de arbeidsmarkt")
        verbose_name_plural = _("categorieën afstand tot de arbeidsmarkt")


class LadderRung(_Configured):
    """A rung of the participation ladder, 1 (isolated) to 6 (paid work); `order` is the rung number."""

    description = models.TextField(_("omschrijving"), blank=True, **limits.text(limits.SUMMARY))

    class Meta(_Configured.Meta):
        verbose_name = _("trede van de participatieladder")
        verbose_name_plural = _("treden van de participatieladder")


class SpendingLine(_Configured):
    """A line of the participation budget as seed 001 ("Een krap budget") lists them."""

    class Meta(_Configured.Meta):
        verbose_name = _("begrotingspost")
        verbose_name_plural = _("begrotingsposten")


class Result(_Configured):
    """A result of an assignment: the Werkbedrijf's results (seed 001), plus 'no result' and 'stopped early'."""

    destination = models.CharField(
        _("bestemming (catalogus)"), max_length=60, blank=True, help_text=_("Code van de bestemming in de catalogus.")
    )
    is_placement = models.BooleanField(_("telt als plaatsing"), default=False)

    class Meta(_Configured.Meta):
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")


class Instrument(_Configured):
    """An instrument as it is put in for a resident, with its rules as data: what it needs before it starts, how long
    it may last, what it costs.

    Not a second catalog instrument: the catalog's `PolicyInstrument` is the instrument as the walking maps name it
    (loonkostensubsidie, jobcoach, also a norm or an obligation); this is the form in which it is put in, with its
    own code and name (loonkostensubsidie met en zonder doorgroeipotentieel are two forms of one catalog
    instrument). `catalog_instrument` is the link to that one source; empty where the maps name no such instrument
    (a trial placement, volunteering).
    """

    catalog_instrument = models.ForeignKey(
        "catalog.PolicyInstrument",
        verbose_name=_("instrument in de catalogus"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participation_instruments",
        help_text=_(
            "Het instrument van de wandelkaarten waarvan dit een vorm is; leeg als de kaarten het niet noemen."
        ),
    )
    catalog_destination = models.CharField(_("bestemming in de catalogus"), max_length=60, blank=True)
    building_blocks = models.JSONField(_("bouwstenen (cluster.bouwsteen)"), default=list, blank=True)
    spending_line = models.ForeignKey(
        SpendingLine, verbose_name=_("begrotingspost"), on_delete=models.PROTECT, related_name="instruments"
    )
    provider_kinds = models.JSONField(_("soorten aanbieders"), default=list)
    labour_distances = models.JSONField(_("past bij afstand"), default=list)
    is_reintegration = models.BooleanField(_("re-integratie-instrument"), default=True)
    requires_decision = models.BooleanField(_("beschikking nodig"), default=False)
    requires_uwv_advice = models.BooleanField(_("advies van UWV nodig"), default=False)
    requires_target_group_register = models.BooleanField(_("doelgroepenregister nodig"), default=False)
    requires_wage_value = models.BooleanField(_("loonwaarde nodig"), default=False)
    requires_employer = models.BooleanField(_("werkgever nodig"), default=False)
    requires_additionality = models.BooleanField(
        _("moet aanvullend zijn op regulier werk"),
        default=False,
        help_text=_("Geen verdringing: de opdracht legt vast waarom het werk aanvullend is."),
    )
    exemption_grounds = models.JSONField(_("vrijstellingsgronden"), default=list, blank=True)
    growth_potential = models.BooleanField(
        _("met doorgroeipotentieel"), null=True, blank=True, help_text=_("Alleen voor loonkostensubsidie.")
    )
    min_weeks = models.PositiveSmallIntegerField(
        _("minimale duur (weken)"), null=True, blank=True, validators=limits.within(limits.WEEKS)
    )
    max_months = models.PositiveSmallIntegerField(
        _("maximale duur (maanden)"), null=True, blank=True, validators=limits.within(limits.MONTHS)
    )
    cost_basis = models.CharField(_("kosten"), max_length=20, choices=CostBasis.choices)
    results = models.ManyToManyField(Result, verbose_name=_("mogelijke resultaten"), related_name="instruments")

    class Meta(_Configured.Meta):
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")


class ParticipationProvider(models.Model):
    """Which kinds of provider an organisation of the network is, for participation (providers.yaml)."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="participation_provider"
    )
    kinds = models.JSONField(_("soorten"), default=list)

    class Meta:
        verbose_name = _("aanbieder voor participatie")
        verbose_name_plural = _("aanbieders voor participatie")

    def __str__(self) -> str:
        return str(self.organisation)


class RuleSet(models.Model):
    """A data file's rules that are numbers and lists rather than rows: the wage-subsidy rules, the referrals.

    Each loaded version is kept; the rules read the highest. Minimum wages and the employer-costs allowance are
    dated inside the document, so a past month is always calculated with the amounts of that month.
    """

    name = models.SlugField(_("naam"), max_length=40)
    version = models.PositiveIntegerField(_("versie"), validators=limits.within(limits.VERSION))
    document = models.JSONField(_("regels"))
    loaded_at = models.DateTimeField(_("geladen op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("regelset")
        verbose_name_plural = _("regelsets")
        ordering = ["name", "-version"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="one_ruleset_per_name_version")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
