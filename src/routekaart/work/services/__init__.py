"""Every change in the werkgeversdienstverlening: one transaction, one event, and a processing-log entry when a
resident's data is written.

Bad input raises Django's ValidationError with Dutch messages per field, and nothing is saved. Events carry
references, dates, phases and codes, never names or free text (the event stream cannot be anonymised later);
events about a resident carry `"domain": "P"` so the household timeline shows them only to those who see P.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..audit import services as audit
from ..core.periods import valid_on
from ..organisations import services as organisation_services
from ..organisations.models import Organisation, OrganisationKind
from ..organisations.roles import Domain
from ..residents import services as resident_services
from ..residents.access import consents_in_force
from ..residents.models import Household, Involvement, InvolvementKind, Resident
from ..residents.selectors import household_id_of
from . import privacy, selectors
from .labour_facts import UNKNOWN, labour_facts
from .models import (
    AgreementKind,
    Arrangement,
    ArrangementTask,
    Branch,
    CandidateProfile,
    Competence,
    ContactMoment,
    ContactOutcome,
    ContactPerson,
    Employer,
    EmployerAgreement,
    EmployerKind,
    FulfilmentKind,
    MatchDecision,
    MatchDecisionKind,
    OpeningStatus,
    Placement,
    PlacementCheck,
    PlacementState,
    ProfileStatus,
    Sector,
    SocialReturnContract,
    SocialReturnFulfilment,
    Vacancy,
    WorkStartHandover,
    kvk_normalise,
)
from .workflow import ACTIVE, WORKING, check_transition

MIN_REASON = 10
CENT = Decimal("0.01")


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _opening_ref(opening) -> str:
    return f"{'vacancy' if isinstance(opening, Vacancy) else 'arrangement'}:{opening.pk}"


def _opening_filter(opening) -> dict:
    return {"vacancy": opening} if isinstance(opening, Vacancy) else {"arrangement": opening}


def _reason(value: str, field: str = "reason") -> str:
    value = (value or "").strip()
    if len(value) < MIN_REASON:
        raise ValidationError({field: _("Schrijf in ten minste %(count)d tekens waarom.") % {"count": MIN_REASON}})
    return value


# --- Employers ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddressSpec:
    street: str
    house_number: int
    postcode: str
    city: str
    house_number_addition: str = ""


def _employer_event(actor, action: str, employer: Employer, subject_type: str, subject_id, after: dict | None = None):
    audit.action_record(
        actor=actor,
        action=action,
        subject=(subject_type, subject_id),
        after={"employer": employer.organisation.code, **(after or {})},
    )


@transaction.atomic
def employer_register(
    *,
    actor,
    name: str,
    kvk_number: str,
    sector: Sector,
    kind: str = EmployerKind.REGULAR,
    adviser=None,
    notes: str = "",
    head_office: AddressSpec | None = None,
) -> Employer:
    """A new employer: its organisation in the network (kind employer), its KvK number, and its head office."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Vul de naam van de werkgever in.")})
    employer = Employer(kvk_number=kvk_normalise(kvk_number), kind=kind, sector=sector, adviser=adviser, notes=notes)
    employer.clean()
    employer.full_clean(exclude=["organisation"])
    affiliations = actor.affiliations.select_related("organisation__region") if actor is not None else []
    region = next((a.organisation.region for a in affiliations if a.organisation.region_id), None)
    try:
        organisation = organisation_services.organisation_create(
            kind=OrganisationKind.EMPLOYER,
            code=f"werkgever-{employer.kvk_number}-{slugify(name)[:30]}".rstrip("-"),
            name=name,
            region=region,
        )
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from error
    employer.organisation = organisation
    employer.save()
    _employer_event(actor, "employer.registered", employer, "employer", employer.pk, {"kind": kind})
    if head_office is not None:
        branch_add(
            actor=actor,
            employer=employer,
            name=_("Hoofdvestiging"),
            street=head_office.street,
            house_number=head_office.house_number,
            house_number_addition=head_office.house_number_addition,
            postcode=head_office.postcode,
            city=head_office.city,
            is_head_office=True,
        )
    return employer


@transaction.atomic
def branch_add(
    *,
    actor,
    employer: Employer,
    name: str,
    street: str,
    house_number: int,
    postcode: str,
    city: str,
    house_number_addition: str = "",
    is_head_office: bool = False,
) -> Branch:
    from ..residents.validators import postcode_normalise

    branch = Branch(
        employer=employer,
        name=name,
        street=street,
        house_number=house_number,
        house_number_addition=(house_number_addition or "").strip(),
        postcode=postcode_normalise(postcode),
        city=city,
        is_head_office=is_head_office,
    )
    branch.full_clean()
    if is_head_office:
        employer.branches.filter(is_head_office=True).update(is_head_office=False)
    branch.save()
    _employer_event(actor, "branch.added", employer, "branch", branch.pk, {"head_office": is_head_office})
    return branch


@transaction.atomic
def contact_person_add(
    *, actor, employer: Employer, name: str, job_title: str = "", email: str = "", phone: str = "", user=None
) -> ContactPerson:
    """A contact at the employer; with `user`, that account sees the employer page (own vacancies, candidates)."""
    contact = ContactPerson(employer=employer, name=name, job_title=job_title, email=email, phone=phone, user=user)
    contact.full_clean()
    if user is not None and user.roles:
        raise ValidationError({"user": _("Een medewerker van het netwerk kan geen account van een werkgever zijn.")})
    contact.save()
    _employer_event(
        actor, "contact_person.added", employer, "contact_person", contact.pk, {"account": user is not None}
    )
    return contact


@transaction.atomic
def contact_moment_record(
    *,
    actor,
    employer: Employer,
    kind: str,
    occurred_on: date,
    summary: str,
    is_acquisition: bool = False,
    contact_person: ContactPerson | None = None,
    outcome: str = ContactOutcome.NONE,
    follow_up_on: date | None = None,
) -> ContactMoment:
    """An acquisition visit, call or meeting in the employer's contact history."""
    moment = ContactMoment(
        employer=employer,
        kind=kind,
        occurred_on=occurred_on,
        summary=(summary or "").strip(),
        is_acquisition=is_acquisition,
        adviser=actor,
        contact_person=contact_person,
        outcome=outcome,
        follow_up_on=follow_up_on,
    )
    moment.full_clean()
    errors = {}
    if occurred_on > timezone.localdate():
        errors["occurred_on"] = _("Een contact dat nog moet plaatsvinden, legt u vast als vervolg.")
    if follow_up_on and follow_up_on < occurred_on:
        errors["follow_up_on"] = _("Het vervolg ligt vóór het contact.")
    if contact_person is not None and contact_person.employer_id != employer.pk:
        errors["contact_person"] = _("Deze contactpersoon werkt niet bij deze werkgever.")
    _raise(errors)
    moment.save()
    _employer_event(
        actor,
        "contact_moment.recorded",
        employer,
        "contact_moment",
        moment.pk,
        {"kind": kind, "acquisition": is_acquisition, "outcome": outcome, "occurred_on": occurred_on},
    )
    return moment


@transaction.atomic
def agreement_record(
    *,
    actor,
    employer: Employer,
    kind: str,
    description: str,
    valid_from: date,
    places: int | None = None,
    valid_to: date | None = None,
) -> EmployerAgreement:
    """An agreement with the employer, such as a number of banenafspraak places for the target group."""
    agreement = EmployerAgreement(
        employer=employer,
        kind=kind,
        description=(description or "").strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        places=places if kind == AgreementKind.JOBS_AGREEMENT else places or None,
    )
    agreement.full_clean()
    agreement.save()
    _employer_event(
        actor, "agreement.recorded", employer, "employer_agreement", agreement.pk, {"kind": kind, "places": places}
    )
    return agreement


# --- Vacancies and arrangements ---------------------------------------------------------------------------------


def _competences_set(opening, competences: Iterable[Competence]) -> None:
    competences = list(competences)
    opening.competences.set(competences)
    opening.competence_mask = selectors.mask_of(competences)
    opening.save(update_fields=["competence_mask"])


@transaction.atomic
def vacancy_create(
    *,
    actor,
    employer: Employer,
    title: str,
    sector: Sector,
    hours_min: int,
    hours_max: int,
    postcode: str,
    city: str,
    min_wage_value: int = 100,
    competences: Iterable[Competence] = (),
    via_agency: Employer | None = None,
    branch: Branch | None = None,
    description: str = "",
    requirements: str = "",
    closing_date: date | None = None,
    in_vacancy_service: bool = False,
    suits_jobs_agreement: bool = False,
    suits_sheltered_work: bool = False,
    positions: int = 1,
) -> Vacancy:
    """A vacancy acquired from an employer, directly or through a temporary-work agency."""
    vacancy = Vacancy(
        employer=employer,
        via_agency=via_agency,
        branch=branch,
        title=(title or "").strip(),
        sector=sector,
        hours_min=hours_min,
        hours_max=hours_max,
        postcode=postcode,
        city=city,
        min_wage_value=min_wage_value,
        description=description,
        requirements=requirements,
        closing_date=closing_date,
        in_vacancy_service=in_vacancy_service,
        suits_jobs_agreement=suits_jobs_agreement,
        suits_sheltered_work=suits_sheltered_work,
        positions=positions,
        created_by=actor,
    )
    vacancy.full_clean()
    if closing_date and closing_date < timezone.localdate():
        raise ValidationError({"closing_date": _("De sluitingsdatum ligt in het verleden.")})
    vacancy.save()
    _competences_set(vacancy, competences)
    _employer_event(
        actor,
        "vacancy.created",
        employer,
        "vacancy",
        vacancy.pk,
        {"via_agency": via_agency.organisation.code if via_agency else None, "vacancy_service": in_vacancy_service},
    )
    return vacancy


@transaction.atomic
def arrangement_create(
    *,
    actor,
    employer: Employer,
    title: str,
    sector: Sector,
    hours_min: int,
    hours_max: int,
    postcode: str,
    city: str,
    min_wage_value: int,
    tasks: Sequence[tuple[str, str]],
    instruments: Iterable[str] = (),
    competences: Iterable[Competence] = (),
    guidance: str = "",
    branch: Branch | None = None,
    suits_jobs_agreement: bool = False,
    suits_sheltered_work: bool = False,
    positions: int = 1,
) -> Arrangement:
    """A job carved with the employer (jobcarving): which tasks from which jobs, hours, guidance and instruments."""
    instruments = list(dict.fromkeys(instruments))
    allowed = {code for code, _name in selectors.instrument_choices()}
    errors = {}
    unknown = [code for code in instruments if code not in allowed]
    if unknown:
        errors["instruments"] = _("Onbekend instrument: %(codes)s.") % {"codes": ", ".join(unknown)}
    tasks = [(job.strip(), task.strip()) for job, task in tasks if (job or "").strip() or (task or "").strip()]
    if not tasks:
        errors["tasks"] = _("Noem ten minste één taak en de functie waaruit zij komt.")
    elif any(not job or not task for job, task in tasks):
        errors["tasks"] = _("Noem bij elke taak de functie waaruit zij komt, zoals “Kok: afwassen”.")
    _raise(errors)
    arrangement = Arrangement(
        employer=employer,
        branch=branch,
        title=(title or "").strip(),
        sector=sector,
        hours_min=hours_min,
        hours_max=hours_max,
        postcode=postcode,
        city=city,
        min_wage_value=min_wage_value,
        guidance=guidance,
        instruments=instruments,
        suits_jobs_agreement=suits_jobs_agreement,
        suits_sheltered_work=suits_sheltered_work,
        positions=positions,
        created_by=actor,
    )
    arrangement.full_clean()
    arrangement.save()
    ArrangementTask.objects.bulk_create(
        [
            ArrangementTask(arrangement=arrangement, source_job=job, task=task, order=i)
            for i, (job, task) in enumerate(tasks)
        ]
    )
    _competences_set(arrangement, competences)
    _employer_event(
        actor,
        "arrangement.created",
        employer,
        "arrangement",
        arrangement.pk,
        {"tasks": len(tasks), "instruments": instruments},
    )
    return arrangement


@transaction.atomic
def opening_close(*, actor, opening: Vacancy | Arrangement, status: str = OpeningStatus.CLOSED):
    """Close (or mark filled) a vacancy or arrangement: it leaves matching and the vacancy service."""
    model = type(opening)
    opening = model.objects.select_for_update(of=("self",)).get(pk=opening.pk)
    if status not in (OpeningStatus.CLOSED, OpeningStatus.FILLED):
        raise ValidationError({"status": _("Kies gesloten of vervuld.")})
    if opening.status != OpeningStatus.OPEN:
        raise ValidationError({"status": _("Dit is al gesloten.")})
    opening.status = status
    opening.save(update_fields=["status"])
    audit.action_record(
        actor=actor,
        action=f"{'vacancy' if model is Vacancy else 'arrangement'}.{status}",
        subject=("vacancy" if model is Vacancy else "arrangement", opening.pk),
        before={"status": OpeningStatus.OPEN},
        after={"status": status},
    )
    return opening


# --- Work profile -------------------------------------------------------------------------------------------------

PROFILE_FIELDS = (
    "status",
    "experience",
    "education_level",
    "hours_min",
    "hours_max",
    "max_travel_km",
    "pc4",
    "available_from",
    "wishes",
)


def _resident_event(actor, action: str, resident: Resident, subject_type: str, subject_id, before=None, after=None):
    def tagged(state):
        return None if state is None else {"domain": Domain.PARTICIPATION, **state}

    audit.action_record(
        actor=actor,
        action=action,
        subject=(subject_type, subject_id),
        household_id=household_id_of(resident_id=resident.pk),
        before=tagged(before),
        after=tagged(after),
    )


@transaction.atomic
def work_profile_save(
    *,
    actor,
    resident: Resident,
    hours_min: int,
    hours_max: int,
    pc4: str,
    competences: Iterable[Competence] = (),
    desired_sectors: Iterable[Sector] = (),
    experience: str = "",
    education_level: str = "unknown",
    max_travel_km: int = 15,
    available_from: date | None = None,
    wishes: str = "",
    status: str = ProfileStatus.AVAILABLE,
) -> CandidateProfile:
    """Create or update the resident's work profile (by the coordinator or job coach, who see domain P).

    Only work fields exist to be written; the caller has passed the household access check for domain P.
    """
    profile = CandidateProfile.objects.select_for_update(of=("self",)).filter(resident=resident).first()
    created = profile is None
    profile = profile or CandidateProfile(resident=resident)
    values = {
        "status": status,
        "experience": (experience or "").strip(),
        "education_level": education_level,
        "hours_min": hours_min,
        "hours_max": hours_max,
        "max_travel_km": max_travel_km,
        "pc4": (pc4 or "").strip(),
        "available_from": available_from,
        "wishes": (wishes or "").strip(),
    }
    changed = [name for name, value in values.items() if getattr(profile, name) != value]
    for name, value in values.items():
        setattr(profile, name, value)
    competences, desired_sectors = list(competences), list(desired_sectors)
    competence_mask, sector_mask = selectors.mask_of(competences), selectors.mask_of(desired_sectors)
    if profile.competence_mask != competence_mask:
        changed.append("competences")
    if profile.sector_mask != sector_mask:
        changed.append("desired_sectors")
    profile.competence_mask, profile.sector_mask = competence_mask, sector_mask
    profile.updated_by = actor
    profile.full_clean()
    if not created and not changed:
        return profile
    profile.save()
    profile.competences.set(competences)
    profile.desired_sectors.set(desired_sectors)
    _resident_event(
        actor,
        "work_profile.created" if created else "work_profile.updated",
        resident,
        "work_profile",
        profile.pk,
        after={"fields": sorted(changed)},
    )
    privacy.write_log(user=actor, resident=resident, activity=privacy.MATCHING)
    return profile


# --- Matching decisions ---------------------------------------------------------------------------------------------


@transaction.atomic
def match_decision_record(
    *, actor, opening: Vacancy | Arrangement, profile: CandidateProfile, kind: str, reason: str
) -> MatchDecision:
    """The adviser leaves a candidate out of an opening's ranking, or adds one to it, always with a reason."""
    reason = _reason(reason)
    if kind not in MatchDecisionKind.values:
        raise ValidationError({"kind": _("Kies uitsluiten of toevoegen.")})
    privacy.candidate_check(user=actor, resident=profile.resident)
    if MatchDecision.objects.filter(profile=profile, lifted_at__isnull=True, **_opening_filter(opening)).exists():
        raise ValidationError(_("Voor deze kandidaat is al een besluit genomen; draai dat eerst terug."))
    decision = MatchDecision.objects.create(
        profile=profile, kind=kind, reason=reason, decided_by=actor, **_opening_filter(opening)
    )
    _resident_event(
        actor,
        f"match_decision.{kind}",
        profile.resident,
        "match_decision",
        decision.pk,
        after={"opening": _opening_ref(opening), "profile": profile.pk},
    )
    return decision


@transaction.atomic
def match_decision_lift(*, actor, decision: MatchDecision) -> MatchDecision:
    decision = (
        MatchDecision.objects.select_for_update(of=("self",)).select_related("profile__resident").get(pk=decision.pk)
    )
    privacy.candidate_check(user=actor, resident=decision.profile.resident)
    if decision.lifted_at is not None:
        raise ValidationError(_("Dit besluit is al teruggedraaid."))
    decision.lifted_at = timezone.now()
    decision.save(update_fields=["lifted_at"])
    _resident_event(
        actor,
        "match_decision.lifted",
        decision.profile.resident,
        "match_decision",
        decision.pk,
        before={"kind": decision.kind},
        after={"kind": None},
    )
    return decision


# --- Placements ---------------------------------------------------------------------------------------------------


def _placement_state(placement: Placement) -> dict:
    return {
        "state": placement.state,
        "employer": placement.employer.organisation.code,
        "opening": _opening_ref(placement.opening),
        "profile": placement.profile_id,
    }


def _placement_event(actor, action: str, placement: Placement, before: dict, extra: dict | None = None) -> None:
    _resident_event(
        actor,
        action,
        placement.profile.resident,
        "placement",
        placement.pk,
        before=before,
        after={**_placement_state(placement), **(extra or {})},
    )
    privacy.write_log(user=actor, resident=placement.profile.resident, activity=privacy.PLACEMENT)


def _lock(placement: Placement) -> Placement:
    return (
        Placement.objects.select_for_update(of=("self",))
        .select_related("profile__resident", "employer__organisation", "vacancy", "arrangement")
        .get(pk=placement.pk)
    )


def _move(placement: Placement, target: str) -> dict:
    before = _placement_state(placement)
    placement.state = check_transition(placement.state, target)
    return before


@transaction.atomic
def placement_propose(
    *,
    actor,
    opening: Vacancy | Arrangement,
    profile: CandidateProfile,
    note: str = "",
    share_with_employer: bool = False,
) -> Placement:
    """The adviser proposes a candidate to the employer. The choice is the adviser's: any candidate who shared the
    work profile may be proposed; the score and place in the ranking at that moment are kept with the proposal.

    With `share_with_employer` the resident's consent to share the work profile with this employer is recorded
    (the adviser asked it); without consent, the employer does not see the candidate on its page.
    """
    model = type(opening)
    opening = model.objects.select_related("employer__organisation", "sector").get(pk=opening.pk)
    profile = CandidateProfile.objects.select_for_update(of=("self",)).select_related("resident").get(pk=profile.pk)
    privacy.candidate_check(user=actor, resident=profile.resident, activity=privacy.PLACEMENT)
    errors = {}
    if opening.status != OpeningStatus.OPEN:
        errors["opening"] = _("Deze vacature of dit arrangement is niet meer open.")
    if profile.status != ProfileStatus.AVAILABLE:
        errors["profile"] = _("Deze kandidaat is niet beschikbaar voor bemiddeling.")
    if Placement.objects.filter(profile=profile, state__in=ACTIVE, **_opening_filter(opening)).exists():
        errors["profile"] = _("Deze kandidaat is hier al voorgesteld.")
    _raise(errors)
    score, rank = selectors.candidate_score(user=actor, opening=opening, profile=profile)
    top = selectors.match_rules().top
    decision = MatchDecision.objects.filter(profile=profile, lifted_at__isnull=True, **_opening_filter(opening)).first()
    if decision is not None and decision.kind == MatchDecisionKind.EXCLUDE:
        raise ValidationError(
            {"profile": _("U sloot deze kandidaat eerder uit voor deze plek; draai dat besluit eerst terug.")}
        )
    placement = Placement.objects.create(
        profile=profile,
        employer=opening.employer,
        proposed_by=actor,
        proposed_on=timezone.localdate(),
        score_at_proposal=score,
        rank_at_proposal=rank,
        by_override=rank is None or rank > top,
        proposal_note=(note or "").strip(),
        **_opening_filter(opening),
    )
    household_id = household_id_of(resident_id=profile.resident_id)
    if household_id is not None:
        _involve_adviser(actor=actor, household_id=household_id, resident=profile.resident)
        if share_with_employer:
            resident_services.consent_record(
                actor=actor,
                household=Household(pk=household_id),
                resident=profile.resident,
                organisation=opening.employer.organisation,
                domain=Domain.PARTICIPATION,
                scope=_("Werkprofiel delen met %(employer)s voor “%(title)s”")
                % {"employer": opening.employer.name, "title": opening.title},
            )
    elif share_with_employer:
        raise ValidationError({"share_with_employer": _("Zonder huishouden kan geen toestemming worden vastgelegd.")})
    _placement_event(
        actor,
        "placement.proposed",
        placement,
        before=None,
        extra={"score": score, "rank": rank, "override": placement.by_override},
    )
    return placement


def _involve_adviser(*, actor, household_id: int, resident: Resident) -> None:
    """Make the adviser visible in the household's involvements (the residents app checks consent again)."""
    organisations = privacy.adviser_organisation_ids(actor)
    on = timezone.localdate()
    consented = (
        consents_in_force(organisation_ids=organisations, on=on)
        .filter(resident=resident, domain=Domain.PARTICIPATION)
        .values_list("organisation_id", flat=True)
        .first()
    )
    if consented is None:
        return
    already = Involvement.objects.filter(
        valid_on(on), household_id=household_id, user=actor, kind=InvolvementKind.EMPLOYER_CANDIDATE
    )
    if already.exists():
        return
    resident_services.involvement_start(
        actor=actor,
        household=Household(pk=household_id),
        organisation=Organisation.objects.get(pk=consented),
        user=actor,
        kind=InvolvementKind.EMPLOYER_CANDIDATE,
        domain=Domain.PARTICIPATION,
        reason=_("Bemiddeling naar werk"),
    )


@transaction.atomic
def placement_introduce(*, actor, placement: Placement, introduced_on: date) -> Placement:
    """The candidate and the employer meet (kennismaking)."""
    placement = _lock(placement)
    if introduced_on < placement.proposed_on:
        raise ValidationError({"introduced_on": _("De kennismaking ligt vóór het voorstel.")})
    before = _move(placement, PlacementState.INTRODUCED)
    placement.introduced_on = introduced_on
    placement.save(update_fields=["state", "introduced_on", "updated_at"])
    _placement_event(actor, "placement.introduced", placement, before, {"introduced_on": introduced_on})
    return placement


def _rules():
    return selectors.rules_get().content


@transaction.atomic
def placement_trial_start(*, actor, placement: Placement, trial_start: date, trial_end: date) -> Placement:
    """A trial placement (proefplaatsing): the employer tries the candidate out, for at most the set months."""
    placement = _lock(placement)
    months = _rules()["placement"]["trial_max_months"]
    errors = {}
    if trial_end < trial_start:
        errors["trial_end"] = _("De proefplaatsing eindigt vóór zij begint.")
    elif trial_end >= trial_start + relativedelta(months=months):
        errors["trial_end"] = _(
            "Een proefplaatsing duurt ten hoogste %(months)d maanden: uiterlijk tot en met %(last)s."
        ) % {
            "months": months,
            "last": (trial_start + relativedelta(months=months) - timedelta(days=1)).strftime("%d-%m-%Y"),
        }
    if placement.introduced_on and trial_start < placement.introduced_on:
        errors["trial_start"] = _("De proefplaatsing begint vóór de kennismaking.")
    _raise(errors)
    before = _move(placement, PlacementState.TRIAL)
    placement.trial_start, placement.trial_end = trial_start, trial_end
    placement.save(update_fields=["state", "trial_start", "trial_end", "updated_at"])
    _placement_event(
        actor, "placement.trial_started", placement, before, {"trial_start": trial_start, "trial_end": trial_end}
    )
    return placement


def _dispatch_handover(handover_id: int) -> None:
    for dotted in getattr(settings, "ROUTEKAART_WORK_START_RECEIVERS", []):
        import_string(dotted)(handover=WorkStartHandover.objects.get(pk=handover_id))


@transaction.atomic
def placement_contract(
    *,
    actor,
    placement: Placement,
    contract_start: date,
    hours: int,
    hourly_wage: Decimal,
    instruments: Iterable[str] = (),
    contract_end: date | None = None,
    counts_for_jobs_agreement: bool = False,
) -> Placement:
    """Work starts: the contract (hours, wage, instruments), the checks at 6 and 12 months, and the hand-over to
    income for the switch from benefit to work.

    Loonkostensubsidie needs a wage value below 100% (participation's determination); a place under the
    banenafspraak needs the target-group register.
    """
    placement = _lock(placement)
    content = _rules()
    instruments = list(dict.fromkeys(instruments))
    defined = {i["code"]: i for i in content["placement"]["instruments"]}
    facts = labour_facts(resident_ids=[placement.profile.resident_id]).get(placement.profile.resident_id, UNKNOWN)
    errors = {}
    unknown = [code for code in instruments if code not in defined]
    if unknown:
        errors["instruments"] = _("Onbekend instrument: %(codes)s.") % {"codes": ", ".join(unknown)}
    needs_wage_value = [
        code for code in instruments if (defined.get(code) or {}).get("needs") == "wage_value_below_100"
    ]
    if needs_wage_value and not (facts.wage_value is not None and facts.wage_value < 100):
        errors["instruments"] = _(
            "Loonkostensubsidie kan alleen bij een vastgestelde loonwaarde onder 100%; "
            "die is er niet voor deze kandidaat."
        )
    if counts_for_jobs_agreement and facts.in_register is not True:
        errors["counts_for_jobs_agreement"] = _(
            "Een plaats telt alleen voor de banenafspraak als de kandidaat in het doelgroepenregister staat."
        )
    if not 1 <= (hours or 0) <= 40:
        errors["hours"] = _("Vul het aantal uren per week in (1 tot en met 40).")
    if hourly_wage is None or hourly_wage <= 0:
        errors["hourly_wage"] = _("Vul het uurloon in.")
    if contract_end is not None and contract_end <= contract_start:
        errors["contract_end"] = _("Het contract eindigt vóór het begint.")
    if placement.trial_start and contract_start < placement.trial_start:
        errors["contract_start"] = _("Het contract begint vóór de proefplaatsing.")
    if CandidateProfile.objects.filter(pk=placement.profile_id).exclude(status=ProfileStatus.AVAILABLE).exists():
        errors["contract_start"] = _("Deze kandidaat is al ergens anders aan het werk.")
    _raise(errors)
    before = _move(placement, PlacementState.CONTRACTED)
    placement.contract_start, placement.contract_end = contract_start, contract_end
    placement.contract_hours, placement.hourly_wage = hours, Decimal(hourly_wage).quantize(CENT)
    placement.instruments, placement.counts_for_jobs_agreement = instruments, counts_for_jobs_agreement
    placement.save()
    PlacementCheck.objects.bulk_create(
        [
            PlacementCheck(placement=placement, months=m, due_on=contract_start + relativedelta(months=m))
            for m in content["placement"]["check_months"]
        ]
    )
    CandidateProfile.objects.filter(pk=placement.profile_id).update(status=ProfileStatus.PLACED)
    opening = placement.opening
    working = Placement.objects.filter(state__in=WORKING, **_opening_filter(opening)).count()
    if working >= opening.positions and opening.status == OpeningStatus.OPEN:
        type(opening).objects.filter(pk=opening.pk).update(status=OpeningStatus.FILLED)
    handover = WorkStartHandover.objects.create(
        placement=placement,
        resident=placement.profile.resident,
        household_id=household_id_of(resident_id=placement.profile.resident_id),
        work_starts_on=contract_start,
        hours_per_week=hours,
        hourly_wage=placement.hourly_wage,
        with_wage_subsidy="wage_subsidy" in instruments,
    )
    _placement_event(
        actor,
        "placement.contracted",
        placement,
        before,
        {
            "contract_start": contract_start,
            "hours": hours,
            "instruments": instruments,
            "jobs_agreement": counts_for_jobs_agreement,
            "handover": handover.pk,
        },
    )
    transaction.on_commit(lambda: _dispatch_handover(handover.pk))
    return placement


@transaction.atomic
def work_start_handover_receive(*, handover: WorkStartHandover, receiver: str) -> WorkStartHandover:
    """Income confirms it took the work start in (called by the income app's receiver)."""
    handover = WorkStartHandover.objects.select_for_update(of=("self",)).get(pk=handover.pk)
    if handover.received_at is None:
        handover.received_at, handover.received_by = timezone.now(), receiver
        handover.save(update_fields=["received_at", "received_by"])
        audit.action_record(
            actor=None,
            action="work_start.received",
            subject=("work_start_handover", handover.pk),
            household_id=handover.household_id,
            after={"domain": Domain.PARTICIPATION, "receiver": receiver},
        )
    return handover


@transaction.atomic
def placement_coaching_start(
    *, actor, placement: Placement, coaching_by: Organisation, coaching_start: date
) -> Placement:
    """Job coaching on the workplace starts (by the jobcoach's organisation)."""
    placement = _lock(placement)
    if placement.contract_start and coaching_start < placement.contract_start:
        raise ValidationError({"coaching_start": _("Jobcoaching begint op of na de start van het contract.")})
    before = _move(placement, PlacementState.COACHING)
    placement.coaching_by, placement.coaching_start, placement.coaching_end = coaching_by, coaching_start, None
    placement.save(update_fields=["state", "coaching_by", "coaching_start", "coaching_end", "updated_at"])
    _placement_event(
        actor,
        "placement.coaching_started",
        placement,
        before,
        {"coaching_by": coaching_by.code, "from": coaching_start},
    )
    return placement


@transaction.atomic
def placement_coaching_end(*, actor, placement: Placement, coaching_end: date) -> Placement:
    placement = _lock(placement)
    if placement.coaching_start and coaching_end < placement.coaching_start:
        raise ValidationError({"coaching_end": _("De jobcoaching eindigt vóór zij begint.")})
    before = _move(placement, PlacementState.CONTRACTED)
    placement.coaching_end = coaching_end
    placement.save(update_fields=["state", "coaching_end", "updated_at"])
    _placement_event(actor, "placement.coaching_ended", placement, before, {"to": coaching_end})
    return placement


def _end(placement: Placement, target: str, on: date, reason: str) -> dict:
    before = _move(placement, target)
    placement.ended_on, placement.end_reason = on, reason
    placement.save(update_fields=["state", "ended_on", "end_reason", "updated_at"])
    if target == PlacementState.ENDED and before["state"] in WORKING:
        still = Placement.objects.filter(profile_id=placement.profile_id, state__in=WORKING).exclude(pk=placement.pk)
        if not still.exists():
            CandidateProfile.objects.filter(pk=placement.profile_id).update(status=ProfileStatus.AVAILABLE)
    return before


@transaction.atomic
def placement_end(*, actor, placement: Placement, ended_on: date, reason: str) -> Placement:
    """The work (or the trial) ends; the candidate is available for matching again."""
    placement = _lock(placement)
    reason = _reason(reason)
    start = placement.contract_start or placement.trial_start
    if start and ended_on < start:
        raise ValidationError({"ended_on": _("De einddatum ligt vóór de start.")})
    before = _end(placement, PlacementState.ENDED, ended_on, reason)
    _placement_event(actor, "placement.ended", placement, before, {"ended_on": ended_on})
    return placement


@transaction.atomic
def placement_decline(*, actor, placement: Placement, reason: str) -> Placement:
    """The proposal or introduction does not lead to work (the employer or the candidate says no)."""
    placement = _lock(placement)
    reason = _reason(reason)
    before = _end(placement, PlacementState.DECLINED, timezone.localdate(), reason)
    _placement_event(actor, "placement.declined", placement, before)
    return placement


@transaction.atomic
def placement_check_record(
    *, actor, check: PlacementCheck, checked_on: date, still_working: bool, note: str = ""
) -> PlacementCheck:
    """The check at 6 or 12 months: still working? If not, the placement ends on the day of the check."""
    check = PlacementCheck.objects.select_for_update(of=("self",)).get(pk=check.pk)
    placement = _lock(check.placement)
    errors = {}
    if check.checked_on is not None:
        errors["checked_on"] = _("Deze controle is al vastgelegd.")
    if checked_on > timezone.localdate():
        errors["checked_on"] = _("De controle ligt in de toekomst.")
    if placement.contract_start and checked_on < placement.contract_start:
        errors["checked_on"] = _("De controle ligt vóór de start van het werk.")
    if not still_working and placement.state not in WORKING:
        errors["still_working"] = _("Deze plaatsing is al beëindigd.")
    _raise(errors)
    check.checked_on, check.still_working, check.note, check.checked_by = checked_on, still_working, note, actor
    check.save(update_fields=["checked_on", "still_working", "note", "checked_by"])
    before = _placement_state(placement)
    if not still_working:
        _end(
            placement,
            PlacementState.ENDED,
            checked_on,
            note or _("Bij de controle na %(months)d maanden niet meer aan het werk.") % {"months": check.months},
        )
    _placement_event(
        actor,
        "placement.checked",
        placement,
        before,
        {"months": check.months, "still_working": still_working},
    )
    return check


# --- Social return ------------------------------------------------------------------------------------------------


@transaction.atomic
def sroi_contract_create(
    *,
    actor,
    municipality: Organisation,
    contractor: Employer,
    reference: str,
    title: str,
    contract_value: Decimal,
    starts_on: date,
    ends_on: date,
    percentage: Decimal | None = None,
) -> SocialReturnContract:
    """A municipal contract with a social-return obligation: a percentage of the contract value."""
    if percentage is None:
        percentage = Decimal(str(_rules()["social_return"]["default_percentage"]))
    contract = SocialReturnContract(
        municipality=municipality,
        contractor=contractor,
        reference=(reference or "").strip(),
        title=(title or "").strip(),
        contract_value=contract_value,
        percentage=percentage,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    contract.full_clean()
    if municipality.kind != OrganisationKind.MUNICIPALITY:
        raise ValidationError({"municipality": _("Kies een gemeente.")})
    contract.save()
    audit.action_record(
        actor=actor,
        action="sroi_contract.created",
        subject=("sroi_contract", contract.pk),
        after={
            "contractor": contractor.organisation.code,
            "value": contract.contract_value,
            "percentage": contract.percentage,
            "obligation": contract.obligation,
        },
    )
    return contract


def fulfilment_value(
    *,
    kind: str,
    valuation: dict,
    months: int | None = None,
    invoice_amount: Decimal | None = None,
    amount: Decimal | None = None,
    hours: int | None = None,
) -> Decimal:
    """What one fulfilment counts for, in euro, by the valuation in force (rules.yaml, social_return.valuation).

    A placement: the value of an FTE-year x (contract hours / FTE hours) x months / 12. A learn-work place: the
    value per month x months. A purchase from a social firm: the invoice x the share. Anything else: as entered.
    """
    if kind == FulfilmentKind.PLACEMENT:
        fte = Decimal(hours) / Decimal(str(valuation["fte_hours"]))
        value = Decimal(str(valuation["placement_per_fte_year"])) * min(fte, Decimal(1)) * Decimal(months) / 12
    elif kind == FulfilmentKind.LEARN_WORK_PLACE:
        value = Decimal(str(valuation["learn_work_place_per_month"])) * Decimal(months)
    elif kind == FulfilmentKind.SOCIAL_FIRM_PURCHASE:
        value = Decimal(invoice_amount) * Decimal(str(valuation["social_firm_purchase_share"]))
    else:
        value = Decimal(amount)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@transaction.atomic
def sroi_fulfilment_record(
    *,
    actor,
    contract: SocialReturnContract,
    kind: str,
    occurred_on: date,
    description: str,
    placement: Placement | None = None,
    months: int | None = None,
    invoice_amount: Decimal | None = None,
    amount: Decimal | None = None,
) -> SocialReturnFulfilment:
    """Part of the obligation fulfilled: a placement, a learn-work place, a purchase from a social firm, or other."""
    rules = selectors.rules_get(on=occurred_on)
    errors = {}
    if kind not in FulfilmentKind.values:
        errors["kind"] = _("Kies hoe de social return is ingevuld.")
    if kind in (FulfilmentKind.PLACEMENT, FulfilmentKind.LEARN_WORK_PLACE) and not (months and months > 0):
        errors["months"] = _("Vul het aantal maanden in.")
    if kind == FulfilmentKind.PLACEMENT:
        if placement is None:
            errors["placement"] = _("Kies de plaatsing.")
        elif placement.contract_start is None:
            errors["placement"] = _("Alleen een plaatsing met een contract telt mee.")
        elif placement.employer_id != contract.contractor_id:
            errors["placement"] = _("Deze plaatsing is niet bij de opdrachtnemer van dit contract.")
        elif SocialReturnFulfilment.objects.filter(placement=placement).exists():
            errors["placement"] = _("Deze plaatsing telt al mee.")
    if kind == FulfilmentKind.SOCIAL_FIRM_PURCHASE and not (invoice_amount and invoice_amount > 0):
        errors["invoice_amount"] = _("Vul het factuurbedrag in.")
    if kind == FulfilmentKind.OTHER and not (amount and amount > 0):
        errors["amount"] = _("Vul de waarde in.")
    if not (description or "").strip():
        errors["description"] = _("Omschrijf de invulling.")
    if not contract.starts_on <= occurred_on <= contract.ends_on:
        errors["occurred_on"] = _("De datum ligt buiten de looptijd van het contract.")
    _raise(errors)
    value = fulfilment_value(
        kind=kind,
        valuation=rules.content["social_return"]["valuation"],
        months=months,
        invoice_amount=invoice_amount,
        amount=amount,
        hours=placement.contract_hours if placement else None,
    )
    fulfilment = SocialReturnFulfilment.objects.create(
        contract=contract,
        kind=kind,
        placement=placement,
        occurred_on=occurred_on,
        months=months,
        invoice_amount=invoice_amount,
        amount=value,
        description=description.strip(),
        rules_version=rules.version,
        recorded_by=actor,
    )
    audit.action_record(
        actor=actor,
        action="sroi_fulfilment.recorded",
        subject=("sroi_fulfilment", fulfilment.pk),
        after={"contract": contract.reference, "kind": kind, "amount": value, "rules": rules.version},
    )
    return fulfilment
