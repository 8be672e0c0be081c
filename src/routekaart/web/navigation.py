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
HOUSEHOLDS = NavItem(_("Huishoudens"), "residents:household_list")
WORKLIST = NavItem(_("Mijn werkvoorraad"), "access:worklist")
PARTICIPATION = NavItem(_("Participatie"), "participation:team")
PARTICIPATION_REPORTS = NavItem(_("Participatie"), "participation:reports")
PARTICIPATION_BUDGET = NavItem(_("Budgetmonitor"), "participation:budget")
WORK = NavItem(_("Werkgeversdienstverlening"), "work:desk")

NAVIGATION: dict[str, list[NavItem]] = {
    Role.COORDINATOR: [HOME, WORKLIST, HOUSEHOLDS, PARTICIPATION, NETWORK, ROUTES],
    Role.JOB_COACH: [HOME, HOUSEHOLDS, PARTICIPATION, NETWORK, ROUTES],
    Role.EMPLOYER_ADVISER: [HOME, WORK, HOUSEHOLDS, NETWORK, ROUTES],
    Role.SCHOOL: [HOME, HOUSEHOLDS, ROUTES],
    Role.PROVIDER: [HOME, HOUSEHOLDS, ROUTES],
    Role.POLICY: [HOME, NETWORK, ROUTES, PARTICIPATION_REPORTS, PARTICIPATION_BUDGET],
    Role.FUNCTIONAL_ADMIN: [HOME, NETWORK, ROUTES, PARTICIPATION_BUDGET, ADMIN, API_DOCS],
    Role.PRIVACY_OFFICER: [HOME, PROCESSING_LOG, BREAK_GLASS],
    Role.RESIDENT: [HOME],
}
