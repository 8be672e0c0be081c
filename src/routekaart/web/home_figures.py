"""What each role's home page counts: its real work, from the apps' selectors, each figure linking to its page.

Counts only, never a person (a figure reads no personal data, so the home page logs no read), and a fixed number of
queries per role whatever the caseload. The home page loads them lazily (htmx), so the page itself stays quick.
A figure links only to a page the role may open; a figure whose list has no page of its own has no link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..access import selectors as access_selectors
from ..audit import selectors as audit_selectors
from ..catalog import selectors as catalog_selectors
from ..income import selectors as income_selectors
from ..income import selectors_payments, selectors_recovery
from ..insights.selectors_yardsticks import yardstick_headlines
from ..legal import selectors_enforcement
from ..legal import selectors_home as legal_home
from ..organisations.roles import Role
from ..participation import selectors as participation_selectors
from ..providers import selectors as providers_selectors
from ..providers import selectors_desk as desk_selectors
from ..residents import selectors as residents_selectors
from ..routes import selectors as routes_selectors
from ..work.selectors import placements as work_placements


@dataclass(frozen=True)
class Figure:
    label: str
    value: int | str
    url: str = ""  # the page with the list behind the figure; empty when there is none
    warning: bool = False  # something overdue: shown with emphasis


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class VersionRow:
    """A loaded version of a configuration file: in force, or loaded and waiting for its effective date."""

    name: str
    version: str
    effective_from: date
    loaded_at: object
    waiting: bool


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    text: str = ""
    versions: list[VersionRow] = field(default_factory=list)


def _url(name: str, **query: str) -> str:
    url = reverse(name)
    return f"{url}?{urlencode(query)}" if query else url


def _organisation_ids(user) -> list[int]:
    return [a.organisation_id for a in user.affiliations_held()]


# --- per role ---------------------------------------------------------------------------------------------------


def coordinator(user) -> list[Section]:
    """Signals, deadlines, agreements, yearly conversations and households: 7 queries."""
    cases = access_selectors.home_counts(user=user)
    reviews = income_selectors.annual_review_counts(user=user)
    worklist = reverse("access:worklist")
    work = Section(
        "work",
        _("Werk dat op u wacht"),
        figures=[
            Figure(
                _("Signalen die wachten op een intake"),
                cases.waiting_signals,
                _url("access:worklist", status="registered"),  # CaseStatus.REGISTERED,
            ),
            Figure(_("Wettelijke termijnen die deze week aflopen"), cases.deadlines_this_week, worklist),
            Figure(
                _("Wettelijke termijnen verlopen"),
                cases.deadlines_overdue,
                _url("access:worklist", overdue="on"),
                warning=cases.deadlines_overdue > 0,
            ),
            Figure(
                ngettext(
                    "Afspraken die binnen %(days)d dag aflopen",
                    "Afspraken die binnen %(days)d dagen aflopen",
                    cases.due_soon_days,
                )
                % {"days": cases.due_soon_days},
                cases.agreements_due,
                worklist,
            ),
            Figure(_("Jaargesprekken die eraan komen"), reviews.due_soon, reverse("income:worklist")),
            Figure(
                _("Jaargesprekken verlopen"),
                reviews.overdue,
                reverse("income:worklist"),
                warning=reviews.overdue > 0,
            ),
        ],
    )
    households = Section(
        "households",
        _("Inwoners"),
        figures=[
            Figure(
                _("Huishoudens waarbij u betrokken bent"),
                residents_selectors.my_household_count(user=user),
                reverse("residents:household_list"),
            )
        ],
        links=[Link(_("Caseload per regisseur"), reverse("income:caseload"))],
    )
    return [work, households, *_dienst(user)]


def job_coach(user) -> list[Section]:
    """Residents, placements coached and trajectories per step: 3 queries."""
    steps = routes_selectors.trajectory_step_counts(user=user)
    trajectories = reverse("routes:trajectory_list")
    return [
        Section(
            "work",
            _("Uw inwoners en plaatsingen"),
            figures=[
                Figure(
                    _("Inwoners in uw participatiecaseload"),
                    participation_selectors.caseload_count(user=user),
                    reverse("participation:team"),
                ),
                Figure(
                    _("Lopende plaatsingen die uw organisatie begeleidt"),
                    work_placements.placements_coached_count(organisation_ids=_organisation_ids(user)),
                ),
            ],
        ),
        _steps_section("trajectories", _("Trajecten per stap"), steps, trajectories, _("Nog geen lopende trajecten.")),
        *_dienst(user),
    ]


def _steps_section(key: str, title: str, steps, url: str, empty: str) -> Section:
    figures = []
    for step in steps:
        label = f"{step.route}: {step.name}" if step.name else step.route
        figures.append(Figure(label, step.count, url))
        if step.overdue:
            figures.append(Figure(_("waarvan over de termijn"), step.overdue, url, warning=True))
    return Section(key, title, figures=figures, text="" if figures else empty)


def _dienst(user) -> list[Section]:
    """The uitvoeringsdienst's youth from 16,5 and its waitlist, for its coordinators and job coaches: 2 queries."""
    if not routes_selectors.works_for_dienst(user):
        return []
    counts = routes_selectors.dienst_home_counts(user=user)
    dashboard = reverse("routes:dienst_dashboard")
    return [
        Section(
            "dienst",
            _("De Dienst"),
            figures=[
                Figure(_("Jongeren van 16,5 jaar en ouder"), counts.youth, dashboard),
                Figure(_("Op de wachtlijst, nog zonder plek"), counts.waitlist, dashboard),
            ],
        )
    ]


def school(user) -> list[Section]:
    """Pupils per route step and the year's leavers: 3 queries."""
    counts = routes_selectors.school_home_counts(user=user)
    dashboard = reverse("routes:school_dashboard")
    pupils = _steps_section(
        "pupils", _("Leerlingen per stap van hun uitstroomroute"), counts.steps, dashboard, _("Nog geen leerlingen.")
    )
    leavers = Section(
        "leavers",
        _("Uitstroom"),
        figures=[
            Figure(_("Dit jaar hun route afgerond"), counts.leavers_this_year),
            Figure(_("In nazorg"), counts.aftercare, dashboard),
        ],
        links=[Link(_("Alle trajecten van uw leerlingen"), reverse("routes:trajectory_list"))],
    )
    return [pupils, leavers]


def employer_adviser(user) -> list[Section]:
    """Open vacancies and arrangements, proposals without an answer: 3 queries."""
    counts = work_placements.desk_counts()
    openings = reverse("work:opening_list")
    return [
        Section(
            "work",
            _("Werkgeversdienstverlening"),
            figures=[
                Figure(_("Open vacatures"), counts.open_vacancies, openings),
                Figure(_("Open arrangementen"), counts.open_arrangements, openings),
                Figure(
                    _("Voorstellen waarop de werkgever nog moet antwoorden"),
                    counts.proposals_awaiting,
                    reverse("work:desk"),
                ),
            ],
            links=[
                Link(_("Werkgevers"), reverse("work:employer_list")),
                Link(_("Kandidaten"), reverse("work:candidate_list")),
                Link(_("Social return"), reverse("work:sroi_list")),
            ],
        )
    ]


def provider(user) -> list[Section]:
    """The toewijzingen and declarations of the provider's desk (2 queries) and the participation assignments given
    to the provider's organisations (1 query)."""
    desk = desk_selectors.desk_counts(user=user)
    counts = participation_selectors.provider_assignment_counts(organisation_ids=_organisation_ids(user))
    return [
        Section(
            "desk",
            _("Toewijzingen (Wmo en Jeugd)"),
            figures=[
                Figure(
                    _("Toegewezen, zorg nog te starten"),
                    desk.to_start,
                    _url("desk:assignment_list", status="te-starten"),
                ),
                Figure(_("Zorg loopt"), desk.running, _url("desk:assignment_list", status="lopend")),
                Figure(
                    _("Declaraties dit jaar met afgekeurde regels"),
                    desk.declarations_refused,
                    reverse("desk:contract"),
                    warning=desk.declarations_refused > 0,
                ),
            ],
            text=_("Meld de start en het einde van de zorg en de voortgang op de doelen bij de toewijzing."),
        ),
        Section(
            "assignments",
            _("Opdrachten aan uw organisatie"),
            figures=[
                Figure(_("Nieuw voorgesteld"), counts.proposed),
                Figure(_("Toegekend, nog te starten"), counts.to_start),
                Figure(_("Lopend"), counts.running),
                Figure(_("Lopend en binnen 30 dagen af: eindverslag sturen"), counts.ending_soon),
            ],
            text=_("Start, voortgang en einde van een opdracht meldt u aan de regisseur van het huishouden."),
            links=[
                Link(_("Trajecten van uw inwoners"), reverse("routes:trajectory_list")),
                Link(_("Huishoudens"), reverse("residents:household_list")),
            ],
        ),
    ]


def market_manager(user) -> list[Section]:
    """Beheer markt: contracts running, assignments sent this month, complaints open: 3 queries."""
    counts = providers_selectors.market_home_counts()
    complaints = _optional_url("market:complaint_list")
    review = _optional_url("market:review")
    return [
        Section(
            "market",
            _("De markt"),
            figures=[
                Figure(_("Lopende contracten"), counts.contracts_running, reverse("market:contract_list")),
                Figure(_("Toewijzingen verstuurd deze maand"), counts.assignments_this_month, review),
                Figure(_("Klachten in behandeling"), counts.complaints_open, complaints),
            ],
            links=[
                Link(_("Gecontracteerd aanbod"), reverse("market:offers")),
                Link(_("Aanbieders"), reverse("market:provider_list")),
            ],
        )
    ]


def legal(user) -> list[Section]:
    """Klantbeheer, bezwaar en klachten: objections open, decision terms ending this week or passed, complaints."""
    counts = legal_home.legal_home_counts(user)
    deadlines = _optional_url("legal:deadline_dashboard")
    return [
        Section(
            "legal",
            _("Bezwaar en klachten"),
            figures=[
                Figure(_("Bezwaren in behandeling"), counts["objections_open"], _optional_url("legal:objection_list")),
                Figure(_("Beslistermijn eindigt binnen 7 dagen"), counts["due_this_week"], deadlines),
                Figure(_("Termijn verstreken"), counts["overdue"], deadlines),
                Figure(_("Klachten over bejegening"), counts["complaints_open"], _optional_url("legal:complaint_list")),
            ],
            links=[Link(_("Bezwaar registreren"), url)] if (url := _optional_url("legal:objection_register")) else [],
        )
    ]


def client_admin(user) -> list[Section]:
    """Klantbeheer, rechtmatigheid en betalingen: signals to assess, investigations, runs to approve, claims."""
    enforcement = selectors_enforcement.enforcement_home_counts(user)
    payments = selectors_payments.payment_home_counts(user)
    recovery = selectors_recovery.recovery_home_counts(user)
    return [
        Section(
            "client_admin",
            _("Rechtmatigheid en betalingen"),
            figures=[
                Figure(
                    _("Signalen te beoordelen"),
                    enforcement["signals_new"],
                    _optional_url("legal:enforcement_signal_list"),
                ),
                Figure(
                    _("Onderzoeken lopend"),
                    enforcement["investigations_open"],
                    _optional_url("legal:investigation_list"),
                ),
                Figure(
                    _("Betaalruns wachten op fiattering"),
                    payments["runs_awaiting_approval"],
                    _optional_url("payments:run_list"),
                ),
                Figure(_("Openstaande vorderingen"), recovery["claims_open"], _optional_url("recovery:claim_list")),
            ],
        )
    ]


def _optional_url(name: str) -> str:
    """The page of a figure that another part of the product is adding: no link until it exists."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def _euros(amount: Decimal) -> str:
    return f"€ {amount:,.0f}".replace(",", ".")


def policy(user) -> list[Section]:
    """Headline figures, aggregates only: at most 6 queries (two of them for the yardsticks)."""
    flow = income_selectors.benefit_flow()
    budget = participation_selectors.budget_use_get()
    caseload = reverse("income:caseload")
    share = budget.share
    return [
        Section(
            "caseload",
            _("Bijstand"),
            figures=[
                Figure(_("Lopende uitkeringen"), flow.running, caseload),
                Figure(_("Instroom in %(year)d") % {"year": flow.year}, flow.inflow, _optional_url("insights:flows")),
                Figure(_("Uitstroom in %(year)d") % {"year": flow.year}, flow.outflow, _optional_url("insights:flows")),
                Figure(
                    _("Huishoudens met niet-gebruik van een regeling (laatste controle)"),
                    income_selectors.non_take_up_total(),
                    reverse("income:non_take_up_report"),
                ),
            ],
            links=[
                Link(label, url)
                for label, url in (
                    (_("Instroom en uitstroom per route, instrument en team"), _optional_url("insights:flows")),
                    (_("Wat werkt voor wie"), _optional_url("insights:what_works")),
                    (_("Kosten en baten"), _optional_url("insights:cost_benefit")),
                    (_("Prognoses voor de komende 12 maanden"), _optional_url("insights:forecasts")),
                    (_("Beleidssimulatie: één jaarlijkse toeslag"), _optional_url("insights:simulation")),
                )
                if url
            ],
        ),
        Section(
            "budget",
            _("Participatiebudget %(year)d") % {"year": budget.year},
            figures=[
                Figure(_("Begroot"), _euros(budget.budget), reverse("participation:budget")),
                Figure(_("Besteed tot nu toe"), _euros(budget.spent), reverse("participation:budget")),
                Figure(_("Besteed van het budget"), f"{share} %" if share is not None else _("geen budget")),
            ],
            links=[Link(_("Resultaten en doorstroom in participatie"), reverse("participation:reports"))],
        ),
        Section(
            "yardsticks",
            _("Maatstaven uit de visie, afgelopen 12 maanden"),
            figures=[Figure(label, value, url) for label, value, url in yardstick_headlines()],
            links=[Link(_("Alle maatstaven naast de eigen cijfers"), reverse("insights:yardsticks"))],
        ),
    ]


def privacy_officer(user) -> list[Section]:
    """Break-the-glass to review, consents ending soon: 2 queries."""
    unreviewed = audit_selectors.break_glass_unreviewed_count()
    return [
        Section(
            "privacy",
            _("Ter beoordeling"),
            figures=[
                Figure(
                    _("Noodtoegang ('break the glass') nog niet beoordeeld"),
                    unreviewed,
                    reverse("audit:break_glass_report"),
                    warning=unreviewed > 0,
                ),
                Figure(_("Toestemmingen die binnen 30 dagen aflopen"), residents_selectors.consents_expiring_count()),
            ],
            links=[Link(_("Verwerkingenlogboek"), reverse("audit:processing_log"))],
        )
    ]


def _version_rows(versions, on: date) -> list[VersionRow]:
    """Per file: the version in force (the newest whose date has come) and every version still waiting."""
    by_name: dict[str, list] = {}
    for version in versions:
        by_name.setdefault(version.name, []).append(version)
    rows = []
    for name, loaded in sorted(by_name.items()):
        started = [v for v in loaded if v.effective_from <= on]
        if started:
            current = max(started, key=lambda v: (v.effective_from, v.loaded_at))
            rows.append(VersionRow(name, str(current.version), current.effective_from, current.loaded_at, False))
        rows += [
            VersionRow(name, str(v.version), v.effective_from, v.loaded_at, True)
            for v in loaded
            if v.effective_from > on
        ]
    return rows


def functional_admin(user) -> list[Section]:
    """The loaded configuration versions (in force and waiting) and the region presets: 3 queries. The screens it
    owns are links on the home page itself."""
    on = timezone.localdate()
    rows = _version_rows(
        [*catalog_selectors.configuration_version_list(), *audit_selectors.data_file_version_list()], on
    )
    waiting = sum(1 for row in rows if row.waiting)
    presets = list(catalog_selectors.preset_list())
    active = next((p.name for p in presets if p.is_active), None)
    return [
        Section(
            "configuration",
            _("Configuratieversies"),
            figures=[
                Figure(_("Geladen versies die wachten op hun ingangsdatum"), waiting),
                Figure(
                    _("Regio-presets geladen maar niet actief"),
                    sum(1 for p in presets if not p.is_active),
                    reverse("admin:catalog_regionpreset_changelist"),
                ),
            ],
            versions=rows,
            text=_(
                "Een nieuwe versie wordt geladen bij het bijwerken van Routekaart; zij gaat vanzelf in op haar "
                "ingangsdatum. Een geladen versie verandert niet meer. Een regio-preset maakt u actief in het "
                "beheerscherm."
            )
            + " "
            + (
                _("Actieve regio-preset: %(name)s.") % {"name": active}
                if active
                else _("Er is nog geen regio-preset actief.")
            ),
        ),
    ]


def resident(user) -> list[Section]:
    """The resident's coordinator, until the portal exists: 2 queries."""
    involvement = residents_selectors.own_household_coordinator(user=user)
    if involvement is None:
        text = _("Er is voor uw huishouden nog geen regisseur. Neem contact op met uw gemeente.")
    else:
        person = involvement.user
        name = (person.get_full_name() or person.username) if person else ""
        organisation = involvement.organisation.name if involvement.organisation else ""
        text = _("Uw regisseur is %(name)s (%(organisation)s). Met vragen over uw plan kunt u bij hen terecht.") % {
            "name": name or _("nog niet bekend"),
            "organisation": organisation,
        }
    return [
        Section(
            "coordinator",
            _("Uw regisseur"),
            text=text,
        )
    ]


HOME_FIGURES = {
    Role.COORDINATOR: coordinator,
    Role.JOB_COACH: job_coach,
    Role.SCHOOL: school,
    Role.EMPLOYER_ADVISER: employer_adviser,
    Role.PROVIDER: provider,
    Role.POLICY: policy,
    Role.MARKET_MANAGER: market_manager,
    Role.LEGAL: legal,
    Role.CLIENT_ADMIN: client_admin,
    Role.PRIVACY_OFFICER: privacy_officer,
    Role.FUNCTIONAL_ADMIN: functional_admin,
    Role.RESIDENT: resident,
}


def home_sections(*, user, role: str | None) -> list[Section]:
    """The sections of a role's home page; none for a user without a role."""
    build = HOME_FIGURES.get(role)
    return build(user) if build else []
