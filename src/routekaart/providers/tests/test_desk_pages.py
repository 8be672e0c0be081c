"""The provider's desk (/aanbieder/): a provider sees only its own assignments (another's is a 404), of the resident
only what delivery needs, every read logged under provision-delivery, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ...audit.models import ProcessingLogEntry
from ...audit.services import pseudonym
from ...organisations.roles import Role
from ..models import AssignmentStatus
from .desk_helpers import DeclarationFactory, DeclarationLineFactory, assignment_make, provider_make
from .factories import TariffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_login")]


@pytest.fixture
def linde():
    return provider_make("De Linde")


@pytest.fixture
def other():
    return provider_make("Zorgboog")


def signed_in(client, provider):
    client.force_login(provider.user)
    return client


def test_the_list_shows_the_providers_own_assignments_with_what_delivery_needs_and_no_bsn(client, linde, other):
    mine = assignment_make(linde)
    theirs = assignment_make(other)
    response = signed_in(client, linde).get(reverse("desk:assignment_list"))
    assert response.status_code == 200
    html = response.text
    assert mine.number in html and mine.resident.full_name in html
    assert "15 juni 1985" in html and mine.resident.address.street in html
    assert "4 uur per week" in html
    assert theirs.number not in html and theirs.resident.full_name not in html
    assert mine.resident.bsn not in html


def test_the_tabs_split_to_start_running_and_ended(client, linde):
    sent = assignment_make(linde)
    started = assignment_make(linde, AssignmentStatus.STARTED)
    stopped = assignment_make(linde, AssignmentStatus.STOPPED)
    client = signed_in(client, linde)
    url = reverse("desk:assignment_list")
    for slug, shown, hidden in (
        ("te-starten", sent, started),
        ("lopend", started, stopped),
        ("afgelopen", stopped, sent),
    ):
        html = client.get(url, {"status": slug}).text
        assert f'data-assignment="{shown.number}"' in html
        assert f'data-assignment="{hidden.number}"' not in html


@pytest.mark.parametrize("name", ["assignment_detail", "assignment_start", "assignment_stop", "progress_create"])
def test_another_providers_assignment_is_not_found_never_forbidden(client, linde, other, name):
    theirs = assignment_make(other, AssignmentStatus.STARTED)
    response = signed_in(client, linde).get(reverse(f"desk:{name}", args=[theirs.pk]))
    assert response.status_code == 404
    assert theirs.resident.full_name not in response.text


def test_a_post_on_another_providers_assignment_is_not_found_and_changes_nothing(client, linde, other):
    from routekaart.testing import database_fingerprint

    theirs = assignment_make(other, AssignmentStatus.STARTED)
    client = signed_in(client, linde)
    before = database_fingerprint()
    response = client.post(reverse("desk:progress_create", args=[theirs.pk]), {"summary": "x"})
    assert response.status_code == 404
    assert database_fingerprint() == before


def test_a_user_in_another_role_may_not_open_the_desk(staff_client, linde):
    client, _user = staff_client(Role.COORDINATOR)
    assert client.get(reverse("desk:assignment_list")).status_code == 403


def test_a_provider_role_at_an_organisation_that_is_no_provider_sees_nothing(staff_client, linde):
    mine = assignment_make(linde)
    client, _user = staff_client(Role.PROVIDER)  # affiliated with a municipality, not a provider
    response = client.get(reverse("desk:assignment_list"))
    assert response.status_code == 200 and mine.number not in response.text
    assert client.get(reverse("desk:assignment_detail", args=[mine.pk])).status_code == 404


def test_the_detail_shows_the_goals_and_the_actions_its_status_allows(client, linde):
    sent = assignment_make(linde)
    client = signed_in(client, linde)
    html = client.get(reverse("desk:assignment_detail", args=[sent.pk])).text
    assert "Zelfstandig de post en rekeningen bijhouden" in html
    assert reverse("desk:assignment_start", args=[sent.pk]) in html
    assert reverse("desk:progress_create", args=[sent.pk]) not in html
    started = assignment_make(linde, AssignmentStatus.STARTED)
    html = client.get(reverse("desk:assignment_detail", args=[started.pk])).text
    assert reverse("desk:assignment_start", args=[started.pk]) not in html
    assert reverse("desk:progress_create", args=[started.pk]) in html
    assert reverse("desk:assignment_stop", args=[started.pk]) in html


def test_reading_the_list_and_an_assignment_is_logged_as_provision_delivery(client, linde):
    first, second = assignment_make(linde), assignment_make(linde)
    client = signed_in(client, linde)
    client.get(reverse("desk:assignment_list"))
    entry = ProcessingLogEntry.objects.filter(activity_id="provision-delivery").latest("id")
    assert entry.actor == linde.user and entry.channel == "page" and entry.operation == "read"
    assert set(entry.pseudonyms) == {
        pseudonym(first.resident.bsn),
        pseudonym(second.resident.bsn),
    }
    client.get(reverse("desk:assignment_detail", args=[first.pk]))
    entry = ProcessingLogEntry.objects.filter(activity_id="provision-delivery").latest("id")
    assert entry.pseudonyms == [pseudonym(first.resident.bsn)]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_runs_the_same_queries_for_1_or_30_assignments(client, linde):
    client = signed_in(client, linde)
    url = reverse("desk:assignment_list")
    assignment_make(linde)
    client.get(url)  # warm the per-process caches (the register's roles)
    one = _queries(client, url)
    for _ in range(29):
        assignment_make(linde)
    assert _queries(client, url) == one


def test_the_contract_page_shows_tariffs_volumes_and_the_rejected_lines_retour_codes(client, linde, other):
    TariffFactory(contract_product=linde.contract_product)
    assignment_make(linde, AssignmentStatus.STARTED)
    assignment_make(linde)
    declaration = DeclarationFactory(provider=linde.organisation, status="partly")
    DeclarationLineFactory(declaration=declaration, approved=False, retour_code="8001", reference="R-1")
    DeclarationLineFactory(declaration=declaration, approved=True, reference="R-2")
    DeclarationFactory(provider=other.organisation, number="ANDER-1")
    response = signed_in(client, linde).get(reverse("desk:contract"))
    html = response.text
    assert response.status_code == 200
    assert linde.contract_product.contract.reference in html and "€ 62.50" in html
    assert "data-assigned>2<" in html and "data-started>1<" in html
    assert f'data-declaration="{declaration.number}"' in html
    assert 'data-retour="8001"' in html and "R-2" not in html
    assert "ANDER-1" not in html


def test_the_contract_page_runs_the_same_queries_for_1_or_10_declarations(client, linde):
    client = signed_in(client, linde)
    url = reverse("desk:contract")
    DeclarationFactory(provider=linde.organisation)
    client.get(url)
    one = _queries(client, url)
    for _ in range(9):
        DeclarationLineFactory(declaration=DeclarationFactory(provider=linde.organisation), approved=False)
    TariffFactory(contract_product=linde.contract_product)
    assert _queries(client, url) == one


def test_the_detail_runs_the_same_queries_for_1_or_10_progress_reports(client, linde):
    from ..models import ProgressReport

    assignment = assignment_make(linde, AssignmentStatus.STARTED)
    client = signed_in(client, linde)
    url = reverse("desk:assignment_detail", args=[assignment.pk])

    def report():
        ProgressReport.objects.create(
            assignment=assignment,
            reported_on=assignment.started_on,
            reported_by=linde.user,
            goal_ratings=[{"goal": 11, "rating": "on_track", "text": ""}],
            summary="Verslag",
        )

    report()
    client.get(url)
    one = _queries(client, url)
    for _ in range(9):
        report()
    assert _queries(client, url) == one
