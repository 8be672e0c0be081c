"""The integral access's part of the AVG inzage (residents.subject_export): the household's cases, plans with their
goals and agreements while the person lived there, the signals and intakes about the person (or the whole
household), the decisions addressed to them with their provisions, and their messages to the coordinator.

Never a housemate's own data: a signal or intake about a partner, a decision addressed to them. Ten queries.
"""

from __future__ import annotations

from datetime import date

from django.apps import apps
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..residents.subject_export import (
    ExportSection,
    during_membership,
    export_row,
    export_rows,
    export_section_register,
    membership_periods,
)
from .models import Agreement, Case, Decision, Goal, Intake, Plan, Signal

ORDER = 20


def access_section(resident, on: date) -> ExportSection:
    periods = membership_periods(resident)
    cases = list(
        Case.objects.filter(during_membership(periods, start="opened_on", end="closed_on")).order_by("opened_on", "id")
    )
    rows = export_rows(_("Casus"), cases, ["opened_on", "status", "closed_on", "closure_reason"])
    signals = Signal.objects.filter(
        Q(resident=resident) | Q(resident__isnull=True, case__in=[case.pk for case in cases])
    ).select_related("referrer_organisation")
    for signal in signals.order_by("received_on", "id"):
        rows.append(
            export_row(
                _("Signaal"),
                signal,
                ["received_on", "kind", "topic", "source", "referrer_organisation", "urgent", "summary"],
                **{_("over"): _("u") if signal.resident_id == resident.pk else _("het hele huishouden")},
            )
        )
    intakes = Intake.objects.filter(resident=resident).order_by("held_on", "id")
    rows += export_rows(_("Intake"), intakes, ["held_on", "question", "wishes", "talents", "possibilities"])
    plans = (
        Plan.objects.filter(case__in=[case.pk for case in cases])
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.select_related("life_domain")),
            Prefetch("agreements", queryset=Agreement.objects.select_related("provider")),
        )
        .order_by("case_id", "version")
    )
    for plan in plans:
        rows.append(
            export_row(
                _("Plan van aanpak"),
                plan,
                ["version", "status", "summary", "resident_agreement", "resident_agreement_note", "activated_on"],
            )
        )
        rows += export_rows(_("Doel"), plan.goals.all(), ["life_domain", "description"])
        rows += export_rows(
            _("Afspraak"), plan.agreements.all(), ["description", "party", "provider", "due_on", "status", "done_on"]
        )
    decisions = Decision.objects.filter(addressee=resident).prefetch_related("provisions__provider")
    for decision in decisions.order_by("decided_on", "id"):
        rows.append(
            export_row(_("Beschikking"), decision, ["reference", "decided_on", "law", "application_on", "urgent"])
        )
        rows += export_rows(
            _("Voorziening"),
            decision.provisions.all(),
            ["name", "outcome", "legal_basis", "starts_on", "ends_on", "volume", "unit", "provider", "reasoning"],
        )
    rows += _message_rows(resident)
    return ExportSection(title=gettext_lazy("Hulp en ondersteuning: casus, plan en besluiten"), rows=rows)


def _message_rows(resident) -> list[dict]:
    """The person's questions and objections to the coordinator, with the answers (one query)."""
    try:
        message = apps.get_model("access", "ResidentMessage")
    except LookupError:
        return []
    found = message.objects.filter(resident=resident).order_by("sent_at", "id")
    return export_rows(_("Bericht"), found, ["sent_at", "kind", "text", "answered_at", "answer"])


def register() -> None:
    """Called by the app's ready(): its section of the inzage."""
    export_section_register("access", access_section, ORDER)
