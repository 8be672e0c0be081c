"""The objections a user may see, and one objection's file with its hearings, appeals, default notices and terms.

Who sees which objection (one rule, for the list, the file, the dashboard and the home figures):
- the legal team (role legal): the objections of their organisation (the bestuursorgaan that decides), in the
  households the access check opens to them for objection handling, which is the involvement the registration
  of the objection started (kind legal_matter);
- a coordinator: the objections in the households they coordinate today.
An objection outside this rule answers 404: the page does not tell that it exists. Every read of a file is logged
under objection-handling with the objector as its data subject.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..audit import selectors as audit_selectors
from ..audit import services as audit
from ..audit.event_labels import event_sentence
from ..organisations.roles import Role
from ..residents.access import households_visible
from ..residents.selectors import coordinated_by
from . import terms
from .models import OPEN_OBJECTION_STATUSES, Appeal, DefaultNotice, Hearing, Objection, ObjectionStatus

PURPOSE = "objection-handling"
PAGE_SIZE = 50
TIMELINE_LIMIT = 100
# How long after its decision a decided objection stays on the dashboard: the appeal term (six weeks) and a margin
# for the court's mail; an appeal lodged keeps it there until the judgment.
DECIDED_WINDOW = timedelta(weeks=10)


@dataclass(frozen=True)
class Deadline:
    """One legal term of one matter, seen on one day: what it is, its last day, and the days left (negative: late)."""

    kind: str
    label: str
    ends_on: date
    days_left: int
    note: str = ""

    @property
    def is_overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_late(self) -> int:
        return -self.days_left


def deadline(kind: str, label: str, ends_on: date, on: date, note: str = "") -> Deadline:
    return Deadline(kind=kind, label=str(label), ends_on=ends_on, days_left=(ends_on - on).days, note=note)


LABELS = {
    "receipt": _("Ontvangst bevestigen (Awb 6:14)"),
    "completion": _("Gronden aanvullen, pro-forma bezwaar (Awb 6:6)"),
    "hearing": _("Hoorzitting (Awb 7:2)"),
    "decision": _("Beslissen op bezwaar (Awb 7:10)"),
    "penalty": _("Dwangsom loopt (Awb 4:17)"),
    "appeal_term": _("Beroepstermijn (Awb 6:7)"),
    "defence": _("Verweerschrift indienen"),
    "session": _("Zitting bij de rechtbank"),
    "complaint": _("Klacht over bejegening afhandelen (Awb 9:11)"),
}


def _legal_organisations(user) -> set[int]:
    return {a.organisation_id for a in user.affiliations_held() if a.role == Role.LEGAL}


def objections_visible(*, user, on: date | None = None, personal: bool = True) -> QuerySet[Objection]:
    """The objections `user` may see (see the module's rule), as one queryset: two IN semi-joins.

    `personal=False` is for the pages that show no personal data (the list, the deadline dashboard, the home
    figures: reference, dates, status, handler): there the legal team sees all of its organisation's objections,
    also those a colleague handles (whose involvement opens the household to that colleague only)."""
    if not getattr(user, "is_authenticated", False):
        return Objection.objects.none()
    legal = _legal_organisations(user)
    condition = Q(pk__in=[])
    if legal and not personal:
        condition |= Q(organisation_id__in=legal)
    elif legal:
        visible = households_visible(user=user, purpose=PURPOSE).values("pk")
        condition |= Q(organisation_id__in=legal, household_id__in=visible)
    if Role.COORDINATOR in user.roles:
        condition |= coordinated_by(user=user, on=on)
    return Objection.objects.filter(condition)


def objection_terms(objection: Objection, on: date) -> list[Deadline]:
    """Every term of one objection still running on `on` (the relations must be loaded: no queries when they are
    prefetched), soonest first."""
    rows: list[Deadline] = []
    if objection.is_open:
        if objection.acknowledged_on is None:
            rows.append(deadline("receipt", LABELS["receipt"], terms.acknowledgement_due(objection.received_on), on))
        if objection.pro_forma and objection.completed_on is None and objection.completion_due_on:
            rows.append(deadline("completion", LABELS["completion"], objection.completion_due_on, on))
        for hearing in objection.hearings.all():
            if hearing.held_on is None and not hearing.waived_reason:
                when = timezone.localtime(hearing.scheduled_at).date()
                rows.append(deadline("hearing", LABELS["hearing"], when, on, hearing.location))
        rows.append(deadline("decision", LABELS["decision"], objection.decision_due_on, on))
    for notice in objection.default_notices.all():
        if notice.penalty_decided_on is None:
            days, amount = terms.penalty(notice.received_on, objection.decided_on, on)
            note = _("%(days)s dagen, € %(amount)s") % {"days": days, "amount": amount}
            rows.append(deadline("penalty", LABELS["penalty"], notice.penalty_from, on, str(note)))
    appeals = list(objection.appeals.all())
    if objection.status == ObjectionStatus.DECIDED and objection.decided_on and not appeals:
        ends_on = terms.appeal_term_end(objection.decided_on)
        if ends_on >= on - timedelta(days=7):
            rows.append(deadline("appeal_term", LABELS["appeal_term"], ends_on, on))
    for appeal in appeals:
        if appeal.judgment_on is not None:
            continue
        if appeal.defence_due_on and appeal.defence_sent_on is None:
            rows.append(deadline("defence", LABELS["defence"], appeal.defence_due_on, on, appeal.court))
        if appeal.session_on and appeal.session_on >= on:
            rows.append(deadline("session", LABELS["session"], appeal.session_on, on, appeal.court))
    return sorted(rows, key=lambda row: (row.ends_on, row.kind))


def _with_relations(objections: QuerySet[Objection]) -> QuerySet[Objection]:
    return objections.select_related("handler").prefetch_related("hearings", "appeals", "default_notices")


@dataclass(frozen=True)
class ObjectionRow:
    objection: Objection
    terms: list[Deadline]

    @property
    def next_term(self) -> Deadline | None:
        return min(self.terms, key=lambda row: row.days_left, default=None)

    @property
    def decision_term(self) -> Deadline | None:
        return next((row for row in self.terms if row.kind == "decision"), None)


def objection_page(
    *,
    user,
    on: date,
    status: str = "",
    handler_id: int | None = None,
    law: str = "",
    page_number: int | str | None = 1,
) -> tuple[Page, list[ObjectionRow]]:
    """One page of the visible objections, open ones first by their decision term: five queries (count, page,
    and the hearings, appeals and notices of the page), however many objections."""
    objections = objections_visible(user=user, on=on, personal=False)
    if status == "open":
        objections = objections.filter(status__in=OPEN_OBJECTION_STATUSES)
    elif status:
        objections = objections.filter(status=status)
    if handler_id:
        objections = objections.filter(handler_id=handler_id)
    if law:
        objections = objections.filter(decision_law=law)
    ordered = _with_relations(objections).order_by("decided_on", "withdrawn_on", "decision_due_on", "-id")
    page = Paginator(ordered, PAGE_SIZE).get_page(page_number)
    return page, [ObjectionRow(o, objection_terms(o, on)) for o in page.object_list]


def objection_handlers(*, user, on: date | None = None) -> list[tuple[int, str]]:
    """The handlers of the visible objections, for the filters: one query."""
    rows = (
        objections_visible(user=user, on=on, personal=False)
        .filter(handler__isnull=False)
        .values_list("handler_id", "handler__first_name", "handler__last_name", "handler__username")
        .distinct()
    )
    named = {pk: (f"{first} {last}".strip() or username) for pk, first, last, username in rows}
    return sorted(named.items(), key=lambda item: item[1])


@dataclass
class ObjectionFile:
    objection: Objection
    hearings: list[Hearing]
    appeals: list[Appeal]
    notices: list[DefaultNotice]
    terms: list[Deadline]
    events: list = field(default_factory=list)


def objection_read_log(*, user, objections: Iterable[Objection], channel: str | None = None) -> None:
    """Log that `user` read these objections' files (their objectors are the data subjects)."""
    subjects = sorted({audit.pseudonym(o.objector.bsn) for o in objections})
    if subjects:
        audit.processing_record(actor=user, activity=PURPOSE, data_subjects=subjects, channel=channel)


def objection_get(*, user, objection_id: int, on: date | None = None, timeline: bool = True) -> ObjectionFile:
    """One visible objection with what its page shows, its read logged; 404 outside the rule. Seven queries."""
    on = on or timezone.localdate()
    objection = (
        _with_relations(objections_visible(user=user, on=on))
        .select_related("objector", "objector__address", "household", "organisation")
        .filter(pk=objection_id)
        .first()
    )
    if objection is None:
        raise Http404
    objection_read_log(user=user, objections=[objection])
    hearings = list(objection.hearings.all())
    appeals = list(objection.appeals.all())
    notices = list(objection.default_notices.all())
    events = []
    if timeline:
        about = Q(subject_type="objection", subject_id=str(objection.pk))
        for kind, rows in (("hearing", hearings), ("appeal", appeals), ("defaultnotice", notices)):
            if rows:
                about |= Q(subject_type=kind, subject_id__in=[str(row.pk) for row in rows])
        events = list(
            audit_selectors.household_events(household_id=objection.household_id)
            .filter(about)
            .order_by("occurred_at", "id")[:TIMELINE_LIMIT]
        )
        for event in events:
            event.sentence = event_sentence(event)
    return ObjectionFile(objection, hearings, appeals, notices, objection_terms(objection, on), events)


def resident_objections(*, resident_ids: Iterable[int], on: date) -> list[ObjectionRow]:
    """The objections made by these residents (the portal: the person shown and who they act for), newest first,
    each with its terms: four queries."""
    objections = _with_relations(
        Objection.objects.filter(objector_id__in=list(resident_ids)).select_related("objector")
    ).order_by("-received_on", "-id")
    return [ObjectionRow(o, objection_terms(o, on)) for o in objections]


def resident_objection_get(*, resident_ids: Iterable[int], objection_id: int) -> Objection:
    """One objection of these residents (the portal's letters); 404 for anyone else's."""
    objection = (
        Objection.objects.select_related("objector", "objector__address", "organisation")
        .prefetch_related("hearings", "appeals", "default_notices")
        .filter(objector_id__in=list(resident_ids), pk=objection_id)
        .first()
    )
    if objection is None:
        raise Http404
    return objection


def household_open_objections(*, household_id: int, on: date) -> list[ObjectionRow]:
    """The household's open objections with their terms (the household block): four queries."""
    objections = _with_relations(
        Objection.objects.filter(household_id=household_id, status__in=OPEN_OBJECTION_STATUSES)
    ).order_by("decision_due_on", "id")
    return [ObjectionRow(o, objection_terms(o, on)) for o in objections]
