import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ...audit import selectors as audit_selectors
from ...audit import services as audit
from ...audit.models import Operation, ProcessingLogEntry, Result
from ...organisations.roles import Role
from ...organisations.tests.factories import AffiliationFactory, OrganisationFactory
from ...residents.tests.factories import MembershipFactory
from .helpers import portal_login, portal_view_as

pytestmark = pytest.mark.django_db

ALL = {"periode": "alles", "eigen": "on"}


def _entry_ids(response) -> list[int]:
    return [int(found) for found in re.findall(r'data-entry="(\d+)"', response.content.decode())]


def _coordinator(name: str = "Gebiedsteam Noord"):
    affiliation = AffiliationFactory(organisation=OrganisationFactory(name=name), role=Role.COORDINATOR)
    return affiliation.user


def _read(actor, *residents, activity="household-file", **kwargs):
    audit.processing_record(
        actor=actor, activity=activity, data_subjects=[audit.pseudonym(r.bsn) for r in residents], **kwargs
    )


def test_processing_log_shown_equals_the_rows_for_that_bsn(client):
    me = MembershipFactory().resident
    other = MembershipFactory().resident  # another household
    staff = _coordinator()
    for number in range(30):
        _read(staff, me)
        _read(staff, other)
        if number % 3 == 0:
            _read(staff, me, other, activity="consent", operation=Operation.WRITE)
    portal_login(client, me)
    pseudonym = audit.pseudonym(me.bsn)
    other_only = set(audit_selectors.processing_log_of(audit.pseudonym(other.bsn)).values_list("id", flat=True))

    for page in (1, 2):  # each visit is logged too, so the log is read again before each page
        expected = list(audit_selectors.processing_log_of(pseudonym).values_list("id", flat=True))
        response = client.get(reverse("portal:processing_log"), {**ALL, "pagina": page})
        assert response.status_code == 200
        assert _entry_ids(response) == expected[(page - 1) * 25 : page * 25]  # same ids, same order
        assert f"{len(expected)} keer gevonden." in response.content.decode()  # same count
        other_only -= set(expected)
        assert not set(_entry_ids(response)) & other_only  # another person's entries never shown
    assert len(expected) == 41  # 30 reads, 10 writes naming both, and the first visit


def test_processing_log_names_organisation_role_purpose_and_legal_basis(client):
    me = MembershipFactory().resident
    staff = _coordinator("Gebiedsteam Oost")
    _read(staff, me)
    portal_login(client, me)
    html = client.get(reverse("portal:processing_log"), ALL).content.decode()
    assert "Gebiedsteam Oost — Regisseur / klantmanager" in html
    assert "Huishoudensdossier inzien en bijhouden" in html
    assert "Ondersteuning van het huishouden met één plan en één regisseur" in html
    assert "Wmo 2015 art. 2.3.2 en 5.1.1" in html
    assert "Inzien op het scherm van een medewerker" in html


def test_processing_log_shows_break_the_glass_with_its_reason_and_a_refusal(client):
    me = MembershipFactory().resident
    staff = _coordinator()
    _read(staff, me, result=Result.BREAK_GLASS, reason="Crisis in de nacht, regisseur niet bereikbaar")
    _read(staff, me, result=Result.DENIED)
    portal_login(client, me)
    html = client.get(reverse("portal:processing_log"), ALL).content.decode()
    assert "Noodtoegang: Crisis in de nacht, regisseur niet bereikbaar" in html
    assert "Geweigerd: geen toegang" in html


def test_processing_log_says_role_unknown_when_the_actor_holds_no_role_there_any_more(client):
    me = MembershipFactory().resident
    staff = _coordinator("Wijkteam West")
    _read(staff, me)
    staff.affiliations.all().delete()
    portal_login(client, me)
    html = client.get(reverse("portal:processing_log"), ALL).content.decode()
    assert "Wijkteam West — rol onbekend" in html


def test_own_portal_visits_are_hidden_unless_asked_for_and_the_visit_itself_is_logged(client):
    me = MembershipFactory().resident
    _read(_coordinator(), me)
    user = portal_login(client, me)
    url = reverse("portal:processing_log")
    client.get(url)
    visit = ProcessingLogEntry.objects.get(actor=user, activity_id="processing-log-review")
    assert visit.channel == "portal"
    assert visit.pseudonyms == [audit.pseudonym(me.bsn)]

    assert visit.pk not in _entry_ids(client.get(url, {"periode": "alles"}))
    shown = client.get(url, ALL)
    assert visit.pk in _entry_ids(shown)
    assert "U zelf, via Mijn Routekaart" in shown.content.decode()


def test_processing_log_period_this_month_leaves_out_older_entries(client):
    me = MembershipFactory().resident
    staff = _coordinator()
    _read(staff, me)
    old = ProcessingLogEntry.objects.latest("id")
    entry = ProcessingLogEntry(  # append-only: an older entry is written as such, with its own moment
        trace_id="t",
        activity_id="household-file",
        operation="read",
        actor=staff,
        organisation_code=old.organisation_code,
        occurred_at=timezone.now() - timedelta(days=400),
    )
    audit.entries_write([(entry, [audit.pseudonym(me.bsn)])])
    portal_login(client, me)
    url = reverse("portal:processing_log")
    assert _entry_ids(client.get(url, {"periode": "maand"})) == [old.pk]
    assert _entry_ids(client.get(url, {"periode": "alles"})) == [old.pk, entry.pk]


@pytest.mark.parametrize("count", [5, 60])
def test_processing_log_page_runs_the_same_queries_for_a_short_and_a_long_log(client, django_assert_num_queries, count):
    me = MembershipFactory().resident
    staffs = [_coordinator(f"Team {n}") for n in range(3)]
    for number in range(count):
        _read(staffs[number % 3], me, result=Result.BREAK_GLASS if number % 7 == 0 else Result.OK, reason="nood")
    portal_login(client, me)
    client.get(reverse("portal:processing_log"))  # warm the session
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("portal:processing_log"), ALL)
    assert response.status_code == 200


QUERIES = 16


def test_a_parent_looking_at_a_child_sees_the_childs_log_not_their_own(client):
    from ...residents.tests.factories import RelationFactory

    parent = MembershipFactory().resident
    child = MembershipFactory(household=parent.memberships.get().household, role="child").resident
    child.birth_date = timezone.localdate().replace(year=timezone.localdate().year - 8, day=1)
    child.save(update_fields=["birth_date"])
    RelationFactory(resident=parent, related=child, kind="parent")
    staff = _coordinator()
    _read(staff, child)
    _read(staff, parent)
    portal_login(client, parent)
    portal_view_as(client, child)
    expected = list(audit_selectors.processing_log_of(audit.pseudonym(child.bsn)).values_list("id", flat=True))
    assert _entry_ids(client.get(reverse("portal:processing_log"), ALL)) == expected
    assert len(expected) == 1
