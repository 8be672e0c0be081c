"""The adviser's decisions over an opening's ranking: leave a candidate out or add one, always with a reason."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import privacy, selectors
from ..models import (
    Arrangement,
    CandidateProfile,
    MatchDecision,
    MatchDecisionKind,
    Vacancy,
)
from ._shared import _opening_ref, _reason, _resident_event


@transaction.atomic
def match_decision_record(
    *, actor, opening: Vacancy | Arrangement, profile: CandidateProfile, kind: str, reason: str
) -> MatchDecision:
    """The adviser leaves a candidate out of an opening's ranking, or adds one to it, always with a reason."""
    reason = _reason(reason)
    if kind not in MatchDecisionKind.values:
        raise ValidationError({"kind": _("Kies uitsluiten of toevoegen.")})
    privacy.candidate_check(user=actor, resident=profile.resident)
    if selectors.match_decision_open(opening=opening, profile=profile) is not None:
        raise ValidationError(_("Voor deze kandidaat is al een besluit genomen; draai dat eerst terug."))
    decision = MatchDecision.objects.create(
        profile=profile, kind=kind, reason=reason, decided_by=actor, **selectors.opening_filter(opening)
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
