"""The objection's letters: the receipt confirmation names the decision term, the hearing invitation the date and
place, the decision on the objection its outcome and the appeal clause (six weeks, the court), the penalty decision
the days and amount; each downloads as PDF for the legal desk, and a letter the objection has not is a 404."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ...access.letters import pango_missing
from ...legal import terms
from ...legal.letters import LetterNotYet, letter_html
from ...legal.models import DefaultNotice, Hearing, Objection
from .pages_fixtures import *  # noqa: F403  (the fixtures)

pytestmark = pytest.mark.django_db


def loaded(objection) -> Objection:
    return (
        Objection.objects.select_related("objector", "organisation")
        .prefetch_related("hearings", "default_notices", "appeals")
        .get(pk=objection.pk)
    )


def test_the_receipt_confirmation_names_the_decision_term(objection):
    html = letter_html(loaded(objection), "receipt")
    assert "Ontvangstbevestiging" in html and objection.reference in html
    due = objection.decision_due_on
    assert f"uiterlijk op {due.day} " in html and str(due.year) in html
    assert objection.objector.full_name in html
    assert objection.objector.bsn not in html


def test_the_hearing_invitation_names_the_date_and_place(jurist, objection):
    Hearing.objects.create(
        objection=objection,
        invited_on=timezone.localdate(),
        scheduled_at=timezone.now() + datetime.timedelta(days=14),
        location="Stadskantoor, kamer 3",
        recorded_by=jurist,
    )
    html = letter_html(loaded(objection), "hearing")
    assert "Stadskantoor, kamer 3" in html and "hoorzitting" in html


def test_the_decision_letter_has_the_outcome_and_the_appeal_clause(objection):
    on = timezone.localdate()
    Objection.objects.filter(pk=objection.pk).update(
        status="decided", decided_on=on, outcome="dismissed", effect="keep", reasoning="Het besluit is juist."
    )
    html = letter_html(loaded(objection), "decision")
    assert "Uw bezwaar is ongegrond." in html
    assert "Het besluit blijft in stand" in html
    assert "binnen 6 weken" in html and "rechtbank" in html
    until = terms.appeal_term_end(on)
    assert f"uiterlijk op {until.day} " in html


def test_the_penalty_decision_names_days_and_amount(jurist, objection):
    DefaultNotice.objects.create(
        objection=objection,
        received_on=timezone.localdate(),
        penalty_from=timezone.localdate() + datetime.timedelta(days=15),
        penalty_days=3,
        penalty_amount=Decimal("69.00"),
        penalty_decided_on=timezone.localdate(),
        recorded_by=jurist,
    )
    html = letter_html(loaded(objection), "penalty")
    assert "3 dagen" in html and "69" in html


def test_a_letter_the_objection_has_not_yet_is_refused(objection):
    for kind in ("hearing", "decision", "penalty", "onbekend"):
        with pytest.raises(LetterNotYet):
            letter_html(loaded(objection), kind)


def test_the_legal_desk_downloads_the_receipt_as_pdf_and_a_missing_letter_is_not_found(as_user, jurist, objection):
    client = as_user(jurist)
    missing = client.get(reverse("legal:objection_letter", args=[objection.pk, "decision"]))
    assert missing.status_code == 404
    response = client.get(reverse("legal:objection_letter", args=[objection.pk, "receipt"]))
    if pango_missing():
        assert response.status_code == 503
    else:
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_the_coordinator_may_not_download_the_letters(as_user, coordinator, objection):
    response = as_user(coordinator).get(reverse("legal:objection_letter", args=[objection.pk, "receipt"]))
    assert response.status_code == 403
