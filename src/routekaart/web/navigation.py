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

NAVIGATION: dict[str, list[NavItem]] = {
    Role.COORDINATOR: [HOME, NETWORK],
    Role.JOB_COACH: [HOME, NETWORK],
    Role.EMPLOYER_ADVISER: [HOME, NETWORK],
    Role.SCHOOL: [HOME],
    Role.PROVIDER: [HOME],
    Role.POLICY: [HOME, NETWORK],
    Role.FUNCTIONAL_ADMIN: [HOME, NETWORK, ADMIN, API_DOCS],
    Role.PRIVACY_OFFICER: [HOME, PROCESSING_LOG, BREAK_GLASS],
    Role.RESIDENT: [HOME],
}
