"""Income's part of the AVG inzage (residents.subject_export): the social assistance of the households the person
lived in (while they lived there, or where they are the client), its monthly income reports, reported changes,
surplus settlements and annual reviews, and the household's uses of income regulations in that time.

A benefit is a household's (the person is a party to it), so its reports are too; nothing about a housemate by
name. Seven queries.
"""

from __future__ import annotations

from datetime import date

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
from .models import AnnualReview, IncomeReport, RegulationUse, SocialAssistance, SurplusSettlement

ORDER = 60


def income_section(resident, on: date) -> ExportSection:
    periods = membership_periods(resident)
    benefits = (
        SocialAssistance.objects.filter(
            Q(client=resident) | during_membership(periods, start="started_on", end="ended_on")
        )
        .select_related("organisation")
        .prefetch_related(
            Prefetch("income_reports", queryset=IncomeReport.objects.order_by("month", "id")),
            Prefetch("surplus_settlements", queryset=SurplusSettlement.objects.order_by("month", "id")),
            Prefetch("annual_reviews", queryset=AnnualReview.objects.order_by("year", "id")),
            "change_reports",
        )
        .order_by("started_on", "id")
    )
    rows = []
    for benefit in benefits:
        rows.append(
            export_row(
                _("Bijstandsuitkering"),
                benefit,
                ["organisation", "started_on", "ended_on", "end_reason", "work_obligation", "surplus_settlement"],
            )
        )
        rows += export_rows(
            _("Inkomstenopgave"),
            benefit.income_reports.all(),
            ["month", "net_earnings", "other_income", "hours", "note", "source"],
        )
        rows += export_rows(
            _("Verrekening"),
            benefit.surplus_settlements.all(),
            ["month", "norm", "earnings", "disregard", "due", "advance", "settlement", "income"],
        )
        rows += export_rows(
            _("Doorgegeven wijziging"),
            benefit.change_reports.all(),
            ["kind", "starts_on", "ends_on", "details", "reported_at", "status", "processed_at"],
        )
        rows += export_rows(
            _("Heronderzoek"),
            benefit.annual_reviews.all(),
            ["year", "planned_on", "status", "held_on", "contact", "note"],
        )
    uses = RegulationUse.objects.filter(during_membership(periods, start="applied_on")).select_related("regulation")
    rows += export_rows(
        _("Regeling"),
        uses.order_by("applied_on", "id"),
        ["regulation", "status", "applied_on", "valid_from", "valid_to"],
    )
    return ExportSection(title=gettext_lazy("Inkomen: uitkering, opgaven en regelingen"), rows=rows)


def register() -> None:
    """Called by the app's ready(): its section of the inzage."""
    export_section_register("income", income_section, ORDER)
