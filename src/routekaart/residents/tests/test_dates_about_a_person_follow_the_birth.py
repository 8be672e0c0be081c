"""Dates about a person follow their birth (the one rule of dates in order, core.dates): a relation does not begin
before either person was born, and a corrected birth date does not fall after the day the person joined a household.
Tested the day before, on and after the bound; a refusal says in Dutch what to do and changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from routekaart.residents import services
from routekaart.residents.models import RelationKind
from routekaart.testing import database_fingerprint

from .factories import MembershipFactory, ResidentFactory

pytestmark = [pytest.mark.django_db]

OLDER, YOUNGER = date(1980, 5, 1), date(1984, 9, 20)


@pytest.mark.parametrize(("shift", "accepted"), [(-1, False), (0, True), (1, True)])
def test_a_relation_begins_on_or_after_both_births(shift, accepted):
    one, other = ResidentFactory(birth_date=OLDER), ResidentFactory(birth_date=YOUNGER)
    valid_from = YOUNGER + timedelta(days=shift)

    def add():
        return services.relation_add(
            actor=None, resident=one, related=other, kind=RelationKind.PARTNER, valid_from=valid_from
        )

    if accepted:
        assert add().valid_from == valid_from
        return
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        add()
    assert refused.value.message_dict["valid_from"] == [
        "Deze datum ligt vóór de geboorte van de ander. Vul een latere datum in."
    ]
    assert database_fingerprint() == before


@pytest.mark.parametrize(("shift", "accepted"), [(-1, True), (0, True), (1, False)])
def test_a_corrected_birth_date_lies_on_or_before_joining_a_household(shift, accepted):
    joined = date(2010, 3, 1)
    resident = ResidentFactory(birth_date=date(2009, 1, 1))
    MembershipFactory(resident=resident, valid_from=joined)
    birth_date = joined + timedelta(days=shift)

    def correct():
        return services.resident_update(actor=None, resident=resident, birth_date=birth_date)

    if accepted:
        assert correct().birth_date == birth_date
        return
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        correct()
    assert refused.value.message_dict["birth_date"] == [
        "De inwoner kwam op 1 maart 2010 in een huishouden; de geboortedatum ligt niet later. "
        "Controleer de geboortedatum, of pas eerst de inschrijving in het huishouden aan."
    ]
    assert database_fingerprint() == before
