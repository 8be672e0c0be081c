"""The navigation of each role, declared once: groups of the screens the role uses. Apps add their pages here as
their issues land; an item marked `optional` shows only once its page exists (its URL name resolves)."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..organisations.roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    optional: bool = False  # a page another part of the product is adding: shown once its URL exists


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str | Promise
    items: tuple[NavItem, ...]


@dataclass(frozen=True)
class NavLink:
    label: str | Promise
    url: str


@dataclass(frozen=True)
class Menu:
    key: str
    label: str | Promise
    links: list[NavLink]


HOME = NavItem(_("Start"), "home")
NETWORK = NavItem(_("Netwerk"), "network")
API_DOCS = NavItem(_("API"), "api-docs")
ADMIN = NavItem(_("Configuratie"), "admin:index")
PROCESSING_LOG = NavItem(_("Verwerkingenlogboek"), "audit:processing_log")
BREAK_GLASS = NavItem(_("Noodtoegang"), "audit:break_glass_report")
ROUTES = NavItem(_("Routes"), "routes:route_map_list")
BLUEPRINT = NavItem(_("Bouwtekening"), "catalog:blueprint")
STEERING = NavItem(_("Sturingsmodel"), "catalog:steering_model")
TRAJECTORIES = NavItem(_("Trajecten"), "routes:trajectory_list")
YOUTH = NavItem(_("Jongeren 16,5+"), "routes:dienst_dashboard")
SCHOOL_LEAVERS = NavItem(_("Schoolverlaters"), "routes:school_dashboard")
HOUSEHOLDS = NavItem(_("Huishoudens"), "residents:household_list")
SEARCH = NavItem(_("Zoeken"), "residents:search", optional=True)
REGISTER = NavItem(_("Inwoner inschrijven"), "residents:register", optional=True)
WORKLIST = NavItem(_("Mijn werkvoorraad"), "access:worklist")
PARTICIPATION = NavItem(_("Participatie"), "participation:team")
PARTICIPATION_REPORTS = NavItem(_("Participatie"), "participation:reports")
PARTICIPATION_BUDGET = NavItem(_("Budgetmonitor"), "participation:budget")
INSTRUMENTS = NavItem(_("Participatie-instrumenten"), "participation:instruments")
WORK = NavItem(_("Werkgeversdienstverlening"), "work:desk")
OPENINGS = NavItem(_("Vacatures"), "work:opening_list")
EMPLOYERS = NavItem(_("Werkgevers"), "work:employer_list")
CANDIDATES = NavItem(_("Kandidaten"), "work:candidate_list")
SOCIAL_RETURN = NavItem(_("Social return"), "work:sroi_list")
WORK_PROFILES = NavItem(_("Werkprofielen"), "work:work_profile_list")
INCOME = NavItem(_("Bestaanszekerheid"), "income:worklist")
CASELOAD = NavItem(_("Caseload"), "income:caseload")
NON_TAKE_UP = NavItem(_("Niet-gebruik regelingen"), "income:non_take_up_report")
NORMS = NavItem(_("Normen en regelingen"), "income:norm_list")
JOBS = NavItem(_("Achtergrondtaken"), "jobs:job_list")
CONTRACTS = NavItem(_("Contracten"), "market:contract_list")
MARKET_PROVIDERS = NavItem(_("Aanbieders"), "market:provider_list")
OFFERS = NavItem(_("Gecontracteerd aanbod"), "market:offers")
COMPLAINTS = NavItem(_("Klachten"), "market:complaint_list", optional=True)
CONTRACT_REVIEW = NavItem(_("Contractevaluatie"), "market:review", optional=True)
LEGAL_DEADLINES = NavItem(_("Termijnen"), "legal:deadline_dashboard", optional=True)
OBJECTIONS = NavItem(_("Bezwaren"), "legal:objection_list", optional=True)
OBJECTION_REGISTER = NavItem(_("Bezwaar registreren"), "legal:objection_register", optional=True)
CONDUCT_COMPLAINTS = NavItem(_("Klachten over bejegening"), "legal:complaint_list", optional=True)
QUALITY = NavItem(_("Kwaliteit en tevredenheid"), "legal:quality", optional=True)
ENFORCEMENT = NavItem(_("Handhavingssignalen"), "legal:enforcement_signal_list", optional=True)
INVESTIGATIONS = NavItem(_("Onderzoeken"), "legal:investigation_list", optional=True)
PAYMENT_RUNS = NavItem(_("Betaalruns"), "payments:run_list", optional=True)
CLAIMS = NavItem(_("Vorderingen"), "recovery:claim_list", optional=True)
FLOWS = NavItem(_("Instroom en uitstroom"), "insights:flows", optional=True)
WHAT_WORKS = NavItem(_("Wat werkt voor wie"), "insights:what_works", optional=True)
COST_BENEFIT = NavItem(_("Kosten en baten"), "insights:cost_benefit", optional=True)
FORECASTS = NavItem(_("Prognoses"), "insights:forecasts", optional=True)
SIMULATION = NavItem(_("Beleidssimulatie"), "insights:simulation", optional=True)
YARDSTICKS = NavItem(_("Maatstaven"), "insights:yardsticks", optional=True)
DESK_ASSIGNMENTS = NavItem(_("Toewijzingen"), "desk:assignment_list")
DESK_CONTRACT = NavItem(_("Contract en declaraties"), "desk:contract")


def _group(key: str, label: str | Promise, *items: NavItem) -> NavGroup:
    return NavGroup(key, label, items)


WORK_GROUP = _("Werk")
RESIDENTS_GROUP = _("Inwoners")
STEERING_GROUP = _("Sturing")
ADMIN_GROUP = _("Beheer")
REFERENCE_GROUP = _("Naslag")

NAVIGATION: dict[str, list[NavGroup]] = {
    Role.COORDINATOR: [
        _group("work", WORK_GROUP, HOME, WORKLIST, INCOME, PARTICIPATION, TRAJECTORIES, YOUTH),
        _group("residents", RESIDENTS_GROUP, HOUSEHOLDS, SEARCH, REGISTER, WORK_PROFILES),
        _group("steering", STEERING_GROUP, CASELOAD, NON_TAKE_UP, LEGAL_DEADLINES),
        _group("reference", REFERENCE_GROUP, BLUEPRINT, ROUTES, OFFERS, CONTRACTS),
    ],
    Role.JOB_COACH: [
        _group("work", WORK_GROUP, HOME, PARTICIPATION, TRAJECTORIES, YOUTH),
        _group("residents", RESIDENTS_GROUP, HOUSEHOLDS, SEARCH, WORK_PROFILES),
        _group("reference", REFERENCE_GROUP, NETWORK, ROUTES),
    ],
    Role.EMPLOYER_ADVISER: [
        _group("work", WORK_GROUP, HOME, WORK, OPENINGS, EMPLOYERS, CANDIDATES, SOCIAL_RETURN),
        _group("residents", RESIDENTS_GROUP, HOUSEHOLDS),
        _group("reference", REFERENCE_GROUP, NETWORK, ROUTES),
    ],
    Role.SCHOOL: [
        _group("work", WORK_GROUP, HOME, SCHOOL_LEAVERS, TRAJECTORIES),
        _group("residents", RESIDENTS_GROUP, HOUSEHOLDS),
        _group("reference", REFERENCE_GROUP, ROUTES),
    ],
    Role.PROVIDER: [
        _group("work", WORK_GROUP, HOME, DESK_ASSIGNMENTS, DESK_CONTRACT, TRAJECTORIES),
        _group("residents", RESIDENTS_GROUP, HOUSEHOLDS),
        _group("reference", REFERENCE_GROUP, ROUTES, API_DOCS),
    ],
    Role.POLICY: [
        _group(
            "steering",
            STEERING_GROUP,
            HOME,
            FLOWS,
            YARDSTICKS,
            WHAT_WORKS,
            COST_BENEFIT,
            FORECASTS,
            SIMULATION,
        ),
        _group(
            "figures",
            _("Cijfers per onderdeel"),
            CASELOAD,
            PARTICIPATION_REPORTS,
            PARTICIPATION_BUDGET,
            NON_TAKE_UP,
            SOCIAL_RETURN,
            CONTRACT_REVIEW,
            QUALITY,
        ),
        _group("reference", REFERENCE_GROUP, NETWORK, BLUEPRINT, STEERING, ROUTES),
    ],
    Role.FUNCTIONAL_ADMIN: [
        _group(
            "admin",
            ADMIN_GROUP,
            HOME,
            ADMIN,
            BLUEPRINT,
            STEERING,
            ROUTES,
            NORMS,
            INSTRUMENTS,
            PARTICIPATION_BUDGET,
            JOBS,
        ),
        _group("reference", REFERENCE_GROUP, NETWORK, API_DOCS),
    ],
    Role.MARKET_MANAGER: [
        _group("market", _("Beheer markt"), HOME, CONTRACTS, OFFERS, MARKET_PROVIDERS, COMPLAINTS, CONTRACT_REVIEW),
        _group("steering", STEERING_GROUP, FLOWS, WHAT_WORKS),
        _group("reference", REFERENCE_GROUP, NETWORK, BLUEPRINT, STEERING),
    ],
    Role.LEGAL: [
        _group(
            "legal",
            _("Bezwaar en klachten"),
            HOME,
            LEGAL_DEADLINES,
            OBJECTIONS,
            OBJECTION_REGISTER,
            CONDUCT_COMPLAINTS,
            QUALITY,
        ),
        _group("reference", REFERENCE_GROUP, NETWORK, BLUEPRINT),
    ],
    Role.CLIENT_ADMIN: [
        _group("admin", _("Rechtmatigheid en betalingen"), HOME, ENFORCEMENT, INVESTIGATIONS, CLAIMS, PAYMENT_RUNS),
        _group("reference", REFERENCE_GROUP, NETWORK, NORMS),
    ],
    Role.PRIVACY_OFFICER: [_group("privacy", _("Privacy"), HOME, PROCESSING_LOG, BREAK_GLASS)],
    Role.RESIDENT: [_group("mine", _("Mijn zaken"), HOME)],
}


def _resolved(item: NavItem) -> str | None:
    try:
        return reverse(item.url_name)
    except NoReverseMatch:
        if item.optional:
            return None
        raise


def menu_for(role: str | None) -> list[Menu]:
    """The role's menu with its addresses; an optional page that does not exist yet is left out."""
    menus = []
    for group in NAVIGATION.get(role, []):
        links = [NavLink(item.label, url) for item in group.items if (url := _resolved(item)) is not None]
        if links:
            menus.append(Menu(group.key, group.label, links))
    return menus
