"""The provider API's shapes: of the resident only what delivery needs (name, birth date, address; no BSN)."""

from rest_framework import serializers

from ...core.api import ModelLimitsMixin
from ...core.api_bounds import object_id_field
from ..desk_forms import stop_reason_choices
from ..models import Assignment, AssignmentStatus, ProgressRating, ProgressReport
from ..selectors_desk import volume_text
from ..services.progress import GOAL_TEXT_LENGTH


class DeskResidentSerializer(serializers.Serializer):
    name = serializers.CharField(source="full_name")
    birth_date = serializers.DateField()
    address = serializers.SerializerMethodField()

    def get_address(self, resident) -> str | None:
        return str(resident.address) if resident.address_id else None


class DeskProductSerializer(serializers.Serializer):
    category = serializers.CharField(source="category_code")
    code = serializers.CharField()
    name = serializers.CharField()


class DeskGoalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()


class DeskProgressReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressReport
        fields = ["id", "reported_on", "goal_ratings", "summary"]


class DeskAssignmentSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.name", read_only=True)
    resident = DeskResidentSerializer(read_only=True)
    product = DeskProductSerializer(read_only=True)
    volume_text = serializers.SerializerMethodField()
    goals = DeskGoalSerializer(many=True, read_only=True)
    status = serializers.ChoiceField(choices=AssignmentStatus.choices, read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "number",
            "municipality",
            "resident",
            "product",
            "law",
            "volume",
            "unit",
            "frequency",
            "volume_text",
            "starts_on",
            "ends_on",
            "status",
            "started_on",
            "stopped_on",
            "stop_reason",
            "goals",
        ]

    def get_volume_text(self, assignment) -> str:
        return volume_text(assignment)


class DeskAssignmentDetailSerializer(DeskAssignmentSerializer):
    progress_reports = DeskProgressReportSerializer(many=True, read_only=True)

    class Meta(DeskAssignmentSerializer.Meta):
        fields = [*DeskAssignmentSerializer.Meta.fields, "progress_reports"]


class DeskStartSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Assignment
    started_on = serializers.DateField()


class DeskStopSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Assignment
    stopped_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=stop_reason_choices())


class DeskGoalRatingSerializer(serializers.Serializer):
    goal = object_id_field()
    rating = serializers.ChoiceField(choices=ProgressRating.choices)
    text = serializers.CharField(max_length=GOAL_TEXT_LENGTH, required=False, allow_blank=True, default="")


class DeskProgressSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = ProgressReport
    reported_on = serializers.DateField()
    summary = serializers.CharField()
    goal_ratings = DeskGoalRatingSerializer(many=True, required=False, default=list)
