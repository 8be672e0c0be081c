"""The seeds' yardsticks beside the municipality's own figures (Maatstaven): one `FigureTable` per yardstick, with
the seed's number, its words and its file as the figure's reference (data/yardsticks.yaml).

These figures read live aggregates through the owners' fact selectors (`<app>.selectors_facts_yardsticks`) rather
than a precomputed table: each is one or two grouped queries over indexed columns, whatever the number of
residents, so a refresh would only add staleness. The page runs a fixed number of queries (pinned in its test).

Every count of fewer than 10 residents and every share of fewer than 10 shows no number (`insights.suppression`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access import selectors_facts_yardsticks as access_facts
from ..income import selectors_facts_yardsticks as income_facts
from ..legal import selectors_facts_yardsticks as legal_facts
from ..organisations.roles import Domain
from ..participation import selectors_facts_yardsticks as participation_facts
from ..routes import selectors_facts_yardsticks as routes_facts
from .figures import figure
from .filters import Filters
from .suppression import TOO_FEW, count, rate
from .tables import SUPPRESSED, Chart, Column, FigureTable

DATA_FILE = Path(__file__).parent / "data" / "yardsticks.yaml"


@dataclass(frozen=True)
class Yardstick:
    """One of the seeds' yardsticks: its number (None where the seed names a duty but no number) and its source."""

    code: str
    title: str
    value: Decimal | None
    source: str
    file: str
    document: str
    text: str
    basis: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)

    def parameter(self, name: str) -> int:
        return int(self.parameters[name])


_FIELDS = {"code", "title", "value", "source", "file", "document", "text", "basis"}


def _load(path: Path = DATA_FILE) -> dict[str, Yardstick]:
    """The yardsticks of the data file, read once at import: a file that does not parse stops the start-up."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    yardsticks = {}
    for item in document["yardsticks"]:
        value = item.get("value")
        yardsticks[item["code"]] = Yardstick(
            code=item["code"],
            title=item["title"],
            value=None if value is None else Decimal(str(value)),
            source=str(item["source"]),
            file=item["file"],
            document=item["document"],
            text=" ".join(str(item["text"]).split()),
            basis=" ".join(str(item.get("basis", "")).split()),
            parameters={k: v for k, v in item.items() if k not in _FIELDS},
        )
    return yardsticks


YARDSTICKS = _load()
ORDER = tuple(YARDSTICKS)


def yardstick_list() -> list[Yardstick]:
    """Every yardstick with its source, in the file's order (the page's list of sources)."""
    return list(YARDSTICKS.values())


# -- the shape shared by every yardstick figure ----------------------------------------------------------------------

LABEL = Column("label", gettext_lazy("Groep"))
REFERENCE = Column("reference", gettext_lazy("Maatstaf uit de bron (%)"), "percent")
PART = Column("part", gettext_lazy("Aantal"), "count")
WHOLE = Column("whole", gettext_lazy("Van totaal"), "count")
SHARE = Column("share", gettext_lazy("Aandeel (%)"), "percent")
LOWER = Column("lower", gettext_lazy("95%-interval vanaf (%)"), "percent")
UPPER = Column("upper", gettext_lazy("95%-interval tot (%)"), "percent")
SHARE_COLUMNS = [LABEL, REFERENCE, PART, WHOLE, SHARE, LOWER, UPPER]
BARS = Chart("bar", x="label", series=("reference", "share"), y_label=gettext_lazy("%"))


def _shown(n: int | None) -> Any:
    """A count as it may be shown: SUPPRESSED for a group under 10, None for nothing to count."""
    if n is None:
        return None
    return SUPPRESSED if count(n) is None else n


def share_row(label: str, reference: Decimal | None, part: int, whole: int) -> tuple:
    """A row of label, the seed's number, `part` of `whole` and its share with the 95 % interval; a share of
    fewer than 10 shows no number, nor does a count under 10."""
    shown = rate(part, whole)
    if shown.suppressed:
        return (label, reference, _shown(part), SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED)
    return (label, reference, _shown(part), whole, shown.percent, shown.lower, shown.upper)


def _reference(yardstick: Yardstick) -> str:
    number = _("de bron noemt geen getal") if yardstick.value is None else f"{number_format(yardstick.value, 0)} %"
    return _("Maatstaf: %(number)s. “%(text)s” (bron %(source)s: %(document)s; %(file)s)") % {
        "number": number,
        "text": yardstick.text,
        "source": yardstick.source,
        "document": yardstick.document,
        "file": yardstick.file,
    }


def _note(yardstick: Yardstick, definition: str) -> str:
    parts = [definition, yardstick.basis, _("Een groep van minder dan 10 inwoners toont geen getal.")]
    return " ".join(p for p in parts if p)


def _table(code: str, definition: str, rows: list[tuple], columns: list[Column] | None = None) -> FigureTable:
    yardstick = YARDSTICKS[code]
    return FigureTable(
        code=f"yardstick_{code}",
        title=yardstick.title,
        columns=columns or SHARE_COLUMNS,
        rows=rows,
        chart=BARS,
        note=_note(yardstick, definition),
        reference=_reference(yardstick),
    )


def _today() -> date:
    return timezone.localdate()


def period_end(filters: Filters) -> date:
    """The last day the figures count: the end of the last month chosen, or today in a month not yet over."""
    return min(filters.month_to + relativedelta(months=1) - timedelta(days=1), _today())


def _area(filters: Filters) -> dict[str, int | None]:
    return {"municipality_id": filters.municipality_id, "district_id": filters.district_id}


def _law(code: str) -> str:
    return str(Domain(code).label) if code in Domain.values else code


# -- the figures ---------------------------------------------------------------------------------------------------


@figure("yardstick_distance")
def distance(filters: Filters) -> FigureTable:
    """Sol's distribution (seed 002: 1/2/5/57/5/30 %) beside the residents' assessments in force at the period's
    end, per category. One query."""
    on = period_end(filters)
    categories = participation_facts.distance_category_counts(on=on, **_area(filters))
    total = sum(c.count for c in categories)
    rows = [share_row(c.name, c.reference_share, c.count, total) for c in categories]
    definition = _(
        "Inwoners per categorie volgens hun beoordeling die op %(day)s gold, van alle inwoners met een "
        "beoordeling; de gemeente is die van de beoordeling."
    ) % {"day": on.strftime("%d-%m-%Y")}
    return _table("distance", definition, rows)


@figure("yardstick_walking_routes")
def walking_routes(filters: Filters) -> FigureTable:
    """The share of running walking-route trajectories per route beside the route map's share (maatwerkroute
    ~15 %, seeds 000/001). One query."""
    on = period_end(filters)
    routes = routes_facts.walking_route_counts(on=on, **_area(filters))
    total = sum(r.count for r in routes)
    rows = [
        share_row(r.label, None if r.share_percent is None else Decimal(r.share_percent), r.count, total)
        for r in routes
    ]
    definition = _(
        "Lopende trajecten op %(day)s per wandelroute, van alle lopende trajecten op een wandelroute; "
        "de maatstaf is het aandeel dat de routekaart noemt."
    ) % {"day": on.strftime("%d-%m-%Y")}
    return _table("walking_routes", definition, rows)


@figure("yardstick_reassessment")
def reassessment(filters: Filters) -> FigureTable:
    """Of the reassessments in the period, how many found a smaller distance (seed 002: three in four). One query."""
    yardstick = YARDSTICKS["reassessment"]
    changes = participation_facts.reassessment_change_counts(
        since=filters.month_from, until=period_end(filters), **_area(filters)
    )
    kinds = [
        ("smaller", _("Kleinere afstand"), yardstick.value),
        ("same", _("Gelijke afstand"), None),
        ("larger", _("Grotere afstand"), None),
    ]
    whole = sum(changes.get(kind, 0) for kind, _label, _value in kinds)
    rows = [share_row(label, value, changes.get(kind, 0), whole) for kind, label, value in kinds]
    definition = _(
        "Herbeoordelingen in de periode (niet de eerste beoordeling), naar de verandering sinds de vorige beoordeling."
    )
    return _table("reassessment", definition, rows)


@figure("yardstick_youth_applications")
def youth_applications(filters: Filters) -> FigureTable:
    """Young people's applications for social assistance that did not lead to a benefit (seed 004: half). Two
    queries: the applications (access) and the benefits that started around them (income), joined here."""
    yardstick = YARDSTICKS["youth_applications"]
    before = timedelta(days=yardstick.parameter("days_before"))
    after = timedelta(days=yardstick.parameter("days_after"))
    end, today = period_end(filters), _today()
    applications = access_facts.youth_participation_applications(
        since=filters.month_from, until=end, under_age=yardstick.parameter("under_age"), **_area(filters)
    )
    starts = income_facts.benefit_starts(since=filters.month_from - before, until=end + after)
    counted = [a for a in applications if a.received_on + after <= today]
    entered = sum(
        1
        for a in counted
        if any(a.received_on - before <= s <= a.received_on + after for s in starts.get(a.household_id, ()))
    )
    waiting = len(applications) - len(counted)
    rows = [
        share_row(_("Niet in de uitkering gekomen"), yardstick.value, len(counted) - entered, len(counted)),
        share_row(_("Wel in de uitkering gekomen"), None, entered, len(counted)),
        (
            _("Nog binnen dertien weken na de aanvraag (telt nog niet mee)"),
            None,
            _shown(waiting),
            None,
            None,
            None,
            None,
        ),
    ]
    definition = _("Aanvragen voor de Participatiewet van inwoners jonger dan %(age)s, ontvangen in de periode.") % {
        "age": yardstick.parameter("under_age")
    }
    return _table("youth_applications", definition, rows)


@figure("yardstick_annual_review")
def annual_review(filters: Filters) -> FigureTable:
    """Per year of the period, the benefits with their yearly conversation held (seed 004: at least once a year,
    so 100 %). One query."""
    yardstick = YARDSTICKS["annual_review"]
    end = period_end(filters)
    years = [(year, min(date(year, 12, 31), end)) for year in filters.years if date(year, 1, 1) <= end]
    coverage = income_facts.annual_review_coverage(years=years, **_area(filters))
    rows = [share_row(str(c.year), yardstick.value, c.held, c.benefits) for c in coverage]
    definition = _(
        "Per kalenderjaar in de periode (het lopende jaar tot %(day)s): de bijstandsuitkeringen die vanaf "
        "1 januari liepen, en hoeveel daarvan in dat jaar een gehouden jaarlijks gesprek hebben."
    ) % {"day": end.strftime("%d-%m-%Y")}
    return _table("annual_review", definition, rows)


@figure("yardstick_non_take_up")
def non_take_up(filters: Filters) -> FigureTable:
    """Per regulation, the non-take-up the regulations checks of the period found, and how much was resolved by a
    grant since (seed 004: every client checked, helped to apply). One query."""
    yardstick = YARDSTICKS["non_take_up"]
    found = income_facts.non_take_up_resolution(since=filters.month_from, until=period_end(filters), **_area(filters))
    rows = [share_row(r.name, yardstick.value, r.resolved, r.found) for r in found]
    if found:
        rows.append(
            share_row(
                _("Alle regelingen"), yardstick.value, sum(r.resolved for r in found), sum(r.found for r in found)
            )
        )
    definition = _(
        "Aantal: huishoudens aan wie de regeling sinds de check is toegekend; van totaal: huishoudens die "
        "de regelingencheck in de periode vond met recht op de regeling zonder gebruik."
    )
    return _table("non_take_up", definition, rows)


TERM_COLUMNS = [
    LABEL,
    REFERENCE,
    Column("part", gettext_lazy("Op tijd"), "count"),
    Column("whole", gettext_lazy("Termijnen afgelopen"), "count"),
    SHARE,
    LOWER,
    UPPER,
    Column("late", gettext_lazy("Te laat"), "count"),
    Column("missed", gettext_lazy("Verstreken zonder besluit"), "count"),
    Column("fell_away", gettext_lazy("Vervallen vóór de laatste dag"), "count"),
]


@figure("yardstick_terms")
def terms(filters: Filters) -> FigureTable:
    """Statutory terms met in time, per law, and objections decided within the Awb term (100 %: the law applies to
    every one). Two queries: the toegang's deadlines and legal's objections."""
    yardstick = YARDSTICKS["terms"]
    end = period_end(filters)
    deadlines = access_facts.deadline_results(since=filters.month_from, until=end, on=_today(), **_area(filters))
    objections = legal_facts.objection_results(since=filters.month_from, until=end, **_area(filters))
    rows = [
        (
            *share_row(_("Beslistermijn %(law)s") % {"law": _law(d.law)}, yardstick.value, d.in_time, d.ended),
            _shown(d.late),
            _shown(d.missed),
            _shown(d.fell_away),
        )
        for d in deadlines
    ]
    decided = sum(o.decided for o in objections)
    in_time = sum(o.in_time for o in objections)
    objection_row = share_row(_("Beslissing op bezwaar (Awb 7:10)"), yardstick.value, in_time, decided)
    rows.append((*objection_row, _shown(decided - in_time), None, None))
    definition = _(
        "Wettelijke termijnen waarvan de laatste dag in de periode lag en voorbij is; bezwaren beslist in de periode."
    )
    return _table("terms", definition, rows, TERM_COLUMNS)


@figure("yardstick_objections_upheld")
def objections_upheld(filters: Filters) -> FigureTable:
    """Objections decided in the period that were (partly) upheld, per law. One query."""
    yardstick = YARDSTICKS["objections_upheld"]
    objections = legal_facts.objection_results(since=filters.month_from, until=period_end(filters), **_area(filters))
    rows = [share_row(_law(o.law), yardstick.value, o.upheld, o.decided) for o in objections]
    if objections:
        rows.append(
            share_row(
                _("Alle wetten"),
                yardstick.value,
                sum(o.upheld for o in objections),
                sum(o.decided for o in objections),
            )
        )
    definition = _(
        "Bezwaren beslist in de periode, naar de wet van het bestreden besluit: (deels) gegrond van alle beslist."
    )
    return _table("objections_upheld", definition, rows)


BUILDERS = {
    "distance": distance,
    "walking_routes": walking_routes,
    "reassessment": reassessment,
    "youth_applications": youth_applications,
    "annual_review": annual_review,
    "non_take_up": non_take_up,
    "terms": terms,
    "objections_upheld": objections_upheld,
}


def yardstick_tables(filters: Filters) -> list[FigureTable]:
    """Every yardstick figure for the filters, in the data file's order (ten queries in all)."""
    return [BUILDERS[code](filters) for code in ORDER if code in BUILDERS]


# -- the beleid home page ------------------------------------------------------------------------------------------


def _headline_value(part: int, whole: int, reference: Decimal | None) -> str:
    shown = rate(part, whole)
    if shown.suppressed:
        return str(TOO_FEW)
    if shown.percent is None:
        return "-"
    value = f"{number_format(shown.percent, 1)} %"
    if reference is not None:
        value += " " + _("(maatstaf %(reference)s %%)") % {"reference": number_format(reference, 0)}
    return value


def yardstick_headlines() -> list[tuple[str, str, str]]:
    """Two headline figures of the last twelve months for the beleid home page: (label, value, link). Two queries."""
    today = _today()
    since = today - relativedelta(years=1) + timedelta(days=1)
    url = reverse("insights:yardsticks")
    changes = participation_facts.reassessment_change_counts(since=since, until=today)
    reassessed = sum(changes.get(kind, 0) for kind in ("smaller", "same", "larger"))
    deadlines = access_facts.deadline_results(since=since, until=today, on=today)
    return [
        (
            _("Kleinere afstand bij herbeoordeling (12 maanden)"),
            _headline_value(changes.get("smaller", 0), reassessed, YARDSTICKS["reassessment"].value),
            f"{url}#figuur-yardstick_reassessment",
        ),
        (
            _("Wettelijke termijnen op tijd gehaald (12 maanden)"),
            _headline_value(
                sum(d.in_time for d in deadlines), sum(d.ended for d in deadlines), YARDSTICKS["terms"].value
            ),
            f"{url}#figuur-yardstick_terms",
        ),
    ]
