"""The school's registration of a leaver tells the truth about the Dienst: on a route where the Dienst gets the
regie its field is needed, the label says on which routes, and leaving it empty is refused on that field (linked
from the error summary) before anything is saved. On a route whose regie stays with the school it may stay empty."""

import re

import pytest
from django.urls import reverse

from routekaart.routes.models import Trajectory
from routekaart.testing import database_fingerprint

from .conftest import exit_route

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def demo_settings(demo_login):
    return demo_login


def dienst_label(page: str) -> str:
    return re.search(r'<label class="utrecht-form-label" for="id_party_dienst">(.*?)</label>', page, re.S).group(1)


def test_the_dienst_is_labelled_needed_on_the_routes_where_it_gets_the_regie(client, network):
    client.force_login(network.school_user)

    label = dienst_label(client.get(reverse("routes:trajectory_start")).text)

    assert "niet verplicht" not in label
    assert "(verplicht bij route " in label
    assert exit_route("sheltered_work").name in label


def test_leaving_the_dienst_empty_is_refused_on_its_field_and_changes_nothing(client, network, pupil):
    client.force_login(network.school_user)
    before = database_fingerprint()

    response = client.post(
        reverse("routes:trajectory_start"),
        {
            "resident": pupil.pk,
            "route": exit_route("sheltered_work").pk,
            "school_kind": "vso",
            "exit_profile": "sheltered_work",
            "party_school": network.school.pk,
        },
    )

    assert response.status_code == 400
    assert '<a class="utrecht-link" href="#id_party_dienst">' in response.text
    assert 'id="id_party_dienst_error">Kies de organisatie die de regie krijgt: Dienst.</div>' in response.text
    assert database_fingerprint() == before
    assert not Trajectory.objects.exists()
