"""The navigation of each role, declared once. Apps add their pages here as their issues land."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..organisations.roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str


HOME = NavItem(_("Start"), "home")
NETWORK = NavItem(_("Netwerk"), "network")
API_DOCS = NavItem(_("API"), "api-docs")
ADMIN = NavItem(_("Beheer"), "admin:index")
PROCESSING_LOG = NavItem(_("Verwerkingenlogboek"), "audit:processing_log")
BREAK_GLASS = NavItem(_("Noodtoegang"), "audit:break_glass_report")
ROUTES = NavItem(_("Routes"), "routes:route_map_list")
BLUEPRINT = NavItem(_("Bouwtekening"), "catalog:blueprint")
STEERING = NavItem(_("Sturingsmodel"), "catalog:steering_model")
TRAJECTORIES = NavItem(_("Trajecten"), "routes:trajectory_list")
YOUTH = NavItem(_("Jongeren 16,5+"), "routes:dienst_dashboard")
SCHOOL_LEAVERS = NavItem(_("Schoolverlaters"), "routes:school_dashboard")
HOUSEHOLDS = NavItem(_("Huishoudens"), "residents:household_list")
WORKLIST = NavItem(_("Mijn werkvoorraad"), "access:worklist")
PARTICIPATION = NavItem(_("Participatie"), "participation:team")
PARTICIPATION_REPORTS = NavItem(_("Participatie"), "participation:reports")
PARTICIPATION_BUDGET = NavItem(_("Budgetmonitor"), "participation:budget")
WORK = NavItem(_("Werkgeversdienstverlening"), "work:desk")
WORK_PROFILES = NavItem(_("Werkprofielen"), "work:work_profile_list")
INCOME = NavItem(_("Bestaanszekerheid"), "income:worklist")
NON_TAKE_UP = NavItem(_("Niet-gebruik regelingen"), "income:non_take_up_report")
NORMS = NavItem(_("Normen en regelingen"), "income:norm_list")
JOBS = NavItem(_("Achtergrondtaken"), "jobs:job_list")

NAVIGATION: dict[str, list[NavItem]] = {
    Role.COORDINATOR: [
        HOME,
        WORKLIST,
        HOUSEHOLDS,
        INCOME,
        PARTICIPATION,
        WORK_PROFILES,
        BLUEPRINT,
        ROUTES,
        TRAJECTORIES,
        YOUTH,
    ],
    Role.JOB_COACH: [HOME, HOUSEHOLDS, PARTICIPATION, WORK_PROFILES, NETWORK, ROUTES, TRAJECTORIES, YOUTH],
    Role.EMPLOYER_ADVISER: [HOME, WORK, HOUSEHOLDS, NETWORK, ROUTES],
    Role.SCHOOL: [HOME, HOUSEHOLDS, ROUTES, SCHOOL_LEAVERS],
    Role.PROVIDER: [HOME, HOUSEHOLDS, ROUTES, TRAJECTORIES],
    Role.POLICY: [HOME, NETWORK, BLUEPRINT, STEERING, ROUTES, PARTICIPATION_REPORTS, PARTICIPATION_BUDGET, NON_TAKE_UP],
    Role.FUNCTIONAL_ADMIN: [
        HOME,
        NETWORK,
        BLUEPRINT,
        STEERING,
        ROUTES,
        PARTICIPATION_BUDGET,
        NORMS,
        JOBS,
        ADMIN,
        API_DOCS,
    ],
    Role.PRIVACY_OFFICER: [HOME, PROCESSING_LOG, BREAK_GLASS],
    Role.RESIDENT: [HOME],
}
