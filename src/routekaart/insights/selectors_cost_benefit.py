"""The cost-benefit figures: per instrument and per route, over the chosen years and municipality, what was spent,
what came of it and the ratio beside the seed's MKBA (1.1 social, 1.0 financial), and the assumptions behind it.

Each figure reads the summed `CostBenefitCell`s in one query (and income's single norm in one more); the ratio is
computed by `insights.cost_benefit`. A group of fewer than 10 participants shows no number at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import cost_benefit
from .cost_benefit import Assumptions, Quantities
from .figures import figure
from .filters import Filters
from .models import CostBenefitCell, InterventionKind
from .suppression import count, is_suppressed
from .tables import SUPPRESSED, Chart, Column, FigureTable

RATIO_COLUMNS = ("social_ratio", "financial_ratio", "reference")


@dataclass(frozen=True)
class Summed:
    """One instrument or route: its key, its name and its summed quantities."""

    key: str
    label: str
    quantities: Quantities


def summed_cells(kind: str, filters: Filters) -> list[Summed]:
    """The cells of one kind within the filters' years and municipality, summed per instrument or route (one query).

    Cells have no wijk: a chosen wijk does not narrow them (the page says so)."""
    cells = filters.apply(CostBenefitCell.objects.filter(intervention_kind=kind), month_field=None, district=False)
    rows = (
        cells.filter(year__in=list(filters.years))
        .values("intervention_key")
        .annotate(
            label=Max("intervention_label"),
            participants=Sum("participants"),
            cost=Sum("cost"),
            left_benefit=Sum("left_benefit"),
            benefit_months_saved=Sum("benefit_months_saved"),
            work_months=Sum("work_months"),
            earnings=Sum("earnings"),
        )
        .order_by("label", "intervention_key")
    )
    return [
        Summed(
            key=row["intervention_key"],
            label=row["label"],
            quantities=Quantities(
                participants=row["participants"],
                cost=Decimal(row["cost"]),
                left_benefit=row["left_benefit"],
                benefit_months_saved=Decimal(row["benefit_months_saved"]),
                work_months=Decimal(row["work_months"]),
                earnings=Decimal(row["earnings"]),
            ),
        )
        for row in rows
    ]


def _columns(first: str) -> list[Column]:
    return [
        Column("label", first, "text"),
        Column("participants", _("Deelnemers"), "count"),
        Column("cost", _("Kosten"), "money"),
        Column("left_benefit", _("Uit de bijstand"), "count"),
        Column("benefit_months_saved", _("Uitkeringsmaanden bespaard"), "number"),
        Column("earnings", _("Verdiend loon"), "money"),
        Column("social_benefits", _("Maatschappelijke baten"), "money"),
        Column("social_ratio", _("Maatschappelijke verhouding"), "ratio"),
        Column("financial_ratio", _("Financiële verhouding"), "ratio"),
        Column("reference", _("MKBA-referentie"), "ratio"),
    ]


def _row(summed: Summed, assumptions: Assumptions) -> tuple:
    quantities = summed.quantities
    if is_suppressed(quantities.participants):
        return (summed.label, *([SUPPRESSED] * 8), assumptions.reference_social)
    result = cost_benefit.outcome(quantities, assumptions)
    left = count(quantities.left_benefit)
    return (
        summed.label,
        quantities.participants,
        quantities.cost,
        SUPPRESSED if left is None else left,
        quantities.benefit_months_saved,
        quantities.earnings,
        result.social_benefits,
        result.social_ratio,
        result.financial_ratio,
        assumptions.reference_social,
    )


def _note() -> str:
    horizon = cost_benefit.horizon_months()
    return str(
        _(
            "Per start: deelnemers die in de gekozen jaren begonnen, gevolgd tot {horizon} maanden na de start. "
            "Baten = bespaarde uitkeringsmaanden x uitkering per maand + verdiend loon x productiviteitsdeel; "
            "maatschappelijk met de immateriële opslag erbij. Verhouding = baten / kosten; geen verhouding als er "
            "niets is uitgegeven. Bruto-effecten: er is geen vergelijkingsgroep. De aannames staan in de tabel "
            "Aannames; een groep van minder dan 10 deelnemers toont geen getallen."
        )
    ).format(horizon=horizon)


def _reference(assumptions: Assumptions) -> str:
    return str(
        _(
            "Ter vergelijking (Startnotitie Zaanse visie op de uitvoeringsorganisatie participatie, 2016, §3.3: "
            "MKBA van LPBL voor Amsterdam): maatschappelijke kosten-batenverhouding "
            "{social}, financieel {financial}; iedere geïnvesteerde euro leverde € 1,10 aan maatschappelijke baten op."
        )
    ).format(
        social=f"{assumptions.reference_social:.1f}".replace(".", ","),
        financial=f"{assumptions.reference_financial:.1f}".replace(".", ","),
    )


def _table(code: str, title, first, kind: str, filters: Filters) -> FigureTable:
    assumptions = cost_benefit.assumptions(timezone.localdate())
    return FigureTable(
        code=code,
        title=title,
        columns=_columns(first),
        rows=[_row(summed, assumptions) for summed in summed_cells(kind, filters)],
        chart=Chart(
            kind="bar",
            x="label",
            series=RATIO_COLUMNS,
            y_label=_("Baten per geïnvesteerde euro (referentie 1,1)"),
        ),
        note=_note(),
        reference=_reference(assumptions),
    )


@figure("cost_benefit_instruments")
def cost_benefit_instruments(filters: Filters) -> FigureTable:
    """Cost and benefits per participation instrument."""
    return _table(
        "cost_benefit_instruments",
        _("Kosten en baten per instrument"),
        _("Instrument"),
        InterventionKind.INSTRUMENT,
        filters,
    )


@figure("cost_benefit_routes")
def cost_benefit_routes(filters: Filters) -> FigureTable:
    """Cost and benefits per route (the instruments and declared care of the route's residents)."""
    return _table("cost_benefit_routes", _("Kosten en baten per route"), _("Route"), InterventionKind.ROUTE, filters)


def _assumption_rows(assumptions: Assumptions) -> list[tuple]:
    numbers = cost_benefit.NUMBERS

    def row(name: str, value, unit) -> tuple:
        return (numbers.document["numbers"][name]["label"], value, unit, numbers.source(name))

    return [
        row("horizon_months", assumptions.horizon_months, _("maanden")),
        (
            _("Uitkering per bespaarde maand"),
            assumptions.monthly_benefit,
            _("euro per maand"),
            assumptions.monthly_benefit_source,
        ),
        row("earnings_share", assumptions.earnings_share, _("deel")),
        row("immaterial_markup", assumptions.immaterial_markup, _("deel")),
        row("reference_social_ratio", assumptions.reference_social, _("verhouding")),
        row("reference_financial_ratio", assumptions.reference_financial, _("verhouding")),
        row("reference_cost_million", cost_benefit.number("reference_cost_million"), _("miljoen euro")),
        row("reference_benefit_million", cost_benefit.number("reference_benefit_million"), _("miljoen euro")),
        row("reference_productivity_share", cost_benefit.number("reference_productivity_share"), _("deel")),
    ]


@figure("cost_benefit_assumptions")
def cost_benefit_assumptions(filters: Filters) -> FigureTable:
    """The assumptions of the ratio, each with its source (data/cost_benefit.yaml and income's norms)."""
    assumptions = cost_benefit.assumptions(timezone.localdate())
    return FigureTable(
        code="cost_benefit_assumptions",
        title=_("Aannames"),
        columns=[
            Column("assumption", _("Aanname"), "text"),
            Column("value", _("Waarde"), "number"),
            Column("unit", _("Eenheid"), "text"),
            Column("source", _("Bron"), "text"),
        ],
        rows=_assumption_rows(assumptions),
        note=_("Versie {version} van de aannames; functioneel beheer past ze aan in de configuratie.").format(
            version=cost_benefit.NUMBERS.version
        ),
    )
