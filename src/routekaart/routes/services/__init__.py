"""Every change to a trajectory: start, step transitions, recorded conditions, regie hand-overs, the waitlist.

One transaction per action, one event per change, one processing-log entry for the personal data written. Bad
input raises Django's ValidationError with a Dutch message, and nothing is saved. Events carry references, codes,
dates and states, never names, BSNs or free text (the event stream is append-only; see residents/services.py).

The access check (residents.access) is the caller's: views and API ask it before they call a service, so a refused
attempt is logged even though the service's transaction does not run. Here each action checks the route's own
rule: who may act in a step is the organisation that fills a party acting in it, or the one that holds regie.

Where things live: `trajectories` (start, stop, switch route), `steps` (step transitions, due dates),
`conditions` (recorded conditions), `handovers` (regie), `waitlist` (sheltered-work waitlist and quota),
`_progress` (what follows when a step starts or finishes), `_shared` (lock, who may act). The read-only rules
(who may act or record, ages, the quota) are in `routes.selectors` and re-exported here under their old names.
"""

from ..selectors import (
    ACTIVITY,
    acting_organisations,
    action_applies,
    age_in_years,
    date_at_age,
    quota_places,
    recordable_conditions,
    recording_organisations,
)
from ._progress import AFTERCARE_CONDITIONS
from ._shared import RESIDENT_KIND
from .conditions import condition_record
from .handovers import regie_handover_accept, regie_handover_propose
from .steps import step_due_set, step_transition
from .trajectories import trajectory_start, trajectory_stop, trajectory_switch_route
from .waitlist import waitlist_meanwhile_set, waitlist_place_offer

__all__ = [
    "ACTIVITY",
    "AFTERCARE_CONDITIONS",
    "RESIDENT_KIND",
    "acting_organisations",
    "action_applies",
    "age_in_years",
    "condition_record",
    "date_at_age",
    "quota_places",
    "recordable_conditions",
    "recording_organisations",
    "regie_handover_accept",
    "regie_handover_propose",
    "step_due_set",
    "step_transition",
    "trajectory_start",
    "trajectory_stop",
    "trajectory_switch_route",
    "waitlist_meanwhile_set",
    "waitlist_place_offer",
]
