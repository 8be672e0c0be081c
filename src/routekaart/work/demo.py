"""Demo data for the werkgeversdienstverlening in the fictional municipality of Weidebeek (idempotent).

Fictional on purpose: employers, KvK numbers and people are made up. The parties follow seed 002: regular
employers (groenvoorziening, schoonmaak, logistiek), a temporary-work agency (matching via private parties), a
social firm, an arrangement carved with an employer, and a municipal contract with social return. Work profiles
are made for the residents who consented to share theirs with the Dienst (made by the residents generator).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ..organisations.demo import DEMO_PASSWORD
from ..organisations.models import Organisation, OrganisationKind, User
from ..organisations.roles import Domain, Role
from ..residents.models import Consent
from . import selectors, services
from .configuration import work_configuration_load
from .models import (
    AgreementKind,
    Arrangement,
    CandidateProfile,
    Competence,
    ContactKind,
    ContactOutcome,
    Employer,
    FulfilmentKind,
    Placement,
    PostcodeArea,
    ProfileStatus,
    Sector,
    SocialReturnContract,
    Vacancy,
    WorkRules,
)

DIENST = "dienst-weidebeek"
MUNICIPALITY = "gemeente-weidebeek"
# The demo town's postcode areas (1000 + chunk) on a fictional grid, 1.5 km apart, so distances mean something.
DEMO_AREAS = range(1000, 1100)
GRID_ORIGIN = (52.60, 6.40)  # somewhere fictional in the demo's own map, far from the seed regions' areas
GRID_STEP = (0.0135, 0.022)  # ~1.5 km in latitude and longitude at this latitude

EMPLOYERS = [
    # (KvK, name, kind, sector, postcode, city)
    ("99000011", "Groenbedrijf De Weide", "regular", "green", "1003 AB", "Weidebeek"),
    ("99000012", "Schoonmaakbedrijf Glans", "regular", "cleaning", "1010 CD", "Weidebeek"),
    ("99000013", "Distributiecentrum Weidebeek", "regular", "logistics", "1021 EF", "Beekveld"),
    ("99000014", "Uitzendbureau Flexwerk Weidebeek", "temp_agency", "staffing", "1001 GH", "Weidebeek"),
    ("99000015", "Sociale onderneming De Werkplaats", "social_firm", "social_firm", "1005 JK", "Weidebeek"),
    ("99000016", "Brasserie Het Beekhuis", "regular", "hospitality", "1002 LM", "Weidebeek"),
]


def _adviser() -> User | None:
    return User.objects.filter(
        affiliations__role=Role.EMPLOYER_ADVISER, affiliations__organisation__code=DIENST
    ).first()


def _competences(*codes: str) -> list[Competence]:
    return list(Competence.objects.filter(code__in=codes))


def _areas() -> None:
    existing = set(PostcodeArea.objects.filter(pc4__in=[str(p) for p in DEMO_AREAS]).values_list("pc4", flat=True))
    PostcodeArea.objects.bulk_create(
        [
            PostcodeArea(
                pc4=str(pc4),
                place="Weidebeek (demo)",
                latitude=GRID_ORIGIN[0] + ((pc4 - 1000) // 10) * GRID_STEP[0],
                longitude=GRID_ORIGIN[1] + ((pc4 - 1000) % 10) * GRID_STEP[1],
                source="demo",
            )
            for pc4 in DEMO_AREAS
            if str(pc4) not in existing
        ]
    )


def _employers(adviser) -> dict[str, Employer]:
    employers = {e.kvk_number: e for e in Employer.objects.filter(kvk_number__in=[row[0] for row in EMPLOYERS])}
    for kvk, name, kind, sector, postcode, city in EMPLOYERS:
        if kvk not in employers:
            employers[kvk] = services.employer_register(
                actor=adviser,
                name=name,
                kvk_number=kvk,
                kind=kind,
                sector=Sector.objects.get(code=sector),
                adviser=adviser,
                head_office=services.AddressSpec("Industrieweg", int(kvk[-2:]), postcode, city),
            )
    return employers


def _openings(adviser, employers: dict[str, Employer]) -> None:
    green, cleaning, logistics, agency, _social_firm, brasserie = (employers[row[0]] for row in EMPLOYERS)
    if Vacancy.objects.filter(employer__in=employers.values()).exists():
        return
    today = timezone.localdate()
    contact = services.contact_person_add(
        actor=adviser, employer=green, name="Henk de Boer", job_title="Bedrijfsleider"
    )
    services.contact_moment_record(
        actor=adviser,
        employer=green,
        kind=ContactKind.VISIT,
        occurred_on=today - datetime.timedelta(days=30),
        summary="Acquisitiebezoek: ploegen groenonderhoud zoeken versterking voor het seizoen.",
        is_acquisition=True,
        contact_person=contact,
        outcome=ContactOutcome.VACANCY,
        follow_up_on=today + datetime.timedelta(days=7),
    )
    services.agreement_record(
        actor=adviser,
        employer=green,
        kind=AgreementKind.JOBS_AGREEMENT,
        description="Plaatsen voor de doelgroep van de banenafspraak",
        places=3,
        valid_from=today.replace(month=1, day=1),
    )
    services.vacancy_create(
        actor=adviser,
        employer=green,
        title="Medewerker groenonderhoud",
        sector=green.sector,
        hours_min=24,
        hours_max=36,
        postcode="1003 AB",
        city="Weidebeek",
        competences=_competences("green_maintenance", "physical", "teamwork"),
        suits_jobs_agreement=True,
        positions=2,
        closing_date=today + datetime.timedelta(days=45),
        in_vacancy_service=True,
    )
    services.vacancy_create(
        actor=adviser,
        employer=cleaning,
        title="Schoonmaker kantoren (avond)",
        sector=cleaning.sector,
        hours_min=12,
        hours_max=20,
        postcode="1010 CD",
        city="Weidebeek",
        competences=_competences("cleaning", "independent", "punctual"),
        in_vacancy_service=True,
    )
    services.vacancy_create(
        actor=adviser,
        employer=logistics,
        via_agency=agency,
        title="Orderpicker",
        sector=logistics.sector,
        hours_min=32,
        hours_max=40,
        postcode="1021 EF",
        city="Beekveld",
        competences=_competences("order_picking", "warehouse", "dutch_a2"),
        in_vacancy_service=True,
    )
    services.contact_moment_record(
        actor=adviser,
        employer=brasserie,
        kind=ContactKind.VISIT,
        occurred_on=today - datetime.timedelta(days=14),
        summary="De koks verliezen tijd aan afwas en voorbereiding; samen taken gebundeld tot een eigen functie.",
        is_acquisition=True,
        outcome=ContactOutcome.ARRANGEMENT,
    )
    services.arrangement_create(
        actor=adviser,
        employer=brasserie,
        title="Medewerker spoelkeuken en voorbereiding",
        sector=brasserie.sector,
        hours_min=16,
        hours_max=24,
        postcode="1002 LM",
        city="Weidebeek",
        min_wage_value=50,
        tasks=[
            ("Kok", "Afwassen en de spoelkeuken schoonhouden"),
            ("Kok", "Groente wassen en snijden volgens vaste werkinstructie"),
            ("Bediening", "Terras klaarzetten en opruimen"),
        ],
        instruments=["wage_subsidy", "job_coach", "no_risk_policy"],
        competences=_competences("dishwashing", "kitchen_assistant", "hygiene_code", "structured"),
        guidance="Jobcoach de eerste drie maanden wekelijks, daarna maandelijks; vaste werkbegeleider in de keuken.",
        suits_jobs_agreement=True,
    )
    municipality = Organisation.objects.filter(code=MUNICIPALITY, kind=OrganisationKind.MUNICIPALITY).first()
    if municipality and not SocialReturnContract.objects.filter(reference="WDB-2026-004").exists():
        contract = services.sroi_contract_create(
            actor=adviser,
            municipality=municipality,
            contractor=cleaning,
            reference="WDB-2026-004",
            title="Schoonmaak gemeentelijke gebouwen",
            contract_value=Decimal("840000"),
            starts_on=today.replace(month=1, day=1),
            ends_on=today.replace(month=1, day=1) + datetime.timedelta(days=3 * 365),
        )
        services.sroi_fulfilment_record(
            actor=adviser,
            contract=contract,
            kind=FulfilmentKind.SOCIAL_FIRM_PURCHASE,
            occurred_on=max(contract.starts_on, today - datetime.timedelta(days=10)),
            invoice_amount=Decimal("6400"),
            description="Inkoop schoonmaakmiddelen en wasserij bij Sociale onderneming De Werkplaats",
        )
    if not User.objects.filter(username="werkgever").exists():
        user = User.objects.create_user(
            username="werkgever", password=DEMO_PASSWORD, first_name="Henk", last_name="de Boer", is_demo=True
        )
        services.contact_person_add(
            actor=adviser, employer=brasserie, name="Henk de Boer", job_title="Eigenaar", user=user
        )


def _profiles(adviser) -> int:
    """Work profiles for residents who consented to share theirs with the Dienst (deterministic per resident)."""
    dienst = Organisation.objects.filter(code=DIENST).first()
    if dienst is None:
        return 0
    resident_ids = set(
        Consent.objects.filter(organisation=dienst, domain=Domain.PARTICIPATION, withdrawn_at__isnull=True).values_list(
            "resident_id", flat=True
        )
    ) - set(CandidateProfile.objects.values_list("resident_id", flat=True))
    competences = list(Competence.objects.filter(is_active=True).order_by("bit"))
    sectors = list(Sector.objects.filter(is_active=True).order_by("bit"))
    made = 0
    from ..residents.models import Resident

    for resident in Resident.objects.filter(pk__in=resident_ids).select_related("address").order_by("pk"):
        rng = random.Random(resident.pk)
        low = rng.choice([8, 12, 16, 20, 24, 32])
        services.work_profile_save(
            actor=adviser,
            resident=resident,
            hours_min=low,
            hours_max=min(40, low + rng.choice([4, 8, 12])),
            pc4=resident.address.postcode[:4] if resident.address else "1000",
            competences=rng.sample(competences, 4),
            desired_sectors=rng.sample(sectors, 2),
            education_level=resident.education_level,
            max_travel_km=rng.choice([5, 10, 15, 25]),
            experience=rng.choice(["", "Twee jaar magazijnwerk", "Vrijwilliger in de kringloopwinkel", "Schoonmaak"]),
            status=ProfileStatus.AVAILABLE,
        )
        made += 1
    return made


# The state each demo placement ends in, and where: (state, opening (employer's KvK, or "arrangement"), shared
# with the employer). Contracted ones go to the openings with room, so no opening fills before its turn.
PLACEMENT_STATES = [
    ("proposed", "arrangement", True),
    ("introduced", "99000013", False),
    ("trial", "99000012", False),
    ("contracted", "99000011", False),
    ("coaching", "99000011", False),
    ("ended", "99000013", False),
    ("declined", "99000012", False),
]
COACHING_ORGANISATION = "jongerenloket-weidebeek"


def _placements(adviser) -> int:
    """A placement in every state of the lifecycle, through the services, as the adviser takes them.

    Why: the adviser's desk, the employer's page and the job coach's coached placements are empty without them.
    The candidates are the available work profiles in the order of their resident's number (so the demo is the
    same every time); dates are relative to today. Idempotent: once any placement exists, nothing is added.
    """
    if Placement.objects.exists():
        return 0
    from ..organisations.models import Organisation as _Organisation

    today = timezone.localdate()
    # Six candidates: the one proposed for the arrangement was also proposed for a cleaning job, and declined there.
    profiles = list(CandidateProfile.objects.filter(status=ProfileStatus.AVAILABLE).order_by("resident_id")[:6])
    if not profiles:
        return 0
    openings = {v.employer.kvk_number: v for v in Vacancy.objects.select_related("employer").order_by("pk")}
    arrangement = Arrangement.objects.order_by("pk").first()
    coaching_by = _Organisation.objects.filter(code=COACHING_ORGANISATION).first()
    chosen = []
    for index, (state, where, share) in enumerate(PLACEMENT_STATES):
        if index >= len(profiles) and state != "declined":
            continue
        profile = profiles[index] if state != "declined" else profiles[0]
        opening = arrangement if where == "arrangement" else openings.get(where)
        if opening is None:
            continue
        placement = services.placement_propose(
            actor=adviser,
            opening=opening,
            profile=profile,
            note="Past goed bij de uren en het werk dat de kandidaat zoekt.",
            share_with_employer=share,
        )
        chosen.append((placement, state))
    for placement, state in chosen:
        if state == "declined":
            services.placement_decline(actor=adviser, placement=placement, reason="Kandidaat koos voor een opleiding.")
            continue
        if state == "proposed":
            continue
        services.placement_introduce(actor=adviser, placement=placement, introduced_on=today)
        if state == "introduced":
            continue
        if state in ("trial", "ended"):
            services.placement_trial_start(
                actor=adviser, placement=placement, trial_start=today, trial_end=today + datetime.timedelta(days=27)
            )
            if state == "ended":
                services.placement_end(
                    actor=adviser, placement=placement, ended_on=today, reason="De proefplaatsing paste niet."
                )
            continue
        services.placement_contract(
            actor=adviser, placement=placement, contract_start=today, hours=24, hourly_wage=Decimal("14.40")
        )
        if state == "coaching" and coaching_by is not None:
            services.placement_coaching_start(
                actor=adviser, placement=placement, coaching_by=coaching_by, coaching_start=today
            )
    return len(chosen)


@transaction.atomic
def work_demo_ensure(*, stdout=None) -> str:
    """For `setup_demo` (settings.ROUTEKAART_DEMO_GENERATORS): employers, openings, SROI, candidates' profiles."""
    if not WorkRules.objects.exists():
        work_configuration_load()
    selectors.rules_get()
    _areas()
    adviser = _adviser()
    if adviser is None:
        from ..organisations.services import staff_user_ensure

        dienst = Organisation.objects.get(code=DIENST)
        adviser = staff_user_ensure(
            username="werkgeversadviseur",
            password=DEMO_PASSWORD,
            full_name="Sanne Visser",
            organisation=dienst,
            role=Role.EMPLOYER_ADVISER,
            is_demo=True,
        )
    employers = _employers(adviser)
    _openings(adviser, employers)
    profiles = _profiles(adviser)
    placements = _placements(adviser)
    summary = f"work: {len(employers)} employers, {profiles} new work profiles, {placements} new placements"
    if stdout is not None:
        stdout.write(summary)
    return summary
