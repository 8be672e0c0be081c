"""Changes a resident reports for their benefit (living together, abroad, another address, other): checked dates,
one event with the kind and dates only, the coordinator sees the open ones on the household page and processes them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from routekaart.audit.event_labels import event_sentence
from routekaart.audit.models import Event, ProcessingLogEntry
from routekaart.income import services
from routekaart.income.models import ChangeKind, ChangeReport, ChangeStatus
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.testing import database_fingerprint

from .factories import SocialAssistanceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march_2026")]


def submit(benefit, actor=None, **kwargs):
    return services.change_report_submit(actor=actor or UserFactory(), benefit=benefit, **kwargs)


def test_living_together_is_received_with_one_event_of_kind_and_date_only():
    benefit = SocialAssistanceFactory()
    report = submit(benefit, kind=ChangeKind.LIVING_TOGETHER, starts_on=date(2026, 4, 1), details="Met mijn vriend Jan")
    assert report.status == ChangeStatus.RECEIVED
    event = Event.objects.get(action="change_report.submitted")
    assert event.household_id == benefit.household_id
    assert event.after == {"domain": "P", "kind": "cohabiting", "starts_on": "2026-04-01", "ends_on": None}
    assert "Jan" not in str(event.before) + str(event.after)
    assert ProcessingLogEntry.objects.filter(activity_id="social-assistance", operation="write").exists()


def test_the_timeline_sentence_names_the_change_and_its_date():
    benefit = SocialAssistanceFactory()
    report = submit(benefit, kind=ChangeKind.LIVING_TOGETHER, starts_on=date(2026, 4, 1))
    event = Event.objects.get(action="change_report.submitted")
    assert event_sentence(event, with_actor=False) == "Wijziging doorgegeven: samenwonen per 1 april 2026"
    services.change_report_process(actor=benefit.coordinator, report=report)
    processed = Event.objects.get(action="change_report.processed")
    assert event_sentence(processed, with_actor=False) == "Doorgegeven wijziging verwerkt: samenwonen per 1 april 2026"


def test_abroad_with_a_date_of_return_or_not_known_yet():
    benefit = SocialAssistanceFactory()
    back = submit(benefit, kind=ChangeKind.ABROAD, starts_on=date(2026, 7, 1), ends_on=date(2026, 7, 20))
    unknown = submit(benefit, kind=ChangeKind.ABROAD, starts_on=date(2026, 8, 1), ends_unknown=True)
    assert (back.ends_on, back.ends_unknown) == (date(2026, 7, 20), False)
    assert (unknown.ends_on, unknown.ends_unknown) == (None, True)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": ChangeKind.ABROAD, "starts_on": date(2026, 7, 1)}, "ends_on", "Dat weet ik nog niet"),
        (
            {"kind": ChangeKind.ABROAD, "starts_on": date(2026, 7, 1), "ends_on": date(2026, 6, 1)},
            "ends_on",
            "De datum van terugkomst ligt na de datum van vertrek.",
        ),
        ({"kind": ChangeKind.LIVING_TOGETHER, "starts_on": date(2030, 1, 1)}, "starts_on", "meer dan een jaar vooruit"),
        ({"kind": ChangeKind.LIVING_TOGETHER, "starts_on": date(2024, 1, 1)}, "starts_on", "meer dan een jaar geleden"),
        ({"kind": ChangeKind.ADDRESS, "starts_on": date(2026, 4, 1)}, "details", "Vul uw nieuwe adres in."),
        (
            {"kind": ChangeKind.OTHER, "starts_on": date(2026, 4, 1), "ends_on": date(2026, 5, 1), "details": "x"},
            "ends_on",
            "Alleen bij een verblijf in het buitenland",
        ),
    ],
)
def test_implausible_changes_are_refused_in_dutch_and_nothing_changes(changes, field, message):
    benefit = SocialAssistanceFactory()
    actor = UserFactory()
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        submit(benefit, actor=actor, **changes)
    assert message in " ".join(refused.value.message_dict[field])
    assert database_fingerprint() == before


def test_a_change_for_an_ended_benefit_is_refused():
    benefit = SocialAssistanceFactory(ended_on=date(2026, 1, 1))
    with pytest.raises(ValidationError) as refused:
        submit(benefit, kind=ChangeKind.LIVING_TOGETHER, starts_on=date(2026, 4, 1))
    assert "Uw uitkering is gestopt" in refused.value.message_dict["kind"][0]


def test_processing_twice_is_refused():
    benefit = SocialAssistanceFactory()
    report = submit(benefit, kind=ChangeKind.LIVING_TOGETHER, starts_on=date(2026, 4, 1))
    services.change_report_process(actor=benefit.coordinator, report=report)
    before = database_fingerprint()
    with pytest.raises(ValidationError, match="al verwerkt"):
        services.change_report_process(actor=benefit.coordinator, report=report)
    assert database_fingerprint() == before


# --- The household page ----------------------------------------------------------------------------------------


@pytest.fixture
def coordinator(staff_client):
    return staff_client(Role.COORDINATOR)


def my_benefit(user):
    return SocialAssistanceFactory(organisation=user.affiliations.get().organisation, coordinator=user)


def test_the_coordinator_sees_the_open_change_on_the_household_page_and_processes_it(coordinator):
    client, user = coordinator
    benefit = my_benefit(user)
    report = submit(benefit, kind=ChangeKind.ABROAD, starts_on=date(2026, 7, 1), ends_on=date(2026, 7, 20))
    page = reverse("residents:household_detail", args=[benefit.household_id])
    html = client.get(page).content.decode()
    assert f'data-change="{report.pk}"' in html
    assert "van 1 juli 2026 tot en met 20 juli 2026" in html
    assert "Wijziging doorgegeven: naar het buitenland van 1 juli 2026 tot en met 20 juli 2026" in html  # timeline
    process = reverse("income:change_report_process", args=[benefit.household_id, report.pk])
    assert f'action="{process}"' in html

    response = client.post(process)
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.processed_by) == (ChangeStatus.PROCESSED, user)
    assert Event.objects.filter(action="change_report.processed", household_id=benefit.household_id).exists()
    assert f'data-change="{report.pk}"' not in client.get(page).content.decode()


def test_a_change_of_another_household_cannot_be_processed_through_mine(coordinator):
    client, user = coordinator
    mine = my_benefit(user)
    other = submit(SocialAssistanceFactory(), kind=ChangeKind.LIVING_TOGETHER, starts_on=date(2026, 4, 1))
    before = database_fingerprint()
    response = client.post(reverse("income:change_report_process", args=[mine.household_id, other.pk]))
    assert response.status_code == 404
    assert database_fingerprint() == before
    assert ChangeReport.objects.get(pk=other.pk).status == ChangeStatus.RECEIVED
