"""The two households the access matrix asks about, built once per module through factories and services.

H_in: the organisation every matrix user works for (ORG_IN) is involved with it (one organisation-wide
involvement), and the matrix resident is its head. H_out: built by another organisation's staff; nobody of ORG_IN
is involved with it. Both get the same objects, so the "involved" and "uninvolved" cells differ only in which
household's objects fill the URL.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from routekaart.organisations.models import OrganisationKind
from routekaart.organisations.roles import Domain, Role
from routekaart.organisations.tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from routekaart.residents.models import InvolvementKind
from routekaart.residents.tests.factories import (
    ConsentFactory,
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)

# Distinctive family names: a response that contains one shows that household's personal data.
MARK_IN = "Matrixbinnen"
MARK_OUT = "Matrixbuiten"


@dataclass
class Side:
    """One household and the objects of every app that hang from it, by the URL keyword that names them."""

    household: object
    head: object
    child: object
    ids: dict[str, object] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # object → why it could not be built


@dataclass
class World:
    org_in: object
    users: dict[str, object]
    devices: dict[str, object]
    h_in: Side
    h_out: Side
    shared: dict[str, object]


def _user(role: str, organisation, **kwargs):
    user = UserFactory(**kwargs)
    AffiliationFactory(user=user, organisation=organisation, role=role)
    return user


def _household(mark: str, municipality) -> Side:
    from routekaart.residents.tests.factories import AddressFactory, DistrictFactory

    today = timezone.localdate()
    address = AddressFactory(district=DistrictFactory(municipality=municipality))
    household = HouseholdFactory()
    head = ResidentFactory(given_names="Noor", family_name=mark, birth_date=datetime.date(1985, 3, 1), address=address)
    child = ResidentFactory(
        given_names="Sem",
        family_name=mark,
        birth_date=today.replace(year=today.year - 17) - datetime.timedelta(days=40),
        address=address,
    )
    MembershipFactory(household=household, resident=head, role="head", valid_from=datetime.date(2010, 1, 1))
    child_membership = MembershipFactory(
        household=household, resident=child, role="child", valid_from=datetime.date(2010, 1, 1)
    )
    household.mother, household.son = head, child  # the names the access app's journey helpers use
    side = Side(household=household, head=head, child=child)
    side.ids.update(household_id=household.pk, resident_id=head.pk, membership_id=child_membership.pk)
    return side


def _try(side: Side, name: str, build) -> None:
    """Build one group of objects; a failure is recorded (the routes needing it report it) instead of hiding all."""
    try:
        build()
    except Exception as error:
        side.missing[name] = f"{type(error).__name__}: {error}"


def _access_objects(side: Side, actor) -> None:
    """Case with a Wmo application, intake, gatekeeping, assessment with specialist advice, plan, decision."""
    from routekaart.access import services
    from routekaart.access.models import (
        AdviserKind,
        Deadline,
        GatekeepingOutcome,
        ResidentAgreement,
        SignalKind,
    )
    from routekaart.access.tests import journey

    signal = journey.melding(actor, side.household, kind=SignalKind.APPLICATION, domain=Domain.SUPPORT)
    case = signal.case
    side.ids["case_id"] = case.pk
    side.ids["case"] = case.pk
    deadline = Deadline.objects.filter(case=case).order_by("pk").first()
    if deadline is not None:
        side.ids["deadline_id"] = deadline.pk
    journey.intake(actor, case)
    services.gatekeeping_record(actor=actor, case=case, outcome=GatekeepingOutcome.CONTINUE)
    services.assessment_record(actor=actor, case=case, report="Onderzoek loopt.")
    advice = services.specialist_advice_request(
        actor=actor,
        case=case,
        adviser_kind=AdviserKind.DOCTOR,
        adviser="GGD-arts",
        question="Wat kan Noor aan?",
    )
    side.ids["advice_id"] = advice.pk
    plan = services.plan_draft(
        actor=actor,
        case=case,
        goals=[services.GoalSpec("daily_living", "Noor redt het huishouden weer zelf")],
        agreements=journey.agreements(),
    )
    services.plan_activate(actor=actor, plan=plan, resident_agreement=ResidentAgreement.AGREED)
    side.ids["plan_id"] = plan.pk
    side.ids["agreement_id"] = plan.agreements.order_by("pk").first().pk
    # a Jeugdwet decision for the son: its letter is youth-care data (domain J)
    result = services.decision_record(
        actor=actor,
        case=case,
        addressee=side.child,
        provisions=[
            journey.guidance(
                building_block=journey.block("youth_care.outpatient_youth_care"),
                law=Domain.YOUTH,
                unit="hours_per_week",
                volume=2,
            )
        ],
    )
    side.ids["decision_id"] = result.decision.pk
    side.ids["provision_id"] = result.decision.provisions.order_by("pk").first().pk  # ended or changed afterwards
    if "deadline_id" not in side.ids:
        deadline = Deadline.objects.filter(case=case).order_by("pk").first()
        if deadline is not None:
            side.ids["deadline_id"] = deadline.pk


def _income_objects(side: Side, organisation, coordinator) -> None:
    from routekaart.income import services
    from routekaart.income.models import Reminder
    from routekaart.income.tests.factories import SocialAssistanceFactory

    benefit = SocialAssistanceFactory(
        household=side.household,
        client=side.head,
        organisation=organisation,
        coordinator=coordinator,
        membership=False,
        surplus_settlement=True,
    )
    side.ids["benefit"] = benefit.pk
    month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    services.income_report_submit(actor=coordinator, benefit=benefit, month=month, net_earnings=Decimal("600.00"))
    side.ids["year"], side.ids["month"] = month.year, month.month
    reminder = Reminder.objects.create(
        audience="coordinator",
        recipient=coordinator,
        household=side.household,
        benefit=benefit,
        kind="settlement",
        due_on=timezone.localdate(),
        message="Verrekening controleren",
    )
    side.ids["reminder_id"] = reminder.pk
    # a change the resident reported (the household page's open list; the coordinator marks it processed)
    from routekaart.income.models import ChangeKind

    report = services.change_report_submit(
        actor=coordinator,
        benefit=benefit,
        kind=ChangeKind.OTHER,
        starts_on=timezone.localdate(),
        details="Ik krijg een nieuwe baan.",
    )
    side.ids["report_id"] = report.pk
    # an application for a regulation (not the one the staff routes apply for): the portal's confirmation page
    from routekaart.income.models import Regulation

    applied = Regulation.objects.order_by("order")[1]
    services.regulation_application_by_resident(actor=coordinator, household_id=side.household.pk, regulation=applied)
    side.ids["applied_regulation_code"] = applied.code


def _portal_objects(side: Side, actor) -> None:
    """What the portal's id keywords name: a question of the resident about their own agreement (the message the
    coordinator answers), a Wmo decision addressed to the head (the portal shows a person their own decisions), and
    an authorisation the head gave to an adult outside the matrix."""
    from routekaart.access import services
    from routekaart.access.models import Agreement, Case
    from routekaart.access.tests import journey
    from routekaart.residents.authorisation_services import authorisation_record

    message = services.resident_message_send(
        actor=actor,
        household_id=side.household.pk,
        resident=side.head,
        kind="question",
        text="Wanneer begint de begeleiding?",
        agreement=Agreement.objects.get(pk=side.ids["agreement_id"]),
    )
    side.ids["message_id"] = message.pk
    case = Case.objects.get(pk=side.ids["case_id"])
    result = services.decision_record(actor=actor, case=case, addressee=side.head, provisions=[journey.guidance()])
    side.ids["portal_decision_id"] = result.decision.pk
    agent = ResidentFactory(given_names="Gemachtigde", birth_date=datetime.date(1970, 5, 1))
    authorisation = authorisation_record(
        actor=actor, principal=side.head, agent=agent, domains="alles", valid_from=datetime.date(2024, 1, 1)
    )
    side.ids["authorisation_id"] = authorisation.pk


def _participation_objects(side: Side, actor, municipality) -> None:
    from routekaart.participation import services
    from routekaart.participation.models import DistanceCategory, Instrument, LadderRung
    from routekaart.participation.tests.factories import provider

    category = DistanceCategory.objects.order_by("order").first()
    services.distance_assess(
        actor=actor,
        resident=side.head,
        category=category,
        tier=category.tiers.order_by("order").first(),
        ladder_rung=LadderRung.objects.get(order=3),
        municipality=municipality,
    )
    today = timezone.localdate()
    assignment = services.assignment_propose(
        actor=actor,
        resident=side.head,
        instrument=Instrument.objects.get(code="agency_matching"),
        provider=provider("temp_agency"),
        municipality=municipality,
        planned_start=today,
        planned_end=today + datetime.timedelta(days=60),
        monthly_cost=Decimal("250"),
    )
    side.ids["assignment_id"] = assignment.pk


def _work_objects(side: Side, actor) -> None:
    from routekaart.work.models import MatchDecision, PlacementCheck
    from routekaart.work.tests.factories import CandidateProfileFactory, PlacementFactory, VacancyFactory

    profile = CandidateProfileFactory(resident=side.head)
    side.ids["profile_id"] = profile.pk
    vacancy = VacancyFactory(created_by=actor)
    side.ids["vacancy"] = vacancy.pk
    side.ids["employer_id"] = vacancy.employer_id
    placement = PlacementFactory(vacancy=vacancy, profile=profile, proposed_by=actor)
    side.ids["placement"] = placement.pk
    check = PlacementCheck.objects.create(
        placement=placement, months=6, due_on=timezone.localdate() + datetime.timedelta(days=30)
    )
    side.ids["check_id"] = check.pk
    decision = MatchDecision.objects.create(
        vacancy=vacancy, profile=profile, kind="exclude", reason="test", decided_by=actor
    )
    side.ids["match_decision_id"] = decision.pk


def _route_objects(side: Side, school_user, organisations, municipality) -> None:
    from routekaart.routes import services
    from routekaart.routes.models import RegieHandover, Route, WaitlistEntry

    route = Route.objects.get(route_map__code="de_dienst", route_map__is_current=True, code="sheltered_work")
    trajectory = services.trajectory_start(
        actor=school_user,
        resident=side.child,
        route=route,
        organisations=organisations,
        school_kind="vso",
        exit_profile="sheltered_work",
    )
    side.ids["trajectory"] = trajectory.pk
    today = timezone.localdate()
    WaitlistEntry.objects.create(
        trajectory=trajectory, municipality=municipality, indication_date=today, placed_on=today
    )
    handover = RegieHandover.objects.filter(trajectory=trajectory).order_by("pk").first()
    if handover is not None:
        side.ids["handover_id"] = handover.pk


def _network(dienst):
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL, school_kind="vso")
    area_team = OrganisationFactory(kind=OrganisationKind.TEAM, team_kind="neighbourhood")
    company = OrganisationFactory(kind=OrganisationKind.PROVIDER)
    school_user = _user(Role.SCHOOL, school)
    organisations = {"school": school, "dienst": dienst, "area_team": area_team, "sheltered_work_company": company}
    return school_user, organisations


def _side(mark: str, *, organisation, coordinator, municipality, consent_org) -> Side:
    side = _household(mark, municipality)
    ConsentFactory(household=side.household, resident=side.head, organisation=consent_org, domain=Domain.GENERAL)
    from routekaart.residents.models import Consent

    side.ids["consent_id"] = Consent.objects.filter(household=side.household).get().pk
    # the household's own coordinator, personally involved (as the access app's services expect)
    InvolvementFactory(
        household=side.household,
        organisation=organisation,
        user=coordinator,
        kind=InvolvementKind.COORDINATOR,
        domain=Domain.GENERAL,
    )
    _try(side, "journal", lambda: _journal_objects(side, coordinator))
    _try(side, "access", lambda: _access_objects(side, coordinator))
    _try(side, "income", lambda: _income_objects(side, organisation, coordinator))
    _try(side, "portal", lambda: _portal_objects(side, coordinator))
    _try(side, "participation", lambda: _participation_objects(side, coordinator, municipality))
    _try(side, "work", lambda: _work_objects(side, coordinator))
    school_user, organisations = _network(organisation)
    _try(side, "routes", lambda: _route_objects(side, school_user, organisations, municipality))
    return side


def _journal_objects(side: Side, coordinator) -> None:
    """A general document in the household's journal, visible to everyone involved (the download route)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from routekaart.residents import journal_services
    from routekaart.residents.access import household_access_check

    access = household_access_check(user=coordinator, household_id=side.household.pk)
    document = journal_services.document_upload(
        actor=coordinator,
        access=access,
        upload=SimpleUploadedFile("verslag.txt", b"Verslag van het gesprek."),
        title="Verslag",
        domain=Domain.GENERAL,
        visibility="involved",
    )
    side.ids["document_id"] = document.pk


def _configuration() -> None:
    from django.conf import settings
    from django.utils.module_loading import import_string

    for dotted in settings.ROUTEKAART_CONFIGURATION_LOADERS:
        import_string(dotted)()


def _shared(world_shared: dict, org_in, actor) -> None:
    """Objects that belong to no household: configuration codes, an arrangement, a contract, a log entry."""
    from routekaart.audit import services as audit
    from routekaart.audit.models import ProcessingLogEntry, Result
    from routekaart.catalog import selectors as catalog
    from routekaart.catalog.models import BuildingBlock
    from routekaart.income.models import Regulation
    from routekaart.routes.models import Route, RouteMap
    from routekaart.work.tests.factories import ArrangementFactory, SocialReturnContractFactory

    preset = catalog.active_preset_get() or catalog.preset_list().first()
    steering = catalog.steering_list(preset=preset, as_of=None).first() if preset else None
    block = BuildingBlock.objects.select_related("cluster").order_by("pk").first()
    world_shared.update(
        organisation_code=org_in.code,
        region_code=org_in.region.code,
        zone_code=catalog.zone_list().first().code,
        cluster_code=catalog.cluster_list().first().code,
        building_block_key=f"{block.cluster.code}.{block.code}",
        steering_cluster=steering.cluster.code if steering else "",
        destination_code=catalog.destination_list().first().code,
        instrument_code=catalog.instrument_list().first().code,
        life_phase_code=catalog.life_phase_list().first().code,
        preset_code=preset.code if preset else "",
        route_map_code=RouteMap.objects.filter(is_current=True).order_by("pk").first().code,
        route_template=Route.objects.filter(route_map__is_current=True).order_by("pk").first().pk,
        regulation_code=Regulation.objects.order_by("order").first().code,
        arrangement=ArrangementFactory(created_by=actor).pk,
        sroi=SocialReturnContractFactory(created_by=actor).pk,
    )
    audit.processing_record(
        actor=actor, activity="break-the-glass", data_subjects=["matrix"], result=Result.BREAK_GLASS, reason="test"
    )
    world_shared["entry_id"] = ProcessingLogEntry.objects.filter(result=Result.BREAK_GLASS).order_by("-pk").first().pk


def _provider_objects(world: World, municipality) -> None:
    """The market and the provider's desk: the world's provider (a provider organisation with its AGB profile, for
    which the provider user of ORG_IN also works), a contract for the municipality with a product and its tariff,
    assignments of H_in to the world's provider (one sent, one started) and one of H_in to another provider (the
    desk's scope is the provider organisation, not an involvement: the other provider's is not found), a complaint
    about the world's provider's assignment and a declaration with its line."""
    from routekaart.providers.models import AssignmentStatus, DeclarationStatus
    from routekaart.providers.services.complaints import complaint_register
    from routekaart.providers.tests.desk_helpers import DeclarationFactory, DeclarationLineFactory
    from routekaart.providers.tests.factories import (
        AssignmentFactory,
        ContractFactory,
        ContractProductFactory,
        ProductFactory,
        ProviderFactory,
        ProviderProfileFactory,
        TariffFactory,
    )

    today = timezone.localdate()
    goals = [{"id": 1, "text": "Noor redt het huishouden weer zelf"}]

    def assigned(contract_product, side: Side, status: str = AssignmentStatus.SENT):
        return AssignmentFactory(
            contract_product=contract_product,
            municipality=municipality,
            resident=side.head,
            household_id=side.household.pk,
            starts_on=today,
            ends_on=today + datetime.timedelta(days=180),
            status=status,
            started_on=today if status == AssignmentStatus.STARTED else None,
            goals=goals,
        )

    def contracted(name: str):
        organisation = ProviderFactory(name=name)
        ProviderProfileFactory(organisation=organisation)
        contract = ContractFactory(
            provider=organisation,
            region=world.org_in.region,
            municipalities=[municipality],
            starts_on=today.replace(month=1, day=1),
            ends_on=today.replace(year=today.year + 2, month=12, day=31),
        )
        product = ProductFactory(name=f"Begeleiding individueel {name}")
        contract_product = ContractProductFactory(contract=contract, product=product)
        TariffFactory(contract_product=contract_product, valid_from=contract.starts_on, valid_to=contract.ends_on)
        return organisation, contract, contract_product

    own, contract, own_product = contracted("Zorg binnen")
    AffiliationFactory(user=world.users[Role.PROVIDER], organisation=own, role=Role.PROVIDER)
    _other, _contract, other_product = contracted("Zorg elders")
    assignment = assigned(own_product, world.h_in)
    assigned(own_product, world.h_in, AssignmentStatus.STARTED)  # care runs: the desk's stop and progress
    world.h_in.ids["provider_assignment"] = assignment.pk
    world.h_out.ids["provider_assignment"] = assigned(other_product, world.h_in).pk
    # the portal's "Mijn zorg": each head's own assignment (H_out's with the other provider, so the world's provider
    # never holds a resident of H_out)
    world.h_in.ids["portal_assignment_id"] = assignment.pk
    world.h_out.ids["portal_assignment_id"] = assigned(other_product, world.h_out).pk
    complaint = complaint_register(
        actor=world.users[Role.MARKET_MANAGER],
        provider=own,
        complainant_name="J. de Klager",
        received_on=today,
        subject="De begeleider kwam twee keer niet.",
        assignment=assignment,
    )
    declaration = DeclarationFactory(
        provider=own,
        municipality=municipality,
        period_start=today.replace(day=1),
        period_end=today.replace(day=1) + datetime.timedelta(days=27),
        status=DeclarationStatus.APPROVED,
    )
    DeclarationLineFactory(
        declaration=declaration,
        assignment=assignment,
        product=assignment.product,
        starts_on=declaration.period_start,
        ends_on=declaration.period_end,
    )
    world.shared.update(
        contract_id=contract.pk, organisation_id=own.pk, complaint_id=complaint.pk, declaration_id=declaration.pk
    )


def _klantbeheer_objects(world: World, side: Side, organisation, legal, client_admin, approver) -> None:
    """Klantbeheer's objects of one side, made by that side's Dienst: an objection against the head's Wmo decision
    (its registration opens the legal_matter involvement the legal team reads it through), an enforcement signal and
    an investigation, a claim on the benefit, and two payment runs of the Dienst (one prepared, one approved by a
    second colleague: the four eyes), so ORG_IN's staff meet the other Dienst's only in the "out" cell."""
    from routekaart.income.models import ClaimKind, ClaimReason, PaymentRunKind
    from routekaart.income.services import payments, recovery
    from routekaart.legal.models import ObjectionChannel, SignalSource
    from routekaart.legal.services import enforcement
    from routekaart.legal.services import objections as objection_services

    today = timezone.localdate()
    objection = objection_services.objection_register(
        actor=legal,
        decision_kind="access",
        decision_id=side.ids["portal_decision_id"],
        objector_id=side.head.pk,
        channel=ObjectionChannel.LETTER,
        received_on=today,
        grounds="Ik heb meer hulp nodig.",
    )
    side.ids["objection_id"] = objection.pk
    signal = enforcement.signal_record(
        actor=client_admin,
        household_id=side.household.pk,
        source=SignalSource.TIP,
        received_on=today,
        description="Een melding over de woonsituatie.",
        resident_id=side.head.pk,
    )
    side.ids["enforcement_signal_id"] = signal.pk
    investigation = enforcement.investigation_open(
        actor=client_admin,
        household_id=side.household.pk,
        question="Woont er iemand bij?",
        investigator=client_admin,
        opened_on=today,
        resident_id=side.head.pk,
    )
    side.ids["investigation_id"] = investigation.pk
    claim = recovery.claim_establish(
        actor=client_admin,
        household_id=side.household.pk,
        debtor_id=side.head.pk,
        benefit_id=side.ids["benefit"],
        kind=ClaimKind.RECOVERY,
        reason=ClaimReason.INCOME_REPORT,
        explanation="Inkomsten te laat gemeld.",
        period_from=today.replace(day=1) - datetime.timedelta(days=40),
        period_to=today.replace(day=1) - datetime.timedelta(days=1),
        principal=Decimal("400.00"),
        established_on=today,
    )
    side.ids["claim_id"] = claim.pk
    from routekaart.income.models import SocialAssistance

    # the account the run pays to (the factory leaves it empty: a benefit without one is skipped, not paid)
    SocialAssistance.objects.filter(pk=side.ids["benefit"]).update(
        iban="NL91ABNA0417164300", account_holder=f"N. {side.head.family_name}"
    )
    month = today.replace(day=1)
    execution_on = today + datetime.timedelta(days=3)
    approved = payments.payment_run_prepare(
        actor=client_admin, organisation=organisation, month=month, execution_on=execution_on
    )
    payments.payment_run_approve(actor=approver, run=approved)
    side.ids["approved_run_id"] = approved.pk
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    prepared = payments.payment_run_prepare(
        actor=client_admin,
        organisation=organisation,
        month=next_month,
        kind=PaymentRunKind.MONTHLY,
        execution_on=execution_on,
    )
    side.ids["run_id"] = prepared.pk
    from routekaart.legal.tests.factories_complaints import SurveyFactory

    survey = SurveyFactory(
        household=side.household,
        resident=side.head,
        occasion_id=side.ids["portal_decision_id"],
        sent_on=today,
        expires_on=today + datetime.timedelta(weeks=6),
    )
    side.ids["survey_id"] = survey.pk
    world.shared.update(objection_letter_kind="receipt", claim_letter_kind="besluit")


def _conduct_complaint(side: Side, legal, about) -> None:
    """A complaint about a colleague's conduct (Awb chapter 9), registered by the side's own legal desk."""
    from routekaart.legal.services.complaints import conduct_complaint_register

    complaint = conduct_complaint_register(
        actor=legal,
        complainant_name="J. de Klager",
        received_on=timezone.localdate(),
        subject="De medewerker was onbeleefd aan de balie.",
        about_user=about,
        resident=side.head,
    )
    side.ids["conduct_complaint_id"] = complaint.pk


def _insights_objects(world: World, municipality) -> None:
    """A saved policy scenario (steering): aggregates of the municipality's caseload, saved by beleid."""
    from routekaart.income.models import Regulation
    from routekaart.insights import services as insights
    from routekaart.insights.simulation import Parameters

    parameters = Parameters(
        municipality_id=municipality.pk,
        regulations=(Regulation.objects.order_by("order").first().code,),
        threshold_percent=120,
        allowance=Decimal("300.00"),
        child_supplement=Decimal("50.00"),
        as_of=timezone.localdate(),
    )
    scenario = insights.scenario_save(actor=world.users[Role.POLICY], name="Matrixscenario", parameters=parameters)
    world.shared["scenario"] = scenario.pk


def world_build() -> World:
    """Everything the matrix requests, in one go (called inside a transaction the module rolls back)."""
    _configuration()
    municipality = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, name="Gemeente Matrix")
    org_in = OrganisationFactory(
        kind=OrganisationKind.SERVICE_ORGANISATION, name="Dienst binnen", municipality=municipality
    )
    org_out = OrganisationFactory(
        kind=OrganisationKind.SERVICE_ORGANISATION, name="Dienst buiten", municipality=municipality
    )
    consent_org = OrganisationFactory(kind=OrganisationKind.PROVIDER, name="Elders")

    users = {role: _user(role, org_in, username=f"matrix-{role}") for role in Role.values if role != Role.RESIDENT}
    coordinator_out = _user(Role.COORDINATOR, org_out, username="matrix-buiten")

    h_in = _side(
        MARK_IN,
        organisation=org_in,
        coordinator=users[Role.COORDINATOR],
        municipality=municipality,
        consent_org=consent_org,
    )
    h_out = _side(
        MARK_OUT, organisation=org_out, coordinator=coordinator_out, municipality=municipality, consent_org=consent_org
    )
    # The one door for every other role of ORG_IN: the organisation as a whole is involved with H_in.
    InvolvementFactory(household=h_in.household, organisation=org_in, user=None, kind=InvolvementKind.TEAM_MEMBER)
    # The resident role: the head of H_in with an account.
    resident_user = _user(Role.RESIDENT, municipality, username="matrix-resident")
    h_in.head.user = resident_user
    h_in.head.save(update_fields=["user"])
    users[Role.RESIDENT] = resident_user

    from django_otp.plugins.otp_totp.models import TOTPDevice

    devices = {
        role: TOTPDevice.objects.create(user=user, name="matrix", confirmed=True) for role, user in users.items()
    }
    shared: dict[str, object] = {}
    _shared(shared, org_in, users[Role.COORDINATOR])
    world = World(org_in=org_in, users=users, devices=devices, h_in=h_in, h_out=h_out, shared=shared)
    _try(h_in, "providers", lambda: _provider_objects(world, municipality))
    _try(h_in, "insights", lambda: _insights_objects(world, municipality))
    # klantbeheer: each side's objects made by its own Dienst (ORG_IN's by the matrix's legal and client_admin)
    legal_out, admin_out = _user(Role.LEGAL, org_out), _user(Role.CLIENT_ADMIN, org_out)
    approver_in, approver_out = _user(Role.CLIENT_ADMIN, org_in), _user(Role.CLIENT_ADMIN, org_out)
    _try(
        h_in,
        "klantbeheer",
        lambda: _klantbeheer_objects(world, h_in, org_in, users[Role.LEGAL], users[Role.CLIENT_ADMIN], approver_in),
    )
    _try(h_out, "klantbeheer", lambda: _klantbeheer_objects(world, h_out, org_out, legal_out, admin_out, approver_out))
    _try(h_in, "conduct_complaint", lambda: _conduct_complaint(h_in, users[Role.LEGAL], users[Role.COORDINATOR]))
    _try(h_out, "conduct_complaint", lambda: _conduct_complaint(h_out, legal_out, coordinator_out))
    return world
