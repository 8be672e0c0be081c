"""The AVG inzage in the portal: everything held about the person shown, in JSON and PDF, and never a housemate's."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from ...audit import services as audit
from ...audit.models import ProcessingLogEntry
from ...organisations.roles import Domain, Role
from ...organisations.tests.factories import AffiliationFactory
from ...residents.models import InvolvementKind
from ...residents.subject_export import export_section_keys
from ...residents.tests.factories import (
    ConsentFactory,
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    RelationFactory,
    ResidentFactory,
)
from .helpers import page_queries_as, portal_login

pytestmark = pytest.mark.django_db


def _configuration_load() -> None:
    from ...access.configuration import access_configuration_load
    from ...catalog import services as catalog
    from ...participation.configuration import participation_configuration_load
    from ...routes.configuration import route_maps_load

    catalog.catalog_load()
    access_configuration_load()
    participation_configuration_load()
    route_maps_load()


def _person_data(resident, *, user, municipality, route, household) -> None:
    """One person's own data in each app: a trajectory, a labour-distance assessment, a work profile with a
    placement, a consent, a decision addressed to them, and a read in the processing log."""
    from ...participation import services as participation
    from ...participation.models import DistanceCategory, LadderRung
    from ...routes.models import StepProgress, Trajectory
    from ...work.tests.factories import CandidateProfileFactory, PlacementFactory

    trajectory = Trajectory.objects.create(
        resident=resident,
        household_id=household.pk,
        route=route,
        current_step=route.steps.order_by("number")[1],
        regie_party=route.regie,
        started_on=timezone.localdate() - datetime.timedelta(days=100),
    )
    StepProgress.objects.create(trajectory=trajectory, step=route.steps.order_by("number")[0], outcome="Klaar")
    category = DistanceCategory.objects.order_by("pk").first()
    participation.distance_assess(
        actor=user,
        resident=resident,
        category=category,
        tier=category.tiers.order_by("order").first(),
        ladder_rung=LadderRung.objects.order_by("order").first(),
        assessed_on=timezone.localdate(),
        municipality=municipality,
    )
    PlacementFactory(profile=CandidateProfileFactory(resident=resident))
    ConsentFactory(household=household, resident=resident, organisation=municipality, domain=Domain.PARTICIPATION)
    audit.processing_record(actor=user, activity="household-file", data_subjects=[audit.pseudonym(resident.bsn)])
    _provider_data(resident, household=household, user=user)


def _provider_data(resident, *, household, user) -> None:
    """An assignment to a provider with a progress report and a message, and a complaint the person filed."""
    from ...providers.models import Message, ProgressReport
    from ...providers.tests.factories import AssignmentFactory, ComplaintFactory

    assignment = AssignmentFactory(resident=resident, household_id=household.pk, status="started")
    ProgressReport.objects.create(
        assignment=assignment, reported_on=timezone.localdate(), reported_by=user, summary="Gaat goed."
    )
    Message.objects.create(
        kind="301",
        direction="out",
        sender="0001",
        receiver="98000001",
        identification=f"T{assignment.pk}",
        dated_on=timezone.localdate(),
        provider=assignment.provider,
        municipality=assignment.municipality,
        assignment=assignment,
        xml="<Bericht/>",
        status="sent",
    )
    ComplaintFactory(resident=resident, provider=assignment.provider)


def _household_with_everything():
    """Noor (the person) and her partner Karim in one household with a case, plan, decisions for each, a benefit,
    and each with their own data in every app."""
    from ...access import services as access
    from ...access.tests import journey
    from ...income.models import ChangeReport
    from ...income.tests.factories import IncomeReportFactory, SocialAssistanceFactory
    from ...legal import services as legal
    from ...organisations.models import OrganisationKind
    from ...organisations.tests.factories import OrganisationFactory
    from ...routes.models import Route

    _configuration_load()
    affiliation = AffiliationFactory(role=Role.COORDINATOR)
    user, organisation = affiliation.user, affiliation.organisation
    municipality = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY)
    route = Route.objects.filter(route_map__is_current=True, kind="exit").order_by("pk").first()
    household = HouseholdFactory()
    start = datetime.date(2020, 1, 1)
    noor = ResidentFactory(given_names="Noor", family_name="Hendriks", birth_date=datetime.date(1982, 3, 1))
    karim = ResidentFactory(given_names="Karim", family_name="Yilmaz", birth_date=datetime.date(1980, 7, 9))
    MembershipFactory(household=household, resident=noor, role="head", valid_from=start)
    MembershipFactory(household=household, resident=karim, role="partner", valid_from=start)
    RelationFactory(resident=noor, related=karim)
    InvolvementFactory(
        household=household, organisation=organisation, user=user, kind=InvolvementKind.COORDINATOR, valid_from=start
    )
    case = journey.to_active_plan(user, household)
    decisions = {}
    for person in (noor, karim):
        decisions[person.pk] = access.decision_record(
            actor=user, case=case, addressee=person, provisions=[journey.guidance()]
        )
        _person_data(person, user=user, municipality=municipality, route=route, household=household)
    AffiliationFactory(role=Role.LEGAL, organisation=organisation)  # the desk that handles objections
    legal.objection_register(
        actor=user,
        decision_kind="access",
        decision_id=decisions[noor.pk].decision.pk,
        objector_id=noor.pk,
        channel="staff",
        received_on=timezone.localdate(),
        grounds="Twee dagdelen is te weinig.",
    )
    benefit = SocialAssistanceFactory(
        household=household, client=noor, organisation=organisation, coordinator=user, membership=False
    )
    IncomeReportFactory(benefit=benefit, reported_by=user)
    ChangeReport.objects.create(benefit=benefit, kind="address", starts_on=timezone.localdate(), reported_by=user)
    noor.history = {
        "user": user,
        "case": case,
        "benefit": benefit,
        "municipality": municipality,
        "route": route,
        "household": household,
    }
    return noor, karim


def _more_history(person, times: int = 4) -> None:
    """More of everything for the same person: decisions, steps, placements, consents, income reports, log reads."""
    from ...access import services as access
    from ...access.tests import journey
    from ...income.tests.factories import IncomeReportFactory
    from ...routes.models import StepProgress, Trajectory
    from ...work.models import CandidateProfile
    from ...work.tests.factories import PlacementFactory

    history = person.history
    trajectory = Trajectory.objects.get(resident=person)
    profile = CandidateProfile.objects.get(resident=person)
    for number in range(times):
        access.decision_record(
            actor=history["user"], case=history["case"], addressee=person, provisions=[journey.guidance()]
        )
        StepProgress.objects.create(trajectory=trajectory, step=history["route"].steps.order_by("number")[number + 1])
        PlacementFactory(profile=profile)
        ConsentFactory(resident=person, organisation=history["municipality"], domain=Domain.YOUTH)
        IncomeReportFactory(
            benefit=history["benefit"], reported_by=history["user"], month=datetime.date(2025, number + 1, 1)
        )
        staff = AffiliationFactory(role=Role.JOB_COACH).user
        audit.processing_record(actor=staff, activity="participation", data_subjects=[audit.pseudonym(person.bsn)])
        _provider_data(person, household=history["household"], user=history["user"])


def _export(client) -> dict:
    response = client.get(reverse("portal:export_json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="mijn-gegevens-routekaart.json"'
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def _kinds(document: dict, key: str) -> list[str]:
    part = next(part for part in document["onderdelen"] if part["sleutel"] == key)
    return [row["soort"] for row in part["rijen"]]


def test_export_has_a_section_for_every_provider_each_with_the_persons_rows(client):
    noor, _karim = _household_with_everything()
    portal_login(client, noor)
    document = _export(client)

    assert [part["sleutel"] for part in document["onderdelen"]] == export_section_keys()
    assert set(export_section_keys()) >= {
        "residents",
        "access",
        "routes",
        "participation",
        "work",
        "income",
        "providers",
        "processing_log",
    }
    assert document["persoon"] == {"naam": "Noor Hendriks", "bsn": noor.bsn, "geboortedatum": "1982-03-01"}
    datetime.datetime.fromisoformat(document["gemaakt_op"])
    for part in document["onderdelen"]:
        assert part["rijen"], part["sleutel"]  # the person has data in every app
    assert {"Persoon", "Huishouden", "Relatie", "Toestemming"} <= set(_kinds(document, "residents"))
    assert {"Casus", "Plan van aanpak", "Doel", "Afspraak", "Beschikking", "Voorziening"} <= set(
        _kinds(document, "access")
    )
    assert {"Traject", "Stap"} <= set(_kinds(document, "routes"))
    assert {
        "Toewijzing aan een aanbieder",
        "Voortgangsverslag van de aanbieder",
        "Bericht met de aanbieder",
        "Klacht",
    } <= set(_kinds(document, "providers"))
    assert _kinds(document, "participation") == ["Afstand tot werk"]
    assert _kinds(document, "work") == ["Werkprofiel", "Plaatsing"]
    assert {"Bijstandsuitkering", "Inkomstenopgave", "Doorgegeven wijziging"} <= set(_kinds(document, "income"))
    assert "Verwerking" in _kinds(document, "processing_log")
    person = document["onderdelen"][0]["rijen"][0]
    assert person["BSN"] == noor.bsn and person["geboortedatum"] == "1982-03-01"  # ISO dates


def test_export_never_holds_a_housemates_own_data(client):
    noor, karim = _household_with_everything()
    portal_login(client, noor)
    text = client.get(reverse("portal:export_json")).content.decode()
    document = json.loads(text)

    assert karim.bsn not in text
    assert "Karim" not in text and "Yilmaz" not in text
    assert _kinds(document, "access").count("Beschikking") == 1  # Noor's, not Karim's
    assert _kinds(document, "routes").count("Traject") == 1
    assert _kinds(document, "participation").count("Afstand tot werk") == 1
    assert _kinds(document, "work") == ["Werkprofiel", "Plaatsing"]
    assert _kinds(document, "residents").count("Toestemming") == 1
    relation = next(row for row in document["onderdelen"][0]["rijen"] if row["soort"] == "Relatie")
    assert relation["relatie met"] == "partner"
    karim_reads = audit.pseudonym(karim.bsn)
    assert all(karim_reads not in json.dumps(part) for part in document["onderdelen"])


def test_export_is_logged_as_an_export_through_the_portal_without_the_bsn_in_url_or_file_name(client):
    resident = MembershipFactory().resident
    user = portal_login(client, resident)
    response = client.get(reverse("portal:export_json"))
    entry = ProcessingLogEntry.objects.get(actor=user, operation="export")
    assert entry.channel == "portal"
    assert entry.activity_id == "processing-log-review"
    assert entry.pseudonyms == [audit.pseudonym(resident.bsn)]
    assert resident.bsn not in reverse("portal:export_json") + reverse("portal:export_pdf")
    assert resident.bsn not in response["Content-Disposition"]


def test_export_page_explains_what_you_get_and_links_both_files(client):
    resident = MembershipFactory().resident
    portal_login(client, resident)
    html = client.get(reverse("portal:export")).content.decode()
    assert "AVG, artikel 15" in html
    assert reverse("portal:export_json") in html and reverse("portal:export_pdf") in html


def test_export_pdf_starts_with_pdf_and_is_logged(client):
    from ...access.letters import pango_missing

    if pango_missing():
        pytest.skip(f"Pango ontbreekt op deze machine, dus WeasyPrint maakt geen PDF ({pango_missing()}).")
    resident = MembershipFactory().resident
    user = portal_login(client, resident)
    response = client.get(reverse("portal:export_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert ProcessingLogEntry.objects.filter(actor=user, operation="export", channel="portal").exists()


def test_export_pdf_without_weasyprints_libraries_shows_a_dutch_page_and_logs_no_export(client, monkeypatch):
    from .. import privacy_export

    def unavailable(html):
        raise privacy_export.PdfUnavailable("libpango ontbreekt")

    monkeypatch.setattr(privacy_export, "export_pdf", unavailable)
    resident = MembershipFactory().resident
    user = portal_login(client, resident)
    response = client.get(reverse("portal:export_pdf"))
    assert response.status_code == 503
    assert "De PDF kan nu niet worden gemaakt" in response.content.decode()
    assert not ProcessingLogEntry.objects.filter(actor=user, operation="export").exists()


def test_export_runs_the_same_queries_for_a_short_and_a_long_history(client):
    short, _karim = _household_with_everything()
    long, _other = _household_with_everything()
    _more_history(long)
    counts = page_queries_as(client, reverse("portal:export_json"), [short, long])
    assert counts[0] == counts[1], counts


def test_the_pdf_writes_dates_and_moments_as_a_reader_does():
    from ..privacy_export import readable

    document = {
        "persoon": {"naam": "Noor", "geboortedatum": "1982-03-01"},
        "onderdelen": [{"sleutel": "x", "titel": "X", "rijen": [{"soort": "Casus", "geopend op": "2026-01-05"}]}],
    }
    shown = readable(document)
    assert shown["persoon"]["geboortedatum"] == "1 maart 1982"
    assert shown["onderdelen"][0]["rijen"][0] == {"soort": "Casus", "geopend op": "5 januari 2026"}
