"""The work API's shapes: field-level checks only; the rules are the services', answered as 400 per field."""

from rest_framework import serializers

from ...core.api import ModelLimitsMixin
from ...residents.models.persons import EducationLevel
from ..models import (
    Arrangement,
    ArrangementTask,
    Competence,
    Employer,
    EmployerKind,
    Placement,
    ProfileStatus,
    Sector,
    Vacancy,
)


class EmployerSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="organisation.name", read_only=True)
    organisation = serializers.CharField(source="organisation.code", read_only=True)
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Employer
        fields = ["id", "name", "organisation", "kvk_number", "kind", "sector"]


class EmployerCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Employer
    name = serializers.CharField(max_length=200)
    kvk_number = serializers.CharField(max_length=12)
    kind = serializers.ChoiceField(choices=EmployerKind.choices, default=EmployerKind.REGULAR)
    sector = serializers.SlugRelatedField(slug_field="code", queryset=Sector.objects.filter(is_active=True))


class _OpeningSerializer(serializers.ModelSerializer):
    employer = serializers.PrimaryKeyRelatedField(read_only=True)
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    competences = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    common = [
        "id",
        "employer",
        "title",
        "sector",
        "hours_min",
        "hours_max",
        "postcode",
        "city",
        "competences",
        "min_wage_value",
        "suits_jobs_agreement",
        "suits_sheltered_work",
        "positions",
        "status",
    ]


class VacancySerializer(_OpeningSerializer):
    via_agency = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Vacancy
        fields = [*_OpeningSerializer.common, "via_agency", "closing_date", "in_vacancy_service", "description"]


class ArrangementSerializer(_OpeningSerializer):
    tasks = serializers.SerializerMethodField()

    class Meta:
        model = Arrangement
        fields = [*_OpeningSerializer.common, "instruments", "guidance", "tasks"]

    def get_tasks(self, arrangement) -> list[dict]:
        return [{"source_job": t.source_job, "task": t.task} for t in arrangement.tasks.all()]


class _OpeningCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    employer = serializers.PrimaryKeyRelatedField(queryset=Employer.objects.all())
    title = serializers.CharField(max_length=200)
    sector = serializers.SlugRelatedField(slug_field="code", queryset=Sector.objects.filter(is_active=True))
    hours_min = serializers.IntegerField(min_value=1, max_value=40)
    hours_max = serializers.IntegerField(min_value=1, max_value=40)
    postcode = serializers.CharField(max_length=7)
    city = serializers.CharField(max_length=200)
    competences = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Competence.objects.filter(is_active=True), required=False
    )
    suits_jobs_agreement = serializers.BooleanField(default=False)
    suits_sheltered_work = serializers.BooleanField(default=False)
    positions = serializers.IntegerField(min_value=1, default=1)


class VacancyCreateSerializer(_OpeningCreateSerializer):
    limits_model = Vacancy
    via_agency = serializers.PrimaryKeyRelatedField(queryset=Employer.objects.all(), required=False, allow_null=True)
    min_wage_value = serializers.IntegerField(min_value=0, max_value=100, default=100)
    description = serializers.CharField(required=False, default="", allow_blank=True)
    closing_date = serializers.DateField(required=False, allow_null=True)
    in_vacancy_service = serializers.BooleanField(default=False)


class ArrangementTaskSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = ArrangementTask
    source_job = serializers.CharField(max_length=200)
    task = serializers.CharField(max_length=300)


class ArrangementCreateSerializer(_OpeningCreateSerializer):
    limits_model = Arrangement
    min_wage_value = serializers.IntegerField(min_value=0, max_value=100)
    tasks = ArrangementTaskSerializer(many=True)
    instruments = serializers.ListField(child=serializers.CharField(max_length=40), required=False, default=list)
    guidance = serializers.CharField(required=False, default="", allow_blank=True)


class ScoreComponentSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    points = serializers.DecimalField(max_digits=4, decimal_places=1)
    max_points = serializers.DecimalField(max_digits=4, decimal_places=1)
    text = serializers.CharField()


class RankedCandidateSerializer(serializers.Serializer):
    profile = serializers.IntegerField(source="profile.pk")
    name = serializers.CharField(source="resident.full_name")
    rank = serializers.IntegerField(allow_null=True)
    total = serializers.DecimalField(max_digits=4, decimal_places=1)
    components = ScoreComponentSerializer(source="lines", many=True)
    decision = serializers.CharField(source="decision.kind", default=None)


class CandidateRankingSerializer(serializers.Serializer):
    rules_version = serializers.IntegerField()
    pool_size = serializers.IntegerField()
    candidates = RankedCandidateSerializer(many=True)
    included = RankedCandidateSerializer(many=True)
    excluded = RankedCandidateSerializer(many=True)


class WorkProfileSerializer(serializers.Serializer):
    """The work profile as an adviser may see it: work fields, never care data."""

    id = serializers.IntegerField(source="profile.pk")
    name = serializers.CharField(source="resident.full_name")
    status = serializers.ChoiceField(source="profile.status", choices=ProfileStatus.choices)
    competences = serializers.ListField(child=serializers.CharField())
    experience = serializers.CharField(source="profile.experience")
    education_level = serializers.ChoiceField(source="profile.education_level", choices=EducationLevel.choices)
    hours_min = serializers.IntegerField(source="profile.hours_min")
    hours_max = serializers.IntegerField(source="profile.hours_max")
    pc4 = serializers.CharField(source="profile.pc4")
    max_travel_km = serializers.IntegerField(source="profile.max_travel_km")
    desired_sectors = serializers.ListField(child=serializers.CharField())
    wishes = serializers.CharField(source="profile.wishes")
    wage_value = serializers.IntegerField(source="labour.wage_value", allow_null=True)
    in_target_group_register = serializers.BooleanField(source="labour.in_register", allow_null=True)


class PlacementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Placement
        fields = [
            "id",
            "profile",
            "employer",
            "vacancy",
            "arrangement",
            "state",
            "proposed_on",
            "score_at_proposal",
            "rank_at_proposal",
            "by_override",
            "introduced_on",
            "trial_start",
            "trial_end",
            "contract_start",
            "contract_end",
            "contract_hours",
            "hourly_wage",
            "instruments",
            "counts_for_jobs_agreement",
            "ended_on",
        ]


class PlacementProposeSerializer(serializers.Serializer):
    vacancy = serializers.PrimaryKeyRelatedField(queryset=Vacancy.objects.all(), required=False, allow_null=True)
    arrangement = serializers.PrimaryKeyRelatedField(
        queryset=Arrangement.objects.all(), required=False, allow_null=True
    )
    profile = serializers.IntegerField()
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=500)
    share_with_employer = serializers.BooleanField(default=False)

    def validate(self, data):
        if bool(data.get("vacancy")) == bool(data.get("arrangement")):
            raise serializers.ValidationError({"vacancy": ["Kies één vacature of één arrangement."]})
        return data


class PlacementIntroduceSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Placement
    introduced_on = serializers.DateField()


class PlacementTrialSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Placement
    trial_start = serializers.DateField()
    trial_end = serializers.DateField()


class PlacementContractSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Placement
    contract_start = serializers.DateField()
    contract_end = serializers.DateField(required=False, allow_null=True)
    hours = serializers.IntegerField(min_value=1, max_value=40)
    hourly_wage = serializers.DecimalField(max_digits=6, decimal_places=2)
    instruments = serializers.ListField(child=serializers.CharField(max_length=40), required=False, default=list)
    counts_for_jobs_agreement = serializers.BooleanField(default=False)


class PlacementEndSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Placement
    ended_on = serializers.DateField()
    reason = serializers.CharField(max_length=500)
