import pytest

from routekaart.residents.tests.factories import ResidentFactory
from routekaart.testing import database_fingerprint

pytestmark = pytest.mark.django_db


def test_the_fingerprint_sees_an_added_row_and_a_changed_value_but_not_a_processing_log_entry():
    resident = ResidentFactory(given_names="Noor")
    before = database_fingerprint()

    resident.given_names = "Sem"
    resident.save()
    changed = database_fingerprint()
    ResidentFactory()
    added = database_fingerprint()

    assert changed != before
    assert added["residents_resident"][0] == before["residents_resident"][0] + 1
    assert "audit_processinglogentry" not in before
