from rest_framework import serializers

from ...core.api import ModelLimitsMixin
from ..models import IncomeReport


class LineSerializer(serializers.Serializer):
    label = serializers.CharField()
    amount = serializers.DecimalField(max_digits=11, decimal_places=2, allow_null=True)
    explanation = serializers.CharField()
    sign = serializers.CharField()


class CalculationSerializer(serializers.Serializer):
    on = serializers.DateField()
    kind = serializers.CharField()
    cost_sharers = serializers.IntegerField()
    norm = serializers.DecimalField(max_digits=9, decimal_places=2)
    earnings = serializers.DecimalField(max_digits=9, decimal_places=2)
    disregard = serializers.DecimalField(max_digits=9, decimal_places=2)
    benefit = serializers.DecimalField(max_digits=9, decimal_places=2)
    norms_effective_from = serializers.DateField(source="norms.effective_from")
    norms_source = serializers.CharField(source="norms.source")
    norms_provisional = serializers.BooleanField(source="norms.provisional")
    lines = LineSerializer(many=True)
    housemates = LineSerializer(many=True, source="housemate_lines")


class ExplanationSerializer(serializers.Serializer):
    label = serializers.CharField()
    met = serializers.BooleanField()
    value = serializers.CharField()


class EntitlementSerializer(serializers.Serializer):
    regulation = serializers.CharField(source="regulation.code")
    name = serializers.CharField(source="regulation.name")
    entitled = serializers.BooleanField()
    used = serializers.BooleanField()
    not_taken_up = serializers.BooleanField()
    explanations = ExplanationSerializer(many=True)


class IncomeReportSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = IncomeReport
    month = serializers.DateField(help_text="Een dag in de maand waarover de inkomsten gaan (JJJJ-MM-DD).")
    net_earnings = serializers.DecimalField(max_digits=9, decimal_places=2)
    other_income = serializers.DecimalField(max_digits=9, decimal_places=2, required=False, default=0)
    hours = serializers.DecimalField(max_digits=6, decimal_places=2, required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class IncomeReportResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    month = serializers.DateField()
    net_earnings = serializers.DecimalField(max_digits=9, decimal_places=2)
    other_income = serializers.DecimalField(max_digits=9, decimal_places=2)
