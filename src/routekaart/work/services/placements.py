"""The placement from proposal to work and its checks: each step a transition of `workflow`, with the hand-over
of the work start to income."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.models import Organisation
from ...organisations.roles import Domain
from ...residents import services as resident_services
from ...residents.models import Household, InvolvementKind, Resident
from ...residents.selectors import household_id_of
from .. import privacy, selectors
from ..labour_facts import UNKNOWN, labour_facts
from ..models import (
    Arrangement,
    CandidateProfile,
    MatchDecisionKind,
    OpeningStatus,
    Placement,
    PlacementCheck,
    PlacementState,
    ProfileStatus,
    Vacancy,
    WorkStartHandover,
)
from ..workflow import ACTIVE, WORKING, check_transition
from ._shared import CENT, _opening_ref, _raise, _reason, _resident_event, _rules


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
    if Placement.objects.filter(profile=profile, state__in=ACTIVE, **selectors.opening_filter(opening)).exists():
        errors["profile"] = _("Deze kandidaat is hier al voorgesteld.")
    _raise(errors)
    score, rank = selectors.candidate_score(user=actor, opening=opening, profile=profile)
    top = selectors.match_rules().top
    decision = selectors.match_decision_open(opening=opening, profile=profile)
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
        **selectors.opening_filter(opening),
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
    on = timezone.localdate()
    organisation = selectors.adviser_consented_organisation(user=actor, resident=resident, on=on)
    if organisation is None or selectors.adviser_involved(user=actor, household_id=household_id, on=on):
        return
    resident_services.involvement_start(
        actor=actor,
        household=Household(pk=household_id),
        organisation=organisation,
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
    working = Placement.objects.filter(state__in=WORKING, **selectors.opening_filter(opening)).count()
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
