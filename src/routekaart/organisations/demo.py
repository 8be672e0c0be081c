"""The demo network: a fictional municipality with its Dienst, teams, schools, a provider and UWV.

Fictional on purpose: the demo must never look like real people or real casework. Region presets of real
regions (seed 003) come with the catalog configuration, not from here.
"""

from dataclasses import dataclass

from django.db import transaction

from .models import Organisation, OrganisationKind, Region
from .roles import Role
from .services import staff_user_ensure

DEMO_PASSWORD = "routekaart-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    organisation_code: str
    leads_team: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("regisseur", "Fatima el Amrani", Role.COORDINATOR, "wijkteam-noord"),
    DemoAccount("teamleider", "Henk Bosman", Role.COORDINATOR, "wijkteam-noord", leads_team=True),
    DemoAccount("jobcoach", "Joost de Wit", Role.JOB_COACH, "jongerenloket-weidebeek"),
    DemoAccount("werkgeversadviseur", "Sanne Visser", Role.EMPLOYER_ADVISER, "dienst-weidebeek"),
    DemoAccount("school", "Mark Jansen", Role.SCHOOL, "praktijkschool-de-brug"),
    DemoAccount("aanbieder", "Ilse Bakker", Role.PROVIDER, "de-linde"),
    DemoAccount("beleid", "Peter Smit", Role.POLICY, "gemeente-weidebeek"),
    DemoAccount("markt", "Ruben Smit", Role.MARKET_MANAGER, "gemeente-weidebeek"),  # the central municipality buys in
    DemoAccount("jurist", "Lotte van Dijk", Role.LEGAL, "dienst-weidebeek"),  # klantbeheer: bezwaar en klachten
    DemoAccount("handhaving", "Bram Hendriks", Role.CLIENT_ADMIN, "dienst-weidebeek"),  # rechtmatigheid, betaalrun
    DemoAccount("administratie", "Noor Yilmaz", Role.CLIENT_ADMIN, "dienst-weidebeek"),  # fiatteert: vier ogen
    DemoAccount("beheer", "Anouk Mulder", Role.FUNCTIONAL_ADMIN, "dienst-weidebeek"),
    DemoAccount("privacy", "Rachid Bouali", Role.PRIVACY_OFFICER, "gemeente-weidebeek"),
    DemoAccount("inwoner", "Kim de Vries", Role.RESIDENT, "gemeente-weidebeek"),
]


@transaction.atomic
def demo_network_ensure() -> Region:
    region, _ = Region.objects.get_or_create(code="demo-weidebeek", defaults={"name": "Regio Weidebeek (demo)"})

    def org(code: str, kind: str, name: str, **extra) -> Organisation:
        obj, _ = Organisation.objects.get_or_create(
            code=code, defaults={"kind": kind, "name": name, "region": region, **extra}
        )
        return obj

    weidebeek = org("gemeente-weidebeek", OrganisationKind.MUNICIPALITY, "Gemeente Weidebeek", cbs_code="GM9901")
    zandhoven = org("gemeente-zandhoven", OrganisationKind.MUNICIPALITY, "Gemeente Zandhoven", cbs_code="GM9902")
    if region.central_municipality_id is None:
        region.central_municipality = weidebeek
        region.save(update_fields=["central_municipality"])
    dienst = org("dienst-weidebeek", OrganisationKind.SERVICE_ORGANISATION, "Dienst Werk en Inkomen Weidebeek")
    dienst.serves.add(weidebeek, zandhoven)
    org(
        "wijkteam-noord",
        OrganisationKind.TEAM,
        "Wijkteam Noord",
        team_kind="neighbourhood",
        municipality=weidebeek,
    )
    org(
        "wijkteam-zuid",
        OrganisationKind.TEAM,
        "Wijkteam Zuid",
        team_kind="neighbourhood",
        municipality=weidebeek,
    )
    org(
        "jongerenloket-weidebeek",
        OrganisationKind.TEAM,
        "Jongerenloket Weidebeek",
        team_kind="youth_desk",
        municipality=weidebeek,
    )
    org(
        "praktijkschool-de-brug",
        OrganisationKind.SCHOOL,
        "Praktijkschool De Brug",
        school_kind="pro",
        municipality=weidebeek,
    )
    org("vso-de-horizon", OrganisationKind.SCHOOL, "VSO De Horizon", school_kind="vso", municipality=weidebeek)
    org("de-linde", OrganisationKind.PROVIDER, "Zorg- en dagbestedingsaanbieder De Linde")
    org("uwv-weidebeek", OrganisationKind.UWV, "UWV Werkbedrijf Weidebeek")
    return region


def demo_accounts_ensure() -> list[DemoAccount]:
    organisations = {
        o.code: o for o in Organisation.objects.filter(code__in={a.organisation_code for a in DEMO_ACCOUNTS})
    }
    for account in DEMO_ACCOUNTS:
        staff_user_ensure(
            username=account.username,
            password=DEMO_PASSWORD,
            full_name=account.full_name,
            organisation=organisations[account.organisation_code],
            role=account.role,
            is_demo=True,
            leads_team=account.leads_team,
        )
    return DEMO_ACCOUNTS
