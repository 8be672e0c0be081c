"""Every API operation, fuzzed from the project's own OpenAPI schema, as three callers: no server error, no answer
outside its documented schema.

Schemathesis loads /api/v1/schema/ from the WSGI application in-process and generates valid and invalid requests
for each operation (Hypothesis examples; in the long run also the coverage phase's boundary values), with a fixed
seed. The requests carry a
real, second-factor-verified session cookie and a CSRF token, so they reach the views as a signed-in person's
browser would: a superuser, a coordinator involved with a household, an employer adviser, and a provider with its
assignments. Path parameters are
drawn half from the generated values and half from the ids of a small realistic dataset, so the fuzzer also works
on households, residents, cases and placements that exist.

The budget is small for `make test` (FUZZ_EXAMPLES examples per operation and caller, default 4, Hypothesis
examples only); `make fuzz` raises it and adds Schemathesis' coverage phase for a long run (see docs/security.md).
"""

import datetime
import json
import os
import pathlib
import time
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from routekaart.income.tests.factories import SocialAssistanceFactory
from routekaart.organisations.roles import Domain, Role
from routekaart.organisations.tests.factories import TOTPDeviceFactory, UserFactory
from routekaart.residents.tests.factories import (
    ConsentFactory,
    HouseholdFactory,
    InvolvementFactory,
    MembershipFactory,
    ResidentFactory,
)
from routekaart.work.tests.factories import (
    ArrangementFactory,
    CandidateProfileFactory,
    EmployerFactory,
    PlacementFactory,
    VacancyFactory,
)
from routekaart.wsgi import application

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))
# The coverage phase adds some sixty boundary and invalid values per operation (missing fields, wrong types, odd
# strings in ids): too many for every `make test`, so it runs when the budget is raised (`make fuzz`).
FUZZ_COVERAGE = os.environ.get("FUZZ_COVERAGE", "1" if FUZZ_EXAMPLES > 10 else "0") == "1"
SEED = 20261204

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Real values of the dataset, by path-parameter name; filled by the `dataset` fixture, read by the hook below.
_REAL_VALUES: dict[str, list[Any]] = {}
# Registered figures of the steering API, one of each family, so the fuzzer also asks for figures that exist.
STEERING_FIGURES = ("flows_route", "sankey", "caseload_team", "yardstick_distance", "forecast_caseload")
# Requests sent, per caller, for the figures of a long run.
REQUESTS: dict[str, int] = {}


@pytest.fixture
def api_schema(db):
    """The project's schema, as served at /api/v1/schema/, bound to the WSGI application for in-process calls."""
    _keep_connection_between_requests()
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    schema.config.generation.update(
        max_examples=FUZZ_EXAMPLES,
        deterministic=True,
        database="none",
        with_security_parameters=False,
    )

    @schema.hook
    def flatmap_path_parameters(context, path_parameters: dict[str, Any]):
        """Half of the time, put a real id or code of the dataset in each path parameter."""
        if not path_parameters:
            return st.just(path_parameters)
        parts = {
            name: st.one_of(st.just(value), st.sampled_from(_REAL_VALUES[name]))
            if _REAL_VALUES.get(name)
            else st.just(value)
            for name, value in path_parameters.items()
        }
        return st.fixed_dictionaries(parts)

    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


def _keep_connection_between_requests() -> None:
    """Calls go straight to the WSGI handler inside the test's transaction; like Django's test client, keep the
    request signals from closing that connection (which would end the transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)


@pytest.fixture(autouse=True)
def _reconnect_request_signals():
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def dataset(db) -> dict[str, Any]:
    """A small municipality: configuration as data, two involved households with a case, one not involved, an
    employer with a vacancy, an arrangement and a placement."""
    from routekaart.access.tests import journey

    call_command("load_configuration", stdout=open(os.devnull, "w"))  # noqa: SIM115
    coordinator = UserFactory(first_name="Rana", last_name="Regisseur", role=Role.COORDINATOR)
    team = coordinator.affiliations.get().organisation
    adviser = UserFactory(first_name="Wim", last_name="Werkgeversadviseur", role=Role.EMPLOYER_ADVISER)
    superuser = UserFactory(first_name="Bea", last_name="Beheer", is_superuser=True, is_staff=True)
    policy = UserFactory(first_name="Bo", last_name="Beleid", role=Role.POLICY)

    households, residents, memberships, cases = [], [], [], []
    for number, (family, involved) in enumerate([("Hendriks", True), ("Yilmaz", True), ("De Vries", False)]):
        household = HouseholdFactory()
        head = ResidentFactory(given_names="Noor", family_name=family, birth_date=datetime.date(1985, 3, 1 + number))
        child = ResidentFactory(given_names="Sem", family_name=family, birth_date=datetime.date(2013, 9, 1 + number))
        memberships += [
            MembershipFactory(household=household, resident=head, role="head", valid_from=datetime.date(2018, 1, 1)),
            MembershipFactory(household=household, resident=child, role="child", valid_from=datetime.date(2018, 1, 1)),
        ]
        household.mother, household.son = head, child
        if involved:
            InvolvementFactory(household=household, organisation=team, user=None)
            cases.append(journey.melding(coordinator, household).case)
        households.append(household)
        residents += [head, child]

    # The adviser's employer service may see the first head's work profile: she consented to it.
    ConsentFactory(
        household=households[0],
        resident=households[0].mother,
        organisation=adviser.affiliations.get().organisation,
        domain=Domain.PARTICIPATION,
        scope="Werkprofiel voor bemiddeling",
    )
    employer = EmployerFactory()
    vacancy = VacancyFactory(employer=employer, created_by=adviser)
    arrangement = ArrangementFactory(employer=employer, created_by=adviser)
    profile = CandidateProfileFactory(resident=households[0].mother)
    placement = PlacementFactory(vacancy=vacancy, profile=profile, proposed_by=adviser)
    # A plan with its agreements (plan activate, agreement status) and a benefit (income reports): the write
    # boundary test needs an object to reach their validation.
    plan = journey.to_active_plan(coordinator, households[1]).plans.get()
    benefit = SocialAssistanceFactory(household=households[0], client=households[0].mother, membership=False)
    # A granted provision (end, change) and a provider with its assignments of that household, sent and started
    # (the desk's start, stop and progress): the provider's scope is its organisation, not an involvement.
    from routekaart.access import services as access_services
    from routekaart.providers.models import AssignmentStatus
    from routekaart.providers.tests.desk_helpers import assignment_make, provider_make

    plan_case = plan.case
    provision = access_services.decision_record(
        actor=coordinator, case=plan_case, addressee=households[1].mother, provisions=[journey.guidance()]
    ).decision.provisions.get()
    provider = provider_make("Zorg Fuzz")
    assignments = [
        assignment_make(provider, status=status, resident=households[1].mother, household_id=households[1].pk)
        for status in (AssignmentStatus.SENT, AssignmentStatus.STARTED)
    ]

    legal, client_admin, klantbeheer_ids = _klantbeheer(coordinator, households, benefit, provision)

    ids = [h.pk for h in households] + [r.pk for r in residents] + [c.pk for c in cases]
    ids += klantbeheer_ids
    ids += [employer.pk, vacancy.pk, arrangement.pk, profile.pk, placement.pk, plan.pk, benefit.pk]
    ids += [plan.agreements.values_list("pk", flat=True).first()]
    ids += [provision.pk, *(a.pk for a in assignments)]
    _REAL_VALUES.clear()
    _REAL_VALUES.update(
        id=sorted(set(ids)),
        membership_id=[m.pk for m in memberships],
        code=[team.code, employer.organisation.code, *STEERING_FIGURES],
    )
    return {
        "superuser": superuser,
        "coordinator": coordinator,
        "employer_adviser": adviser,
        "provider": provider.user,
        "legal": legal,
        "client_admin": client_admin,
        "policy": policy,
    }


def _klantbeheer(coordinator, households, benefit, provision) -> tuple[Any, Any, list[int]]:
    """Klantbeheer's callers and their objects: a jurist with an objection against the provision's decision and a
    conduct complaint; klantbeheer of the benefit's Dienst with a prepared payment run, a claim and an
    investigation."""
    from decimal import Decimal

    from django.utils import timezone

    from routekaart.income.services import payments, recovery
    from routekaart.legal.services import enforcement
    from routekaart.legal.services.complaints import conduct_complaint_register
    from routekaart.legal.services.objections import objection_register
    from routekaart.organisations.tests.factories import AffiliationFactory

    today = timezone.localdate()
    legal = UserFactory(first_name="Jet", last_name="Jurist", role=Role.LEGAL)
    client_admin = UserFactory(first_name="Kees", last_name="Klantbeheer", role=None)
    AffiliationFactory(user=client_admin, organisation=benefit.organisation, role=Role.CLIENT_ADMIN)
    decision = provision.decision
    objection = objection_register(
        actor=legal,
        decision_kind="access",
        decision_id=decision.pk,
        objector_id=decision.addressee_id,
        channel="letter",
        received_on=today,
        grounds="Ik heb meer hulp nodig.",
    )
    complaint = conduct_complaint_register(
        actor=legal,
        complainant_name="J. de Klager",
        received_on=today,
        subject="De medewerker was onbeleefd.",
        about_user=coordinator,
    )
    run = payments.payment_run_prepare(
        actor=client_admin,
        organisation=benefit.organisation,
        month=today.replace(day=1),
        execution_on=today + datetime.timedelta(days=3),
    )
    household = households[0]
    claim = recovery.claim_establish(
        actor=client_admin,
        household_id=household.pk,
        debtor_id=household.mother.pk,
        benefit_id=benefit.pk,
        kind="recovery",
        reason="income_report",
        explanation="Inkomsten te laat gemeld.",
        period_from=today.replace(day=1) - datetime.timedelta(days=40),
        period_to=today.replace(day=1) - datetime.timedelta(days=1),
        principal=Decimal("400.00"),
        established_on=today,
    )
    investigation = enforcement.investigation_open(
        actor=client_admin,
        household_id=household.pk,
        question="Woont er iemand bij?",
        investigator=client_admin,
        opened_on=today,
        resident_id=household.mother.pk,
    )
    return legal, client_admin, [objection.pk, complaint.pk, run.pk, claim.pk, investigation.pk]


def _session_for(user) -> dict[str, str]:
    """Cookies and header of a signed-in session whose second factor is verified, with a CSRF token."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDeviceFactory(user=user).persistent_id
    session.save()
    csrf = _get_new_csrf_string()
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf}


@pytest.fixture(scope="module", autouse=True)
def _report_figures():
    """With FUZZ_REPORT=path, write the number of requests and server errors per caller (for docs/security.md)."""
    started = time.monotonic()
    yield
    if path := os.environ.get("FUZZ_REPORT"):
        figures = {"seconds": round(time.monotonic() - started), "examples_per_operation": FUZZ_EXAMPLES, **REQUESTS}
        pathlib.Path(path).write_text(json.dumps(figures, indent=2) + "\n")


# Callers added for one part of the API only: their other operations are asked by the four callers above already.
CALLER_PATHS: dict[str, tuple[str, ...]] = {
    "legal": ("/api/v1/bezwaren/", "/api/v1/klachten-bejegening/", "/api/v1/kwaliteit/"),
    "client_admin": ("/api/v1/income/payment-runs/", "/api/v1/vorderingen/", "/api/v1/handhaving/"),
    "policy": ("/api/v1/sturing/",),  # beleid: the steering figures, aggregates only
}


@pytest.fixture(params=["superuser", "coordinator", "employer_adviser", "provider", "legal", "client_admin", "policy"])
def caller(request, dataset) -> dict[str, Any]:
    # Schemathesis' pytest wrapper renames the item per operation through `_nodeid`, which pytest 9.2 no longer has.
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid
    cookies = _session_for(dataset[request.param])
    return {"name": request.param, "cookies": cookies, "headers": {"X-CSRFToken": cookies["csrftoken"]}}


@schema.parametrize()
@pytest.mark.usefixtures("caller")  # parametrizes the test by caller (the wrapper hides the argument from pytest)
@hypothesis.settings(
    max_examples=FUZZ_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate] if FUZZ_COVERAGE else [Phase.generate],
)
def test_every_operation_answers_within_its_schema_and_without_server_error(case, caller):
    if caller["name"] in CALLER_PATHS and not case.operation.path.startswith(CALLER_PATHS[caller["name"]]):
        return
    counts = REQUESTS.setdefault(caller["name"], {"requests": 0, "server_errors": 0})
    counts["requests"] += 1
    response = case.call(cookies=caller["cookies"], headers=caller["headers"])
    if response.status_code >= 500:
        counts["server_errors"] += 1
    case.validate_response(response, checks=CHECKS)
