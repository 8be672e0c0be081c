"""Machtigingen: staff record one from a signed form (as at the counter; DigiD Machtigen itself is outside
Routekaart), the principal withdraws it in the portal (or staff do), at once. Each is one transaction with one
event and the processing log (activity `consent`); `residents.represented` reads the open ones live.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import services as audit
from ..core.periods import overlaps, valid_on
from ..organisations.roles import Domain
from .life_phase import age_on
from .models import ALL_DOMAINS, Authorisation, Membership, Resident

EVERYTHING = "alles"
PRINCIPAL_MIN_AGE = 16  # from 16 a person decides about their own data (AVG art. 8, UAVG art. 5)
AGENT_MIN_AGE = 18  # an agent acts for another: of age


def _state(authorisation: Authorisation) -> dict:
    return {
        "principal": authorisation.principal_id,
        "agent": authorisation.agent_id,
        "domains": authorisation.domains,
        "valid_from": authorisation.valid_from,
        "valid_to": authorisation.valid_to,
        "withdrawn_at": authorisation.withdrawn_at,
    }


def domains_normalise(domains: str | Iterable[str]) -> str:
    """ "alles" or a list of domain letters as stored: the letters, sorted and once each ("GJPW" is everything)."""
    if isinstance(domains, str):
        domains = list(ALL_DOMAINS) if domains == EVERYTHING else [domains]
    chosen = set(domains)
    if EVERYTHING in chosen:
        return ALL_DOMAINS
    if not chosen or not chosen <= set(Domain.values):
        raise ValidationError({"domains": _("Kies waarvoor de machtiging geldt: alles, of een of meer domeinen.")})
    return "".join(sorted(chosen))


def _household_of(resident: Resident, on: date) -> int | None:
    """The principal's household, where the coordinator sees the authorisation on the timeline."""
    return (
        Membership.objects.filter(valid_on(on), resident=resident).values_list("household_id", flat=True).first()
        or Membership.objects.filter(resident=resident)
        .order_by("-valid_from")
        .values_list("household_id", flat=True)
        .first()
    )


@transaction.atomic
def authorisation_record(
    *,
    actor,
    principal: Resident,
    agent: Resident,
    domains: str | Iterable[str],
    valid_from: date,
    valid_to: date | None = None,
) -> Authorisation:
    """Record that `principal` authorises `agent` to see their data in the portal, for `domains` ("alles" or
    letters). Refused: oneself; a principal under 16 or an agent under 18 on `valid_from`; someone who died; an
    open authorisation of the same pair for one of these domains in the same period."""
    letters = domains_normalise(domains)
    if principal.pk == agent.pk:
        raise ValidationError({"agent": _("Iemand kan zichzelf niet machtigen.")})
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("De einddatum ligt vóór de begindatum.")})
    if principal.date_of_death is not None or agent.date_of_death is not None:
        raise ValidationError(_("Een machtiging kan alleen tussen levende personen."))
    if age_on(principal.birth_date, valid_from) < PRINCIPAL_MIN_AGE:
        raise ValidationError({"principal": _("Wie een machtiging geeft, is op de begindatum ten minste 16 jaar oud.")})
    if age_on(agent.birth_date, valid_from) < AGENT_MIN_AGE:
        raise ValidationError({"agent": _("Wie gemachtigd wordt, is op de begindatum ten minste 18 jaar oud.")})
    # One open authorisation per pair and domain: the principal's row serialises two recordings at once.
    Resident.objects.select_for_update().filter(pk=principal.pk).values_list("pk").first()
    existing = Authorisation.objects.filter(
        overlaps(valid_from, valid_to), principal=principal, agent=agent, withdrawn_at__isnull=True
    ).values_list("domains", flat=True)
    if any(set(letters) & set(other) for other in existing):
        raise ValidationError(
            {"domains": _("Deze persoon is voor dit domein al gemachtigd in deze periode. Trek die eerst in.")}
        )
    authorisation = Authorisation(
        principal=principal,
        agent=agent,
        domains=letters,
        valid_from=valid_from,
        valid_to=valid_to,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    authorisation.full_clean(exclude=["principal", "agent", "recorded_by", "withdrawn_by"])
    authorisation.save()
    audit.action_record(
        actor=actor,
        action="authorisation.recorded",
        subject=("authorisation", authorisation.pk),
        household_id=_household_of(principal, valid_from),
        after=_state(authorisation),
        purpose="consent",
        residents=[principal, agent],
    )
    return authorisation


def may_withdraw(*, actor, authorisation: Authorisation) -> bool:
    """The principal themself (their portal account), or staff who may record consents."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    own = authorisation.principal.user_id is not None and authorisation.principal.user_id == actor.pk
    return own or actor.has_perm("residents.record_consent")


@transaction.atomic
def authorisation_withdraw(*, actor, authorisation: Authorisation) -> Authorisation:
    """End the authorisation at once: from this moment the agent no longer sees the principal's data."""
    authorisation = (
        Authorisation.objects.select_for_update(of=("self",))
        .select_related("principal", "agent")
        .get(pk=authorisation.pk)
    )
    if not may_withdraw(actor=actor, authorisation=authorisation):
        raise ValidationError(_("Alleen wie de machtiging gaf, of een medewerker, kan haar intrekken."))
    if authorisation.withdrawn_at is not None:
        raise ValidationError(_("Deze machtiging is al ingetrokken."))
    today = timezone.localdate()
    if authorisation.valid_to is not None and authorisation.valid_to <= today:
        raise ValidationError(_("Deze machtiging is al afgelopen."))
    before = _state(authorisation)
    authorisation.withdrawn_at = timezone.now()
    authorisation.withdrawn_by = actor
    authorisation.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit.action_record(
        actor=actor,
        action="authorisation.withdrawn",
        subject=("authorisation", authorisation.pk),
        household_id=_household_of(authorisation.principal, today),
        before=before,
        after=_state(authorisation),
        purpose="consent",
        residents=[authorisation.principal, authorisation.agent],
    )
    return authorisation
