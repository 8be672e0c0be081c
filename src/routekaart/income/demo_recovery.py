"""Recovery in the demo municipality, for `handhaving` (klantbeheer): a claim after earnings reported late, settled
against the benefit within the beslagvrije voet, and a claim after a changed household paid off by payment plan,
with a first transfer received.

Registered in settings.ROUTEKAART_DEMO_GENERATORS after income's generator. Everything goes through the real
services (the income report, the claim, the arrangement, the payment), so the events and the processing log are
the product's own. A second call changes nothing: the Dienst's klantbeheer already has its claims.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .calculation import CalculationError
from .models import ArrangementKind, Claim, ClaimReason, SocialAssistance
from .services import income_report_submit
from .services import recovery as services

ACCOUNT = "handhaving"
SETTLEMENT_AT_MOST = Decimal("50.00")


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _first_of_previous_month(day: date) -> date:
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def _candidates(organisation_ids: set[int], today: date) -> list[SocialAssistance]:
    """Running benefits of the Dienst for a year or more whose household has no claim yet, oldest first."""
    with_claims = Claim.objects.values("household_id")
    return list(
        SocialAssistance.objects.filter(
            organisation_id__in=organisation_ids,
            ended_on__isnull=True,
            started_on__lte=today - timedelta(days=365),
            surplus_settlement=False,  # the surplus scheme settles late earnings itself
        )
        .exclude(household_id__in=with_claims)
        .exclude(income_reports__month=_first_of_previous_month(today))
        .select_related("client", "organisation")
        .order_by("started_on", "pk")[:20]
    )


def _after_income_report(user, benefit: SocialAssistance, today: date) -> Claim:
    """Last month's earnings reported only now: the overpaid benefit recovered and settled monthly."""
    month = _first_of_previous_month(today)
    reporter = benefit.coordinator or user
    income_report_submit(actor=reporter, benefit=benefit, month=month, net_earnings=Decimal("420.00"))
    claim = services.claim_from_income_report(
        actor=user,
        benefit=benefit,
        month_from=month,
        month_to=month,
        explanation=(
            "De inkomsten uit de bijbaan van vorige maand zijn pas na de betaling van de uitkering doorgegeven. "
            "Daardoor is over die maand te veel bijstand betaald."
        ),
        established_on=today,
    )
    _protected, room, _problem = services.arrangement_limit(claim=claim, starts_on=today)
    services.arrangement_agree(
        actor=user,
        claim=claim,
        kind=ArrangementKind.SETTLEMENT,
        monthly_amount=min(room or SETTLEMENT_AT_MOST, SETTLEMENT_AT_MOST),
        starts_on=(today.replace(day=28) + timedelta(days=4)).replace(day=1),
        agreed_on=today,
    )
    return claim


def _after_household_change(user, benefit: SocialAssistance, today: date) -> Claim:
    """A partner who lived at the address unreported: the claim paid off by a payment plan, a first transfer in."""
    established_on = today - timedelta(days=60)
    claim = services.claim_establish(
        actor=user,
        household_id=benefit.household_id,
        debtor_id=benefit.client_id,
        benefit_id=benefit.pk,
        kind="recovery",
        reason=ClaimReason.HOUSEHOLD_CHANGE,
        explanation=(
            "Over deze periode woonde er een partner op het adres. Daardoor gold de norm voor gehuwden en is te "
            "veel bijstand betaald als alleenstaande."
        ),
        period_from=_first_of_previous_month(established_on - timedelta(days=90)),
        period_to=_first_of_previous_month(established_on) - timedelta(days=1),
        principal=Decimal("1850.00"),
        established_on=established_on,
    )
    services.arrangement_agree(
        actor=user,
        claim=claim,
        kind=ArrangementKind.PAYMENT_PLAN,
        monthly_amount=Decimal("40.00"),
        starts_on=established_on + timedelta(days=14),
        agreed_on=established_on + timedelta(days=7),
    )
    services.payment_record(
        actor=user, claim=claim, amount=Decimal("40.00"), received_on=established_on + timedelta(days=20)
    )
    return claim


def demo_recovery_ensure(*, stdout=None) -> dict[str, int]:
    """Two claims of the Dienst for `handhaving`: one settled against the benefit, one under a payment plan."""
    user = get_user_model().objects.filter(username=ACCOUNT).first()
    organisations = {a.organisation_id for a in user.affiliations_held() if a.role == "client_admin"} if user else set()
    if not organisations:
        _say(stdout, "Vorderingen: geen account 'handhaving' bij klantbeheer; overgeslagen.")
        return {}
    if Claim.objects.filter(organisation_id__in=organisations, created_by=user).exists():
        return {"claims": 0}
    today = timezone.localdate()
    made = 0
    steps = [_after_income_report, _after_household_change]
    for benefit in _candidates(organisations, today):
        if not steps:
            break
        try:
            with transaction.atomic():
                steps[0](user, benefit, today)
        except (ValidationError, CalculationError):
            continue  # a client the calculation does not cover, or no earnings counted: the next household
        steps.pop(0)
        made += 1
    if steps:
        _say(stdout, "Vorderingen: te weinig huishoudens met een lopende uitkering; niet alle vorderingen gemaakt.")
    return {"claims": made}
