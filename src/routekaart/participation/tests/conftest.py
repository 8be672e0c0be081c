import pytest


@pytest.fixture
def configuration(db):
    """Participation's shipped configuration, loaded as `load_configuration` loads it."""
    from routekaart.participation.configuration import participation_configuration_load

    return participation_configuration_load()


@pytest.fixture
def world(configuration):
    """A municipality, a coordinator with one resident in their caseload, the providers and an employer."""
    from types import SimpleNamespace

    from routekaart.participation.models import Instrument, LadderRung, ParticipationTier, Result

    from .factories import EmployerFactory, MunicipalityFactory, caseworker_with_resident, provider

    user, resident, household = caseworker_with_resident()
    return SimpleNamespace(
        user=user,
        resident=resident,
        household=household,
        municipality=MunicipalityFactory(name="Zaanstad"),
        learn_work=provider("learn_work_company", "sw_company", name="Leerwerkbedrijf"),
        sw_company=provider("sw_company", name="SW-bedrijf"),
        agency=provider("temp_agency", name="Uitzendbureau"),
        team=provider("neighbourhood_team", name="Sociaal wijkteam"),
        care=provider("care_provider", name="Zorgaanbieder"),
        employer=EmployerFactory(name="Albert Heijn"),
        instrument=lambda code: Instrument.objects.get(code=code),
        tier=lambda code: ParticipationTier.objects.get(code=code),
        rung=lambda order: LadderRung.objects.get(order=order),
        result=lambda code: Result.objects.get(code=code),
    )
