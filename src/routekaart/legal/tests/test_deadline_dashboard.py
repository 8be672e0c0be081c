"""The deadline dashboard: every running term with its days left, overdue first; the legal desk sees its
objections and conduct complaints, a coordinator only their own households' objections and no complaint; a filter
per handler; the same number of queries however many matters."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ...legal.models import Objection
from ...legal.selectors_deadlines import deadline_rows
from .factories_complaints import StaffComplaintFactory
from .factories_objections import DecisionFactory, ProvisionFactory, jurist_at
from .pages_fixtures import *  # noqa: F403  (the fixtures)
from .pages_fixtures import days, register

pytestmark = pytest.mark.django_db

URL = "/klantbeheer/"


def test_the_dashboard_is_klantbeheers_front_page():
    assert reverse("legal:deadline_dashboard") == URL


def test_an_overdue_term_comes_first_and_says_how_late(as_user, jurist, objection, decision):
    late = register(jurist, DecisionFactory(decided_on=days(-80)), received_on=days(-60), late_reason="Ziek.")
    Objection.objects.filter(pk=late.pk).update(decision_due_on=days(-3))
    rows = deadline_rows(user=jurist, on=timezone.localdate())
    assert rows[0].reference == late.reference and rows[0].term.days_left < 0
    assert [row.term.days_left for row in rows] == sorted(row.term.days_left for row in rows)
    page = as_user(jurist).get(URL).content.decode()
    assert "3 dagen te laat" in page
    assert page.index(late.reference) < page.index(objection.reference)


def test_the_terms_of_one_objection_are_receipt_and_decision_with_days_left(jurist, objection):
    kinds = {row.term.kind: row.term for row in deadline_rows(user=jurist, on=timezone.localdate())}
    assert set(kinds) == {"receipt", "decision"}
    assert kinds["decision"].ends_on == objection.decision_due_on
    assert kinds["decision"].days_left == (objection.decision_due_on - timezone.localdate()).days


def test_the_legal_desk_sees_its_conduct_complaints_and_the_coordinator_does_not(
    as_user, desk, jurist, coordinator, objection
):
    complaint = StaffComplaintFactory(organisation=desk, received_on=days(-10))
    legal_page = as_user(jurist).get(URL).content.decode()
    assert complaint.reference in legal_page and objection.reference in legal_page
    coordinator_page = as_user(coordinator).get(URL).content.decode()
    assert objection.reference in coordinator_page
    assert complaint.reference not in coordinator_page


def test_another_desk_sees_none_of_it(as_user, objection):
    from .factories_objections import DienstFactory

    stranger = jurist_at(DienstFactory(), is_demo=True)
    page = as_user(stranger).get(URL).content.decode()
    assert objection.reference not in page and "Er lopen geen termijnen." in page


def test_the_filter_per_handler(as_user, desk, jurist, objection):
    colleague = jurist_at(desk, first_name="Kees", is_demo=True)
    other = register(jurist, DecisionFactory(decided_on=days(-5)), handler=colleague)
    client = as_user(jurist)
    mine = client.get(URL, {"handler": jurist.pk}).content.decode()
    assert objection.reference in mine and other.reference not in mine
    theirs = client.get(URL, {"handler": colleague.pk}).content.decode()
    assert other.reference in theirs and objection.reference not in theirs


def test_more_matters_read_the_same_number_of_queries(as_user, jurist, objection):
    client = as_user(jurist)
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for n in range(3):
        decision = DecisionFactory(decided_on=days(-5 - n))
        ProvisionFactory(decision=decision)
        register(jurist, decision, handler=jurist)
    with CaptureQueriesContext(connection) as more:
        response = client.get(URL)
    assert response.status_code == 200
    assert len(more) == len(one)


def test_the_home_figures_count_open_due_and_overdue(jurist, objection):
    from ...legal.selectors_home import legal_home_counts

    Objection.objects.filter(pk=objection.pk).update(decision_due_on=timezone.localdate() + datetime.timedelta(days=7))
    counts = legal_home_counts(jurist)
    assert counts["objections_open"] == 1 and counts["due_this_week"] == 1 and counts["overdue"] == 0
    Objection.objects.filter(pk=objection.pk).update(decision_due_on=timezone.localdate() + datetime.timedelta(days=8))
    assert legal_home_counts(jurist)["due_this_week"] == 0
    Objection.objects.filter(pk=objection.pk).update(decision_due_on=timezone.localdate() - datetime.timedelta(days=1))
    assert legal_home_counts(jurist)["overdue"] == 1
