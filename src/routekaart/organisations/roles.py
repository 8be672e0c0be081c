"""The staff and resident roles of DESIGN.md, declared once; navigation, permissions and demo accounts read them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Regisseur / klantmanager")
    JOB_COACH = "job_coach", _("Jongerencoach / jobcoach")
    EMPLOYER_ADVISER = "employer_adviser", _("Werkgeversadviseur")
    SCHOOL = "school", _("School (PRO/VSO)")
    PROVIDER = "provider", _("Aanbieder")
    POLICY = "policy", _("Beleid en management")
    MARKET_MANAGER = "market_manager", _("Beheer markt (inkoop, contracten en klachten)")
    LEGAL = "legal", _("Klantbeheer: bezwaar, beroep en klachten")
    CLIENT_ADMIN = "client_admin", _("Klantbeheer: rechtmatigheid, terugvordering en betalingen")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functioneel beheer")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    RESIDENT = "resident", _("Inwoner")


class Domain(models.TextChoices):
    """Law domains of personal data: Jeugdwet, Wmo 2015, Participatiewet, and general data."""

    YOUTH = "J", _("Jeugd (Jeugdwet)")
    SUPPORT = "W", _("Wmo 2015")
    PARTICIPATION = "P", _("Participatiewet")
    GENERAL = "G", _("Algemeen")


# Which domains a role may see without the resident's consent. Organisation kind narrows it further.
ROLE_DOMAINS: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset({"J", "W", "P", "G"}),
    Role.JOB_COACH: frozenset({"P", "G"}),
    Role.EMPLOYER_ADVISER: frozenset(),  # only the work profile, and only with consent
    Role.SCHOOL: frozenset({"G"}),
    Role.PROVIDER: frozenset({"G"}),
    Role.POLICY: frozenset(),  # aggregates only, never a person
    Role.MARKET_MANAGER: frozenset(),  # contracts and aggregates; a complaint's own record, never the file
    # Klantbeheer sees a household only through the involvement its matter opens (an objection, an investigation).
    Role.LEGAL: frozenset({"J", "W", "P", "G"}),  # the decision objected to may be under any law
    Role.CLIENT_ADMIN: frozenset({"P", "G"}),  # the Participatiewet file: benefit, payments, claims
    Role.FUNCTIONAL_ADMIN: frozenset(),
    Role.PRIVACY_OFFICER: frozenset(),  # the log, not the file
    Role.RESIDENT: frozenset({"J", "W", "P", "G"}),  # own household only
}
