"""Route templates as data: a region's route map, its parties, its routes and their numbered steps.

A map is loaded from `data/maps/<code>.yaml`; each version of the file is one `RouteMap` row with its own copy of
the routes and steps, never changed afterwards. A trajectory keeps pointing at the version it was started on, so
last year's walk still shows the route as it was then, while new trajectories take the current version.
"""

from collections.abc import Collection

from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ...core.managers import KindManager
from ...organisations.models import OrganisationKind
from ...participation.models import ParticipationTier


class RouteKind(models.TextChoices):
    WALKING = "walking", _("Wandelroute")
    LIFE_COURSE = "life_course", _("Levensloop")
    EXIT = "exit", _("Uitstroomroute")


class WalkingKind(models.TextChoices):
    BASIC = "basic", _("Basisroute")
    NETWORK = "network", _("Netwerkroute")
    INITIATIVE = "initiative", _("Initiatiefrijke route")
    TAILORED = "tailored", _("Maatwerkroute")


class Condition(models.TextChoices):
    """The conditions the seeds attach to a line of a step; trajectories act on some of them (see workflow.py)."""

    INTERNSHIP_ALLOWANCE_REGISTER_ADVICE = (
        "internship_allowance_register_advice",
        _("Bij stagevergoeding: advies aanvraag doelgroepenregister"),
    )
    WARM_HANDOVER = "warm_handover", _("Warme overdracht")
    WARM_HANDOVER_WITH_PARENTAL_CONSENT = (
        "warm_handover_with_parental_consent",
        _("Warme overdracht met toestemming van de ouder"),
    )
    INTERGRIP = "intergrip", _("Intergrip ingevuld")
    NO_ENROLMENT_ATTENDANCE_OFFICER = (
        "no_enrolment_attendance_officer",
        _("VSO-leerling jonger dan 18 schrijft niet in: contact met de leerplichtambtenaar"),
    )
    PRO_NO_QUALIFICATION_DUTY_AFTER_16 = (
        "pro_no_qualification_duty_after_16",
        _("PRO-leerling is na 16 jaar niet meer kwalificatieplichtig"),
    )
    HANDOVER_TO_ROUTE_WORK = "handover_to_route_work", _("Naar route arbeid: overdracht naar de Dienst")
    UWV_WORK_CAPACITY_ASSESSMENT = "uwv_work_capacity_assessment", _("Beoordeling arbeidsvermogen door UWV")
    UWV_ADVICE = "uwv_advice", _("Advies van UWV over het arbeidsvermogen")
    TARGET_GROUP_REGISTER = "target_group_register", _("Plaatsing in het doelgroepenregister")
    DIENST_DECISION = "dienst_decision", _("Besluit van de Dienst op het advies van UWV")
    WAITLIST = "waitlist", _("Wachtlijst beschut werk")
    SOCIAL_ASSISTANCE_WHILE_WAITING = (
        "social_assistance_while_waiting",
        _("Bijstand vanaf 18 jaar tijdens de wachttijd"),
    )
    DAY_ACTIVITIES_WHILE_WAITING = (
        "day_activities_while_waiting",
        _("Dagbesteding via het gebiedsteam tijdens de wachttijd"),
    )
    NATIONAL_QUOTA = "national_quota", _("Taakstelling, bepaald door het Rijk")
    SUPPLEMENTARY_SOCIAL_ASSISTANCE = "supplementary_social_assistance", _("Aanvullende bijstand indien nodig")
    PLACE_OFFERED = "place_offered", _("Plek aangeboden door het beschut-werkbedrijf")
    DROPOUT_ADVICE = "dropout_advice", _("Advies van het doorstroompunt bij uitval")
    EXIT_MEETING = "exit_meeting", _("Uitstroomoverleg met de Dienst (Werkstart-overleg)")
    OWN_REGIE = "own_regie", _("Eigen regie en verantwoordelijkheid van de (oud-)leerling")
    EXIT_MONITOR_AFTER_ONE_YEAR = "exit_monitor_after_one_year", _("Uitstroommonitor na 1 jaar")
    AFTERCARE_TWO_YEARS = "aftercare_two_years", _("Nazorg door de school (2 jaar)")
    YOUTH_CARE_INDICATION_BEFORE_18 = "youth_care_indication_before_18", _("Jeugdhulpindicatie, jonger dan 18 jaar")
    INDEPENDENT_CLIENT_SUPPORT = "independent_client_support", _("Onafhankelijke cliëntondersteuning")
    WMO_OR_WLZ_FROM_18 = "wmo_or_wlz_from_18", _("Vanaf 18 jaar: aanvraag Wmo of Wlz")
    REFER_TO_WMO_NEAR_18 = "refer_to_wmo_near_18", _("Verlengen, of naar de Wmo als de leerling (bijna) 18 wordt")
    BENEFIT_FROM_18 = "benefit_from_18", _("Vanaf 18 jaar mogelijk recht op een uitkering")
    WAJONG_IF_NO_FURTHER_DEVELOPMENT = (
        "wajong_if_no_further_development",
        _("Wajong als de leerling niet kan doorontwikkelen"),
    )
    SOCIAL_ASSISTANCE_IF_WAJONG_REFUSED = (
        "social_assistance_if_wajong_refused",
        _("Bijstand als de Wajong niet wordt toegekend"),
    )
    EARLY_ASSESSMENT_16_17 = "early_assessment_16_17", _("Vroege beoordeling (16/17 jaar)")


RESIDENT_KIND = "resident"  # the party is the resident (the pupil or parent), not an organisation
PARTY_KINDS = [*OrganisationKind.choices, (RESIDENT_KIND, _("Inwoner"))]


class RouteMap(models.Model):
    """One version of a region's route map (data/maps/<code>.yaml)."""

    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("versie"), validators=limits.within(limits.VERSION))
    effective_from = models.DateField(_("geldig vanaf"), validators=limits.planned())
    checksum = models.CharField(_("controlegetal (SHA-256)"), max_length=64)
    is_current = models.BooleanField(_("huidige versie"), default=False)
    name = models.CharField(_("naam"), max_length=200)
    region = models.SlugField(_("regio-preset"), max_length=60, help_text=_("De code van de regio-preset."))
    source = models.CharField(_("bron"), max_length=20, help_text=_("Het nummer van het brondocument."))
    description = models.TextField(_("omschrijving"), blank=True, **limits.text(limits.SUMMARY))
    principles = models.JSONField(_("uitgangspunten"), default=list, blank=True)
    loaded_at = models.DateTimeField(_("geladen op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("routekaart")
        verbose_name_plural = _("routekaarten")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_route_map_version"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(is_current=True), name="one_current_route_map_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class Party(models.Model):
    """A party that acts on a route map, as the seed names it ("School", "Dienst", "Pastiel/Empatec")."""

    route_map = models.ForeignKey(RouteMap, on_delete=models.CASCADE, related_name="parties")
    code = models.SlugField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(_("volgorde"), validators=limits.within(limits.ORDER))
    name = models.CharField(_("naam"), max_length=200)
    organisation_kind = models.CharField(
        _("soort organisatie"),
        max_length=30,
        choices=PARTY_KINDS,
        blank=True,
        help_text=_("Welke soort organisatie in het netwerk deze partij invult; leeg als het netwerk haar niet kent."),
    )
    text = models.TextField(_("toelichting"), blank=True, **limits.text(limits.SUMMARY))

    class Meta:
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")
        ordering = ["route_map", "order"]
        constraints = [models.UniqueConstraint(fields=["route_map", "code"], name="unique_party_per_map")]

    def __str__(self) -> str:
        return self.name


class AgeBounds(models.Model):
    """The ages a route or one of its actions serves, from the map file: from `min_age`, below `max_age`."""

    min_age = models.DecimalField(
        _("vanaf leeftijd"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=limits.within(limits.AGE_DECIMAL),
    )
    max_age = models.DecimalField(
        _("jonger dan"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=limits.within(limits.AGE_DECIMAL),
    )

    class Meta:
        abstract = True


class Route(AgeBounds):
    """A route template: a walking route, the life course or an exit route, with the party that holds regie."""

    route_map = models.ForeignKey(RouteMap, on_delete=models.CASCADE, related_name="routes")
    code = models.SlugField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(_("volgorde"), validators=limits.within(limits.ORDER))
    kind = models.CharField(_("soort"), max_length=20, choices=RouteKind.choices)
    walking_kind = models.CharField(_("soort wandelroute"), max_length=20, choices=WalkingKind.choices, blank=True)
    name = models.CharField(_("naam"), max_length=200)
    seed_name = models.CharField(_("naam in de bron"), max_length=200, blank=True)
    regie = models.ForeignKey(Party, verbose_name=_("regie"), on_delete=models.PROTECT, related_name="+")
    regie_from_age = models.DecimalField(
        _("regie vanaf leeftijd"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=limits.within(limits.AGE_DECIMAL),
    )
    text = models.TextField(_("betekenis"), blank=True, **limits.text(limits.SUMMARY))
    share_percent = models.PositiveSmallIntegerField(
        _("aandeel inwoners (%)"), null=True, blank=True, validators=limits.within(limits.PERCENT)
    )
    provisions = models.JSONField(_("voorzieningen (woorden van de bron)"), default=list, blank=True)
    building_blocks = models.JSONField(_("bouwstenen (codes)"), default=list, blank=True)
    instruments = models.JSONField(_("instrumenten (codes)"), default=list, blank=True)
    destinations = models.JSONField(_("bestemmingen (codes)"), default=list, blank=True)
    services = models.TextField(_("dienstverlening"), blank=True, **limits.text(limits.SUMMARY))
    outreach = models.TextField(_("aansluiting met partners"), blank=True, **limits.text(limits.SUMMARY))
    aftercare_months = models.PositiveSmallIntegerField(
        _("nazorg (maanden)"), null=True, blank=True, validators=limits.within(limits.MONTHS)
    )

    class Meta:
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        ordering = ["route_map", "order"]
        constraints = [
            models.UniqueConstraint(fields=["route_map", "code"], name="unique_route_per_map"),
            models.CheckConstraint(
                condition=models.Q(kind="walking", walking_kind__gt="")
                | (~models.Q(kind="walking") & models.Q(walking_kind="")),
                name="walking_kind_only_for_walking_routes",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        return f"{self.route_map.code}.{self.code}"


class Step(models.Model):
    """A numbered step of a route, as the seed draws it; its lines are `StepAction`s with the parties that act."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(_("nummer"), validators=limits.within(limits.VERSION))
    name = models.CharField(_("naam"), max_length=200)
    regie = models.ForeignKey(
        Party,
        verbose_name=_("regie vanaf deze stap"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg: de regiehouder van de route."),
    )
    optional = models.BooleanField(
        _("mag worden overgeslagen"), default=False, help_text=_("Een stap die alleen onder een voorwaarde nodig is.")
    )
    requires = models.JSONField(
        _("vereiste stappen"), default=list, blank=True, help_text=_("De nummers van de stappen die eerst klaar zijn.")
    )
    at_age = models.DecimalField(
        _("op leeftijd"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=limits.within(limits.AGE_DECIMAL),
    )
    life_phase = models.SlugField(_("levensfase (code)"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        ordering = ["route", "number"]
        constraints = [models.UniqueConstraint(fields=["route", "number"], name="unique_step_number_per_route")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def parties(self) -> list[Party]:
        """The parties that act in this step, in the order the seed names them (from the prefetched actions)."""
        seen: dict[int, Party] = {}
        for action in self.actions.all():
            for party in action.parties.all():
                seen.setdefault(party.pk, party)
        return list(seen.values())

    @property
    def conditions(self) -> list[str]:
        return [action.condition for action in self.actions.all() if action.condition]

    def recording_parties(self, action: "StepAction", seated: Collection[str]) -> tuple[list[Party], bool]:
        """Who records what a line of this step states (UWV's advice, the Dienst's decision, consent …), in one place.

        `seated` are the codes of the parties an organisation fills in the trajectory. Returns the parties whose
        organisation records it, and whether the regie holder may record it too:

        - the organisations that act in the line record it; holding regie does not make another one a stand-in;
        - where none of them has a seat in this trajectory (UWV is not in the network), the parties they report to
          in this step (`to` of their lines) record what they received: the Dienst records UWV's advice;
        - what the pupil or parent does is recorded by the organisations that act in the step beside them, or by
          the regie holder, who keeps the file for them.
        """
        acting = list(action.parties.all())
        if any(p.organisation_kind == RESIDENT_KIND for p in acting):
            helpers = [p for p in self.parties if p.organisation_kind not in ("", RESIDENT_KIND)]
            return helpers, True
        if any(p.code in seated for p in acting):
            return acting, False
        codes = {p.code for p in acting}
        receivers: dict[int, Party] = {}
        for line in self.actions.all():
            if codes & {p.code for p in line.parties.all()}:
                for party in line.addressees.all():
                    if party.organisation_kind != RESIDENT_KIND:
                        receivers.setdefault(party.pk, party)
        return list(receivers.values()), False


class StepAction(AgeBounds):
    """One line of a step in the seed's words: who acts, towards whom, and the condition it states."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="actions")
    order = models.PositiveSmallIntegerField(_("volgorde"), validators=limits.within(limits.ORDER))
    text = models.TextField(_("tekst van de bron"), **limits.text(limits.SUMMARY))
    parties = models.ManyToManyField(Party, verbose_name=_("partijen die handelen"), related_name="actions", blank=True)
    addressees = models.ManyToManyField(Party, verbose_name=_("gericht aan"), related_name="addressed_in", blank=True)
    condition = models.CharField(_("voorwaarde"), max_length=60, choices=Condition.choices, blank=True)
    school_kind = models.CharField(_("alleen voor schoolsoort"), max_length=20, blank=True)
    next_route = models.SlugField(_("leidt naar route"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("handeling")
        verbose_name_plural = _("handelingen")
        ordering = ["step", "order"]
        constraints = [models.UniqueConstraint(fields=["step", "order"], name="unique_action_order_per_step")]

    def __str__(self) -> str:
        return self.text


class RouteMapTier(models.Model):
    """Where one of participation's tiers (seed 001) stands on a route map: the destinations the map puts under it.

    The tier itself (code, name, labour distance) is participation's `ParticipationTier`, the one source; a map
    version only adds its own placing of destinations, kept with that version.
    """

    route_map = models.ForeignKey(RouteMap, on_delete=models.CASCADE, related_name="tiers")
    tier = models.ForeignKey(
        ParticipationTier, verbose_name=_("participatietrede"), on_delete=models.PROTECT, related_name="on_route_maps"
    )
    destinations = models.JSONField(_("bestemmingen (codes)"), default=list)

    class Meta:
        verbose_name = _("participatietrede op de routekaart")
        verbose_name_plural = _("participatietreden op de routekaart")
        ordering = ["route_map", "tier__order"]
        constraints = [models.UniqueConstraint(fields=["route_map", "tier"], name="unique_tier_per_map")]

    def __str__(self) -> str:
        return self.tier.name

    # What the map pages and the API show of the tier, read from participation's row.
    @property
    def code(self) -> str:
        return self.tier.code

    @property
    def order(self) -> int:
        return self.tier.order

    @property
    def name(self) -> str:
        return self.tier.name

    @property
    def text(self) -> str:
        return self.tier.text

    @property
    def labour_distance(self) -> str:
        return self.tier.labour_distance

    def get_labour_distance_display(self) -> str:
        return self.tier.get_labour_distance_display()


class WalkingRoute(Route):
    """Wandelroute (seeds 000/001): basis-, netwerk-, initiatiefrijke of maatwerkroute."""

    objects = KindManager(RouteKind.WALKING)

    class Meta:
        proxy = True
        verbose_name = _("wandelroute")
        verbose_name_plural = _("wandelroutes")


class ExitRoute(Route):
    """Uitstroomroute (seed 004): a PRO/VSO school leaver's route, six numbered steps."""

    objects = KindManager(RouteKind.EXIT)

    class Meta:
        proxy = True
        verbose_name = _("uitstroomroute")
        verbose_name_plural = _("uitstroomroutes")
