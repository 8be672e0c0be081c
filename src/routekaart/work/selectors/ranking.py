"""Matching: the ranking of candidates for an opening and the openings for a candidate, each score explained.

The ranking loads every candidate's facts in a handful of queries (profiles with the consent check as one
EXISTS, postcode areas, wage value and register status in bulk, the adviser's decisions) and scores them in one
vector pass (`matching.Prepared`); only the candidates shown are logged as read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...residents.models import Resident
from .. import matching, privacy
from ..labour_facts import UNKNOWN, LabourFacts, labour_facts
from ..models import (
    Arrangement,
    CandidateProfile,
    Competence,
    MatchDecision,
    MatchDecisionKind,
    OpeningStatus,
    Placement,
    ProfileStatus,
    Vacancy,
)
from .openings import _areas, arrangement_list, job_facts, opening_filter, vacancy_list
from .vocabulary import _mask_names, _names_by_bit, match_rules, rules_get

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
        for d in MatchDecision.objects.filter(lifted_at__isnull=True, **opening_filter(opening)).select_related(
            "decided_by"
        )
    }
    placements = {
        p.profile_id: p for p in Placement.objects.filter(**opening_filter(opening)).exclude(state="declined")
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


def match_decision_open(*, opening: Vacancy | Arrangement, profile: CandidateProfile) -> MatchDecision | None:
    """The adviser's decision about this candidate for this opening that has not been lifted, if any."""
    return MatchDecision.objects.filter(profile=profile, lifted_at__isnull=True, **opening_filter(opening)).first()
