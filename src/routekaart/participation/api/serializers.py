"""Serializers of the participation API: shapes only; the rules live in the services."""

from decimal import Decimal

from rest_framework import serializers

from ...core.api import ModelLimitsMixin
from ..models import Assignment, DistanceAssessment, Instrument, WageValueDetermination


class ParticipationInstrumentSerializer(serializers.ModelSerializer):
    spending_line = serializers.SlugRelatedField(slug_field="code", read_only=True)
    results = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    catalog_instrument = serializers.SerializerMethodField(help_text="Code van het instrument in de catalogus.")

    class Meta:
        model = Instrument
        fields = [
            "code",
            "name",
            "spending_line",
            "provider_kinds",
            "labour_distances",
            "is_reintegration",
            "requires_decision",
            "requires_uwv_advice",
            "requires_target_group_register",
            "requires_wage_value",
            "requires_employer",
            "requires_additionality",
            "exemption_grounds",
            "growth_potential",
            "min_weeks",
            "max_months",
            "cost_basis",
            "results",
            "catalog_instrument",
            "catalog_destination",
            "building_blocks",
        ]

    def get_catalog_instrument(self, instrument: Instrument) -> str:
        """The catalog instrument's code, or "" where the walking maps name none (as before it was a link)."""
        return instrument.catalog_instrument.code if instrument.catalog_instrument else ""


class WageSubsidyQuerySerializer(serializers.Serializer):
    on = serializers.DateField(help_text="De maand waarvoor de subsidie wordt berekend.")
    hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=Decimal("0.1"), max_value=Decimal(40)
    )
    wage_value_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal(0), max_value=Decimal(100)
    )


class WageSubsidySerializer(serializers.Serializer):
    minimum_wage = serializers.DecimalField(max_digits=10, decimal_places=2)
    wage_value = serializers.DecimalField(max_digits=10, decimal_places=2)
    compensation = serializers.DecimalField(max_digits=10, decimal_places=2)
    cap = serializers.DecimalField(max_digits=10, decimal_places=2)
    allowance_percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    allowance = serializers.DecimalField(max_digits=10, decimal_places=2)
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    capped = serializers.BooleanField()


class AssessmentSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    labour_distance = serializers.CharField(source="category.labour_distance", read_only=True)
    tier = serializers.SlugRelatedField(slug_field="code", read_only=True)
    ladder_rung = serializers.IntegerField(source="ladder_rung.order", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = DistanceAssessment
        fields = [
            "id",
            "assessed_on",
            "category",
            "labour_distance",
            "tier",
            "ladder_rung",
            "next_assessment_on",
            "change",
            "is_current",
            "municipality",
        ]


class AssessmentCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = DistanceAssessment
    category = serializers.CharField()
    tier = serializers.CharField()
    ladder_rung = serializers.IntegerField(min_value=1, max_value=6)
    assessed_on = serializers.DateField(required=False)
    municipality = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class WageValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = WageValueDetermination
        fields = ["id", "determined_on", "method", "percentage", "job_title", "valid_until"]


class AssignmentSerializer(serializers.ModelSerializer):
    instrument = serializers.SlugRelatedField(slug_field="code", read_only=True)
    provider = serializers.SlugRelatedField(slug_field="code", read_only=True)
    employer = serializers.SlugRelatedField(slug_field="code", read_only=True)
    result = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "instrument",
            "provider",
            "employer",
            "status",
            "planned_start",
            "planned_end",
            "started_on",
            "ended_on",
            "monthly_cost",
            "decision_granted",
            "decision_on",
            "result",
            "left_social_assistance",
        ]


class ProfileSerializer(serializers.Serializer):
    resident = serializers.IntegerField(source="resident.pk")
    assessments = AssessmentSerializer(many=True)
    wage_value = WageValueSerializer(allow_null=True)
    target_group_register = serializers.SerializerMethodField()
    assignments = AssignmentSerializer(many=True)

    def get_target_group_register(self, profile) -> dict | None:
        entry = profile.register_state
        return None if entry is None else {"status": entry.status, "ground": entry.ground, "as_of": entry.as_of}
