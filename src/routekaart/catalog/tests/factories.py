import datetime

import factory

from ..models import (
    BuildingBlock,
    BuildingBlockVersion,
    Cluster,
    ClusterAssignment,
    ConfigurationVersion,
    Destination,
    LifePhase,
    PolicyInstrument,
    RegionPreset,
    SteeringAssignment,
    Zone,
)


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone
        django_get_or_create = ["code"]

    code = "tailored"
    order = 4
    name = "Maatwerkvoorzieningen"
    colour = "blue"


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    code = factory.Sequence(lambda n: f"cluster_{n}")
    zone = factory.SubFactory(ZoneFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Cluster {n}")


class BuildingBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuildingBlock

    cluster = factory.SubFactory(ClusterFactory)
    code = factory.Sequence(lambda n: f"block_{n}")
    order = factory.Sequence(lambda n: n + 1)


class BuildingBlockVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuildingBlockVersion

    building_block = factory.SubFactory(BuildingBlockFactory)
    number = 1
    effective_from = datetime.date(2015, 1, 1)
    name = factory.Sequence(lambda n: f"Bouwsteen {n}")
    description = "Omschrijving"
    domains = "P"
    source = "test"


class RegionPresetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionPreset

    code = factory.Sequence(lambda n: f"preset_{n}")
    name = factory.Sequence(lambda n: f"Regio {n}")
    version = 1
    effective_from = datetime.date(2015, 1, 1)


class SteeringAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringAssignment

    preset = factory.SubFactory(RegionPresetFactory)
    cluster = factory.SubFactory(ClusterFactory)
    number = 1
    effective_from = datetime.date(2015, 1, 1)
    status = "filled_in"
    policy_direction = ["municipality"]
    source = "test"


class ClusterAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterAssignment

    preset = factory.SubFactory(RegionPresetFactory)
    cluster = factory.SubFactory(ClusterFactory)
    order = factory.Sequence(lambda n: n + 1)


class DestinationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Destination

    code = factory.Sequence(lambda n: f"destination_{n}")
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Bestemming {n}")


class PolicyInstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyInstrument

    code = factory.Sequence(lambda n: f"instrument_{n}")
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Instrument {n}")
    kind = "instrument"


class LifePhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LifePhase

    code = factory.Sequence(lambda n: f"phase_{n}")
    order = factory.Sequence(lambda n: n + 1)
    name = "18-65 jaar"
    title = "Routes naar arbeidsparticipatie"
    min_age = 18
    max_age = 65


class ConfigurationVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConfigurationVersion

    name = factory.Sequence(lambda n: f"file_{n}")
    version = 1
    effective_from = datetime.date(2015, 1, 1)
    checksum = "0" * 64
