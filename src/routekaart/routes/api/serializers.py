from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...core.api import ModelLimitsMixin
from ...organisations.models import Organisation
from ...participation.models import LabourDistance
from ...residents.models import Resident
from ..models import (
    ConditionRecord,
    Party,
    RegieHandover,
    Route,
    RouteMap,
    RouteMapTier,
    Step,
    StepAction,
    StepProgress,
    Trajectory,
    WaitlistEntry,
)
from ..workflow import TRANSITIONS, Outcome


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["code", "name", "organisation_kind", "text"]


class StepActionSerializer(serializers.ModelSerializer):
    parties = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    addressees = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = StepAction
        fields = ["text", "parties", "addressees", "condition", "min_age", "max_age", "school_kind", "next_route"]


class StepSerializer(serializers.ModelSerializer):
    parties = serializers.SerializerMethodField(help_text="The parties that act in this step, as the seed names them.")
    regie = serializers.SerializerMethodField(help_text="The party that holds regie in this step.")
    actions = StepActionSerializer(many=True, read_only=True)

    class Meta:
        model = Step
        fields = ["number", "name", "parties", "regie", "optional", "requires", "at_age", "life_phase", "actions"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_parties(self, step: Step) -> list[str]:
        return [party.name for party in step.parties]

    @extend_schema_field(serializers.CharField())
    def get_regie(self, step: Step) -> str:
        return (step.regie or step.route.regie).name


class RouteTemplateSerializer(serializers.ModelSerializer):
    key = serializers.CharField(read_only=True, help_text="`<map>.<route>`, stable across versions.")
    map = serializers.CharField(source="route_map.code", read_only=True)
    map_version = serializers.IntegerField(source="route_map.version", read_only=True)
    region = serializers.CharField(source="route_map.region", read_only=True)
    source = serializers.CharField(source="route_map.source", read_only=True)
    regie = serializers.CharField(source="regie.name", read_only=True, help_text="The party holding regie.")
    regie_party = serializers.CharField(source="regie.code", read_only=True)
    steps = StepSerializer(many=True, read_only=True)

    class Meta:
        model = Route
        fields = [
            "id",
            "key",
            "map",
            "map_version",
            "region",
            "source",
            "code",
            "name",
            "seed_name",
            "kind",
            "walking_kind",
            "regie",
            "regie_party",
            "regie_from_age",
            "text",
            "share_percent",
            "provisions",
            "building_blocks",
            "instruments",
            "destinations",
            "aftercare_months",
            "steps",
        ]


class RouteMapTierSerializer(serializers.ModelSerializer):
    """A tier on the map: participation's tier (code, name, labour distance) and the map's destinations under it."""

    code = serializers.CharField(source="tier.code", read_only=True)
    order = serializers.IntegerField(source="tier.order", read_only=True)
    name = serializers.CharField(source="tier.name", read_only=True)
    text = serializers.CharField(source="tier.text", read_only=True)
    labour_distance = serializers.ChoiceField(
        source="tier.labour_distance", choices=LabourDistance.choices, read_only=True
    )

    class Meta:
        model = RouteMapTier
        fields = ["code", "order", "name", "text", "labour_distance", "destinations"]


class RouteMapSerializer(serializers.ModelSerializer):
    parties = PartySerializer(many=True, read_only=True)
    tiers = RouteMapTierSerializer(many=True, read_only=True)
    routes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = RouteMap
        fields = [
            "code",
            "version",
            "effective_from",
            "name",
            "region",
            "source",
            "description",
            "principles",
            "parties",
            "tiers",
            "routes",
        ]


# --- trajectories -----------------------------------------------------------------------------------------------


class StepProgressSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(source="step.number", read_only=True)
    name = serializers.CharField(source="step.name", read_only=True)

    class Meta:
        model = StepProgress
        fields = [
            "number",
            "name",
            "state",
            "due_on",
            "started_on",
            "finished_on",
            "outcome",
            "blocked_reason",
            "skipped_reason",
        ]


class ConditionRecordSerializer(serializers.ModelSerializer):
    step = serializers.IntegerField(source="step.number", read_only=True)

    class Meta:
        model = ConditionRecord
        fields = ["step", "condition", "outcome", "recorded_on", "note"]


class RegieHandoverSerializer(serializers.ModelSerializer):
    from_party = serializers.CharField(source="from_party.name", read_only=True)
    to_party = serializers.CharField(source="to_party.name", read_only=True)
    from_organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    to_organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = RegieHandover
        fields = [
            "id",
            "from_party",
            "from_organisation",
            "to_party",
            "to_organisation",
            "state",
            "not_before",
            "proposed_at",
            "accepted_at",
        ]


class WaitlistEntrySerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = WaitlistEntry
        fields = [
            "id",
            "trajectory",
            "municipality",
            "indication_date",
            "placed_on",
            "receives_social_assistance",
            "receives_day_activities",
            "place_offered_on",
        ]


class TrajectorySerializer(serializers.ModelSerializer):
    resident = serializers.PrimaryKeyRelatedField(read_only=True)
    route = serializers.CharField(source="route.key", read_only=True)
    route_version = serializers.IntegerField(source="route.route_map.version", read_only=True)
    current_step = serializers.IntegerField(source="current_step.number", read_only=True, allow_null=True)
    regie = serializers.CharField(source="regie_party.name", read_only=True)
    regie_organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    school = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Trajectory
        fields = [
            "id",
            "resident",
            "route",
            "route_version",
            "status",
            "current_step",
            "regie",
            "regie_organisation",
            "school",
            "school_kind",
            "exit_profile",
            "started_on",
            "ended_on",
            "aftercare_until",
        ]


class TrajectoryDetailSerializer(TrajectorySerializer):
    steps = serializers.SerializerMethodField()
    conditions = serializers.SerializerMethodField()
    handovers = serializers.SerializerMethodField()
    recordable = serializers.SerializerMethodField(
        help_text="The conditions of the current step the caller may record (the party that acts in the line)."
    )

    class Meta(TrajectorySerializer.Meta):
        fields = [*TrajectorySerializer.Meta.fields, "internships", "steps", "conditions", "handovers", "recordable"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_recordable(self, trajectory) -> list[str]:
        return list(self.context["view_data"].recordable)

    @extend_schema_field(StepProgressSerializer(many=True))
    def get_steps(self, trajectory) -> list[dict]:
        view = self.context["view_data"]
        return StepProgressSerializer([p for p in view.progress.values() if p], many=True).data

    @extend_schema_field(ConditionRecordSerializer(many=True))
    def get_conditions(self, trajectory) -> list[dict]:
        return ConditionRecordSerializer(self.context["view_data"].records, many=True).data

    @extend_schema_field(RegieHandoverSerializer(many=True))
    def get_handovers(self, trajectory) -> list[dict]:
        return RegieHandoverSerializer(self.context["view_data"].handovers, many=True).data


class TrajectoryStartSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Trajectory
    resident = serializers.PrimaryKeyRelatedField(queryset=Resident.objects.all())
    route = serializers.CharField(help_text="`<map>.<route>` of a current route map, e.g. `de_dienst.sheltered_work`.")
    organisations = serializers.DictField(
        child=serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all()),
        help_text='Party code → organisation code, e.g. {"school": "vso-de-horizon", "dienst": "dienst-weidebeek"}.',
    )
    school_kind = serializers.ChoiceField(choices=["pro", "vso", ""], required=False, default="")
    exit_profile = serializers.CharField(required=False, default="", allow_blank=True)
    internships = serializers.CharField(required=False, default="", allow_blank=True)


class StepTransitionSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = StepProgress
    step = serializers.IntegerField(min_value=1)
    transition = serializers.ChoiceField(choices=list(TRANSITIONS))
    reason = serializers.CharField(required=False, default="", allow_blank=True)
    outcome = serializers.CharField(required=False, default="", allow_blank=True)


class ConditionRecordCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = ConditionRecord
    condition = serializers.CharField()
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    recorded_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class PlaceOfferSerializer(serializers.Serializer):
    offered_on = serializers.DateField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(required=False, default="", allow_blank=True)
