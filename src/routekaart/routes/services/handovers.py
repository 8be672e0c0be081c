"""Regie: proposing a hand-over, accepting it, and moving regie (also when a step of the route says so)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.roles import Domain
from .. import selectors
from ..models import Party, RegieHandover, Trajectory
from ._shared import RESIDENT_KIND, _age_text, _involve, _lock, _today


def _handover_propose(*, actor, trajectory, to_party, to_organisation, not_before, reason, on) -> RegieHandover:
    if RegieHandover.objects.filter(trajectory=trajectory, state=RegieHandover.State.PROPOSED).exists():
        raise ValidationError(_("Er staat al een overdracht van de regie open."))
    if to_party.organisation_kind != RESIDENT_KIND and to_organisation is None:
        raise ValidationError(_("Kies eerst welke organisatie %(party)s invult.") % {"party": to_party.name})
    handover = RegieHandover.objects.create(
        trajectory=trajectory,
        step=trajectory.current_step,
        from_party=trajectory.regie_party,
        from_organisation=trajectory.regie_organisation,
        to_party=to_party,
        to_organisation=to_organisation,
        not_before=not_before,
        reason=(reason or "").strip(),
        proposed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if to_organisation is not None:
        _involve(actor=actor, trajectory=trajectory, organisation=to_organisation, party=to_party, on=on)
    audit.action_record(
        actor=actor,
        action="trajectory.regie_proposed",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        before={"regie": trajectory.regie_party.code},
        after={
            "to": to_party.code,
            "organisation": to_organisation.code if to_organisation else None,
            "not_before": not_before,
        },
    )
    return handover


def _regie_move(*, actor, trajectory, to_party, to_organisation, step=None, reason="", handover=None) -> None:
    before = {
        "regie": trajectory.regie_party.code,
        "organisation": getattr(trajectory.regie_organisation, "code", None),
    }
    if handover is None:
        RegieHandover.objects.filter(trajectory=trajectory, state=RegieHandover.State.PROPOSED).delete()
        handover = RegieHandover.objects.create(
            trajectory=trajectory,
            step=step,
            from_party=trajectory.regie_party,
            from_organisation=trajectory.regie_organisation,
            to_party=to_party,
            to_organisation=to_organisation,
            state=RegieHandover.State.ACCEPTED,
            reason=reason,
            proposed_by=actor if getattr(actor, "is_authenticated", False) else None,
            accepted_at=timezone.now(),
        )
    trajectory.regie_party = to_party
    trajectory.regie_organisation = to_organisation
    trajectory.save(update_fields=["regie_party", "regie_organisation"])
    audit.action_record(
        actor=actor,
        action="trajectory.regie_handed_over",
        subject=trajectory,
        household_id=trajectory.household_id,
        domain=Domain.GENERAL,
        before=before,
        after={"regie": to_party.code, "organisation": getattr(to_organisation, "code", None), "handover": handover.pk},
    )


@transaction.atomic
def regie_handover_propose(*, actor, trajectory: Trajectory, to_party: str, reason: str = "") -> RegieHandover:
    """The regie holder proposes to hand regie to another party of the route; the receiver must accept it."""
    trajectory = _lock(trajectory)
    if trajectory.regie_organisation_id not in selectors.actor_organisations(actor):
        raise ValidationError(
            _("Alleen de regiehouder (%(regie)s) draagt de regie over.") % {"regie": trajectory.regie_party.name}
        )
    party = Party.objects.filter(route_map=trajectory.route.route_map, code=to_party).first()
    if party is None:
        raise ValidationError({"to_party": _("Deze partij hoort niet bij de route.")})
    if party.pk == trajectory.regie_party_id:
        raise ValidationError({"to_party": _("Deze partij heeft de regie al.")})
    organisations = selectors.trajectory_party_organisations(trajectory)
    return _handover_propose(
        actor=actor,
        trajectory=trajectory,
        to_party=party,
        to_organisation=organisations.get(party.code),
        not_before=None,
        reason=reason,
        on=_today(),
    )


@transaction.atomic
def regie_handover_accept(*, actor, handover: RegieHandover) -> Trajectory:
    """The receiving organisation takes regie over; from then on both see the hand-over in the trajectory."""
    handover = (
        RegieHandover.objects.select_for_update(of=("self",))
        .select_related("to_party", "to_organisation")
        .get(pk=handover.pk)
    )
    trajectory = _lock(handover.trajectory)
    if handover.state != RegieHandover.State.PROPOSED:
        raise ValidationError(_("Deze overdracht is al afgerond."))
    if handover.to_organisation_id is None or handover.to_organisation_id not in selectors.actor_organisations(actor):
        raise ValidationError(_("Alleen %(party)s neemt deze regie over.") % {"party": handover.to_party.name})
    today = _today()
    if handover.not_before and today < handover.not_before:
        raise ValidationError(
            _("%(party)s heeft regie vanaf %(age)s jaar: dat is op %(date)s.")
            % {
                "party": handover.to_party.name,
                "age": _age_text(trajectory.route.regie_from_age or 0),
                "date": handover.not_before.strftime("%d-%m-%Y"),
            }
        )
    handover.state = RegieHandover.State.ACCEPTED
    handover.accepted_at = timezone.now()
    handover.accepted_by = actor
    handover.save(update_fields=["state", "accepted_at", "accepted_by"])
    _regie_move(
        actor=actor,
        trajectory=trajectory,
        to_party=handover.to_party,
        to_organisation=handover.to_organisation,
        handover=handover,
    )
    return trajectory
