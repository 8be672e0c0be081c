"""Every change in bestaanszekerheid: one transaction, one event, and the processing of personal data logged.

Bad input raises Django's ValidationError with Dutch messages per field, and nothing is saved. Events carry
references, dates, codes and amounts of the Dienst's own decisions, never names, BSNs or free text (the event
stream is append-only and cannot be anonymised later); notes live in the tables that retention reaches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import selectors as access_selectors
from ..audit import services as audit
from ..core.periods import valid_on
from ..organisations.models import Organisation
from ..organisations.roles import Domain, Role
from ..residents import services as residents
from ..residents.models import Household, Involvement, InvolvementKind, Membership, Resident
from . import rules_data, selectors
from .bulk import insert_many
from .calculation import CalculationError, benefit_to_work_switch_plan, money, surplus_month
from .models import (
    AnnualReview,
    Audience,
    BenefitToWorkSwitch,
    CoordinatorHandover,
    CostSharerExclusion,
    Debts,
    FinancialFitnessReview,
    HouseholdSituation,
    IncomeReport,
    MakesEndsMeet,
    Regulation,
    RegulationUse,
    Reminder,
    ReminderKind,
    ReportSource,
    ReviewStatus,
    SocialAssistance,
    SurplusSettlement,
    UseStatus,
    WorkObligation,
)

ACTIVITY = "social-assistance"
CHECK_ACTIVITY = "entitlement-check"
MIN_HANDOVER_NOTE = 20
LOG_CHUNK = 10_000


def _today() -> date:
    return timezone.localdate()


def _lock_benefit(benefit: SocialAssistance) -> SocialAssistance:
    return SocialAssistance.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=benefit.pk)


def _is_coordinator_at(user, organisation: Organisation) -> bool:
    return user.affiliations.filter(organisation=organisation, role=Role.COORDINATOR).exists()


# --- The benefit and its fixed coordinator ------------------------------------------------------------------


@transaction.atomic
def social_assistance_grant(
    *,
    actor,
    household: Household,
    client: Resident,
    organisation: Organisation,
    coordinator,
    started_on: date,
    work_obligation: str = WorkObligation.OBLIGED,
    surplus_settlement: bool = False,
    channel: str | None = None,
) -> SocialAssistance:
    """Record social assistance for a household. A benefit needs a fixed coordinator (vaste regiehouder): the
    household's coordinator if it has one, else the one named here, who then becomes it."""
    errors: dict[str, str] = {}
    if coordinator is None:
        errors["coordinator"] = _("Iedere inwoner met bijstand heeft een vaste regiehouder. Kies de regiehouder.")
    elif not _is_coordinator_at(coordinator, organisation):
        errors["coordinator"] = _("De regiehouder is een regisseur of klantmanager van de uitvoerder.")
    if work_obligation not in WorkObligation.values:
        errors["work_obligation"] = _("Kies of de inwoner een arbeidsverplichting heeft.")
    if (
        not Membership.objects.filter(household=household, resident=client, valid_from__lte=started_on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=started_on))
        .exists()
    ):
        errors["client"] = _("De aanvrager hoort op de ingangsdatum bij dit huishouden.")
    if errors:
        raise ValidationError(errors)
    Household.objects.select_for_update(of=("self",)).filter(pk=household.pk).first()
    if SocialAssistance.objects.filter(household=household, ended_on__isnull=True).exists():
        raise ValidationError({"household": _("Dit huishouden heeft al een lopende bijstandsuitkering.")})
    present = (
        Involvement.objects.filter(household=household, kind=InvolvementKind.COORDINATOR, valid_from__lte=started_on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=started_on))
        .first()
    )
    if present is not None and present.user_id != coordinator.pk:
        raise ValidationError(
            {
                "coordinator": _(
                    "Dit huishouden heeft al een regisseur; één huishouden heeft één regisseur. Kies die regisseur, "
                    "of draag eerst over met een warme overdracht."
                )
            }
        )
    if present is None:
        present = residents.involvement_start(
            actor=actor,
            household=household,
            organisation=organisation,
            user=coordinator,
            kind=InvolvementKind.COORDINATOR,
            domain=Domain.PARTICIPATION,
            reason=_("Bijstand (Participatiewet): vaste regiehouder"),
            valid_from=started_on,
        )
    benefit = SocialAssistance(
        household=household,
        client=client,
        organisation=organisation,
        started_on=started_on,
        work_obligation=work_obligation,
        surplus_settlement=surplus_settlement,
    )
    benefit.full_clean(exclude=["household", "client", "organisation"])
    benefit.save()
    audit.action_record(
        actor=actor,
        action="social_assistance.granted",
        subject=benefit,
        household_id=household.pk,
        after={
            "coordinator": coordinator.pk,
            "organisation": organisation.code,
            "started_on": started_on,
            "work_obligation": work_obligation,
            "surplus_settlement": surplus_settlement,
        },
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        on=started_on,
        channel=channel,
    )
    return benefit


def _open_case(household_id: int):
    """The household's open case in the access app, if there is one (the broad intake lives there)."""
    return access_selectors.open_case_of(household_id=household_id)


@transaction.atomic
def coordinator_reassign(
    *,
    actor,
    benefit: SocialAssistance,
    to_user,
    handed_over_on: date,
    meeting_on: date | None,
    client_consented: bool,
    note: str,
    channel: str | None = None,
) -> CoordinatorHandover:
    """Reassign the fixed coordinator with a warm handover: a conversation with the client, old and new
    coordinator, with the client's consent, and a note for the new coordinator. The household's coordinator moves
    with it (through the open case when there is one), so the household keeps exactly one."""
    benefit = _lock_benefit(benefit)
    note = (note or "").strip()
    errors: dict[str, str] = {}
    if benefit.ended_on is not None and benefit.ended_on <= handed_over_on:
        errors["handed_over_on"] = _("De uitkering is op die datum al beëindigd.")
    if to_user is None:
        errors["to_user"] = _("Kies de nieuwe regiehouder.")
    elif to_user.pk == benefit.coordinator_id:
        errors["to_user"] = _("Draag over aan een andere regiehouder.")
    elif not _is_coordinator_at(to_user, benefit.organisation):
        errors["to_user"] = _("De regiehouder is een regisseur of klantmanager van de uitvoerder.")
    if meeting_on is None:
        errors["meeting_on"] = _("Een warme overdracht begint met een gesprek met de inwoner: leg de datum vast.")
    elif meeting_on > _today():
        errors["meeting_on"] = _("Deze datum ligt in de toekomst.")
    if not client_consented:
        errors["client_consented"] = _("Een warme overdracht gebeurt met instemming van de inwoner.")
    if len(note) < MIN_HANDOVER_NOTE:
        errors["note"] = _(
            "Schrijf een overdrachtsnotitie van ten minste %(n)d tekens: wat moet de nieuwe regiehouder weten?"
        ) % {"n": MIN_HANDOVER_NOTE}
    if handed_over_on < benefit.started_on:
        errors["handed_over_on"] = _("Deze datum ligt vóór de ingangsdatum van de uitkering.")
    if errors:
        raise ValidationError(errors)
    from_user_id = benefit.coordinator_id
    # counted before the handover, which moves them (income's listener on the household's coordinator)
    moved = AnnualReview.objects.filter(benefit=benefit, status=ReviewStatus.PLANNED).count()
    case = _open_case(benefit.household_id)
    if case is not None:
        from ..access import services as access_services

        access_services.coordinator_transfer(
            actor=actor,
            case=case,
            to_user=to_user,
            to_organisation=benefit.organisation,
            note=note,
            resident_informed_on=meeting_on,
            handed_over_on=handed_over_on,
            channel=channel,
        )
    else:
        residents.coordinator_hand_over(
            actor=actor,
            household=Household(pk=benefit.household_id),
            to_user=to_user,
            organisation=benefit.organisation,
            on=handed_over_on,
            reason=_("Bijstand (Participatiewet): vaste regiehouder na warme overdracht"),
        )
    handover = CoordinatorHandover(
        benefit=benefit,
        from_user_id=from_user_id,
        to_user=to_user,
        handed_over_on=handed_over_on,
        meeting_on=meeting_on,
        client_consented=client_consented,
        note=note,
        recorded_by=actor,
    )
    handover.save()
    # Planned conversations go with the client to the new coordinator (also when handed over on the case).
    AnnualReview.objects.filter(benefit=benefit, status=ReviewStatus.PLANNED).update(coordinator=to_user)
    Reminder.objects.filter(benefit=benefit, audience=Audience.COORDINATOR, done_at__isnull=True).update(
        recipient=to_user
    )
    audit.action_record(
        actor=actor,
        action="social_assistance.coordinator_reassigned",
        subject=benefit,
        household_id=benefit.household_id,
        before={"coordinator": from_user_id},
        after={
            "coordinator": to_user.pk,
            "handed_over_on": handed_over_on,
            "meeting_on": meeting_on,
            "planned_reviews_moved": moved,
            "through_case": case.pk if case is not None else None,
        },
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        channel=channel,
    )
    return handover


@transaction.atomic
def social_assistance_end(*, actor, benefit: SocialAssistance, ended_on: date, reason: str) -> SocialAssistance:
    """End the benefit from `ended_on` (the first day without). Planned conversations after it lapse."""
    benefit = _lock_benefit(benefit)
    if benefit.ended_on is not None:
        raise ValidationError({"ended_on": _("Deze uitkering is al beëindigd.")})
    if ended_on <= benefit.started_on:
        raise ValidationError({"ended_on": _("De einddatum ligt niet na de ingangsdatum.")})
    if not (reason or "").strip():
        raise ValidationError({"end_reason": _("Geef de reden van beëindiging.")})
    benefit.ended_on = ended_on
    benefit.end_reason = reason.strip()
    benefit.save(update_fields=["ended_on", "end_reason"])
    AnnualReview.objects.filter(benefit=benefit, status=ReviewStatus.PLANNED, planned_on__gte=ended_on).update(
        status=ReviewStatus.CANCELLED
    )
    audit.action_record(
        actor=actor,
        action="social_assistance.ended",
        subject=benefit,
        household_id=benefit.household_id,
        after={"ended_on": ended_on},
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
    )
    return benefit


@transaction.atomic
def cost_sharer_exclusion_record(
    *, actor, household: Household, resident: Resident, reason: str, valid_from: date, valid_to: date | None = None
) -> CostSharerExclusion:
    """A housemate who does not count for the cost-sharer norm: a student, or a commercial relationship."""
    exclusion = CostSharerExclusion(
        household=household,
        resident=resident,
        reason=reason,
        valid_from=valid_from,
        valid_to=valid_to,
        recorded_by=actor,
    )
    exclusion.full_clean(exclude=["household", "resident", "recorded_by"])
    if not Membership.objects.filter(valid_on(valid_from), household=household, resident=resident).exists():
        raise ValidationError({"resident": _("Deze inwoner woont op die datum niet in dit huishouden.")})
    exclusion.save()
    audit.action_record(
        actor=actor,
        action="cost_sharer_exclusion.recorded",
        subject=exclusion,
        household_id=household.pk,
        after={"resident": resident.pk, "reason": reason, "valid_from": valid_from, "valid_to": valid_to},
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        on=valid_from,
    )
    return exclusion


# --- The household's situation (what the regulations check reads) -----------------------------------------------

SITUATION_FIELDS = (
    "monthly_income",
    "assets",
    "chronic_illness",
    "student_with_disability",
    "low_income_since",
    "income_prospect",
    "special_costs",
)


@transaction.atomic
def household_situation_confirm(*, actor, household: Household, year: int, on: date, **values) -> HouseholdSituation:
    """Confirm the household's situation for `year` with the client; it starts from last year's values."""
    unknown = set(values) - set(SITUATION_FIELDS)
    if unknown:
        raise ValidationError({name: _("Dit gegeven hoort niet bij de situatie.") for name in sorted(unknown)})
    previous = selectors.household_situation_latest(household_id=household.pk, year=year - 1)
    situation = (
        HouseholdSituation.objects.select_for_update(of=("self",)).filter(household=household, year=year).first()
    )
    created = situation is None
    if created:
        situation = selectors.household_situation_prefill(household_id=household.pk, year=year, on=on)
    before = {f: getattr(situation, f) for f in SITUATION_FIELDS} if not created else None
    for name, value in values.items():
        setattr(situation, name, value)
    if situation.low_income_since and situation.low_income_since > on:
        raise ValidationError({"low_income_since": _("Deze datum ligt in de toekomst.")})
    situation.prefilled_from = situation.prefilled_from or previous
    situation.confirmed_on = on
    situation.confirmed_by = actor
    situation.full_clean(exclude=["household", "prefilled_from", "confirmed_by"])
    situation.save()
    changed = [f for f in SITUATION_FIELDS if before is None or before[f] != getattr(situation, f)]
    audit.action_record(
        actor=actor,
        action="household_situation.confirmed",
        subject=situation,
        household_id=household.pk,
        after={"year": year, "prefilled_from": situation.prefilled_from_id, "changed": changed},
        domain=Domain.PARTICIPATION,
        purpose=CHECK_ACTIVITY,
        on=on,
    )
    return situation


# --- The yearly conversation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanReport:
    year: int
    planned: int
    coordinators: int
    first: date | None
    last: date | None


@transaction.atomic
def annual_reviews_plan(*, actor=None, year: int, start: date | None = None) -> PlanReport:
    """Plan this year's conversation for every client who has none yet, spread evenly over each coordinator's
    working days; those whose last conversation (or start) is longest ago come first. Set-based: a few queries and
    bulk inserts whatever the number of clients. Running it again plans only the clients that are new."""
    from .planning import annual_reviews_schedule

    practice = selectors.practice()
    schedule = annual_reviews_schedule(year=year, start=start, practice=practice)
    planned = insert_many(
        AnnualReview,
        ("benefit", "household", "coordinator", "year", "planned_on", "status", "life_changes", "contact", "note"),
        (
            (b, h, c, year, date.fromordinal(d), ReviewStatus.PLANNED, "[]", "", "")
            for b, h, c, d in zip(
                schedule.benefit_ids.tolist(),
                schedule.household_ids.tolist(),
                schedule.coordinator_ids.tolist(),
                schedule.planned.tolist(),
                strict=True,
            )
        ),
    )
    report = PlanReport(
        year=year,
        planned=planned,
        coordinators=len(set(schedule.coordinator_ids.tolist())),
        first=date.fromordinal(int(schedule.planned.min())) if planned else None,
        last=date.fromordinal(int(schedule.planned.max())) if planned else None,
    )
    audit.action_record(
        actor=actor,
        action="annual_reviews.planned",
        subject=("annual_review_plan", year),
        after={"domain": Domain.PARTICIPATION, "planned": report.planned, "coordinators": report.coordinators},
    )
    for start_index in range(0, planned, LOG_CHUNK):  # one entry per client, written in chunks to bound memory
        audit.action_record(
            actor=actor,
            purpose=ACTIVITY,
            data_subjects=[audit.pseudonym(b) for b in schedule.client_bsns[start_index : start_index + LOG_CHUNK]],
            channel="batch",
            reason=f"jaarplanning {year}",
        )
    return report


@transaction.atomic
def annual_review_reminders_send(*, on: date) -> int:
    """Remind coordinators (and invite clients) for conversations planned in the coming days; once per review."""
    days = int(selectors.practice()["annual_review"]["reminder_days_before"])
    due = list(
        AnnualReview.objects.filter(
            status=ReviewStatus.PLANNED,
            reminded_on__isnull=True,
            planned_on__gte=on,
            planned_on__lte=on + timedelta(days=days),
        ).values_list("pk", "benefit_id", "household_id", "coordinator_id", "planned_on")
    )
    reminders = []
    for pk, benefit_id, household_id, coordinator_id, planned_on in due:
        when = planned_on.strftime("%d-%m-%Y")
        reminders.append(
            Reminder(
                audience=Audience.COORDINATOR,
                recipient_id=coordinator_id,
                household_id=household_id,
                benefit_id=benefit_id,
                annual_review_id=pk,
                kind=ReminderKind.ANNUAL_REVIEW_DUE,
                due_on=planned_on,
                message=_("Jaarlijks gesprek gepland op %(date)s: nodig de inwoner uit.") % {"date": when},
            )
        )
        reminders.append(
            Reminder(
                audience=Audience.CLIENT,
                household_id=household_id,
                benefit_id=benefit_id,
                annual_review_id=pk,
                kind=ReminderKind.ANNUAL_REVIEW_DUE,
                due_on=planned_on,
                message=_("Uw jaarlijkse gesprek met uw regiehouder is op %(date)s.") % {"date": when},
            )
        )
    Reminder.objects.bulk_create(reminders, batch_size=5000, ignore_conflicts=True)
    AnnualReview.objects.filter(pk__in=[row[0] for row in due]).update(reminded_on=on)
    audit.action_record(
        actor=None,
        action="annual_reviews.reminded",
        subject=("annual_review_reminders", on.isoformat()),
        after={"domain": Domain.PARTICIPATION, "reviews": len(due)},
    )
    return len(due)


def _financial_fitness_check(*, makes_ends_meet, daily_meal, debts, debt_referral) -> None:
    errors: dict[str, str] = {}
    if makes_ends_meet not in MakesEndsMeet.values:
        errors["makes_ends_meet"] = _("Vraag of de inwoner kan rondkomen.")
    if daily_meal is None:
        errors["daily_meal"] = _("Vraag of de inwoner elke dag een maaltijd kan betalen.")
    if debts not in Debts.values:
        errors["debts"] = _("Vraag of er schulden zijn.")
    elif debts == Debts.NONE and debt_referral:
        errors["debt_referral"] = _("Zonder schulden is er geen verwijzing naar schuldhulpverlening.")
    if errors:
        raise ValidationError(errors)


def _financial_fitness_save(
    *,
    actor,
    household_id: int,
    benefit: SocialAssistance | None,
    held_on: date,
    makes_ends_meet: str,
    daily_meal: bool,
    debts: str,
    debt_referral: bool,
    note: str,
    case_id: int | None,
    annual_review: AnnualReview | None,
) -> FinancialFitnessReview:
    practice = selectors.practice()
    not_used = [
        e.regulation.code
        for e in selectors.entitlement_check_household(household_id=household_id, on=held_on)
        if e.entitled and not e.used
    ]
    review = FinancialFitnessReview.objects.create(
        household_id=household_id,
        benefit=benefit,
        annual_review=annual_review,
        case_id=case_id,
        held_on=held_on,
        makes_ends_meet=makes_ends_meet,
        daily_meal=daily_meal,
        debts=debts,
        debt_referral=debt_referral,
        debt_referral_building_block=practice["financial_fitness"]["debt_referral_building_block"]
        if debt_referral
        else "",
        regulations_not_used=not_used,
        note=(note or "").strip(),
        recorded_by=actor,
    )
    if debt_referral:
        Reminder.objects.create(
            audience=Audience.COORDINATOR,
            recipient=benefit.coordinator if benefit else actor,
            household_id=household_id,
            benefit=benefit,
            kind=ReminderKind.DEBT_REFERRAL,
            due_on=held_on + timedelta(days=rules_data.value("debt_referral_follow_up_days")),
            message=_("Volg de verwijzing naar schuldhulpverlening op: is het eerste gesprek gepland?"),
        )
    return review


@transaction.atomic
def financial_fitness_record(
    *,
    actor,
    household: Household,
    held_on: date,
    makes_ends_meet: str,
    daily_meal: bool | None,
    debts: str,
    debt_referral: bool = False,
    note: str = "",
    case_id: int | None = None,
    channel: str | None = None,
) -> FinancialFitnessReview:
    """The financieel-fit conversation on its own, for instance as part of the broad intake of a case."""
    _financial_fitness_check(
        makes_ends_meet=makes_ends_meet, daily_meal=daily_meal, debts=debts, debt_referral=debt_referral
    )
    if held_on > _today():
        raise ValidationError({"held_on": _("Deze datum ligt in de toekomst.")})
    if case_id is not None and not access_selectors.case_of_household_exists(
        case_id=case_id, household_id=household.pk
    ):
        raise ValidationError({"case_id": _("Deze casus hoort niet bij dit huishouden.")})
    benefit = selectors.benefit_for_household(household_id=household.pk, on=held_on)
    review = _financial_fitness_save(
        actor=actor,
        household_id=household.pk,
        benefit=benefit,
        held_on=held_on,
        makes_ends_meet=makes_ends_meet,
        daily_meal=daily_meal,
        debts=debts,
        debt_referral=debt_referral,
        note=note,
        case_id=case_id,
        annual_review=None,
    )
    audit.action_record(
        actor=actor,
        action="financial_fitness.recorded",
        subject=review,
        household_id=household.pk,
        after={
            "held_on": held_on,
            "case": case_id,
            "debt_referral": debt_referral,
            "regulations_not_used": review.regulations_not_used,
        },
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        on=held_on,
        channel=channel,
    )
    return review


@transaction.atomic
def annual_review_record(
    *,
    actor,
    review: AnnualReview,
    held_on: date,
    contact: str,
    life_changes: list[str],
    note: str,
    situation: dict,
    makes_ends_meet: str,
    daily_meal: bool | None,
    debts: str,
    debt_referral: bool = False,
    fitness_note: str = "",
    channel: str | None = None,
) -> AnnualReview:
    """Record the yearly conversation: changes in life the client must report, the household's situation
    confirmed (pre-filled from last year), and the financieel-fit questions. Then the regulations check runs on
    the confirmed situation, so the coordinator sees at once what the household does not use."""
    review = AnnualReview.objects.select_for_update(of=("self",)).select_related("benefit").get(pk=review.pk)
    practice = selectors.practice()
    known_changes = {c["code"] for c in practice["life_changes"]}
    errors: dict[str, str] = {}
    if review.status != ReviewStatus.PLANNED:
        errors["held_on"] = _("Dit gesprek is al vastgelegd.")
    if held_on > _today():
        errors["held_on"] = _("Deze datum ligt in de toekomst.")
    elif held_on < review.benefit.started_on:
        errors["held_on"] = _("Deze datum ligt vóór de ingangsdatum van de uitkering.")
    if not contact:
        errors["contact"] = _("Kies hoe het gesprek is gevoerd.")
    if set(life_changes) - known_changes:
        errors["life_changes"] = _("Kies veranderingen uit de lijst.")
    try:
        _financial_fitness_check(
            makes_ends_meet=makes_ends_meet, daily_meal=daily_meal, debts=debts, debt_referral=debt_referral
        )
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    household = Household(pk=review.household_id)
    household_situation_confirm(actor=actor, household=household, year=held_on.year, on=held_on, **situation)
    review.status = ReviewStatus.HELD
    review.held_on = held_on
    review.contact = contact
    review.life_changes = sorted(set(life_changes))
    review.note = (note or "").strip()
    review.recorded_by = actor
    review.full_clean(exclude=["benefit", "household", "coordinator", "recorded_by"])
    review.save()
    fitness = _financial_fitness_save(
        actor=actor,
        household_id=review.household_id,
        benefit=review.benefit,
        held_on=held_on,
        makes_ends_meet=makes_ends_meet,
        daily_meal=daily_meal,
        debts=debts,
        debt_referral=debt_referral,
        note=fitness_note,
        case_id=getattr(_open_case(review.household_id), "pk", None),
        annual_review=review,
    )
    Reminder.objects.filter(annual_review=review, done_at__isnull=True).update(done_at=timezone.now())
    audit.action_record(
        actor=actor,
        action="annual_review.held",
        subject=review,
        household_id=review.household_id,
        after={
            "year": review.year,
            "held_on": held_on,
            "contact": contact,
            "life_changes": review.life_changes,
            "debt_referral": debt_referral,
            "regulations_not_used": fitness.regulations_not_used,
        },
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        on=held_on,
        channel=channel,
    )
    return review


@transaction.atomic
def annual_review_unplanned_create(*, actor, benefit: SocialAssistance, on: date) -> AnnualReview:
    """A conversation for this year outside the plan (for instance at the client's request)."""
    if AnnualReview.objects.filter(benefit=benefit, year=on.year).exists():
        raise ValidationError({"year": _("Voor dit jaar is al een gesprek gepland.")})
    review = AnnualReview.objects.create(
        benefit=benefit,
        household_id=benefit.household_id,
        coordinator_id=benefit.coordinator_id,
        year=on.year,
        planned_on=on,
    )
    audit.action_record(
        actor=actor,
        action="annual_review.planned",
        subject=review,
        household_id=benefit.household_id,
        after={"year": on.year, "planned_on": on},
        domain=Domain.PARTICIPATION,
    )
    return review


# --- Regulations: applying for one the household does not use -------------------------------------------------------


@transaction.atomic
def regulation_application_start(
    *, actor, household: Household, regulation: Regulation, on: date | None = None, channel: str | None = None
) -> RegulationUse:
    """Start an application for a regulation, pre-filled with what the household gave last time ("we gaan uit
    van de gegevens die de klant vorig jaar verstrekte"). The coordinator helps; the decision follows later."""
    on = on or _today()
    if not regulation.is_in_force_on(on):
        raise ValidationError({"regulation": _("Deze regeling geldt niet op deze datum.")})
    situation = selectors.household_situation_latest(household_id=household.pk, year=on.year)
    prefilled = {}
    if situation is not None:
        prefilled = {
            "year": situation.year,
            "monthly_income": str(situation.monthly_income),
            "assets": str(situation.assets),
            "confirmed_on": situation.confirmed_on.isoformat() if situation.confirmed_on else None,
        }
    use = RegulationUse(
        household=household,
        regulation=regulation,
        status=UseStatus.APPLIED,
        applied_on=on,
        prefilled=prefilled,
        started_by=actor,
    )
    try:
        with transaction.atomic():
            use.save()
    except IntegrityError as error:
        raise ValidationError(
            {"regulation": _("Dit huishouden heeft deze regeling al aangevraagd of ontvangt haar al.")}
        ) from error
    benefit = selectors.benefit_for_household(household_id=household.pk, on=on)
    Reminder.objects.create(
        audience=Audience.COORDINATOR,
        recipient=benefit.coordinator if benefit else actor,
        household=household,
        benefit=benefit,
        kind=ReminderKind.REGULATION_APPLICATION,
        due_on=on + timedelta(days=rules_data.value("regulation_application_follow_up_days")),
        message=_("Volg de aanvraag %(name)s op.") % {"name": regulation.name},
    )
    audit.action_record(
        actor=actor,
        action="regulation.application_started",
        subject=use,
        household_id=household.pk,
        after={"regulation": regulation.code, "applied_on": on, "prefilled_year": prefilled.get("year")},
        domain=Domain.PARTICIPATION,
        purpose=CHECK_ACTIVITY,
        on=on,
        channel=channel,
    )
    return use


@transaction.atomic
def regulation_use_decide(
    *, actor, use: RegulationUse, status: str, valid_from: date | None = None, valid_to: date | None = None
) -> RegulationUse:
    """Record the decision on an application (granted or refused), or the end of a regulation in use."""
    use = RegulationUse.objects.select_for_update(of=("self",)).select_related("regulation").get(pk=use.pk)
    allowed = {UseStatus.APPLIED: {UseStatus.GRANTED, UseStatus.REFUSED}, UseStatus.GRANTED: {UseStatus.ENDED}}
    if status not in allowed.get(use.status, set()):
        raise ValidationError({"status": _("Deze stap kan niet vanuit de huidige status.")})
    if status == UseStatus.GRANTED and valid_from is None:
        raise ValidationError({"valid_from": _("Geef aan vanaf wanneer de regeling is toegekend.")})
    before = use.status
    use.status = status
    use.valid_from = valid_from if status == UseStatus.GRANTED else use.valid_from
    use.valid_to = valid_to
    use.full_clean(exclude=["household", "regulation", "started_by"])
    use.save()
    audit.action_record(
        actor=actor,
        action=f"regulation.{status}",
        subject=use,
        household_id=use.household_id,
        before={"status": before},
        after={"regulation": use.regulation.code, "status": status, "valid_from": valid_from, "valid_to": valid_to},
        domain=Domain.PARTICIPATION,
        purpose=CHECK_ACTIVITY,
    )
    return use


# --- Earnings, the surplus settlement and simple switching -----------------------------------------------------


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


@transaction.atomic
def income_report_submit(
    *,
    actor,
    benefit: SocialAssistance,
    month: date,
    net_earnings: Decimal,
    other_income: Decimal = Decimal("0"),
    hours: Decimal | None = None,
    note: str = "",
    source: str = ReportSource.STAFF,
    channel: str | None = None,
) -> IncomeReport:
    """The client reports a month's earnings (simplified form); a second report for the month corrects it.

    For a client in the surplus settlement the month is settled at once against the advance paid for it.
    """
    benefit = _lock_benefit(benefit)
    month = _first_of_month(month)
    errors: dict[str, str] = {}
    if net_earnings is None or net_earnings < 0:
        errors["net_earnings"] = _("Vul de netto inkomsten in (0 als er geen waren).")
    if other_income is not None and other_income < 0:
        errors["other_income"] = _("Inkomsten kunnen niet negatief zijn.")
    if month > _first_of_month(_today()):
        errors["month"] = _("Inkomsten geeft u door over een maand die begonnen is.")
    if month < _first_of_month(benefit.started_on) or (benefit.ended_on and month >= benefit.ended_on):
        errors["month"] = _("In die maand liep de uitkering niet.")
    if source not in ReportSource.values:
        errors["source"] = _("Kies wie de inkomsten doorgeeft.")
    if errors:
        raise ValidationError(errors)
    report = IncomeReport.objects.filter(benefit=benefit, month=month).first()
    corrected = report is not None
    before = {"net_earnings": report.net_earnings, "other_income": report.other_income} if corrected else None
    if report is None:
        report = IncomeReport(benefit=benefit, month=month)
    report.net_earnings = money(net_earnings)
    report.other_income = money(other_income or 0)
    report.hours = hours
    report.note = (note or "").strip()
    report.source = source
    report.reported_by = actor
    report.full_clean(exclude=["benefit", "reported_by"])
    report.save()
    if report.net_earnings > 0 and benefit.earnings_disregard_from is None:
        benefit.earnings_disregard_from = month
        benefit.save(update_fields=["earnings_disregard_from"])
    settlement = None
    if benefit.surplus_settlement:
        settlement = _surplus_settle(benefit=benefit, month=month)
    audit.action_record(
        actor=actor,
        action="income_report.corrected" if corrected else "income_report.submitted",
        subject=report,
        household_id=benefit.household_id,
        before=before,
        after={
            "month": month,
            "net_earnings": report.net_earnings,
            "other_income": report.other_income,
            "source": source,
            "settlement": settlement.settlement if settlement else None,
        },
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        channel=channel,
    )
    return report


def _surplus_settle(*, benefit: SocialAssistance, month: date) -> SurplusSettlement:
    """Settle one month: the advance paid for it was the benefit on last month's earnings (practice.yaml)."""
    calculation = selectors.benefit_calculation_get(benefit=benefit, month=month)
    previous = _first_of_month(month - timedelta(days=1))
    advance_calculation = selectors.benefit_calculation_get(benefit=benefit, month=month, earnings_month=previous)
    try:
        result = surplus_month(
            norm=calculation.norm,
            earnings=calculation.earnings,
            disregard=calculation.disregard,
            advance=advance_calculation.benefit,
        )
    except CalculationError as error:
        raise ValidationError(str(error)) from error
    settlement, _created = SurplusSettlement.objects.update_or_create(
        benefit=benefit,
        month=month,
        defaults={
            "norm": result.norm,
            "earnings": result.earnings,
            "disregard": result.disregard,
            "due": result.due,
            "advance": result.advance,
            "settlement": result.settlement,
            "income": result.income,
        },
    )
    return settlement


@transaction.atomic
def benefit_to_work_switch_record(
    *,
    actor,
    benefit: SocialAssistance,
    work_start: date,
    first_salary_on: date,
    net_monthly_salary: Decimal,
    hours_per_week: Decimal | None = None,
    channel: str | None = None,
) -> BenefitToWorkSwitch:
    """Simpel switchen: the client starts work. The benefit bridges to the first salary and stops that day; the
    settlement is computed, and the client and coordinator are told what happens when (reminders)."""
    benefit = _lock_benefit(benefit)
    errors: dict[str, str] = {}
    if benefit.ended_on is not None:
        errors["work_start"] = _("De uitkering is al beëindigd.")
    if hasattr(benefit, "work_switch"):
        errors["work_start"] = _("De overstap naar werk is al vastgelegd.")
    if work_start < benefit.started_on:
        errors["work_start"] = _("De eerste werkdag ligt vóór de ingangsdatum van de uitkering.")
    if first_salary_on < work_start:
        errors["first_salary_on"] = _("Het eerste salaris komt niet vóór de eerste werkdag.")
    if net_monthly_salary is None or net_monthly_salary <= 0:
        errors["net_monthly_salary"] = _("Vul het netto salaris per maand in.")
    if errors:
        raise ValidationError(errors)
    practice = selectors.practice()["benefit_to_work_switch"]
    calculation = selectors.benefit_calculation_get(
        benefit=benefit, month=_first_of_month(work_start), earnings_month=None
    )
    try:
        plan = benefit_to_work_switch_plan(
            monthly_benefit=calculation.benefit,
            work_start=work_start,
            first_salary_on=first_salary_on,
            net_monthly_salary=net_monthly_salary,
            settle_bridging_earnings=bool(practice["settle_bridging_earnings"]),
            instalment_max=Decimal(str(practice["instalment_max"])),
            first_payslip_check_days=int(practice["first_payslip_check_days"]),
        )
    except CalculationError as error:
        raise ValidationError(str(error)) from error
    switch = BenefitToWorkSwitch.objects.create(
        benefit=benefit,
        work_start=work_start,
        first_salary_on=first_salary_on,
        net_monthly_salary=money(net_monthly_salary),
        hours_per_week=hours_per_week,
        end_date=plan.end_date,
        bridging_benefit=plan.bridging_benefit,
        settlement=plan.settlement,
        instalments=plan.instalments,
        instalment_amount=plan.instalment_amount,
        recorded_by=actor,
    )
    benefit.ended_on = plan.end_date
    benefit.end_reason = _("Aan het werk (simpel switchen)")
    benefit.save(update_fields=["ended_on", "end_reason"])
    AnnualReview.objects.filter(benefit=benefit, status=ReviewStatus.PLANNED, planned_on__gte=plan.end_date).update(
        status=ReviewStatus.CANCELLED
    )
    kinds = [ReminderKind.WORK_STARTS, ReminderKind.BENEFIT_ENDS, ReminderKind.FIRST_PAYSLIP, ReminderKind.SETTLEMENT]
    reminders = []
    for moment, kind in zip(plan.moments, kinds, strict=True):
        for audience in moment.audiences:
            reminders.append(
                Reminder(
                    audience=audience,
                    recipient=benefit.coordinator if audience == Audience.COORDINATOR else None,
                    household_id=benefit.household_id,
                    benefit=benefit,
                    kind=kind,
                    due_on=moment.on,
                    message=moment.text[:300],
                )
            )
    Reminder.objects.bulk_create(reminders)
    audit.action_record(
        actor=actor,
        action="social_assistance.switched_to_work",
        subject=benefit,
        household_id=benefit.household_id,
        after={
            "work_start": work_start,
            "first_salary_on": first_salary_on,
            "ended_on": plan.end_date,
            "bridging_benefit": plan.bridging_benefit,
            "settlement": plan.settlement,
            "instalments": plan.instalments,
        },
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
        channel=channel,
    )
    return switch


@transaction.atomic
def reminder_done(*, actor, reminder: Reminder) -> Reminder:
    reminder = Reminder.objects.select_for_update(of=("self",)).get(pk=reminder.pk)
    if reminder.done_at is not None:
        raise ValidationError(_("Deze herinnering is al afgehandeld."))
    reminder.done_at = timezone.now()
    reminder.save(update_fields=["done_at"])
    audit.action_record(
        actor=actor,
        action="reminder.done",
        subject=reminder,
        household_id=reminder.household_id,
        after={"kind": reminder.kind},
        domain=Domain.PARTICIPATION,
    )
    return reminder
