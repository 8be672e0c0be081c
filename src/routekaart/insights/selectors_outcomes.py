"""What works for whom: outcome rates per instrument or provision, summed from the precomputed outcome cells, with
a 95 % Wilson interval, for one profile dimension, the whole profile, or everyone together.

The dashboard, its exports and the caseworker's panel all read `outcome_rates`, so the panel's "werk gevonden 42 %"
for a profile is the dashboard's figure for that profile, suppressed the same way: a group under 10 residents (or
under 10 observed residents for a rate) shows no number. One grouped query per call; the labels of the distance
categories are one more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Sum
from django.utils.translation import gettext_lazy as _

from ..participation.selectors_facts_outcomes import distance_category_names
from .figures import figure
from .filters import Filters
from .models import InterventionKind, OutcomeCell
from .profile import DIMENSIONS, RULES, Profile, band_labels
from .suppression import Rate, count, rate
from .tables import SUPPRESSED, Chart, Column, FigureTable

OUTCOMES: dict[str, str] = {
    "work_found": _("Werk gevonden"),
    "distance_reduced": _("Afstand kleiner"),
    "closed_without_return": _("Afgesloten zonder terugkeer"),
}
FULL_PROFILE = "profile"  # split by all four dimensions at once: "people like this resident"
SPLITS: dict[str, str] = {"": _("Niet uitsplitsen"), **DIMENSIONS, FULL_PROFILE: _("Volledig profiel")}
KIND_TITLES = {
    InterventionKind.INSTRUMENT: _("Wat werkt voor wie: participatie-instrumenten"),
    InterventionKind.PROVISION: _("Wat werkt voor wie: maatwerkvoorzieningen"),
}
KIND_CODES = {InterventionKind.INSTRUMENT: "instruments", InterventionKind.PROVISION: "provisions"}
NOTE = _(
    "Per inzet de inwoners die in de gekozen jaren begonnen (ieder één keer per jaar), en van hen wie de 12 maanden "
    "erna al heeft doorlopen of klaar is. Werk gevonden: afgerond met een plaatsing of uitstroom uit de bijstand; "
    "afstand kleiner: een nieuwe beoordeling met een kleinere afstand tot de arbeidsmarkt; afgesloten zonder "
    "terugkeer: de casus sloot en er kwam binnen 12 maanden geen nieuwe. Percentages met een 95%-betrouwbaarheids"
    "interval (Wilson); een streepje waar een uitkomst niet past (werk en afstand bij Wmo en jeugdhulp). "
    "Groepen kleiner dan 10 inwoners tonen geen getal."
)


@dataclass(frozen=True)
class OutcomeRow:
    """One intervention (for one band, or one whole profile) with its counts and rates, already suppressed."""

    kind: str
    key: str
    label: str
    band: tuple[str, ...]  # the codes of the split's dimensions ((): everyone together)
    band_label: str
    residents: int | None  # None: fewer than 10
    observed: int | None
    rates: dict[str, Rate]


def _dimensions(by: str) -> list[str]:
    if by == FULL_PROFILE:
        return list(DIMENSIONS)
    if by in DIMENSIONS:
        return [by]
    if by:
        raise ValueError(f"unknown profile dimension {by!r}")
    return []


def outcome_rates(
    *, filters: Filters, kind: str, by: str = "", profile: Profile | None = None, labels: dict | None = None
) -> list[OutcomeRow]:
    """The rates per intervention of `kind` (x the bands of `by`), within the filters' cohort years, municipality
    and wijk; `profile` keeps only the cells of that one profile. One query (two without `labels`)."""
    dimensions = _dimensions(by)
    cells = filters.apply(OutcomeCell.objects.filter(intervention_kind=kind), month_field=None).filter(
        cohort_year__gte=filters.month_from.year, cohort_year__lte=filters.month_to.year
    )
    if profile is not None:
        cells = cells.filter(**{d: code for d, code in profile.as_dict().items() if code is not None})
    grouped = (
        cells.values("intervention_key", *dimensions)
        .annotate(
            label=Max("intervention_label"),
            residents_sum=Sum("residents"),
            observed_sum=Sum("observed"),
            **{f"{name}_sum": Sum(name) for name in OUTCOMES},
        )
        .order_by()
    )
    if labels is None:
        labels = dimension_labels()
    rows = []
    for cell in grouped:
        band = tuple(cell[d] for d in dimensions)
        band_label = ", ".join(labels[d].get(code, code) for d, code in zip(dimensions, band, strict=True))
        observed = cell["observed_sum"]
        rows.append(
            OutcomeRow(
                kind=kind,
                key=cell["intervention_key"],
                label=cell["label"],
                band=band,
                band_label=band_label,
                residents=count(cell["residents_sum"]),
                observed=count(observed) if count(cell["residents_sum"]) is not None else None,
                rates={name: rate(cell[f"{name}_sum"], observed) for name in OUTCOMES},
            )
        )
    order = {d: list(labels[d]) for d in dimensions}
    rows.sort(key=lambda r: (r.label, [_position(order[d], code) for d, code in zip(dimensions, r.band, strict=True)]))
    return rows


def _position(codes: list[str], code: str) -> int:
    return codes.index(code) if code in codes else len(codes)


def dimension_labels() -> dict[str, dict[str, str]]:
    """Every dimension's band codes in order with their Dutch labels (one query, for the distance categories)."""
    distances = distance_category_names()
    return {d: band_labels(d, distances) for d in DIMENSIONS}


def profile_label(profile: Profile, labels: dict[str, dict[str, str]] | None = None) -> str:
    """The Dutch bands of a profile, those it leaves open (None) left out."""
    labels = labels or dimension_labels()
    return ", ".join(labels[d].get(code, code) for d, code in profile.as_dict().items() if code is not None)


def _percent_cells(value: Rate) -> tuple:
    if value.suppressed:
        return value, SUPPRESSED, SUPPRESSED
    return value, value.lower, value.upper


def what_works_table(
    filters: Filters, *, kind: str, by: str = "", outcome: str = "work_found", labels: dict | None = None
) -> FigureTable:
    """The figure of one kind of intervention: a row per intervention (and band), every outcome's rate with its
    interval; charted for `outcome`."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    rows = outcome_rates(filters=filters, kind=kind, by=by, labels=labels)
    note = NOTE
    if by == FULL_PROFILE:
        # Four dimensions at once make thousands of small groups: only those of 10 or more are listed.
        left_out = sum(1 for row in rows if row.residents is None)
        rows = [row for row in rows if row.residents is not None]
        if left_out:
            note = f"{NOTE} " + str(_("%(count)s profielen met minder dan 10 inwoners staan niet in de tabel.")) % {
                "count": left_out
            }
    columns = [Column("intervention", _("Inzet"))]
    if by:
        columns.append(Column("group", _("Inzet en profiel")))
        columns.append(Column("band", SPLITS[by]))
    columns += [
        Column("residents", _("Inwoners gestart"), "count"),
        Column("observed", _("12 maanden gevolgd"), "count"),
    ]
    for name, label in OUTCOMES.items():
        columns += [
            Column(name, label, "percent"),
            Column(f"{name}_lower", _("%(outcome)s: ondergrens") % {"outcome": label}, "percent"),
            Column(f"{name}_upper", _("%(outcome)s: bovengrens") % {"outcome": label}, "percent"),
        ]
    table_rows = []
    for row in rows:
        values: list = [row.label]
        if by:
            values += [f"{row.label} · {row.band_label}", row.band_label]
        values += [SUPPRESSED if row.residents is None else row.residents]
        values += [SUPPRESSED if row.observed is None else row.observed]
        for name in OUTCOMES:
            values += _percent_cells(row.rates[name])
        table_rows.append(tuple(values))
    code = f"what_works_{KIND_CODES[kind]}" + (f"_{by}" if by else "")
    title = KIND_TITLES[kind] if not by else f"{KIND_TITLES[kind]} ({_('naar')} {str(SPLITS[by]).lower()})"
    return FigureTable(
        code=code,
        title=title,
        columns=columns,
        rows=table_rows,
        chart=Chart("bar", "group" if by else "intervention", (outcome,), y_label=OUTCOMES[outcome] + " (%)"),
        note=note,
        reference=_("Banden en venster: %(source)s") % {"source": RULES.source},
    )


def _register(kind: str, by: str) -> None:
    code = f"what_works_{KIND_CODES[kind]}" + (f"_{by}" if by else "")

    @figure(code)
    def build(filters: Filters) -> FigureTable:
        return what_works_table(filters, kind=kind, by=by)


for _kind in KIND_CODES:
    for _by in SPLITS:
        _register(_kind, _by)


def panel_filters(on: date) -> Filters:
    """The caseworker's panel sums the last cohort years of every municipality (data/outcomes.yaml)."""
    first = date(on.year - RULES.panel_cohort_years + 1, 1, 1)
    return Filters(month_from=first, month_to=on.replace(day=1))
