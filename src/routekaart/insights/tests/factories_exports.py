"""Figures for the tests of the chart, the exports, the print view and the figures API: a fixed table with every
column kind and suppressed cells, and registered figures (one read from FlowCount, one of each chart kind) that
stand in until the figures of the pages are registered."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
from django.db.models import Sum

from ..figures import figure
from ..filters import Filters
from ..models import Direction, FlowCount, FlowDimension
from ..suppression import count, rate
from ..tables import SUPPRESSED, Chart, Column, FigureTable

SAMPLE_CODE = "proef-tabel"
FLOW_CODE = "proef-instroom-per-route"
SANKEY_CODE = "proef-stromen"
LINE_CODE = "proef-verloop"
STACKED_CODE = "proef-gestapeld"


class FlowCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FlowCount

    dimension = FlowDimension.ROUTE
    key = factory.Sequence(lambda n: f"route-{n}")
    label = factory.LazyAttribute(lambda o: o.key.title())
    direction = Direction.IN
    month = date(2026, 1, 1)
    count = 10


def sample_table() -> FigureTable:
    """Every kind of column; the second row is a group under 10 (suppressed), the third a Rate of 10 out of 20."""
    return FigureTable(
        code=SAMPLE_CODE,
        title="Instroom per route",
        columns=[
            Column("route", "Route"),
            Column("maand", "Maand", "month"),
            Column("instroom", "Instroom", "count"),
            Column("aandeel", "Aandeel (%)", "percent"),
            Column("kosten", "Kosten", "money"),
            Column("verhouding", "Baten per euro", "ratio"),
        ],
        rows=[
            ("Basisroute", date(2026, 1, 1), 1234, Decimal("60.0"), Decimal("1500"), Decimal("1.10")),
            ("Maatwerkroute", date(2026, 1, 1), SUPPRESSED, SUPPRESSED, Decimal("800"), SUPPRESSED),
            ("Netwerkroute", date(2026, 2, 1), 10, rate(10, 20), Decimal("1234567"), None),
        ],
        chart=Chart("bar", "route", ("instroom",), y_label="inwoners"),
        note="Bron: proefgegevens.",
        reference="Startnotitie: ter vergelijking.",
    )


@figure(SAMPLE_CODE)
def sample_figure(filters: Filters) -> FigureTable:
    return sample_table()


@figure(FLOW_CODE)
def flow_figure(filters: Filters) -> FigureTable:
    """Entries per route within the filters: one grouped query; a route with fewer than 10 shows no number."""
    totals = list(
        filters.apply(FlowCount.objects.filter(dimension=FlowDimension.ROUTE, direction=Direction.IN))
        .values("label")
        .annotate(total=Sum("count"))
        .order_by("label")
    )
    whole = sum(row["total"] for row in totals)
    rows = []
    for row in totals:
        shown = count(row["total"])
        # a small group's share of a large whole would give its number away: it is suppressed as well
        share = SUPPRESSED if shown is None else rate(row["total"], whole)
        rows.append((row["label"], SUPPRESSED if shown is None else shown, share))
    return FigureTable(
        code=FLOW_CODE,
        title="Instroom per route (proef)",
        columns=[
            Column("route", "Route"),
            Column("instroom", "Instroom", "count"),
            Column("aandeel", "Aandeel", "percent"),
        ],
        rows=rows,
        chart=Chart("bar", "route", ("instroom",)),
        note="Instroom per route in de gekozen maanden.",
    )


@figure(SANKEY_CODE)
def sankey_figure(filters: Filters) -> FigureTable:
    """A flow back (Basisroute to Maatwerkroute and back) and a link of a group under 10."""
    return FigureTable(
        code=SANKEY_CODE,
        title="Stromen tussen routes (proef)",
        columns=[Column("van", "Van"), Column("naar", "Naar"), Column("aantal", "Aantal", "count")],
        rows=[
            ("Basisroute", "Maatwerkroute", 40),
            ("Maatwerkroute", "Basisroute", 12),
            ("Basisroute", "Regulier werk", 25),
            ("Maatwerkroute", "Beschut werk", SUPPRESSED),
        ],
        chart=Chart("sankey", "van", ("naar", "aantal")),
    )


@figure(LINE_CODE)
def line_figure(filters: Filters) -> FigureTable:
    return FigureTable(
        code=LINE_CODE,
        title="Caseload per maand (proef)",
        columns=[Column("maand", "Maand", "month"), Column("caseload", "Caseload", "count")],
        rows=[(date(2026, m, 1), value) for m, value in ((1, 120), (2, 132), (3, SUPPRESSED), (4, 128))],
        chart=Chart("line", "maand", ("caseload",), y_label="inwoners"),
    )


@figure(STACKED_CODE)
def stacked_figure(filters: Filters) -> FigureTable:
    return FigureTable(
        code=STACKED_CODE,
        title="Uitstroom naar bestemming (proef)",
        columns=[
            Column("maand", "Maand", "month"),
            Column("werk", "Regulier werk", "count"),
            Column("beschut", "Beschut werk", "count"),
            Column("dagbesteding", "Dagbesteding", "count"),
        ],
        rows=[
            (date(2026, 1, 1), 30, 12, SUPPRESSED),
            (date(2026, 2, 1), 34, 10, 11),
        ],
        chart=Chart("stacked_bar", "maand", ("werk", "beschut", "dagbesteding")),
    )
