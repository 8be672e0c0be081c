"""Functioneel beheer changes a building block or a steering assignment: a new version, the old one readable."""

import datetime

import pytest
from django.urls import reverse

from routekaart.audit.models import Event
from routekaart.catalog import selectors, services
from routekaart.catalog.models import BuildingBlock, BuildingBlockVersion, SteeringAssignment
from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db]

LAST_YEAR = datetime.date(2015, 6, 1)
CHANGE = datetime.date(2016, 1, 1)
AFTER = datetime.date(2016, 6, 1)


@pytest.fixture
def admin_client(client, demo_login):
    user = UserFactory(role=Role.FUNCTIONAL_ADMIN, is_demo=True, is_staff=True, is_superuser=True)
    client.force_login(user)
    return client, user


def test_revising_a_building_block_adds_a_version_and_last_year_still_shows_the_old_one(catalog):
    block = BuildingBlock.objects.get(cluster__code="care_and_support", code="guidance")
    user = UserFactory(role=Role.FUNCTIONAL_ADMIN)
    services.building_block_revise(
        building_block=block,
        effective_from=CHANGE,
        actor=user,
        reason="Raad besluit: begeleiding ook voor de Participatiewet",
        name="Begeleiding",
        description="Nieuwe omschrijving",
        domains=["P", "J", "W"],
    )
    assert selectors.building_block_version_get(key=block.key, as_of=LAST_YEAR).domains == "JW"
    current = selectors.building_block_version_get(key=block.key, as_of=AFTER)
    assert (current.name, current.domains, current.number, current.changed_by) == ("Begeleiding", "JWP", 2, user)
    assert block.versions.count() == 2


def test_a_revision_is_recorded_as_an_event_with_before_and_after(catalog):
    block = BuildingBlock.objects.get(cluster__code="income_provisions", code="debt_assistance")
    user = UserFactory(role=Role.FUNCTIONAL_ADMIN)
    services.building_block_revise(
        building_block=block,
        effective_from=CHANGE,
        actor=user,
        reason="Ook jeugd",
        name="Schuldhulpverlening",
        description="x",
        domains=["J", "W", "P"],
    )
    event = Event.objects.get(action="catalog.building_block_revised")
    assert event.subject_id == "income_provisions.debt_assistance"
    assert event.actor == user and event.reason == "Ook jeugd"
    assert event.before["domains"] == "WP" and event.after["domains"] == "JWP"


def test_loading_and_switching_presets_are_recorded_as_events(catalog):
    assert Event.objects.filter(action="catalog.configuration_loaded").count() == 5
    services.catalog_load(presets=["de_dienst"], activate="de_dienst")
    assert Event.objects.filter(action="catalog.preset_activated", subject_id="de_dienst").exists()


def test_changing_a_building_block_in_the_admin_saves_a_new_version_and_keeps_the_old(catalog, admin_client):
    client, _ = admin_client
    version = selectors.building_block_version_get(key="chain_partners.work_company")
    response = client.post(
        reverse("admin:catalog_buildingblockversion_change", args=[version.pk]),
        {
            "effective_from": "2016-01-01",
            "name": "Werkbedrijf Gooi en Vechtstreek",
            "description": version.description,
            "domains": ["P"],
            "heading": "",
            "appendix_name": "",
            "note": "",
            "is_active": "on",
            "reason": "Naam van het regionale werkbedrijf",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    version.refresh_from_db()
    assert (version.name, version.number) == ("Werkbedrijf", 1), "the edited version is never overwritten"
    assert selectors.building_block_version_get(key=version.building_block.key, as_of=AFTER).name == (
        "Werkbedrijf Gooi en Vechtstreek"
    )
    assert BuildingBlockVersion.objects.filter(building_block=version.building_block).count() == 2


def test_changing_a_steering_assignment_in_the_admin_saves_a_new_version(catalog, admin_client):
    client, user = admin_client
    preset = selectors.active_preset_get()
    assignment = selectors.steering_list(preset=preset, cluster="employer_services").get()
    response = client.post(
        reverse("admin:catalog_steeringassignment_change", args=[assignment.pk]),
        {
            "effective_from": "2016-01-01",
            "status": "filled_in",
            "policy_direction": ["region"],
            "delivery_direction": ["region"],
            "delivery": ["service_organisation"],
            "steering": "public",
            "organisation_scale": "region",
            "delivery_level": "",
            "procurement_scale": "",
            "text": assignment.text,
            "reason": "Werkgeversdienstverlening regionaal opgepakt",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SteeringAssignment.objects.filter(preset=preset, cluster__code="employer_services").count() == 2
    old = selectors.steering_list(preset=preset, as_of=LAST_YEAR, cluster="employer_services").get()
    new = selectors.steering_list(preset=preset, as_of=AFTER, cluster="employer_services").get()
    assert old.delivery_direction == ["service_organisation"] and old.pk == assignment.pk
    assert new.delivery_direction == ["region"] and new.changed_by == user
    assert Event.objects.filter(action="catalog.steering_revised").count() == 1


def test_the_admin_lists_the_catalog_for_functioneel_beheer(catalog, admin_client):
    client, _ = admin_client
    for name in ("buildingblock", "buildingblockversion", "steeringassignment", "cluster", "regionpreset"):
        assert client.get(reverse(f"admin:catalog_{name}_changelist")).status_code == 200


def test_versions_cannot_be_deleted_in_the_admin(catalog, admin_client):
    client, _ = admin_client
    version = BuildingBlockVersion.objects.first()
    response = client.get(reverse("admin:catalog_buildingblockversion_delete", args=[version.pk]))
    assert response.status_code == 403
