from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import (
    BuildingBlockVersion,
    Cluster,
    ClusterAssignment,
    Destination,
    LifePhase,
    PolicyInstrument,
    RegionPreset,
    SteeringAssignment,
    Zone,
)

DOMAIN_LIST = serializers.ListField(
    child=serializers.ChoiceField(choices=["J", "W", "P"]),
    help_text="De domeinen van de bouwsteen: J (Jeugdwet), W (Wmo 2015), P (Participatiewet).",
)


class ZoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Zone
        fields = ["code", "order", "name", "long_name", "colour", "decision_required", "section", "description"]


class SteeringAssignmentSerializer(serializers.ModelSerializer):
    preset = serializers.SlugRelatedField(slug_field="code", read_only=True)
    cluster = serializers.SlugRelatedField(slug_field="code", read_only=True)
    left_to = serializers.ListField(child=serializers.CharField())
    policy_direction = serializers.ListField(child=serializers.CharField(), help_text="Beleidsregie.")
    delivery_direction = serializers.ListField(child=serializers.CharField(), help_text="Uitvoeringsregie.")
    delivery = serializers.ListField(child=serializers.CharField(), help_text="Uitvoering.")
    duties = serializers.ListField(child=serializers.CharField())
    version = serializers.IntegerField(source="number")

    class Meta:
        model = SteeringAssignment
        fields = ["preset", "cluster", "version", "effective_from", *SteeringAssignment.CONTENT_FIELDS, "source"]


class ClusterSerializer(serializers.ModelSerializer):
    zone = serializers.SlugRelatedField(slug_field="code", read_only=True)
    steering = serializers.SerializerMethodField(help_text="Het sturingsmodel in de actieve regio-preset.")

    class Meta:
        model = Cluster
        fields = [
            "code",
            "name",
            "long_name",
            "zone",
            "order",
            "section",
            "appendix_label",
            "tasks",
            "relations",
            "note",
            "steering",
        ]

    @extend_schema_field(SteeringAssignmentSerializer(allow_null=True))
    def get_steering(self, cluster: Cluster) -> dict | None:
        assignment = self.context.get("steering", {}).get(cluster.pk)
        return SteeringAssignmentSerializer(assignment).data if assignment else None


class BuildingBlockSerializer(serializers.ModelSerializer):
    """A building block as it holds on the requested date (today by default)."""

    key = serializers.CharField(source="building_block.key", help_text="cluster.bouwsteen, uniek.")
    code = serializers.CharField(source="building_block.code")
    cluster = serializers.CharField(source="building_block.cluster.name", help_text="De naam van het cluster.")
    cluster_code = serializers.CharField(source="building_block.cluster.code")
    zone = serializers.CharField(source="building_block.cluster.zone.code")
    order = serializers.IntegerField(source="building_block.order")
    domains = serializers.SerializerMethodField()
    version = serializers.IntegerField(source="number")

    class Meta:
        model = BuildingBlockVersion
        fields = [
            "key",
            "code",
            "name",
            "cluster",
            "cluster_code",
            "zone",
            "order",
            "domains",
            "description",
            "heading",
            "note",
            "version",
            "effective_from",
        ]

    @extend_schema_field(DOMAIN_LIST)
    def get_domains(self, version: BuildingBlockVersion) -> list[str]:
        return version.domain_list


class _LinkedSerializer(serializers.ModelSerializer):
    building_blocks = serializers.SerializerMethodField(help_text="Sleutels (cluster.bouwsteen) van de bouwstenen.")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_building_blocks(self, obj) -> list[str]:
        return [block.key for block in obj.building_blocks.all()]


class DestinationSerializer(_LinkedSerializer):
    class Meta:
        model = Destination
        fields = ["code", "order", "name", "source", "text", "building_blocks"]


class PolicyInstrumentSerializer(_LinkedSerializer):
    class Meta:
        model = PolicyInstrument
        fields = ["code", "order", "name", "kind", "source", "text", "building_blocks"]


class HandoverSerializer(serializers.Serializer):
    at_age = serializers.IntegerField()
    text = serializers.CharField()


class LifePhaseSerializer(_LinkedSerializer):
    handovers = HandoverSerializer(many=True)

    class Meta:
        model = LifePhase
        fields = [
            "code",
            "order",
            "name",
            "title",
            "min_age",
            "max_age",
            "source",
            "text",
            "handovers",
            "building_blocks",
        ]


class ClusterAssignmentSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organisations = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = ClusterAssignment
        fields = ["cluster", "organisations", "source", "text"]


class RegionPresetSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assignments = ClusterAssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = RegionPreset
        fields = [
            "code",
            "name",
            "description",
            "source",
            "version",
            "effective_from",
            "is_active",
            "region",
            "assignments",
        ]
