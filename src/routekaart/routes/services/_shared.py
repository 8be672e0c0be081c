"""What every trajectory action shares: the lock, the step table, who may act or record, involving an
organisation in the household. Private to the services package."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ...core.periods import valid_on
from ...organisations.models import Organisation, OrganisationKind
from ...residents import services as resident_services
from ...residents.models import Involvement, InvolvementKind
from .. import selectors
from ..models import Condition, Party, Step, StepProgress, Trajectory
from ..workflow import TrajectoryStatus

RESIDENT_KIND = "resident"


def _today() -> date:
    return timezone.localdate()


def _steps(trajectory: Trajectory) -> tuple[dict[int, Step], dict[int, StepProgress]]:
    progress = {
        p.step.number: p
        for p in StepProgress.objects.select_for_update(of=("self",))
        .filter(trajectory=trajectory)
        .select_related("step")
        .prefetch_related("step__actions__parties", "step__actions__addressees")
    }
    return {number: p.step for number, p in progress.items()}, progress


def _lock(trajectory: Trajectory) -> Trajectory:
    locked = (
        Trajectory.objects.select_for_update(of=("self",))
        .select_related("resident", "route__route_map", "regie_party", "regie_organisation", "current_step")
        .get(pk=trajectory.pk)
    )
    if locked.status != TrajectoryStatus.ACTIVE:
        raise ValidationError(
            _("Dit traject is %(status)s; er verandert niets meer.") % {"status": locked.get_status_display().lower()}
        )
    return locked


def _may_act(
    *,
    actor,
    trajectory: Trajectory,
    parties: Iterable[Party],
    organisations: Mapping[str, Organisation],
    regie: bool = False,
):
    """The actor's organisation fills one of `parties` in this trajectory (or, with `regie`, holds regie); else
    refused. Moving a step along is the regie holder's too; what a line states is recorded by its own party only."""
    parties = list(parties)
    if selectors.actor_organisations(actor) & selectors.acting_organisations(
        trajectory=trajectory, parties=parties, organisations=organisations, regie=regie
    ):
        return
    names = ", ".join(p.name for p in parties) or "—"
    if regie:
        raise ValidationError(
            _("U handelt hier niet: dat doen %(parties)s, of de regiehouder (%(regie)s).")
            % {"parties": names, "regie": trajectory.regie_party.name}
        )
    raise ValidationError(_("U handelt hier niet: dat doen %(parties)s.") % {"parties": names})


def _may_record(*, actor, trajectory: Trajectory, step: Step, action, organisations: Mapping[str, Organisation]):
    allowed = selectors.recording_organisations(
        trajectory=trajectory, step=step, action=action, organisations=organisations
    )
    if selectors.actor_organisations(actor) & allowed:
        return
    parties, regie_too = step.recording_parties(action, organisations.keys())
    names = [p.name for p in parties if p.code in organisations]
    if regie_too:
        names.append(_("de regiehouder (%(regie)s)") % {"regie": trajectory.regie_party.name})
    raise ValidationError(
        _("U handelt hier niet: %(condition)s legt %(parties)s vast.")
        % {
            "condition": Condition(action.condition).label,
            "parties": ", ".join(names) or _("een partij die in dit traject nog geen organisatie heeft"),
        }
    )


def _involve(*, actor, trajectory: Trajectory, organisation: Organisation, party: Party, on: date) -> None:
    """Open the household to an organisation that now acts in the trajectory (through residents' own service)."""
    involved = Involvement.objects.filter(
        valid_on(on), household_id=trajectory.household_id, organisation=organisation, user__isnull=True
    ).exists()
    if involved:
        return
    from ...residents.models import Household

    resident_services.involvement_start(
        actor=actor,
        household=Household.objects.get(pk=trajectory.household_id),
        organisation=organisation,
        kind=InvolvementKind.SCHOOL_PUPIL if organisation.kind == OrganisationKind.SCHOOL else InvolvementKind.OTHER,
        reason=f"{trajectory.route.name}: {party.name}",
        valid_from=on,
    )


def _age_text(value) -> str:
    return f"{value:f}".rstrip("0").rstrip(".").replace(".", ",")
