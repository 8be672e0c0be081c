"""The stored search key of a family name ignores case and accents, and follows every change of the name."""

import pytest

from routekaart.organisations.roles import Role

from .. import services
from ..models import Resident
from ..names import name_key, without_name_prefix
from ..search import _prefix
from .factories import ResidentFactory


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Çelik", "celik"),
        ("  ÖZDEMİR ", "ozdemir"),
        ("Łukasiewicz", "lukasiewicz"),
        ("Sørensen", "sorensen"),
        ("D'Souza", "d'souza"),
        ("Bakker  de   Vries", "bakker de vries"),
        ("Eß", "ess"),
    ],
)
def test_the_key_has_no_case_or_accents(typed, key):
    assert name_key(typed) == key


def test_name_prefixes_before_the_family_name_are_looked_past_but_a_prefix_alone_stays():
    assert without_name_prefix("van der Berg") == "Berg"
    assert without_name_prefix("in 't Veld") == "Veld"
    assert without_name_prefix("van") == "van"


@pytest.mark.django_db
def test_the_key_is_set_on_create_and_follows_a_change_of_the_name(staff_client):
    _, user = staff_client(Role.COORDINATOR)
    resident = ResidentFactory(family_name="Érdi")
    assert Resident.objects.get(pk=resident.pk).family_name_key == "erdi"
    services.resident_update(actor=user, resident=resident, family_name="Öztürk")
    assert Resident.objects.get(pk=resident.pk).family_name_key == "ozturk"


@pytest.mark.django_db
def test_a_prefix_finds_exactly_the_keys_that_start_with_it():
    names = ["D'Souza", "Dsouza", "D", "Dijk", "De Vries", "Ď", "Jansen", "Janssen", "Jans"]
    for name in names:
        ResidentFactory(family_name=name)
    for prefix in ("d'", "d", "de ", "jans", "janss", "z"):
        found = set(Resident.objects.filter(_prefix("family_name_key", prefix)).values_list("family_name", flat=True))
        assert found == {n for n in names if name_key(n).startswith(prefix)}, prefix
