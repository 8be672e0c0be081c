"""Which generated households the demo staff are involved with, so every demo account has real work on first login.

A pure function of one chunk, like the chunk itself: a second run, or a run that resumes after an interruption,
picks exactly the same households. The caseloads follow the roles of DESIGN.md:

- every benefit household has one coordinator: a klantmanager of the Dienst (colleagues of the demo accounts,
  without a login), or, for about twenty households in the north, the `regisseur` of Wijkteam Noord, who took
  the household over from the Dienst; the regisseur also coordinates a few households for Wmo and youth support,
  about thirty in all;
- the `jobcoach` of the Jongerenloket coaches young people of 16 to 26;
- the `werkgeversadviseur` works with benefit clients who consented to share their work profile;
- Praktijkschool De Brug and VSO De Horizon have their pupils of 12 to 18 (and leavers in two years' aftercare);
- provider De Linde has assignments for day activities.

One benefit client of the regisseur is the demo resident: the `inwoner` account logs in as her.
"""

import random
from dataclasses import dataclass
from datetime import date

from .population import FEMALE, YEAR, Chunk
from .town import TownPlan

# account → (organisation code, username or None for the whole organisation)
ACCOUNTS = {
    "regisseur": ("wijkteam-noord", "regisseur"),
    "jobcoach": ("jongerenloket-weidebeek", "jobcoach"),
    "werkgeversadviseur": ("dienst-weidebeek", "werkgeversadviseur"),
    "school": ("praktijkschool-de-brug", None),
    "vso": ("vso-de-horizon", None),
    "aanbieder": ("de-linde", None),
}
BENEFIT_ORGANISATION = "dienst-weidebeek"
PORTAL_ACCOUNT = "inwoner"
PORTAL_NAME = ("Kim", "de", "Vries")  # the demo account's name (organisations/demo.py)
KLANTMANAGER_CASELOAD = 75  # benefit households per klantmanager of the Dienst
STAFF_CHUNKS = 5  # the first chunks, where the town-wide services find their caseloads
SCHOOL_CHUNKS = 12
REGISSEUR_CHUNKS = 2
REGISSEUR_QUOTA = {"benefit": 10, "elderly": 3, "young_family": 2}  # per chunk


@dataclass(frozen=True)
class Pick:
    household: int  # index into Chunk.households
    account: str  # a key of ACCOUNTS
    kind: str  # InvolvementKind value
    domain: str
    reason: str
    valid_from: date
    valid_to: date | None = None
    consent_from: int | None = None  # a person index: this resident consented (G and P) to the organisation
    portal: bool = False  # the head becomes the demo resident of the `inwoner` account


def klantmanager_count(plan: TownPlan) -> int:
    from .data import shares

    return max(1, round(plan.residents * shares().client_rate / KLANTMANAGER_CASELOAD))


def regisseur_chunks(plan: TownPlan) -> list[int]:
    north = [c for c in range(plan.chunk_count) if plan.districts[plan.chunk_district(c)].area == "noord"]
    return north[:REGISSEUR_CHUNKS]


def _age(birth: date, on: date) -> int:
    return int((on - birth).days / YEAR)


def _school_start(birth: date, age: int) -> date:
    """1 August of the year in which the pupil turned `age`."""
    return date(birth.year + age, 8, 1)


def chunk_picks(plan: TownPlan, chunk: Chunk) -> list[Pick]:
    rng = random.Random(f"routekaart-caseload:{plan.seed}:{chunk.index}")
    today = plan.reference_date
    persons, households = chunk.persons, chunk.households
    picks: list[Pick] = []

    def current(h):
        return [m for m in h.members if m.valid_to is None and persons[m.person].date_of_death is None]

    def ages(h):
        return [_age(persons[m.person].birth_date, today) for m in current(h)]

    def recent(days_back: int, not_before: date | None = None) -> date:
        start = today.toordinal() - rng.randint(7, days_back)
        if not_before is not None:
            start = max(start, not_before.toordinal())
        return date.fromordinal(min(start, today.toordinal()))

    if chunk.index in regisseur_chunks(plan):
        benefit = [i for i, h in enumerate(households) if h.benefit is not None]
        taken = sorted(rng.sample(benefit, min(REGISSEUR_QUOTA["benefit"], len(benefit))))
        portal = None
        if chunk.index == regisseur_chunks(plan)[0]:
            portal = next(
                (
                    i
                    for i in taken
                    if households[i].kind == "single_parent"
                    and persons[households[i].members[0].person].gender == FEMALE
                    and persons[households[i].members[0].person].country_of_birth == "NL"
                ),
                taken[0] if taken else None,
            )
        for i in taken:
            since = households[i].benefit.since
            picks.append(
                Pick(
                    i,
                    "regisseur",
                    "coordinator",
                    "P",
                    "Integrale aanpak: bestaanszekerheid en werk, overgenomen van de Dienst"
                    + (", met inkomsten uit arbeid" if households[i].benefit.with_earnings else ""),
                    recent(540, not_before=date.fromordinal(since.toordinal() + 1)),
                    portal=i == portal,
                )
            )
        others = [i for i, h in enumerate(households) if h.benefit is None and current(h)]
        elderly = [i for i in others if households[i].kind == "single" and min(ages(households[i])) >= 75]
        families = [
            i
            for i in others
            if households[i].kind in ("single_parent", "couple_with_children") and min(ages(households[i])) < 12
        ]
        for i in sorted(rng.sample(elderly, min(REGISSEUR_QUOTA["elderly"], len(elderly)))):
            picks.append(Pick(i, "regisseur", "coordinator", "W", "Ondersteuning thuis (Wmo)", recent(900)))
        for i in sorted(rng.sample(families, min(REGISSEUR_QUOTA["young_family"], len(families)))):
            picks.append(Pick(i, "regisseur", "coordinator", "J", "Opvoedondersteuning voor het gezin", recent(700)))

    if chunk.index < STAFF_CHUNKS:
        young = [i for i, h in enumerate(households) if any(16 <= a <= 26 for a in ages(h))]
        for i in sorted(rng.sample(young, min(5, len(young)))):
            picks.append(
                Pick(i, "jobcoach", "job_coaching", "P", "Jongerenloket: op weg naar werk of opleiding", recent(400))
            )
        candidates = [
            i
            for i, h in enumerate(households)
            if h.benefit is not None and 20 <= _age(persons[h.members[0].person].birth_date, today) <= 55
        ]
        for i in sorted(rng.sample(candidates, min(3, len(candidates)))):
            consented = recent(200)
            picks.append(
                Pick(
                    i,
                    "werkgeversadviseur",
                    "employer_candidate",
                    "P",
                    "Kandidaat voor werkgeversdienstverlening",
                    consented,
                    consent_from=households[i].members[0].person,
                )
            )
        day_care = [
            i
            for i, h in enumerate(households)
            if any(
                18 <= _age(persons[m.person].birth_date, today) <= 65
                and persons[m.person].education_level in ("pro", "vso")
                for m in current(h)
            )
        ]
        elderly = [i for i, h in enumerate(households) if current(h) and min(ages(h)) >= 75]
        for i in sorted(rng.sample(day_care, min(2, len(day_care)))):
            picks.append(Pick(i, "aanbieder", "provider_assignment", "W", "Arbeidsmatige dagbesteding", recent(900)))
        for i in sorted(rng.sample(elderly, min(1, len(elderly)))):
            picks.append(Pick(i, "aanbieder", "provider_assignment", "W", "Dagbesteding voor ouderen", recent(600)))

    if chunk.index < SCHOOL_CHUNKS:
        for account, level, last_age in (("school", "pro", 18), ("vso", "vso", 19)):
            seen = set()
            for i, h in enumerate(households):
                for m in current(h):
                    person = persons[m.person]
                    age = _age(person.birth_date, today)
                    if person.education_level != level or i in seen:
                        continue
                    if 12 <= age <= last_age:
                        seen.add(i)
                        start = max(_school_start(person.birth_date, 12), m.valid_from)
                        picks.append(Pick(i, account, "school_pupil", "G", "Leerling", min(start, today)))
                    elif last_age < age <= last_age + 2:
                        left = _school_start(person.birth_date, last_age + 1)
                        if left <= today < date(left.year + 2, 8, 1):
                            seen.add(i)
                            picks.append(
                                Pick(
                                    i,
                                    account,
                                    "school_pupil",
                                    "G",
                                    "Nazorg oud-leerling (twee jaar)",
                                    left,
                                    date(left.year + 2, 8, 1),
                                )
                            )
    return picks
