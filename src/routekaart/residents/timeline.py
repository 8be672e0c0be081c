"""The household's timeline: what happened, in plain Dutch, with a link to what each entry is about.

The timeline is the household's. Staff see the entries of the domains their involvement opens for the whole
household (a person-scoped access through one person's consent sees none of it); an entry of a domain the viewer
may not see is neither listed nor counted, since the domain filter runs in the query. Each page runs a fixed
number of queries whatever the length of the history: the count, the page of events with their actors, one per
subject type on the page (the apps' describers), and the read's log entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, NullIf

from ..audit import event_labels
from ..audit import selectors as audit_selectors
from ..organisations.roles import Domain
from .access import HouseholdAccess, household_access
from .models import Membership
from .selectors import processing_log_read

PAGE_SIZE = 25
LATEST = 10


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the timeline: when, the sentence, the page about it (may be empty), its domain and kind."""

    event: Any  # an audit Event (residents reads the audit app through its selectors only)
    sentence: str
    url: str
    domain: str
    kind: str

    @property
    def occurred_at(self):
        return self.event.occurred_at


def visible_domains(access: HouseholdAccess) -> list[str]:
    """The domains whose entries the viewer sees: those open for the whole household, in the law's order."""
    return [value for value, _label in Domain.choices if access.sees(value)]


def access_as(access: HouseholdAccess, purpose: str, domain: str = Domain.GENERAL) -> HouseholdAccess:
    """For a describer deciding whether to link an entry: the viewer's access to this household for the linked
    page's own purpose and domain, asked once per page (never raises, logs nothing: the page itself checks)."""
    if access.purpose == purpose and access.domain == domain:
        return access
    cache = access.__dict__.setdefault("_timeline_access_as", {})
    if (purpose, domain) not in cache:
        cache[(purpose, domain)] = household_access(
            user=access.user, household_id=access.household_id, purpose=purpose, domain=domain, channel=access.channel
        )
    return cache[(purpose, domain)]


def _with_domain(events: QuerySet) -> QuerySet:
    """The domain an event reveals as a column (as `selectors.event_domain`: the state after, else before, else
    general), so filtering and counting by domain happen in the database."""
    return events.annotate(
        timeline_domain=Coalesce(
            NullIf(KeyTextTransform("domain", "after"), Value("")),
            NullIf(KeyTextTransform("domain", "before"), Value("")),
            Value(Domain.GENERAL),
            output_field=TextField(),
        )
    )


def timeline_events(*, access: HouseholdAccess, domain: str = "", kind: str = "") -> QuerySet:
    """The household's events the viewer may see, newest first, filtered by domain and kind (both optional)."""
    domains = visible_domains(access)
    if domain:
        domains = [d for d in domains if d == domain]
    events = _with_domain(audit_selectors.household_events(household_id=access.household_id))
    events = events.filter(timeline_domain__in=domains)
    if kind:
        events = events.filter(action__in=sorted(event_labels.actions_of_kind(kind)))
    return events.order_by(F("occurred_at").desc(), F("id").desc())


def timeline_entries(*, access: HouseholdAccess, events, describe: bool = True) -> list[TimelineEntry]:
    """Sentences and links for a page of events: one describer call per subject type on the page. Without
    `describe`, sentences from the events' own payload and no links: no query at all (the household page's block,
    whose query count may not depend on what the history holds)."""
    events = list(events)
    described = event_labels.events_described(events, access) if describe else {}
    entries = []
    for event in events:
        about = described.get((event.subject_type, event.subject_id))
        entries.append(
            TimelineEntry(
                event=event,
                sentence=event_labels.event_sentence(event, about),
                url=about.url if about else "",
                domain=getattr(event, "timeline_domain", Domain.GENERAL),
                kind=event_labels.event_kind(event.action),
            )
        )
    return entries


def timeline_read_log(*, access: HouseholdAccess, entries: list[TimelineEntry], residents=None) -> None:
    """Log the read as the household page logs its reads: per domain shown, for the household's members (those
    given, else read here)."""
    if not entries:
        return
    if residents is None:
        memberships = Membership.objects.filter(household_id=access.household_id).select_related("resident")
        residents = list({m.resident_id: m.resident for m in memberships}.values())
    domains = {Domain.GENERAL} | {entry.domain for entry in entries}
    processing_log_read(access=access, residents=residents, domains=domains)


def timeline_page(*, access: HouseholdAccess, domain: str = "", kind: str = "", page=None) -> tuple[Page, list]:
    """One page (25 entries, newest first) of the household's timeline, and its entries; the read is logged."""
    paged = Paginator(timeline_events(access=access, domain=domain, kind=kind), PAGE_SIZE).get_page(page)
    entries = timeline_entries(access=access, events=paged.object_list)
    timeline_read_log(access=access, entries=entries)
    return paged, entries


def timeline_latest(*, access: HouseholdAccess, residents, limit: int = LATEST) -> tuple[list[TimelineEntry], bool]:
    """The latest entries for the household page's block, and whether there are more: one query whatever the
    history (sentences from the payload; the timeline page names and links what each entry is about)."""
    events = list(timeline_events(access=access)[: limit + 1])
    entries = timeline_entries(access=access, events=events[:limit], describe=False)
    timeline_read_log(access=access, entries=entries, residents=residents)
    return entries, len(events) > limit
