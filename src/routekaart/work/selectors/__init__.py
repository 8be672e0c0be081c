"""Reads that feed the werkgeversdienstverlening's pages and API, each a fixed number of queries.

The ranking of candidates for an opening loads every candidate's facts in a handful of queries (profiles with the
consent check as one EXISTS, postcode areas, wage value and register status in bulk, the adviser's decisions) and
scores them in one vector pass (`matching.Prepared`); only the candidates shown are logged as read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..residents.models import Membership, Resident
from . import matching, privacy, rules_data
from .labour_facts import UNKNOWN, LabourFacts, labour_facts
from .models import (
    Arrangement,
    ArrangementTask,
    CandidateProfile,
    Competence,
    ContactMoment,
    Employer,
    EmployerAgreement,
    EmployerKind,
    MatchDecision,
    MatchDecisionKind,
    OpeningStatus,
    Placement,
    PlacementCheck,
    PlacementState,
    PostcodeArea,
    ProfileStatus,
    Sector,
    SocialReturnContract,
    SocialReturnFulfilment,
    Vacancy,
    WorkRules,
    WorkStartHandover,
)
from .workflow import ACTIVE, WORKING

CONTACT_HISTORY_LIMIT = 50


# --- Rules and vocabulary -----------------------------------------------------------------------------------------


def rules_get(*, on: date | None = None) -> WorkRules:
    """The rules in force on `on` (today): the latest version that took effect by then."""
    on = on or timezone.localdate()
    rules = WorkRules.objects.filter(effective_from__lte=on).order_by("-effective_from", "-version").first()
    if rules is None:
        raise Http404(_("De regels van de werkgeversdienstverlening zijn niet geladen (manage.py load_configuration)."))
    return rules


def match_rules(*, on: date | None = None) -> matching.MatchRules:
    return matching.MatchRules.from_content(rules_get(on=on).content)


def instrument_choices(*, content: dict | None = None) -> list[tuple[str, str]]:
    content = content or rules_get().content
    return [(i["code"], i["name"]) for i in content["placement"]["instruments"]]


def competence_list() -> QuerySet[Competence]:
    return Competence.objects.filter(is_active=True).order_by("group", "name")


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.filter(is_active=True).order_by("name")


def _names_by_bit(model) -> dict[int, str]:
    return dict(model.objects.values_list("bit", "name"))


def _mask_names(mask: int, names: dict[int, str]) -> list[str]:
    return [names[bit] for bit in sorted(names) if mask >> bit & 1]


def mask_of(items) -> int:
    mask = 0
    for item in items:
        mask |= 1 << item.bit
    return mask


# --- Employers ----------------------------------------------------------------------------------------------------


def employer_list(*, search: str = "", kind: str = "") -> QuerySet[Employer]:
    employers = Employer.objects.select_related("organisation", "sector", "adviser").annotate(
        open_vacancies=Count("vacancy", filter=Q(vacancy__status=OpeningStatus.OPEN), distinct=True),
        open_arrangements=Count("arrangement", filter=Q(arrangement__status=OpeningStatus.OPEN), distinct=True),
    )
    if search:
        employers = employers.filter(Q(organisation__name__icontains=search) | Q(kvk_number=search.replace(" ", "")))
    if kind:
        employers = employers.filter(kind=kind)
    return employers.order_by("organisation__name")


@dataclass
class AgreementRow:
    agreement: EmployerAgreement
    filled: int | None = None


@dataclass
class EmployerFile:
    employer: Employer
    agreements: list[AgreementRow]
    contact_moments: list[ContactMoment]
    vacancies: list[Vacancy]
    agency_vacancies: list[Vacancy]
    arrangements: list[Arrangement]
    placements: list[Placement]
    contracts: list[SocialReturnContract]


def employer_get(*, employer_id: int) -> Employer:
    employer = Employer.objects.select_related("organisation", "sector", "adviser").filter(pk=employer_id).first()
    if employer is None:
        raise Http404(_("Deze werkgever bestaat niet."))
    return employer


def employer_file_get(*, employer_id: int) -> EmployerFile:
    """Everything on the employer's page; placements by reference and phase, never with a name."""
    employer = Employer.objects.select_related("organisation", "sector", "adviser").prefetch_related(
        "branches", "contacts"
    )
    employer = employer.filter(pk=employer_id).first()
    if employer is None:
        raise Http404(_("Deze werkgever bestaat niet."))
    agreements = list(employer.agreements.order_by("-valid_from"))
    # Banenafspraak places filled: placements at work that count for it, started within the agreement's period.
    starts = list(
        Placement.objects.filter(employer=employer, counts_for_jobs_agreement=True, contract_start__isnull=False)
        .exclude(state=PlacementState.DECLINED)
        .values_list("contract_start", flat=True)
    )
    rows = []
    for agreement in agreements:
        filled = None
        if agreement.places:
            filled = sum(
                1
                for start in starts
                if start >= agreement.valid_from and (agreement.valid_to is None or start < agreement.valid_to)
            )
        rows.append(AgreementRow(agreement, filled))
    contracts = list(
        SocialReturnContract.objects.filter(contractor=employer)
        .select_related("municipality")
        .annotate(fulfilled=Coalesce(Sum("fulfilments__amount"), Value(Decimal(0)), output_field=DecimalField()))
    )
    return EmployerFile(
        employer=employer,
        agreements=rows,
        contact_moments=list(
            employer.contact_moments.select_related("adviser", "contact_person")[:CONTACT_HISTORY_LIMIT]
        ),
        vacancies=list(Vacancy.objects.filter(employer=employer).select_related("via_agency__organisation")),
        agency_vacancies=list(Vacancy.objects.filter(via_agency=employer).select_related("employer__organisation")),
        arrangements=list(Arrangement.objects.filter(employer=employer).prefetch_related("tasks")),
        placements=list(
            Placement.objects.filter(employer=employer).select_related("vacancy", "arrangement").order_by("-id")
        ),
        contracts=contracts,
    )


def agency_list() -> QuerySet[Employer]:
    return Employer.objects.filter(kind=EmployerKind.TEMP_AGENCY).select_related("organisation")


# --- Openings -----------------------------------------------------------------------------------------------------


def vacancy_list(*, status: str = OpeningStatus.OPEN, employer_id: int | None = None) -> QuerySet[Vacancy]:
    vacancies = Vacancy.objects.select_related("employer__organisation", "via_agency__organisation", "sector")
    if status:
        vacancies = vacancies.filter(status=status)
    if employer_id:
        vacancies = vacancies.filter(Q(employer_id=employer_id) | Q(via_agency_id=employer_id))
    return vacancies.order_by("closing_date", "-id")


def arrangement_list(*, status: str = OpeningStatus.OPEN) -> QuerySet[Arrangement]:
    arrangements = Arrangement.objects.select_related("employer__organisation", "sector")
    if status:
        arrangements = arrangements.filter(status=status)
    return arrangements.order_by("-id")


def vacancy_get(*, vacancy_id: int) -> Vacancy:
    vacancy = (
        Vacancy.objects.select_related("employer__organisation", "via_agency__organisation", "sector", "branch")
        .prefetch_related("competences")
        .filter(pk=vacancy_id)
        .first()
    )
    if vacancy is None:
        raise Http404(_("Deze vacature bestaat niet."))
    return vacancy


def arrangement_get(*, arrangement_id: int) -> Arrangement:
    arrangement = (
        Arrangement.objects.select_related("employer__organisation", "sector", "branch")
        .prefetch_related("competences", Prefetch("tasks", queryset=ArrangementTask.objects.order_by("order", "id")))
        .filter(pk=arrangement_id)
        .first()
    )
    if arrangement is None:
        raise Http404(_("Dit arrangement bestaat niet."))
    return arrangement


def vacancy_service_list(*, on: date | None = None) -> QuerySet[Vacancy]:
    """Open vacancies in the vacancy service (for residents who find work on their own); no personal data."""
    on = on or timezone.localdate()
    return (
        Vacancy.objects.filter(status=OpeningStatus.OPEN, in_vacancy_service=True)
        .filter(Q(closing_date__isnull=True) | Q(closing_date__gte=on))
        .select_related("employer__organisation", "via_agency__organisation", "sector")
        .prefetch_related("competences")
        .order_by("closing_date", "-id")
    )


def _areas(pc4s) -> dict[str, tuple[float, float]]:
    return {
        pc4: matching.project(lat, lon)
        for pc4, lat, lon in PostcodeArea.objects.filter(pc4__in=set(pc4s)).values_list("pc4", "latitude", "longitude")
    }


def job_facts(opening, *, areas: dict[str, tuple[float, float]] | None = None) -> matching.JobFacts:
    """The facts of a vacancy or arrangement that matching compares (the sector must be loaded)."""
    areas = _areas([opening.pc4]) if areas is None else areas
    x, y = areas.get(opening.pc4, (None, None))
    return matching.JobFacts(
        competence_mask=opening.competence_mask,
        hours_min=opening.hours_min,
        hours_max=opening.hours_max,
        x_km=x,
        y_km=y,
        min_wage_value=opening.min_wage_value,
        jobs_agreement=opening.suits_jobs_agreement,
        wage_subsidy=isinstance(opening, Arrangement) and opening.offers_wage_subsidy,
        sector_bit=opening.sector.bit,
    )


# --- Candidates and the ranking ------------------------------------------------------------------------------------


PROFILE_FACTS = (
    "pk",
    "resident_id",
    "competence_mask",
    "hours_min",
    "hours_max",
    "pc4",
    "max_travel_km",
    "sector_mask",
)


@dataclass
class Pool:
    """The candidates' facts, column-wise, in one order: `profile_ids[i]` is column i of `arrays`."""

    profile_ids: list[int]
    resident_ids: list[int]
    arrays: matching.CandidateArrays
    facts: list[matching.CandidateFacts]
    labour: dict[int, LabourFacts]
    areas: dict[str, tuple[float, float]] = field(default_factory=dict)

    def index_of(self, profile_id: int) -> int | None:
        try:
            return self.profile_ids.index(profile_id)
        except ValueError:
            return None


def candidate_pool(
    *, organisation_ids: list[int] | None, on: date | None = None, available_only: bool = True, pc4s=()
) -> Pool:
    """Every candidate the adviser may match: available, and with active consent to one of `organisation_ids`.

    Three queries whatever the number of candidates (profiles, postcode areas, labour facts). `organisation_ids`
    None means no consent filter (only for the benchmark and batch jobs that never show a person).
    """
    on = on or timezone.localdate()
    profiles = CandidateProfile.objects.all()
    if available_only:
        profiles = profiles.filter(status=ProfileStatus.AVAILABLE)
    if organisation_ids is not None:
        profiles = profiles.filter(
            resident_id__in=privacy.consenting_residents(organisation_ids=organisation_ids, on=on)
        )
    rows = list(profiles.order_by("pk").values_list(*PROFILE_FACTS))
    areas = _areas({row[5] for row in rows} | set(pc4s))  # `pc4s`: the openings' areas, in the same query
    labour = labour_facts(resident_ids=[row[1] for row in rows], on=on)
    facts = []
    for _pk, resident_id, competences, hours_min, hours_max, pc4, travel, sectors in rows:
        x, y = areas.get(pc4, (None, None))
        known = labour.get(resident_id, UNKNOWN)
        facts.append(
            matching.CandidateFacts(
                competence_mask=competences,
                hours_min=hours_min,
                hours_max=hours_max,
                x_km=x,
                y_km=y,
                max_travel_km=travel,
                wage_value=known.wage_value,
                in_register=known.in_register,
                sector_mask=sectors,
            )
        )
    return Pool(
        profile_ids=[row[0] for row in rows],
        resident_ids=[row[1] for row in rows],
        arrays=matching.CandidateArrays.of(facts),
        facts=facts,
        labour=labour,
        areas=areas,
    )


@dataclass
class ComponentLine:
    name: str
    label: str
    points: Decimal
    max_points: Decimal
    text: str


@dataclass
class RankedCandidate:
    profile: CandidateProfile
    resident: Resident
    rank: int | None
    total: Decimal
    lines: list[ComponentLine]
    decision: MatchDecision | None = None
    placement: Placement | None = None
    labour: LabourFacts = UNKNOWN


@dataclass
class Ranking:
    opening: Vacancy | Arrangement
    rules_version: int
    pool_size: int
    candidates: list[RankedCandidate]
    included: list[RankedCandidate] = field(default_factory=list)
    excluded: list[RankedCandidate] = field(default_factory=list)


COMPONENT_LABELS = {
    "skills": gettext_lazy("Competenties"),
    "hours": gettext_lazy("Uren"),
    "distance": gettext_lazy("Reisafstand"),
    "wage_value": gettext_lazy("Loonwaarde"),
    "eligibility": gettext_lazy("Doelgroep en LKS"),
    "wishes": gettext_lazy("Wensen"),
}


def _tenths(value: int) -> Decimal:
    return (Decimal(value) / 10).quantize(Decimal("0.1"))


def _describe(component: matching.Component, competences: dict[int, str]) -> str:
    d = component.detail
    name = component.name
    if name == "skills":
        if d["asked"] == 0:
            return _("Er zijn geen competenties gevraagd.")
        text = _("%(had)d van %(asked)d gevraagde competenties.") % {"had": d["had"], "asked": d["asked"]}
        missing = _mask_names(d["missing_mask"], competences)
        if missing:
            text += " " + _("Ontbreekt: %(names)s.") % {"names": ", ".join(missing)}
        return text
    if name == "hours":
        if d["gap"] == 0:
            return _("De gewenste uren passen bij de uren van het werk.")
        return _("%(gap)d uur per week verschil met de uren van het werk.") % {"gap": d["gap"]}
    if name == "distance":
        if not component.known:
            return _("Afstand onbekend: de ligging van een postcodegebied is niet bekend.")
        return _("%(km)s km hemelsbreed; wil maximaal %(limit)d km reizen.") % {
            "km": number_format(round(d["km"], 1), 1),
            "limit": d["limit"],
        }
    if name == "wage_value":
        if not component.known:
            return _("Geen loonwaardebepaling bekend; het werk vraagt %(demand)d%%.") % {"demand": d["demand"]}
        return _("Loonwaarde %(value)d%%; het werk vraagt %(demand)d%%.") % {
            "value": d["wage_value"],
            "demand": d["demand"],
        }
    if name == "eligibility":
        conditions = d["conditions"]
        if not conditions:
            return _("Het werk stelt geen voorwaarden aan doelgroep of loonkostensubsidie.")
        parts = []
        if "register" in conditions:
            parts.append(
                _("staat in het doelgroepenregister (banenafspraak)")
                if conditions["register"]
                else _("staat niet in het doelgroepenregister (banenafspraak)")
            )
        if "wage_subsidy" in conditions:
            parts.append(
                _("loonwaarde onder 100%: loonkostensubsidie mogelijk")
                if conditions["wage_subsidy"]
                else _("geen loonwaarde onder 100% bekend: geen loonkostensubsidie")
            )
        return "; ".join(parts).capitalize() + "."
    if not component.known:
        return _("Geen wensen over de sector opgegeven.")
    return _("Wil graag in deze sector werken.") if d["wished"] else _("Deze sector hoort niet bij de wensen.")


def explanation_lines(explanation: matching.Explanation, competences: dict[int, str]) -> list[ComponentLine]:
    return [
        ComponentLine(
            name=c.name,
            label=COMPONENT_LABELS[c.name],
            points=_tenths(c.points),
            max_points=_tenths(c.max_points),
            text=_describe(c, competences),
        )
        for c in explanation.components
    ]


def _opening_filter(opening) -> dict:
    return {"vacancy": opening} if isinstance(opening, Vacancy) else {"arrangement": opening}


def ranking_get(*, user, opening: Vacancy | Arrangement, on: date | None = None, channel: str | None = None) -> Ranking:
    """The candidates for an opening, best first, each with the explained score; the adviser's decisions applied.

    Excluded candidates leave the list (shown apart, with the reason); candidates the adviser added are shown
    apart too, with their score. A fixed number of queries whatever the number of candidates; the candidates
    shown are logged as read.
    """
    on = on or timezone.localdate()
    rules_row = rules_get(on=on)
    rules = matching.MatchRules.from_content(rules_row.content)
    pool = candidate_pool(organisation_ids=privacy.adviser_organisation_ids(user), on=on, pc4s=[opening.pc4])
    job = job_facts(opening, areas=pool.areas)
    decisions = {
        d.profile_id: d
        for d in MatchDecision.objects.filter(lifted_at__isnull=True, **_opening_filter(opening)).select_related(
            "decided_by"
        )
    }
    placements = {
        p.profile_id: p for p in Placement.objects.filter(**_opening_filter(opening)).exclude(state="declined")
    }
    prepared = matching.Prepared(pool.arrays, rules)
    totals = prepared.totals(job)
    eligible = None
    if decisions:
        excluded = {pool.index_of(pid) for pid, d in decisions.items() if d.kind == MatchDecisionKind.EXCLUDE}
        eligible = np.ones(len(pool.profile_ids), dtype=bool)
        eligible[[i for i in excluded if i is not None]] = False
    best, _scores = matching.top_of(totals, rules.top, eligible=eligible)
    shown = [int(i) for i in best]
    rank_of = {index: position + 1 for position, index in enumerate(shown)}
    extra = [pool.index_of(pid) for pid in decisions]
    indices = list(dict.fromkeys(shown + [i for i in extra if i is not None]))
    profile_ids = [pool.profile_ids[i] for i in indices]
    profiles = CandidateProfile.objects.select_related("resident").in_bulk(profile_ids)
    competences = _names_by_bit(Competence)
    rows = {}
    for index in indices:
        profile = profiles[pool.profile_ids[index]]
        explanation = matching.explain(job, pool.facts[index], rules)
        rows[index] = RankedCandidate(
            profile=profile,
            resident=profile.resident,
            rank=rank_of.get(index),
            total=_tenths(explanation.total),
            lines=explanation_lines(explanation, competences),
            decision=decisions.get(profile.pk),
            placement=placements.get(profile.pk),
            labour=pool.labour.get(profile.resident_id, UNKNOWN),
        )
    ranking = Ranking(
        opening=opening,
        rules_version=rules_row.version,
        pool_size=len(pool.profile_ids),
        candidates=[rows[i] for i in shown],
    )
    for index in indices:
        decision = rows[index].decision
        if decision and decision.kind == MatchDecisionKind.INCLUDE and index not in rank_of:
            ranking.included.append(rows[index])
        elif decision and decision.kind == MatchDecisionKind.EXCLUDE:
            ranking.excluded.append(rows[index])
    privacy.read_log(user=user, residents=[row.resident for row in rows.values()], channel=channel)
    return ranking


def candidate_score(*, user, opening, profile: CandidateProfile, on: date | None = None) -> tuple[Decimal, int | None]:
    """One candidate's score for an opening and their place among the candidates the adviser may match.

    For the record of a proposal: what the ranking said when the adviser chose (no names are read).
    """
    on = on or timezone.localdate()
    rules = match_rules(on=on)
    pool = candidate_pool(organisation_ids=privacy.adviser_organisation_ids(user), on=on, pc4s=[opening.pc4])
    totals = matching.Prepared(pool.arrays, rules).totals(job_facts(opening, areas=pool.areas))
    index = pool.index_of(profile.pk)
    if index is None:
        return Decimal(0), None
    own = totals[index]
    ahead = int((totals > own).sum()) + int((totals[:index] == own).sum())
    return _tenths(int(own)), ahead + 1


@dataclass
class OpeningForCandidate:
    opening: Vacancy | Arrangement
    kind: str
    total: Decimal
    lines: list[ComponentLine]


def openings_for_candidate(*, user, profile: CandidateProfile, on: date | None = None) -> list[OpeningForCandidate]:
    """Open vacancies and arrangements for one candidate, best first, explained.

    Call it after `work_profile_get`, which checked consent and logged the read of this person. A loop over
    openings for one person, not over pairs; a fixed number of queries.
    """
    on = on or timezone.localdate()
    rules = match_rules(on=on)
    openings = list(vacancy_list(status=OpeningStatus.OPEN)) + list(arrangement_list(status=OpeningStatus.OPEN))
    areas = _areas({o.pc4 for o in openings} | {profile.pc4})
    known = labour_facts(resident_ids=[profile.resident_id], on=on).get(profile.resident_id, UNKNOWN)
    x, y = areas.get(profile.pc4, (None, None))
    facts = matching.CandidateFacts(
        competence_mask=profile.competence_mask,
        hours_min=profile.hours_min,
        hours_max=profile.hours_max,
        x_km=x,
        y_km=y,
        max_travel_km=profile.max_travel_km,
        wage_value=known.wage_value,
        in_register=known.in_register,
        sector_mask=profile.sector_mask,
    )
    competences = _names_by_bit(Competence)
    result = []
    for opening in openings:
        explanation = matching.explain(job_facts(opening, areas=areas), facts, rules)
        result.append(
            OpeningForCandidate(
                opening=opening,
                kind="vacancy" if isinstance(opening, Vacancy) else "arrangement",
                total=_tenths(explanation.total),
                lines=explanation_lines(explanation, competences),
            )
        )
    result.sort(key=lambda row: (-row.total, row.kind, row.opening.pk))
    return result[: rules.top]


@dataclass
class WorkProfileView:
    """A work profile as shown to an adviser or an employer: work fields only, never care data."""

    profile: CandidateProfile
    resident: Resident
    competences: list[str]
    desired_sectors: list[str]
    labour: LabourFacts


def work_profile_get(*, user, profile_id: int, channel: str | None = None) -> WorkProfileView:
    """The work profile, after the privacy check; the read is logged."""
    profile = (
        CandidateProfile.objects.select_related("resident")
        .prefetch_related("competences", "desired_sectors")
        .filter(pk=profile_id)
        .first()
    )
    if profile is None:
        raise Http404(_("Dit werkprofiel bestaat niet."))
    privacy.candidate_check(user=user, resident=profile.resident, channel=channel)
    view = WorkProfileView(
        profile=profile,
        resident=profile.resident,
        competences=[c.name for c in profile.competences.all()],
        desired_sectors=[s.name for s in profile.desired_sectors.all()],
        labour=labour_facts(resident_ids=[profile.resident_id]).get(profile.resident_id, UNKNOWN),
    )
    privacy.read_log(user=user, residents=[profile.resident], channel=channel)
    return view


def work_profile_of(*, resident_id: int) -> CandidateProfile | None:
    """The resident's profile for the coordinator's form (after the household access check by the caller)."""
    return (
        CandidateProfile.objects.prefetch_related("competences", "desired_sectors")
        .filter(resident_id=resident_id)
        .first()
    )


WORKING_AGE_MAX = 67  # the state pension age, as it was; the minimum is data (data/legal_numbers.yaml)


def caseload_work_profiles(*, user, on: date | None = None) -> QuerySet[Membership]:
    """For the coordinator and job coach: the residents of working age in their households, with any work profile.

    A queryset (one query per page, whatever the caseload) so the page can paginate; log the page shown.
    """
    from ..residents.access import members_visible

    on = on or timezone.localdate()
    minimum = rules_data.value("working_age_min")
    youngest = on.replace(year=on.year - minimum) if not (on.month == 2 and on.day == 29) else on
    oldest = youngest.replace(year=youngest.year - (WORKING_AGE_MAX - minimum))
    return (
        members_visible(user=user, on=on)
        .filter(resident__birth_date__lte=youngest, resident__birth_date__gt=oldest)
        .select_related("resident__work_profile")
        .order_by("resident__family_name", "resident__given_names", "pk")
    )


# --- Placements ---------------------------------------------------------------------------------------------------


def placement_get(*, placement_id: int) -> Placement:
    placement = (
        Placement.objects.select_related(
            "profile__resident",
            "employer__organisation",
            "vacancy__sector",
            "arrangement__sector",
            "coaching_by",
            "proposed_by",
        )
        .prefetch_related("checks")
        .filter(pk=placement_id)
        .first()
    )
    if placement is None:
        raise Http404(_("Deze plaatsing bestaat niet."))
    return placement


def placement_read(*, user, placement_id: int, channel: str | None = None) -> Placement:
    """One placement, for showing: the candidate check for its resident first (refused: logged, then raised), then
    the read logged. Every page and API read of a placement comes through here."""
    placement = placement_get(placement_id=placement_id)
    resident = placement.profile.resident
    privacy.candidate_check(user=user, resident=resident, activity=privacy.PLACEMENT, channel=channel)
    privacy.read_log(user=user, residents=[resident], activity=privacy.PLACEMENT, channel=channel)
    return placement


@dataclass
class Desk:
    """The adviser's start page: what needs doing."""

    open_vacancies: int
    open_arrangements: int
    employers: int
    active_placements: list[Placement]
    trials_ending: list[Placement]
    checks_due: list[PlacementCheck]
    follow_ups: list[ContactMoment]


def desk_get(*, user, on: date | None = None, horizon_days: int = 14) -> Desk:
    """Counts and worklists; placements by phase and reference, names only of candidates with consent."""
    on = on or timezone.localdate()
    horizon = on + timedelta(days=horizon_days)
    organisations = privacy.adviser_organisation_ids(user)
    active = list(
        Placement.objects.filter(state__in=ACTIVE)
        .filter(privacy.consent_exists(organisation_ids=organisations, on=on, resident_ref="profile__resident_id"))
        .select_related("profile__resident", "employer__organisation", "vacancy", "arrangement")
        .order_by("-id")[:50]
    )
    privacy.read_log(user=user, residents=[p.profile.resident for p in active], activity=privacy.PLACEMENT)
    return Desk(
        open_vacancies=Vacancy.objects.filter(status=OpeningStatus.OPEN).count(),
        open_arrangements=Arrangement.objects.filter(status=OpeningStatus.OPEN).count(),
        employers=Employer.objects.count(),
        active_placements=active,
        trials_ending=[p for p in active if p.state == PlacementState.TRIAL and p.trial_end and p.trial_end <= horizon],
        checks_due=list(
            PlacementCheck.objects.filter(checked_on__isnull=True, due_on__lte=horizon)
            .select_related("placement__employer__organisation")
            .order_by("due_on")[:50]
        ),
        follow_ups=list(
            ContactMoment.objects.filter(follow_up_on__isnull=False, follow_up_on__gte=on, follow_up_on__lte=horizon)
            .select_related("employer__organisation")
            .order_by("follow_up_on")[:50]
        ),
    )


def work_start_handovers_pending() -> QuerySet[WorkStartHandover]:
    """Work starts the income app has not yet taken in (simpel switchen)."""
    return WorkStartHandover.objects.filter(received_at__isnull=True).order_by("work_starts_on", "id")


# --- The employer's own page -----------------------------------------------------------------------------------------


@dataclass
class ProposedCandidate:
    placement: Placement
    view: WorkProfileView


@dataclass
class EmployerPage:
    employer: Employer
    vacancies: list[Vacancy]
    arrangements: list[Arrangement]
    candidates: list[ProposedCandidate]
    withheld: int


def employer_page_get(*, user, on: date | None = None) -> EmployerPage:
    """What an employer's contact sees: own vacancies and arrangements, and the candidates proposed to it.

    A candidate is shown only while the resident's consent to share the work profile with this employer is
    active; the others are counted, not shown. Work fields only; each candidate shown is logged as read.
    """
    on = on or timezone.localdate()
    employer = user.employer_contact.employer
    placements = list(
        Placement.objects.filter(employer=employer, state__in=ACTIVE | WORKING)
        .select_related("profile__resident", "vacancy", "arrangement")
        .prefetch_related("profile__competences", "profile__desired_sectors")
        .order_by("-id")
    )
    allowed = privacy.consented_resident_ids(
        resident_ids=[p.profile.resident_id for p in placements], organisation_id=employer.organisation_id, on=on
    )
    labour = labour_facts(resident_ids=allowed, on=on)
    candidates = [
        ProposedCandidate(
            placement=p,
            view=WorkProfileView(
                profile=p.profile,
                resident=p.profile.resident,
                competences=[c.name for c in p.profile.competences.all()],
                desired_sectors=[s.name for s in p.profile.desired_sectors.all()],
                labour=labour.get(p.profile.resident_id, UNKNOWN),
            ),
        )
        for p in placements
        if p.profile.resident_id in allowed
    ]
    privacy.read_log(user=user, residents=[c.view.resident for c in candidates], activity=privacy.PLACEMENT)
    return EmployerPage(
        employer=employer,
        vacancies=list(Vacancy.objects.filter(employer=employer).select_related("sector").order_by("-id")),
        arrangements=list(Arrangement.objects.filter(employer=employer).select_related("sector").order_by("-id")),
        candidates=candidates,
        withheld=len(placements) - len(candidates),
    )


# --- Social return ------------------------------------------------------------------------------------------------


@dataclass
class ContractProgress:
    contract: SocialReturnContract
    obligation: Decimal
    fulfilled: Decimal

    @property
    def share(self) -> Decimal:
        if not self.obligation:
            return Decimal(0)
        return (self.fulfilled / self.obligation * 100).quantize(Decimal("0.1"))

    @property
    def remaining(self) -> Decimal:
        return max(Decimal(0), self.obligation - self.fulfilled)


def sroi_contract_list() -> list[ContractProgress]:
    contracts = (
        SocialReturnContract.objects.select_related("contractor__organisation", "municipality")
        .annotate(fulfilled=Coalesce(Sum("fulfilments__amount"), Value(Decimal(0)), output_field=DecimalField()))
        .order_by("ends_on", "reference")
    )
    return [ContractProgress(c, c.obligation, c.fulfilled) for c in contracts]


@dataclass
class ContractFile:
    progress: ContractProgress
    fulfilments: list[SocialReturnFulfilment]
    by_kind: list[tuple[str, Decimal]]


def sroi_contract_get(*, contract_id: int) -> ContractFile:
    contract = (
        SocialReturnContract.objects.select_related("contractor__organisation", "municipality")
        .filter(pk=contract_id)
        .first()
    )
    if contract is None:
        raise Http404(_("Dit contract bestaat niet."))
    fulfilments = list(contract.fulfilments.select_related("placement", "recorded_by"))
    by_kind: dict[str, Decimal] = {}
    for f in fulfilments:
        by_kind[f.get_kind_display()] = by_kind.get(f.get_kind_display(), Decimal(0)) + f.amount
    fulfilled = sum((f.amount for f in fulfilments), Decimal(0))
    return ContractFile(
        progress=ContractProgress(contract, contract.obligation, fulfilled),
        fulfilments=fulfilments,
        by_kind=sorted(by_kind.items()),
    )
