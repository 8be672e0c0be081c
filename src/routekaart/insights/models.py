"""The precomputed figures of steering (sturing op klantstromen): aggregates only, never a person.

Every table here is filled by the refresh (`insights.refresh`) from the other apps' fact selectors, and read by the
dashboard's selectors; no row names, identifies or counts fewer than one resident. Small groups are stored as they
are and suppressed where they are shown (`insights.suppression`), so that every page, export and API applies the
same rule. A municipality and a wijk (district) are the filters of every figure; both are null for "unknown".
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..core import limits

# The simulation's bounds: an income limit between half and twice the social minimum, an allowance of at most
# €10,000 a year (the seed's energy allowance was €1,300), at most €5,000 a year more per child.
THRESHOLD = limits.Range(50, 200)
ALLOWANCE = limits.Range(Decimal("0.01"), Decimal("10000"))
CHILD_SUPPLEMENT = limits.Range(Decimal("0"), Decimal("5000"))
WATERMARK = limits.Range(0, 2**63 - 1)  # the id of the last event of the stream a refresh saw
ERROR_PERCENT = limits.Range(Decimal("0"), Decimal("999999"))  # a forecast can be off by more than 100 %


class Direction(models.TextChoices):
    IN = "in", _("Instroom")
    OUT = "out", _("Uitstroom")


class FlowDimension(models.TextChoices):
    """What a flow is counted by (issue: route, destination, exit route, instrument, cluster, team and provider)."""

    ROUTE = "route", _("Route")
    DESTINATION = "destination", _("Bestemming")
    EXIT_ROUTE = "exit_route", _("Uitstroomroute")
    INSTRUMENT = "instrument", _("Instrument")
    CLUSTER = "cluster", _("Cluster (voorziening)")
    TEAM = "team", _("Team")
    PROVIDER = "provider", _("Aanbieder")
    BENEFIT = "benefit", _("Bijstand")


class FlowCount(models.Model):
    """How many entered (`in`) or left (`out`) one route, instrument, cluster, team, provider or the benefit in one
    month, in one municipality and wijk. For `out`, `destination` says where they went (blank when unknown)."""

    dimension = models.CharField(_("dimensie"), max_length=20, choices=FlowDimension.choices)
    key = models.CharField(_("sleutel"), max_length=100)  # a code, or an organisation's id as text
    label = models.CharField(_("naam"), max_length=200)
    direction = models.CharField(_("richting"), max_length=3, choices=Direction.choices)
    destination = models.CharField(_("bestemming"), max_length=100, blank=True)
    month = models.DateField(_("maand"), validators=limits.happened())  # the first day of the month
    municipality = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "residents.District", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    count = models.PositiveIntegerField(_("aantal"), validators=limits.within(limits.COUNT))

    class Meta:
        verbose_name = _("stroomcijfer")
        verbose_name_plural = _("stroomcijfers")
        indexes = [
            models.Index(fields=["dimension", "month"], name="insights_flow_dim_month"),
            models.Index(fields=["municipality", "month"], name="insights_flow_mun_month"),
        ]
        constraints = [models.CheckConstraint(condition=Q(count__gt=0), name="insights_flow_count_positive")]

    def __str__(self) -> str:
        return f"{self.dimension} {self.key} {self.direction} {self.month:%Y-%m}: {self.count}"


class TransitionCount(models.Model):
    """A link of the Sankey diagram: how many residents went from one node (a route, the start) to another (a route,
    a destination) in one month."""

    source_kind = models.CharField(_("soort herkomst"), max_length=20)  # start / route / destination
    source_key = models.CharField(_("herkomst"), max_length=100)
    source_label = models.CharField(_("naam herkomst"), max_length=200)
    target_kind = models.CharField(_("soort bestemming"), max_length=20)
    target_key = models.CharField(_("bestemming"), max_length=100)
    target_label = models.CharField(_("naam bestemming"), max_length=200)
    month = models.DateField(_("maand"), validators=limits.happened())
    municipality = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "residents.District", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    count = models.PositiveIntegerField(_("aantal"), validators=limits.within(limits.COUNT))

    class Meta:
        verbose_name = _("overgang")
        verbose_name_plural = _("overgangen")
        indexes = [models.Index(fields=["month", "municipality"], name="insights_transition_month")]
        constraints = [
            models.CheckConstraint(condition=Q(count__gt=0), name="insights_transition_count_positive"),
            models.CheckConstraint(
                condition=~(Q(source_kind=models.F("target_kind")) & Q(source_key=models.F("target_key"))),
                name="insights_transition_not_to_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_key} → {self.target_key} {self.month:%Y-%m}: {self.count}"


class CaseloadCount(models.Model):
    """The households a team and a coordinator (a staff member, never a resident) work with on the first day of a
    month, in one municipality."""

    month = models.DateField(_("maand"), validators=limits.happened())
    municipality = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    households = models.PositiveIntegerField(_("huishoudens"), validators=limits.within(limits.COUNT))

    class Meta:
        verbose_name = _("caseloadcijfer")
        verbose_name_plural = _("caseloadcijfers")
        indexes = [models.Index(fields=["month", "municipality"], name="insights_caseload_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}: {self.households}"


class InterventionKind(models.TextChoices):
    INSTRUMENT = "instrument", _("Participatie-instrument")
    PROVISION = "provision", _("Voorziening")
    ROUTE = "route", _("Route")


class OutcomeCell(models.Model):
    """What works for whom: of the residents in one profile who started one instrument or provision in one year,
    how many found work, got a smaller distance to the labour market, and saw their case closed without a return
    within 12 months. An outcome that does not apply to the intervention is null (shown as "n.v.t.")."""

    intervention_kind = models.CharField(_("soort inzet"), max_length=12, choices=InterventionKind.choices)
    intervention_key = models.CharField(_("inzet"), max_length=100)
    intervention_label = models.CharField(_("naam inzet"), max_length=200)
    cohort_year = models.PositiveSmallIntegerField(_("startjaar"), validators=limits.within(limits.YEAR))
    municipality = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "residents.District", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # the profile (insights.profile names the bands and their Dutch labels)
    age_band = models.CharField(_("leeftijd"), max_length=12)
    distance_category = models.CharField(_("afstand tot de arbeidsmarkt"), max_length=40)
    education = models.CharField(_("opleiding"), max_length=12)
    benefit_duration = models.CharField(_("duur in de bijstand"), max_length=12)
    residents = models.PositiveIntegerField(_("inwoners"), validators=limits.within(limits.COUNT))
    observed = models.PositiveIntegerField(
        _("inwoners met 12 maanden nazorgperiode"), validators=limits.within(limits.COUNT)
    )
    work_found = models.PositiveIntegerField(
        _("werk gevonden"), null=True, blank=True, validators=limits.within(limits.COUNT)
    )
    distance_reduced = models.PositiveIntegerField(
        _("afstand kleiner"), null=True, blank=True, validators=limits.within(limits.COUNT)
    )
    closed_without_return = models.PositiveIntegerField(
        _("afgesloten zonder terugkeer"), null=True, blank=True, validators=limits.within(limits.COUNT)
    )

    class Meta:
        verbose_name = _("uitkomstcel")
        verbose_name_plural = _("uitkomstcellen")
        indexes = [models.Index(fields=["intervention_kind", "intervention_key"], name="insights_outcome_inter")]
        constraints = [
            models.CheckConstraint(condition=Q(residents__gt=0), name="insights_outcome_residents_positive"),
            models.CheckConstraint(condition=Q(observed__lte=models.F("residents")), name="insights_outcome_observed"),
            models.CheckConstraint(
                condition=Q(work_found__isnull=True) | Q(work_found__lte=models.F("observed")),
                name="insights_outcome_work_found",
            ),
            models.CheckConstraint(
                condition=Q(distance_reduced__isnull=True) | Q(distance_reduced__lte=models.F("observed")),
                name="insights_outcome_distance_reduced",
            ),
            models.CheckConstraint(
                condition=Q(closed_without_return__isnull=True) | Q(closed_without_return__lte=models.F("observed")),
                name="insights_outcome_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervention_key} {self.cohort_year}: {self.residents}"


class CostBenefitCell(models.Model):
    """The quantities of the cost-benefit ratio of one instrument or route in one year; the ratio itself is computed
    where it is shown, with the assumptions of `data/cost_benefit.yaml` (so a changed assumption needs no refresh)."""

    intervention_kind = models.CharField(_("soort inzet"), max_length=12, choices=InterventionKind.choices)
    intervention_key = models.CharField(_("inzet"), max_length=100)
    intervention_label = models.CharField(_("naam inzet"), max_length=200)
    year = models.PositiveSmallIntegerField(_("jaar"), validators=limits.within(limits.YEAR))
    municipality = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    participants = models.PositiveIntegerField(_("deelnemers"), validators=limits.within(limits.COUNT))
    cost = models.DecimalField(_("kosten"), max_digits=14, decimal_places=2, validators=limits.within(limits.AMOUNT))
    left_benefit = models.PositiveIntegerField(_("uit de bijstand"), validators=limits.within(limits.COUNT))
    benefit_months_saved = models.DecimalField(
        _("uitkeringsmaanden bespaard"), max_digits=12, decimal_places=1, validators=limits.within(limits.AMOUNT)
    )
    work_months = models.DecimalField(
        _("maanden werk"), max_digits=12, decimal_places=1, validators=limits.within(limits.AMOUNT)
    )
    earnings = models.DecimalField(
        _("verdiend loon"), max_digits=14, decimal_places=2, validators=limits.within(limits.AMOUNT)
    )

    class Meta:
        verbose_name = _("kosten-batencel")
        verbose_name_plural = _("kosten-batencellen")
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="insights_cost_not_negative"),
            models.CheckConstraint(condition=Q(left_benefit__lte=models.F("participants")), name="insights_cost_left"),
        ]

    def __str__(self) -> str:
        return f"{self.intervention_key} {self.year}"


class ForecastSeries(models.Model):
    """A 12-month forecast of one series (inflow, outflow or caseload of a route, or of all routes), with the error
    the same model made on the past (the backtest): the forecast is only as good as that error says."""

    series = models.CharField(_("reeks"), max_length=12)  # inflow / outflow / caseload
    key = models.CharField(_("route"), max_length=100)  # a route code, or "" for all routes together
    label = models.CharField(_("naam"), max_length=200)
    municipality = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    model = models.CharField(_("model"), max_length=60)
    history_months = models.PositiveSmallIntegerField(_("maanden historie"), validators=limits.within(limits.COUNT))
    backtest_months = models.PositiveSmallIntegerField(_("maanden terugtoets"), validators=limits.within(limits.MONTHS))
    mae = models.DecimalField(
        _("gemiddelde absolute fout"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=limits.within(limits.AMOUNT),
    )
    mape = models.DecimalField(
        _("gemiddelde procentuele fout"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=limits.within(ERROR_PERCENT),
    )
    made_on = models.DateField(_("gemaakt op"), validators=limits.planned())  # a refresh may run as of a later day

    class Meta:
        verbose_name = _("prognose")
        verbose_name_plural = _("prognoses")

    def __str__(self) -> str:
        return f"{self.series} {self.key or '*'}"


class ForecastPoint(models.Model):
    series = models.ForeignKey(ForecastSeries, on_delete=models.CASCADE, related_name="points")
    month = models.DateField(_("maand"), validators=limits.planned())
    value = models.DecimalField(
        _("verwachting"), max_digits=12, decimal_places=1, validators=limits.within(limits.AMOUNT)
    )
    lower = models.DecimalField(
        _("ondergrens"), max_digits=12, decimal_places=1, validators=limits.within(limits.AMOUNT)
    )
    upper = models.DecimalField(
        _("bovengrens"), max_digits=12, decimal_places=1, validators=limits.within(limits.AMOUNT)
    )

    class Meta:
        verbose_name = _("prognosepunt")
        verbose_name_plural = _("prognosepunten")
        constraints = [
            models.UniqueConstraint(fields=["series", "month"], name="insights_forecast_point_once"),
            models.CheckConstraint(
                condition=Q(lower__lte=models.F("value")) & Q(value__lte=models.F("upper")),
                name="insights_forecast_within_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}: {self.value}"


class RefreshMode(models.TextChoices):
    FULL = "full", _("Volledig")
    INCREMENTAL = "incremental", _("Bijgewerkt")
    SKIPPED = "skipped", _("Niets veranderd")


class RefreshRun(models.Model):
    """One step of a refresh: what it recomputed, from which month, up to which event of the event stream."""

    step = models.CharField(_("stap"), max_length=60)
    mode = models.CharField(_("soort"), max_length=12, choices=RefreshMode.choices)
    from_month = models.DateField(_("vanaf maand"), null=True, blank=True, validators=limits.happened())
    watermark = models.BigIntegerField(_("tot en met gebeurtenis"), default=0, validators=limits.within(WATERMARK))
    started_at = models.DateTimeField(_("gestart"), validators=limits.happened())
    duration_ms = models.PositiveIntegerField(_("duur (ms)"), validators=limits.within(limits.COUNT))
    rows = models.PositiveIntegerField(_("rijen"), validators=limits.within(limits.COUNT))

    class Meta:
        verbose_name = _("verversing")
        verbose_name_plural = _("verversingen")
        indexes = [models.Index(fields=["step", "-started_at"], name="insights_refresh_step")]

    def __str__(self) -> str:
        return f"{self.step} {self.mode} {self.started_at:%Y-%m-%d %H:%M}"


class Scenario(models.Model):
    """A named policy simulation (seed 004, "Er kan meer!"): replace a set of local regulations by one yearly
    allowance for households at or below a share of the social minimum; its results as computed on its day."""

    name = models.CharField(_("naam"), max_length=120)
    municipality = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    regulations = models.JSONField(_("te vervangen regelingen"), default=list)  # regulation codes
    threshold_percent = models.PositiveSmallIntegerField(
        _("inkomensgrens (% van het sociaal minimum)"), validators=limits.within(THRESHOLD)
    )
    allowance = models.DecimalField(
        _("jaarlijkse toeslag per huishouden"), max_digits=8, decimal_places=2, validators=limits.within(ALLOWANCE)
    )
    child_supplement = models.DecimalField(
        _("extra per kind"), max_digits=8, decimal_places=2, default=0, validators=limits.within(CHILD_SUPPLEMENT)
    )
    as_of = models.DateField(_("peildatum"), validators=limits.happened())
    results = models.JSONField(_("uitkomsten"), default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("opgeslagen"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenario's")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="insights_scenario_name_once"),
            models.CheckConstraint(
                condition=Q(threshold_percent__gte=50) & Q(threshold_percent__lte=200),
                name="insights_scenario_threshold_range",
            ),
            models.CheckConstraint(
                condition=Q(allowance__gt=0) & Q(allowance__lte=10000), name="insights_scenario_allowance_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name
