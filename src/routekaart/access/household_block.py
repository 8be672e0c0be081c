"""The household page's blocks of the integrale toegang: the open case (phase, nearest statutory deadline,
procesregisseur), the active plan (goals, open agreements), the residents' messages from Mijn Routekaart (open ones
first, each with a small answer form) and the decisions' provisions in force.

One summary read serves the three blocks (`household_case_summary`, a fixed number of queries); each block links to
the case file and offers only the steps the viewer may take and the case's state allows.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..residents.household_blocks import HouseholdAction, HouseholdBlock
from ..residents.selectors import HouseholdFile
from .selectors_household import HouseholdCaseSummary, household_case_summary

CASE_ORDER = 10
PLAN_ORDER = 20
MESSAGES_ORDER = 25
DECISIONS_ORDER = 40


def _summary(file: HouseholdFile) -> HouseholdCaseSummary | None:
    """The toegang's summary for this page, read once (None: the viewer may not see cases)."""
    if not file.access.user.has_perm("access.view_cases"):
        return None
    if "_case_summary" not in file.__dict__:
        file.__dict__["_case_summary"] = household_case_summary(
            access=file.access, residents=[m.resident for m in file.history]
        )
    return file.__dict__["_case_summary"]


def _case_file_url(file: HouseholdFile, anchor: str = "") -> str:
    return reverse("access:household", args=[file.household.pk]) + (f"#{anchor}" if anchor else "")


def case_block(file: HouseholdFile) -> HouseholdBlock | None:
    """The open case: its phase, the nearest statutory deadline and the procesregisseur; new signal, start the
    intake and the warm handover as the viewer may."""
    summary = _summary(file)
    if summary is None:
        return None
    user = file.access.user
    case = summary.case
    actions = []
    if user.has_perm("access.work_cases"):
        actions.append(HouseholdAction(_("Nieuw signaal"), reverse("access:signal_create", args=[file.household.pk])))
        if case is not None and summary.intake_due:
            actions.append(HouseholdAction(_("Intake starten"), reverse("access:intake", args=[case.pk])))
        if case is not None:
            actions.append(HouseholdAction(_("Warme overdracht"), reverse("access:transfer", args=[case.pk])))
    return HouseholdBlock(
        key="case",
        title=_("Casus"),
        template="access/components/household_case.html",
        context={"summary": summary},
        url=_case_file_url(file),
        actions=tuple(actions),
    )


def plan_block(file: HouseholdFile) -> HouseholdBlock | None:
    """The active plan's goals and open agreements (who, by when, overdue marked); open or draft the plan."""
    summary = _summary(file)
    if summary is None or (summary.case is None and summary.plan is None):
        return None
    actions = []
    if summary.plan is not None:
        actions.append(HouseholdAction(_("Plan openen"), _case_file_url(file, "plan-heading")))
    elif summary.may_draft_plan and file.access.user.has_perm("access.work_cases"):
        actions.append(HouseholdAction(_("Plan van aanpak maken"), reverse("access:plan", args=[summary.case.pk])))
    return HouseholdBlock(
        key="plan",
        title=_("Plan van aanpak"),
        template="access/components/household_plan.html",
        context={"summary": summary},
        url=_case_file_url(file, "plan-heading") if summary.plan is not None else "",
        actions=tuple(actions),
    )


def messages_block(file: HouseholdFile) -> HouseholdBlock | None:
    """Berichten van de inwoner: the questions and objections sent from Mijn Routekaart, open ones first; whoever
    may work the case answers each in place (none sent: no block)."""
    summary = _summary(file)
    if summary is None or not summary.messages:
        return None
    return HouseholdBlock(
        key="resident_messages",
        title=_("Berichten van de inwoner"),
        template="access/components/household_messages.html",
        context={"summary": summary, "may_answer": file.access.user.has_perm("access.work_cases")},
    )


def decisions_block(file: HouseholdFile) -> HouseholdBlock | None:
    """The provisions in force by decision, of the law domains the viewer may see (none: no block)."""
    summary = _summary(file)
    if summary is None or not summary.provisions:
        return None
    return HouseholdBlock(
        key="decisions",
        title=_("Voorzieningen in beschikkingen"),
        template="access/components/household_decisions.html",
        context={"summary": summary},
        url=_case_file_url(file, "decisions-heading"),
    )
