"""The household's situation (what the regulations check reads) and applying for a regulation it does not use."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...core.dates import After, not_before_refuse
from ...organisations.roles import Domain
from ...residents.models import Household
from .. import rules_data, selectors
from ..models import Audience, HouseholdSituation, Regulation, RegulationUse, Reminder, ReminderKind, UseStatus
from ._shared import CHECK_ACTIVITY, _coordinator_recipient, _today

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


@transaction.atomic
def regulation_application_start(
    *,
    actor,
    household: Household,
    regulation: Regulation,
    on: date | None = None,
    channel: str | None = None,
    actor_follows_up: bool = True,
) -> RegulationUse:
    """Start an application for a regulation, pre-filled with what the household gave last time ("we gaan uit
    van de gegevens die de klant vorig jaar verstrekte"). The coordinator helps; the decision follows later.
    The follow-up reminder is the household coordinator's; without one it names the actor, unless the actor does
    not follow up (a resident applying in the portal: the reminder waits for the household's coordinator)."""
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
        recipient=_coordinator_recipient(household_id=household.pk, actor=actor) if actor_follows_up else None,
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
    not_before_refuse(use.valid_to, "valid_to", After(use.valid_from, _("de ingangsdatum van de regeling")))
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


@transaction.atomic
def regulation_application_by_resident(
    *, actor, household_id: int, regulation: Regulation, on: date | None = None, corrections: dict | None = None
) -> RegulationUse:
    """A resident applies in the portal: when they corrected last year's figures (income, assets), the household's
    situation is confirmed with them first, so the application is pre-filled with what they say now; both, or
    neither, land (one transaction)."""
    on = on or _today()
    household = Household.objects.get(pk=household_id)
    if corrections:
        household_situation_confirm(actor=actor, household=household, year=on.year, on=on, **corrections)
    return regulation_application_start(
        actor=actor, household=household, regulation=regulation, on=on, actor_follows_up=False
    )
